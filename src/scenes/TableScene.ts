// The table: the scenario's theatre with the three capitals and the shipping lanes, and on it the
// widgets (src/scenes/widgets): the round's dial and the step's countdown, the tracks as gauges,
// the deals with their verification, memo couriers and incidents. Everything is drawn from the
// store's `view`; the scene keeps no game state of its own (only what it has already animated) and
// sends nothing. It adds no keyboard input at all: the desks around it are DOM and need every key.
import * as Phaser from 'phaser';
import { timeLeft, type TableState, type TableStore } from '../client/store';
import { getScenario } from '../game/scenario';
import type { Scenario } from '../game/scenario/schema';
import { computeLayout, type TableLayout } from './layout';
import { capitalPoints, makeProjection, paintMap } from './mapArt';
import { SURFACE } from './palette';
import type { Board, Theatre } from './widgets/board';
import { TableEvents } from './widgets/couriers';
import { drawDeals } from './widgets/deals';
import { drawClockPanel, tickDial } from './widgets/dial';
import { drawGauges } from './widgets/gauges';
import type { Graphics } from './widgets/marks';
import { drawOverlay } from './widgets/overlay';
import { TextPool } from './widgets/text';

export const TABLE_SCENE_KEY = 'backchannel-table';

export class TableScene extends Phaser.Scene {
  private readonly store: TableStore;
  private unsubscribe: (() => void) | null = null;
  private dirty = true;
  private mapDirty = true;
  private layout: TableLayout | null = null;
  private theatre: Theatre | null = null;
  private scenarioId: string | null = null;
  private mapKey: string | null = null;
  private mapSerial = 0;
  private mapImage: Phaser.GameObjects.Image | null = null;
  private panels: Graphics | null = null;
  private overlay: Graphics | null = null;
  private dial: Graphics | null = null;
  private text: TextPool | null = null;
  private motion: TableEvents | null = null;
  private lastView: TableState['view'] = null;
  private lastTick = '';

  /** Whether to draw every frame; otherwise the game loop sleeps while nothing changes. */
  private readonly continuous: boolean;
  private heartbeat: ReturnType<typeof setTimeout> | null = null;
  private idleFrames = 0;
  private pendingDelays = 0;
  private detached = false;
  /** When the canvas last changed size: the map is repainted once the size settles. */
  private resizedAt = 0;

  constructor(store: TableStore, opts: { continuous?: boolean } = {}) {
    super({ key: TABLE_SCENE_KEY });
    this.store = store;
    this.continuous = opts.continuous ?? false;
  }

  create(): void {
    this.text = new TextPool(this);
    this.motion = new TableEvents(
      this,
      () => this.layout,
      () => this.theatre,
      (ms, fn) => this.later(ms, fn),
    );
    this.panels = this.add.graphics().setDepth(2);
    this.overlay = this.add.graphics().setDepth(1);
    this.dial = this.add.graphics().setDepth(3);
    this.unsubscribe = this.store.subscribe((next: TableState, prev: TableState) => {
      if (
        next.view !== prev.view ||
        next.seat !== prev.seat ||
        next.reducedMotion !== prev.reducedMotion ||
        next.clockOffset !== prev.clockOffset
      ) {
        this.dirty = true;
        this.wake();
      }
      if (next.reducedMotion && !prev.reducedMotion) this.motion?.clear();
    });
    this.scale.on(Phaser.Scale.Events.RESIZE, this.onResize, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, this.shutdown, this);
    this.events.once(Phaser.Scenes.Events.DESTROY, this.shutdown, this);
    this.redraw();
  }

  override update(): void {
    if (this.dirty) this.redraw();
    else this.tick(false);
    this.maybeSleep();
  }

  // ── idling ─────────────────────────────────────────────────────────────────────────────────
  // The table is still most of the time: when nothing moves, the game loop sleeps (no frames, no
  // GPU work) and wakes for a store change, a resize (see mount.ts), or the next tick of the
  // countdown. The frame in which it falls asleep is still drawn.

  /** Wakes the game loop if it sleeps. */
  wake(): void {
    if (this.heartbeat !== null) {
      clearTimeout(this.heartbeat);
      this.heartbeat = null;
    }
    this.idleFrames = 0;
    const loop = this.game?.loop;
    if (!loop || loop.running || this.detached) return;
    queueMicrotask(() => {
      if (!this.detached && !loop.running) loop.wake();
    });
  }

  private maybeSleep(): void {
    if (this.continuous) return;
    const busy =
      this.dirty ||
      (this.motion?.fx.size ?? 0) > 0 ||
      this.pendingDelays > 0 ||
      this.tweens.getTweens().length > 0;
    if (busy) {
      this.idleFrames = 0;
      return;
    }
    // A couple of idle frames first, so the last change is surely on screen.
    if (++this.idleFrames < 2) return;
    this.game.loop.sleep();
    // Wake when the countdown shows its next second (at least once a second, untimed or not).
    const left = timeLeft(this.store.getState());
    const delay = left !== null && left > 0 ? (left % 1000) + 20 : 1000;
    this.heartbeat = setTimeout(
      () => {
        this.heartbeat = null;
        this.wake();
      },
      Math.max(50, Math.min(1000, delay)),
    );
  }

  /** A delayed call that keeps the loop awake until it has run. */
  private later(ms: number, fn: () => void): void {
    this.pendingDelays++;
    this.time.delayedCall(ms, () => {
      this.pendingDelays = Math.max(0, this.pendingDelays - 1);
      fn();
    });
  }

  private onResize(): void {
    this.resizedAt = performance.now();
    this.mapDirty = true;
    this.dirty = true;
    this.motion?.clear();
    this.wake();
  }

  /** Stops reading the store and ends every animation; the scene draws nothing new after this. */
  detach(): void {
    this.detached = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.heartbeat !== null) clearTimeout(this.heartbeat);
    this.heartbeat = null;
    this.dirty = false;
    if (this.sys.settings.status < Phaser.Scenes.SHUTDOWN) this.motion?.clear();
  }

  private shutdown(): void {
    this.detached = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.heartbeat !== null) clearTimeout(this.heartbeat);
    this.heartbeat = null;
    this.scale.off(Phaser.Scale.Events.RESIZE, this.onResize, this);
    this.motion?.clear();
    if (this.mapKey && this.textures.exists(this.mapKey)) this.textures.remove(this.mapKey);
    this.mapKey = null;
  }

  // ── drawing ────────────────────────────────────────────────────────────────────────────────

  private redraw(): void {
    this.dirty = false;
    const state = this.store.getState();
    const view = state.view;
    const width = this.scale.width;
    const height = this.scale.height;
    const layout = computeLayout(width, height);
    if (!this.layout || this.layout.width !== layout.width || this.layout.height !== layout.height)
      this.mapDirty = true;
    this.layout = layout;
    const text = this.text;
    if (!text || !this.panels || !this.overlay || !this.dial) return;
    text.begin();
    this.panels.clear();
    this.overlay.clear();
    this.dial.clear();

    let scenario: Scenario | null;
    try {
      scenario = view ? getScenario(view.options.scenario) : null;
    } catch {
      scenario = null;
    }
    if (!view || !scenario) {
      this.mapImage?.setVisible(false);
      text.txt('waiting', width / 2, height / 2, view ? 'Unknown scenario' : 'Setting the table…', {
        size: layout.unit * 1.1,
        color: SURFACE.panelMuted,
        ox: 0.5,
        oy: 0.5,
      });
      text.hideUnused();
      this.lastView = view;
      return;
    }

    if (this.mapDirty || this.scenarioId !== scenario.id) {
      const settling =
        this.mapImage !== null &&
        this.scenarioId === scenario.id &&
        performance.now() - this.resizedAt < 200;
      if (settling) this.stretchTheatre(scenario, layout);
      else this.paintTheatre(scenario, layout);
    }
    this.mapImage?.setVisible(true);

    if (view !== this.lastView) this.motion?.play(view, state, scenario);
    this.lastView = view;

    const board: Board = { scene: this, layout, panels: this.panels, text };
    if (this.theatre)
      drawOverlay(this.overlay, text, layout, this.theatre, view, state.seat, scenario);
    drawClockPanel(board, view, state.seat, scenario);
    drawGauges(board, view, scenario);
    drawDeals(board, view, scenario);
    this.lastTick = '';
    this.tick(true);
    text.hideUnused();
  }

  /** The moving parts of the clock, redrawn only when they change. */
  private tick(force: boolean): void {
    const state = this.store.getState();
    if (!state.view || !this.layout || !this.dial || !this.text) return;
    let scenario: Scenario;
    try {
      scenario = getScenario(state.view.options.scenario);
    } catch {
      return;
    }
    this.lastTick = tickDial(
      this.dial,
      this.text,
      this.layout,
      state,
      scenario,
      this.lastTick,
      force,
    );
  }

  private paintTheatre(scenario: Scenario, layout: TableLayout): void {
    this.mapDirty = false;
    this.scenarioId = scenario.id;
    const card = layout.map;
    const w = Math.max(2, Math.round(card.w));
    const h = Math.max(2, Math.round(card.h));
    const oldKey = this.mapKey;
    const key = `backchannel-map-${++this.mapSerial}`;
    const texture = this.textures.createCanvas(key, w, h);
    if (!texture) return;
    const local = makeProjection({ x: 0, y: 0, w, h }, layout.unit);
    const painted = paintMap(texture.context, scenario, local, w, h, layout.unit);
    texture.refresh();
    if (this.mapImage) this.mapImage.setTexture(key).setScale(1);
    else this.mapImage = this.add.image(0, 0, key).setOrigin(0, 0).setDepth(0);
    this.mapImage.setPosition(Math.round(card.x), Math.round(card.y));
    this.mapKey = key;
    if (oldKey && this.textures.exists(oldKey)) this.textures.remove(oldKey);

    const proj = makeProjection(
      { x: Math.round(card.x), y: Math.round(card.y), w, h },
      layout.unit,
    );
    const ox = Math.round(card.x);
    const oy = Math.round(card.y);
    this.theatre = {
      proj,
      capitals: capitalPoints(scenario, proj),
      taken: painted.taken.map((b) => ({ x: b.x + ox, y: b.y + oy, w: b.w, h: b.h })),
    };
  }

  /** While a resize is under way: the old painting stretched to the new card, repainted later. */
  private stretchTheatre(scenario: Scenario, layout: TableLayout): void {
    const card = layout.map;
    const x = Math.round(card.x);
    const y = Math.round(card.y);
    const w = Math.max(2, Math.round(card.w));
    const h = Math.max(2, Math.round(card.h));
    this.mapImage?.setPosition(x, y).setDisplaySize(w, h);
    const proj = makeProjection({ x, y, w, h }, layout.unit);
    this.theatre = { proj, capitals: capitalPoints(scenario, proj), taken: [] };
    this.dirty = true; // Come back next frame, and paint once the size has settled.
  }
}
