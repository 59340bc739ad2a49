// The painted map under everything: the scenario's theatre painted once into a canvas texture for
// the map's card, stretched while a resize is under way and painted again once the size settles.
// It keeps the projection, the capitals and the boxes of the map's names for the other widgets.
import type * as Phaser from 'phaser';
import type { Scenario } from '../../game/scenario/schema';
import type { TableLayout } from '../layout';
import { capitalPoints, makeProjection, paintMap } from '../mapArt';
import type { Theatre } from './board';

/** How long after a resize the old painting is stretched before the map is painted anew. */
const SETTLE_MS = 200;

export class TheatreLayer {
  /** The painting, its projection and what it takes, once painted. */
  theatre: Theatre | null = null;
  private dirty = true;
  private scenarioId: string | null = null;
  private key: string | null = null;
  private serial = 0;
  private image: Phaser.GameObjects.Image | null = null;
  private resizedAt = 0;

  constructor(private readonly scene: Phaser.Scene) {}

  /** The canvas changed size: paint again once the size has settled. */
  resized(): void {
    this.resizedAt = performance.now();
    this.dirty = true;
  }

  /** The layout changed (a new size): paint again. */
  invalidate(): void {
    this.dirty = true;
  }

  hide(): void {
    this.image?.setVisible(false);
  }

  /**
   * Shows the theatre of `scenario` for `layout`, painting it if need be. Returns true while the
   * old painting is only stretched (the caller redraws next frame).
   */
  show(scenario: Scenario, layout: TableLayout): boolean {
    let settling = false;
    if (this.dirty || this.scenarioId !== scenario.id) {
      settling =
        this.image !== null &&
        this.scenarioId === scenario.id &&
        performance.now() - this.resizedAt < SETTLE_MS;
      if (settling) this.stretch(scenario, layout);
      else this.paint(scenario, layout);
    }
    this.image?.setVisible(true);
    return settling;
  }

  destroy(): void {
    const textures = this.scene.textures;
    if (this.key && textures.exists(this.key)) textures.remove(this.key);
    this.key = null;
  }

  private paint(scenario: Scenario, layout: TableLayout): void {
    this.dirty = false;
    this.scenarioId = scenario.id;
    const card = layout.map;
    const w = Math.max(2, Math.round(card.w));
    const h = Math.max(2, Math.round(card.h));
    const oldKey = this.key;
    const key = `backchannel-map-${++this.serial}`;
    const textures = this.scene.textures;
    const texture = textures.createCanvas(key, w, h);
    if (!texture) return;
    const local = makeProjection({ x: 0, y: 0, w, h }, layout.unit);
    const painted = paintMap(texture.context, scenario, local, w, h, layout.unit);
    texture.refresh();
    if (this.image) this.image.setTexture(key).setScale(1);
    else this.image = this.scene.add.image(0, 0, key).setOrigin(0, 0).setDepth(0);
    const ox = Math.round(card.x);
    const oy = Math.round(card.y);
    this.image.setPosition(ox, oy);
    this.key = key;
    if (oldKey && textures.exists(oldKey)) textures.remove(oldKey);
    const proj = makeProjection({ x: ox, y: oy, w, h }, layout.unit);
    this.theatre = {
      proj,
      capitals: capitalPoints(scenario, proj),
      taken: painted.taken.map((b) => ({ x: b.x + ox, y: b.y + oy, w: b.w, h: b.h })),
    };
  }

  /** While a resize is under way: the old painting stretched to the new card. */
  private stretch(scenario: Scenario, layout: TableLayout): void {
    const card = layout.map;
    const x = Math.round(card.x);
    const y = Math.round(card.y);
    const w = Math.max(2, Math.round(card.w));
    const h = Math.max(2, Math.round(card.h));
    this.image?.setPosition(x, y).setDisplaySize(w, h);
    const proj = makeProjection({ x, y, w, h }, layout.unit);
    this.theatre = { proj, capitals: capitalPoints(scenario, proj), taken: [] };
  }
}
