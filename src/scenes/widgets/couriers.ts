// What moves on the table: memo couriers on the only path there is (principal ▶ broker ▶
// principal) and incidents striking with their headlines. The trips and the strikes are the seat
// model's (src/game/model/scene.ts: mapOf, from its memos, proposals, incidents and what changed
// since the seat last looked); each is animated once, by its key. With reduced motion, couriers
// are simply delivered and headlines show without a fade.
import * as Phaser from 'phaser';
import type { MapModel, Strike } from '../../game/model/scene';
import type { Scenario } from '../../game/scenario/schema';
import type { Seat } from '../../game/types';
import type { TableLayout } from '../layout';
import { shapePoints, type Rect } from '../mapArt';
import { FONT, INCIDENT, SEAT_STYLE, SURFACE, css } from '../palette';
import { incidentPoint, type Theatre } from './board';
import { clamp, envelope, star } from './marks';

/** How long an incident's headline stays on the map, in ms. */
const HEADLINE_MS = 6500;
const MAX_COURIERS = 10;

export class TableEvents {
  /** Events already shown (courier trips, incidents), so each is animated once. */
  private readonly seen = new Set<string>();
  private primedFor: string | null = null;
  /** Everything animating now; the scene sleeps only when this is empty. */
  readonly fx = new Set<Phaser.GameObjects.GameObject>();
  private couriers = 0;
  private headlineSlots: Rect[] = [];
  /** Takes down each headline on the map now (a small map shows one at a time). */
  private headlines = new Set<() => void>();

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly layout: () => TableLayout | null,
    private readonly theatre: () => Theatre | null,
    /** A delayed call that keeps the scene awake until it has run. */
    private readonly later: (ms: number, fn: () => void) => void,
  ) {}

  /**
   * Animates what the model lists that was not shown yet. The trips already listed when a table
   * (match, seat, scenario: `primeKey`) is first drawn are taken as seen; the strikes are only
   * those among what changed since the seat last looked, so they show even then.
   */
  play(map: MapModel, primeKey: string, reducedMotion: boolean, scenario: Scenario): void {
    const priming = this.primedFor !== primeKey;
    if (priming) {
      this.seen.clear();
      this.primedFor = primeKey;
    }
    const fresh = (key: string, prime: boolean) => {
      if (this.seen.has(key)) return false;
      this.seen.add(key);
      return !(priming && prime);
    };
    const trips = map.trips.filter((t) => fresh(t.key, true));
    const strikes = map.strikes.filter((s) => fresh(s.key, false));

    // On a small map the headlines take turns; on a large one they show together.
    const small = (this.layout()?.map.w ?? 0) < 560;
    const showStrikes = (still: boolean) =>
      strikes.forEach((inc, i) => {
        const delay = small ? i * (HEADLINE_MS + 1500) : still ? 0 : i * 350;
        if (delay === 0) this.strike(inc, scenario, still);
        else this.later(delay, () => this.strike(inc, scenario, still));
      });
    if (reducedMotion) {
      // No movement: couriers are simply delivered; headlines show without a fade.
      showStrikes(true);
      return;
    }
    const inbound = trips.some((t) => t.leg === 0);
    let n0 = 0;
    let n1 = 0;
    for (const t of trips) {
      const delay = t.leg === 0 ? n0++ * 180 : (inbound ? 1500 : 0) + n1++ * 180;
      this.courier(t.from, t.to, t.carrier, delay);
    }
    showStrikes(false);
  }

  clear(): void {
    this.scene.tweens.killAll();
    for (const obj of this.fx) obj.destroy();
    this.fx.clear();
    this.couriers = 0;
    this.headlineSlots = [];
    this.headlines.clear();
  }

  /** A memo courier from one capital to another, along a gentle arc. */
  private courier(from: Seat, to: Seat, carrier: Seat, delay: number): void {
    const theatre = this.theatre();
    const layout = this.layout();
    if (!theatre || !layout || this.couriers >= MAX_COURIERS) return;
    const u = layout.unit;
    const [x0, y0] = theatre.capitals[from];
    const [x1, y1] = theatre.capitals[to];
    const dx = x1 - x0;
    const dy = y1 - y0;
    const dist = Math.hypot(dx, dy);
    if (dist < 1) return;
    // Bend to the left of travel, so outbound and inbound trips take different arcs.
    const bend = 0.18 * dist;
    const qx = (x0 + x1) / 2 + (dy / dist) * bend;
    const qy = (y0 + y1) / 2 - (dx / dist) * bend;
    const at = (t: number): [number, number] => {
      const a = (1 - t) * (1 - t);
      const b = 2 * (1 - t) * t;
      const c = t * t;
      return [a * x0 + b * qx + c * x1, a * y0 + b * qy + c * y1];
    };
    const style = SEAT_STYLE[carrier];
    const route = this.scene.add.graphics().setDepth(4).setAlpha(0);
    const dots = Math.max(6, Math.round(dist / (u * 0.9)));
    route.fillStyle(style.color, 0.55);
    for (let i = 1; i < dots; i++) {
      const [px, py] = at(i / dots);
      route.fillCircle(px, py, Math.max(1.5, u * 0.1));
    }
    const env = this.scene.add.graphics().setDepth(5).setPosition(x0, y0).setVisible(false);
    const w = u * 1.35;
    env.fillStyle(0x000000, 0.25);
    env.fillRect(-w / 2 + 1.5, -w * 0.33 + 2, w, w * 0.66);
    envelope(env, 0, 0, w, style.color, SURFACE.halo);
    const stamp = shapePoints(style.shape, w * 0.3, -w * 0.12, w * 0.13).map(
      ([x, y]) => new Phaser.Math.Vector2(x, y),
    );
    env.fillStyle(SURFACE.halo, 1);
    env.fillPoints(stamp, true);
    this.fx.add(route);
    this.fx.add(env);
    this.couriers++;
    const duration = clamp(700 + dist * 1.6, 1100, 2200);
    this.scene.tweens.add({ targets: route, alpha: 1, duration: 250, delay });
    this.scene.tweens.addCounter({
      from: 0,
      to: 1,
      delay,
      duration,
      ease: 'Sine.easeInOut',
      onStart: () => env.setVisible(true),
      onUpdate: (tween) => {
        const [px, py] = at(tween.getValue() ?? 0);
        env.setPosition(px, py);
      },
      onComplete: () => {
        env.destroy();
        this.fx.delete(env);
        this.couriers = Math.max(0, this.couriers - 1);
        this.scene.tweens.add({
          targets: route,
          alpha: 0,
          duration: 400,
          onComplete: () => {
            route.destroy();
            this.fx.delete(route);
          },
        });
        this.ping(x1, y1, style.color);
      },
    });
  }

  /** A ring that spreads from a capital when a courier arrives. */
  private ping(x: number, y: number, color: number): void {
    const u = this.layout()?.unit ?? 14;
    const ring = this.scene.add.graphics().setDepth(4).setPosition(x, y);
    ring.lineStyle(2, color, 1);
    ring.strokeCircle(0, 0, u);
    ring.setScale(0.6);
    this.fx.add(ring);
    this.scene.tweens.add({
      targets: ring,
      scale: 2,
      alpha: 0,
      duration: 700,
      ease: 'Quad.easeOut',
      onComplete: () => {
        ring.destroy();
        this.fx.delete(ring);
      },
    });
  }

  /** An incident appears where it strikes, with its headline for a few seconds. */
  private strike(inc: Strike, scenario: Scenario, still: boolean): void {
    const layout = this.layout();
    const theatre = this.theatre();
    const u = layout?.unit ?? 14;
    const at = theatre ? incidentPoint(scenario, theatre, inc.placeId, u) : null;
    if (!layout || !theatre || !at) return;
    // On a small map a new headline takes the place of any still showing.
    if (layout.map.w < 560) for (const takeDown of [...this.headlines]) takeDown();
    const map = layout.map;
    const [x, y] = at;
    const delay = 0;

    // The headline: a dark card beside the mark, kept inside the map and clear of the others.
    const maxW = clamp(map.w * (map.w < 560 ? 0.64 : 0.42), u * 11, u * 19);
    const text = this.scene.add
      .text(0, 0, inc.headline, {
        fontFamily: FONT,
        fontSize: `${Math.round(u * 0.85)}px`,
        fontStyle: '600',
        color: css(SURFACE.halo),
        wordWrap: { width: maxW - u * 1.2, useAdvancedWrap: true },
        lineSpacing: 2,
      })
      .setOrigin(0, 0);
    const cw = Math.min(maxW, text.width + u * 1.2);
    const ch = text.height + u * 0.9;
    // Try the sides of the mark; keep clear of other headlines first, then of the capitals and
    // the names on the map, and stay inside the map.
    const off = u * 1.3;
    const cands: Rect[] = [
      { x: x + off, y: y - ch / 2, w: cw, h: ch },
      { x: x - off - cw, y: y - ch / 2, w: cw, h: ch },
      { x: x + off * 0.6, y: y + off * 0.6, w: cw, h: ch },
      { x: x - off * 0.6 - cw, y: y + off * 0.6, w: cw, h: ch },
      { x: x + off * 0.6, y: y - off * 0.6 - ch, w: cw, h: ch },
      { x: x - off * 0.6 - cw, y: y - off * 0.6 - ch, w: cw, h: ch },
      { x: x - cw / 2, y: y + off, w: cw, h: ch },
      { x: x - cw / 2, y: y - off - ch, w: cw, h: ch },
    ];
    const hit = (a: Rect, b: Rect) =>
      a.x < b.x + b.w + 4 && b.x < a.x + a.w + 4 && a.y < b.y + b.h + 4 && b.y < a.y + a.h + 4;
    const capitals = (['0', '1', '2'] as const).map((seat): Rect => {
      const [px, py] = theatre.capitals[seat];
      return { x: px - u * 1.6, y: py - u * 1.6, w: u * 3.2, h: u * 3.2 };
    });
    const fit = (b: Rect): Rect => ({
      ...b,
      x: clamp(b.x, map.x + u * 0.5, map.x + map.w - u * 0.5 - b.w),
      y: clamp(b.y, map.y + u * 0.5, map.y + map.h - u * 0.5 - b.h),
    });
    // The star itself, which the card must never cover.
    const own: Rect = { x: x - u * 0.9, y: y - u * 0.9, w: u * 1.8, h: u * 1.8 };
    const score = (b0: Rect, i: number) => {
      const b = fit(b0);
      const moved = Math.abs(b.x - b0.x) + Math.abs(b.y - b0.y);
      return (
        (hit(own, b) ? 2000 : 0) +
        this.headlineSlots.filter((t) => hit(t, b)).length * 1000 +
        capitals.filter((t) => hit(t, b)).length * 100 +
        theatre.taken.filter((t) => hit(t, b)).length * 5 +
        moved * 0.5 +
        i
      );
    };
    const scores = cands.map(score);
    const bestIndex = scores.indexOf(Math.min(...scores));
    const { x: cx, y: cy } = fit(cands[bestIndex]!);
    const slot = { x: cx, y: cy, w: cw, h: ch };
    this.headlineSlots.push(slot);

    const card = this.scene.add.container(cx, cy).setDepth(6);
    const bg = this.scene.add.graphics();
    bg.fillStyle(0x000000, 0.2);
    bg.fillRoundedRect(2, 3, cw, ch, u * 0.4);
    bg.fillStyle(INCIDENT.label, 0.94);
    bg.fillRoundedRect(0, 0, cw, ch, u * 0.4);
    bg.fillStyle(INCIDENT.fill, 1);
    bg.fillRect(0, u * 0.4, u * 0.22, ch - u * 0.8);
    // A leader from the card to the mark.
    const lx = clamp(x - cx, 0, cw);
    const ly = clamp(y - cy, 0, ch);
    if (lx !== x - cx || ly !== y - cy) {
      bg.lineStyle(1.5, INCIDENT.label, 0.9);
      bg.lineBetween(lx, ly, x - cx, y - cy);
    }
    text.setPosition(u * 0.6, u * 0.45);
    card.add([bg, text]);
    const mark = this.scene.add.graphics().setDepth(6).setPosition(x, y);
    star(mark, 0, 0, u * 0.85, 1);
    this.fx.add(card);
    this.fx.add(mark);

    const remove = () => {
      if (!this.headlines.delete(remove)) return;
      this.scene.tweens.killTweensOf([card, mark]);
      card.destroy();
      mark.destroy();
      this.fx.delete(card);
      this.fx.delete(mark);
      this.headlineSlots = this.headlineSlots.filter((s) => s !== slot);
    };
    this.headlines.add(remove);
    if (still) {
      this.later(HEADLINE_MS, remove);
      return;
    }
    card.setAlpha(0);
    mark.setScale(0);
    const ring = this.scene.add.graphics().setDepth(6).setPosition(x, y);
    ring.lineStyle(3, INCIDENT.fill, 1);
    ring.strokeCircle(0, 0, u * 0.9);
    ring.setScale(0.3).setAlpha(0);
    this.fx.add(ring);
    this.scene.tweens.add({ targets: mark, scale: 1, duration: 420, delay, ease: 'Back.easeOut' });
    this.scene.tweens.add({
      targets: ring,
      scale: 2.6,
      alpha: { from: 1, to: 0 },
      duration: 900,
      delay,
      ease: 'Quad.easeOut',
      onComplete: () => {
        ring.destroy();
        this.fx.delete(ring);
      },
    });
    this.scene.tweens.add({ targets: card, alpha: 1, duration: 300, delay: delay + 200 });
    this.scene.tweens.add({
      targets: [card, mark],
      alpha: 0,
      duration: 1200,
      delay: delay + HEADLINE_MS,
      onComplete: remove,
    });
  }
}
