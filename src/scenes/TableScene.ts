// The table: the scenario's theatre with the three capitals and the shipping lanes, memo couriers
// on the only path there is (principal ▶ broker ▶ principal), incidents where they strike, the
// tracks as gauges, the deals with their verification, the round's 72-hour dial and the step's
// countdown. Everything is drawn from the store's `view`; the scene keeps no game state of its own
// (only what it has already animated) and sends nothing. It adds no keyboard input at all: the
// desks around it are DOM and need every key.
import * as Phaser from 'phaser';
import { timeLeft, type TableState, type TableStore } from '../client/store';
import { isPrincipal } from '../game/constants';
import { getScenario } from '../game/scenario';
import type { Scenario } from '../game/scenario/schema';
import type {
  BackchannelState,
  Deal,
  Incident,
  Outcome,
  PrincipalSeat,
  Seat,
  Step,
  TimedStep,
} from '../game/types';
import { computeLayout, type TableLayout } from './layout';
import {
  capitalPoints,
  isWaterPlace,
  makeProjection,
  paintMap,
  shapePoints,
  starPoints,
  type CapitalPoints,
  type Point,
  type Projection,
  type Rect,
} from './mapArt';
import {
  DEAL,
  FONT,
  HATCH,
  INCIDENT,
  SEAT_STYLE,
  SURFACE,
  TRACK_STYLE,
  css,
  type SeatShape,
  type TrackKey,
} from './palette';

export const TABLE_SCENE_KEY = 'backchannel-table';

const STEPS: readonly TimedStep[] = ['drafting', 'mediation', 'response', 'press'];
const STEP_NAME: Record<Step, string> = {
  drafting: 'Drafting',
  mediation: 'Mediation',
  response: 'Response',
  press: 'Press',
  over: 'Match over',
};
const OUTCOME_NAME: Record<Outcome, string> = {
  'durable-deal': 'A durable deal',
  'codified-stalemate': 'A codified stalemate',
  collapse: 'Collapse',
  war: 'War',
};
/** How long an incident's headline stays on the map, in ms. */
const HEADLINE_MS = 6500;
const MAX_COURIERS = 10;

interface TextOpts {
  size: number;
  color: number;
  weight?: number;
  italic?: boolean;
  ox?: number;
  oy?: number;
  wrap?: number;
  align?: 'left' | 'center' | 'right';
  depth?: number;
}

type Text = Phaser.GameObjects.Text;
type Graphics = Phaser.GameObjects.Graphics;

function seatName(scenario: Scenario, seat: Seat): string {
  return seat === '0'
    ? scenario.seats.A.name
    : seat === '1'
      ? scenario.seats.B.name
      : scenario.seats.broker.name;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Minutes and seconds (or hours) left, for the countdown. */
export function formatCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return `${m}:${String(s).padStart(2, '0')}`;
}

let measurer: CanvasRenderingContext2D | null = null;
/** Shortens text with an ellipsis to fit maxWidth in the given CSS font. */
function fitText(text: string, font: string, maxWidth: number): string {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text;
  measurer.font = font;
  if (measurer.measureText(text).width <= maxWidth) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measurer.measureText(`${text.slice(0, mid).trimEnd()}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

/** Greedy word wrap into at most maxLines lines; the last one ends with an ellipsis if cut. */
function wrapText(text: string, font: string, maxWidth: number, maxLines: number): string[] {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return [text];
  measurer.font = font;
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const next = line ? `${line} ${word}` : word;
    if (measurer.measureText(next).width <= maxWidth || !line) {
      line = next;
      continue;
    }
    if (lines.length === maxLines - 1) {
      lines.push(fitText(`${line} ${words.slice(i).join(' ')}`, font, maxWidth));
      return lines;
    }
    lines.push(line);
    line = word;
  }
  if (line) lines.push(fitText(line, font, maxWidth));
  return lines;
}

function measure(text: string, font: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 8;
  measurer.font = font;
  return measurer.measureText(text).width;
}

const fontOf = (size: number, weight = 400, italic = false) =>
  `${italic ? 'italic ' : ''}${weight} ${size}px ${FONT}`;

export class TableScene extends Phaser.Scene {
  private readonly store: TableStore;
  private unsubscribe: (() => void) | null = null;
  private dirty = true;
  private mapDirty = true;
  private layout: TableLayout | null = null;
  private proj: Projection | null = null;
  private capitals: CapitalPoints | null = null;
  /** Boxes of the map's marks and labels, in scene pixels, for overlays to keep clear of. */
  private taken: Rect[] = [];
  private scenarioId: string | null = null;
  private mapKey: string | null = null;
  private mapSerial = 0;
  private mapImage: Phaser.GameObjects.Image | null = null;
  private panels: Graphics | null = null;
  private overlay: Graphics | null = null;
  private dial: Graphics | null = null;
  private readonly texts = new Map<string, Text>();
  private readonly textSig = new Map<string, string>();
  private readonly used = new Set<string>();
  /** Events already shown (courier trips, incidents), so each is animated once. */
  private readonly seen = new Set<string>();
  private primedFor: string | null = null;
  private lastView: BackchannelState | null = null;
  private lastTick = '';
  private readonly fx = new Set<Phaser.GameObjects.GameObject>();
  private couriers = 0;
  private headlineSlots: Rect[] = [];

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
      if (next.reducedMotion && !prev.reducedMotion) this.clearFx();
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
      this.fx.size > 0 ||
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
    this.clearFx();
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
    if (this.sys.settings.status < Phaser.Scenes.SHUTDOWN) this.clearFx();
  }

  private shutdown(): void {
    this.detached = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.heartbeat !== null) clearTimeout(this.heartbeat);
    this.heartbeat = null;
    this.scale.off(Phaser.Scale.Events.RESIZE, this.onResize, this);
    this.clearFx();
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
    this.used.clear();
    this.panels?.clear();
    this.overlay?.clear();
    this.dial?.clear();

    let scenario: Scenario | null;
    try {
      scenario = view ? getScenario(view.options.scenario) : null;
    } catch {
      scenario = null;
    }
    if (!view || !scenario) {
      this.mapImage?.setVisible(false);
      this.txt('waiting', width / 2, height / 2, view ? 'Unknown scenario' : 'Setting the table…', {
        size: layout.unit * 1.1,
        color: SURFACE.panelMuted,
        ox: 0.5,
        oy: 0.5,
      });
      this.hideUnused();
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

    if (view !== this.lastView) this.playEvents(view, state, scenario);
    this.lastView = view;

    this.drawOverlay(view, state.seat, scenario);
    this.drawClockPanel(view, state.seat, scenario, layout);
    this.drawGauges(view, scenario, layout);
    this.drawDeals(view, scenario, layout);
    this.lastTick = '';
    this.tick(true);
    this.hideUnused();
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

    this.proj = makeProjection({ x: Math.round(card.x), y: Math.round(card.y), w, h }, layout.unit);
    this.capitals = capitalPoints(scenario, this.proj);
    const ox = Math.round(card.x);
    const oy = Math.round(card.y);
    this.taken = painted.taken.map((b) => ({ x: b.x + ox, y: b.y + oy, w: b.w, h: b.h }));
  }

  /** While a resize is under way: the old painting stretched to the new card, repainted later. */
  private stretchTheatre(scenario: Scenario, layout: TableLayout): void {
    const card = layout.map;
    const x = Math.round(card.x);
    const y = Math.round(card.y);
    const w = Math.max(2, Math.round(card.w));
    const h = Math.max(2, Math.round(card.h));
    this.mapImage?.setPosition(x, y).setDisplaySize(w, h);
    this.proj = makeProjection({ x, y, w, h }, layout.unit);
    this.capitals = capitalPoints(scenario, this.proj);
    this.taken = [];
    this.dirty = true; // Come back next frame, and paint once the size has settled.
  }

  private placePoint(scenario: Scenario, placeId: string): Point | null {
    const place = scenario.theatre.places.find((p) => p.id === placeId);
    return place && this.proj ? this.proj.at(place.at) : null;
  }

  /** Marks on the map that follow the state: this round's incidents, the seat, memos in hand. */
  private drawOverlay(view: BackchannelState, seat: Seat | null, scenario: Scenario): void {
    const g = this.overlay;
    const layout = this.layout;
    if (!g || !layout || !this.capitals) return;
    const u = layout.unit;

    // Incidents of this round (and, fainter, the last one) stay marked where they struck.
    const perPlace = new Map<string, number>();
    for (const inc of view.incidents) {
      if (inc.round < view.round - 1) continue;
      const at = this.placePoint(scenario, inc.place);
      if (!at) continue;
      const n = perPlace.get(inc.place) ?? 0;
      perPlace.set(inc.place, n + 1);
      const current = inc.round === view.round;
      const r = current ? u * 0.55 : u * 0.4;
      const x = at[0] + n * r * 1.4;
      const y = at[1] - (isWaterPlace(this.placeName(scenario, inc.place)) ? 0 : r * 0.2);
      this.star(g, x, y, r, current ? 1 : 0.45);
    }

    // The seat this browser plays: a ring around its capital.
    if (seat) {
      const [x, y] = this.capitals[seat];
      g.lineStyle(Math.max(2, u * 0.14), SURFACE.mapInk, 0.85);
      g.strokeCircle(x, y, u * 1.35);
      g.lineStyle(Math.max(1, u * 0.08), SURFACE.halo, 0.9);
      g.strokeCircle(x, y, u * 1.55);
    }

    // For the broker, memos in hand (new and held): an envelope and a count beside its mark.
    // A principal cannot tell which of its memos the broker still holds, so it sees none.
    const waiting =
      seat === '2'
        ? view.memos.filter((m) => m.status === 'pending' || m.status === 'held').length
        : 0;
    if (waiting > 0) {
      const [bx, by] = this.capitals['2'];
      const w = u * 2.6;
      const h = u * 1.25;
      const off = u * 1.75;
      const spots: Rect[] = [
        { x: bx - w / 2, y: by - off - h, w, h },
        { x: bx - w / 2, y: by + off, w, h },
        { x: bx - off - w, y: by - h / 2, w, h },
        { x: bx + off, y: by - h / 2, w, h },
      ];
      const hits = (b: Rect) =>
        this.taken.filter(
          (t) => b.x < t.x + t.w && t.x < b.x + b.w && b.y < t.y + t.h && t.y < b.y + b.h,
        ).length;
      const { x, y } = spots.reduce((best, b) => (hits(b) < hits(best) ? b : best));
      g.fillStyle(SURFACE.mapInk, 0.9);
      g.fillRoundedRect(x, y, w, h, h / 2);
      this.envelope(g, x + h * 0.62, y + h / 2, u * 0.95, SURFACE.halo, SURFACE.mapInk);
      this.txt('tray', x + w - h * 0.45, y + h / 2, String(waiting), {
        size: Math.round(u * 0.85),
        color: SURFACE.halo,
        weight: 700,
        ox: 1,
        oy: 0.5,
        depth: 1.5,
      });
    }
  }

  private placeName(scenario: Scenario, placeId: string): string {
    return scenario.theatre.places.find((p) => p.id === placeId)?.name ?? placeId;
  }

  private panel(r: Rect): void {
    const g = this.panels;
    const u = this.layout?.unit ?? 14;
    if (!g) return;
    g.fillStyle(SURFACE.panel, 1);
    g.fillRoundedRect(r.x, r.y, r.w, r.h, Math.min(12, u * 0.7));
    g.lineStyle(1, SURFACE.panelEdge, 1);
    g.strokeRoundedRect(r.x + 0.5, r.y + 0.5, r.w - 1, r.h - 1, Math.min(12, u * 0.7));
  }

  /** Round, step and countdown beside the 72-hour dial. */
  private drawClockPanel(
    view: BackchannelState,
    seat: Seat | null,
    scenario: Scenario,
    layout: TableLayout,
  ): void {
    const r = layout.clock;
    const u = layout.unit;
    this.panel(r);
    const g = this.panels;
    if (!g) return;
    const radius = Math.min(r.h * (layout.compact ? 0.36 : 0.4), r.w * 0.2);
    const cx = r.x + u * (layout.compact ? 0.6 : 0.8) + radius;
    const cy = r.y + r.h / 2;

    // The dial's face: four arcs, one per step, sized by the step's share of the round.
    g.fillStyle(SURFACE.table, 1);
    g.fillCircle(cx, cy, radius);
    g.lineStyle(1, SURFACE.panelEdge, 1);
    g.strokeCircle(cx, cy, radius);
    const segments = this.stepSegments(view);
    const current = STEPS.indexOf(view.step as TimedStep);
    const ringR = radius * 0.8;
    const ringW = Math.max(3, radius * 0.17);
    segments.forEach((seg, i) => {
      const a0 = -Math.PI / 2 + seg.from * Math.PI * 2 + 0.05;
      const a1 = -Math.PI / 2 + seg.to * Math.PI * 2 - 0.05;
      const past = view.step === 'over' || (current >= 0 && i < current);
      g.lineStyle(ringW, past ? SURFACE.panelMuted : SURFACE.panelEdge, past ? 0.55 : 1);
      g.beginPath();
      g.arc(cx, cy, ringR, a0, a1, false);
      g.strokePath();
    });
    // Ticks every 6 in-game hours; longer at 0, 24 and 48.
    for (let hr = 0; hr < 72; hr += 6) {
      const a = -Math.PI / 2 + (hr / 72) * Math.PI * 2;
      const major = hr % 24 === 0;
      const r0 = radius * (major ? 0.5 : 0.56);
      const r1 = radius * 0.64;
      g.lineStyle(major ? 2 : 1, SURFACE.panelMuted, major ? 0.9 : 0.6);
      g.lineBetween(
        cx + Math.cos(a) * r0,
        cy + Math.sin(a) * r0,
        cx + Math.cos(a) * r1,
        cy + Math.sin(a) * r1,
      );
    }
    const compact = layout.compact;
    this.txt('clock.round', cx, cy - (compact ? 0 : radius * 0.05), String(view.round), {
      size: Math.round(radius * (compact ? 0.75 : 0.5)),
      color: SURFACE.panelInk,
      weight: 700,
      ox: 0.5,
      oy: 0.5,
    });
    if (!compact)
      this.txt('clock.roundOf', cx, cy + radius * 0.3, `of ${view.options.rounds}`, {
        size: Math.max(10, Math.round(radius * 0.2)),
        color: SURFACE.panelMuted,
        ox: 0.5,
        oy: 0.5,
      });
    const stepLine =
      view.step === 'over'
        ? view.final
          ? OUTCOME_NAME[view.final.outcome]
          : ''
        : STEP_NAME[view.step];

    if (compact) {
      // Two lines: round and countdown; step and in-game hour.
      const tx = cx + radius + u * 0.6;
      const tw = r.x + r.w - u * 0.6 - tx;
      const s1 = Math.round(u * 0.9);
      const s2 = Math.round(u * 0.75);
      const y1 = cy - s1 * 1.15;
      const y2 = cy + u * 0.12;
      const title = view.step === 'over' ? 'Match over' : STEP_NAME[view.step];
      this.txt('clock.title', tx, y1, title, { size: s1, color: SURFACE.panelInk, weight: 700 });
      this.txt('clock.countdown', tx + tw, y1, '', {
        size: s1,
        color: SURFACE.panelInk,
        weight: 700,
        ox: 1,
      });
      const second =
        view.step === 'over' ? stepLine : `Round ${view.round} of ${view.options.rounds}`;
      this.txt('clock.step', tx, y2, second, {
        size: s2,
        color: SURFACE.panelMuted,
        weight: 600,
      });
      this.txt('clock.hour', tx + tw, y2, '', { size: s2, color: SURFACE.panelMuted, ox: 1 });
      return;
    }

    // Beside the dial: round and its pips, the step, the countdown, who is still to act.
    const tx = cx + radius + u * 0.9;
    const tw = r.x + r.w - u * 0.8 - tx;
    const big = Math.round(u * 1.05);
    const lineGap = u * 0.3;
    let y =
      r.y + Math.max(u * 0.55, (r.h - (big + u * 0.9 + big * 1.25 + u * 1.1 + lineGap * 3)) / 2);
    const roundText =
      view.step === 'over' ? 'Match over' : `Round ${view.round} of ${view.options.rounds}`;
    const roundLabel = this.txt('clock.title', tx, y, roundText, {
      size: big,
      color: SURFACE.panelInk,
      weight: 700,
    });
    const hourY = y + big * 0.15;
    this.txt('clock.hour', tx + tw, hourY, '', {
      size: Math.round(u * 0.8),
      color: SURFACE.panelMuted,
      ox: 1,
    });
    y += roundLabel.height + lineGap;
    // Round pips: done, current (ringed), to come.
    const pipR = clamp(u * 0.28, 3, 6);
    const pipGap = Math.min(pipR * 3.2, (tw - pipR * 2) / Math.max(1, view.options.rounds - 1));
    for (let i = 1; i <= view.options.rounds; i++) {
      const px = tx + pipR + (i - 1) * pipGap;
      const py = y + pipR;
      if (i < view.round || view.step === 'over') {
        g.fillStyle(SURFACE.panelMuted, 1);
        g.fillCircle(px, py, pipR);
      } else if (i === view.round) {
        g.fillStyle(SURFACE.panelInk, 1);
        g.fillCircle(px, py, pipR);
        g.lineStyle(1.5, SURFACE.panelInk, 1);
        g.strokeCircle(px, py, pipR + 2.5);
      } else {
        g.lineStyle(1.5, SURFACE.panelEdge, 1);
        g.strokeCircle(px, py, pipR);
      }
    }
    y += pipR * 2 + lineGap * 1.6;
    this.txt('clock.step', tx, y, stepLine, {
      size: Math.round(u * 0.9),
      color: SURFACE.panelMuted,
      weight: 600,
    });
    this.txt('clock.countdown', tx + tw, y - big * 0.12, '', {
      size: big,
      color: SURFACE.panelInk,
      weight: 700,
      ox: 1,
    });
    y += big * 1.25 + lineGap;

    const waitingFor = view.step === 'over' ? [] : view.pending;
    const who = waitingFor.map((s) => (s === seat ? 'you' : seatName(scenario, s)));
    const line =
      who.length > 0 ? `Waiting for ${who.join(', ')}` : view.step === 'over' ? '' : 'Step closing';
    this.txt('clock.pending', tx, y, fitText(line, fontOf(Math.round(u * 0.8)), tw), {
      size: Math.round(u * 0.8),
      color: SURFACE.panelMuted,
    });
  }

  /** Each timed step's share of the 72-hour round, from the match's step lengths. */
  private stepSegments(view: BackchannelState): { from: number; to: number }[] {
    const secs = view.options.stepSeconds;
    const weights = STEPS.map((s) => (secs ? Math.max(1, secs[s]) : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    let acc = 0;
    return weights.map((w) => {
      const from = acc / total;
      acc += w;
      return { from, to: acc / total };
    });
  }

  /** The moving parts of the clock: the dial's hand and the countdown. Cheap; runs per frame. */
  private tick(force: boolean): void {
    const state = this.store.getState();
    const view = state.view;
    const layout = this.layout;
    const g = this.dial;
    if (!view || !layout || !g || !this.texts.has('clock.countdown')) return;
    const now = Date.now();
    const left = timeLeft(state, now);
    const clock = view.clock;
    const current = STEPS.indexOf(view.step as TimedStep);
    let fraction = 0;
    if (view.step === 'over') fraction = 1;
    else if (left !== null && clock.deadline !== null) {
      const span = Math.max(1, clock.deadline - clock.startedAt);
      fraction = clamp(1 - left / span, 0, 1);
    }
    const seg = this.stepSegments(view)[Math.max(0, current)] ?? { from: 0, to: 1 };
    const roundFraction = view.step === 'over' ? 1 : seg.from + (seg.to - seg.from) * fraction;
    const hour = Math.min(72, Math.floor(roundFraction * 72));
    const countdown =
      view.step === 'over'
        ? ''
        : view.paused
          ? 'paused'
          : left === null
            ? 'untimed'
            : `${formatCountdown(left)}`;
    const urgent = left !== null && left < 15_000 && view.step !== 'over';
    const key = `${countdown}|${hour}|${Math.round(roundFraction * 720)}|${urgent}`;
    if (!force && key === this.lastTick) return;
    this.lastTick = key;

    const r = layout.clock;
    const u = layout.unit;
    const radius = Math.min(r.h * (layout.compact ? 0.36 : 0.4), r.w * 0.2);
    const cx = r.x + u * (layout.compact ? 0.6 : 0.8) + radius;
    const cy = r.y + r.h / 2;
    const ringR = radius * 0.8;
    const ringW = Math.max(3, radius * 0.17);
    g.clear();
    if (current >= 0) {
      // The current step's arc fills as its time passes.
      const a0 = -Math.PI / 2 + seg.from * Math.PI * 2 + 0.05;
      const a1 = -Math.PI / 2 + seg.to * Math.PI * 2 - 0.05;
      g.lineStyle(ringW, SURFACE.panelInk, 0.35);
      g.beginPath();
      g.arc(cx, cy, ringR, a0, a1, false);
      g.strokePath();
      const aNow = Math.max(a0 + 0.001, -Math.PI / 2 + roundFraction * Math.PI * 2);
      g.lineStyle(ringW, SURFACE.panelInk, 1);
      g.beginPath();
      g.arc(cx, cy, ringR, a0, Math.min(aNow, a1), false);
      g.strokePath();
    }
    // The hand: a pointer on the ring at the in-game hour.
    const a = -Math.PI / 2 + roundFraction * Math.PI * 2;
    const tip = radius * 1.02;
    const base = radius * 0.6;
    const half = 0.16;
    g.fillStyle(urgent ? TRACK_STYLE.escalation.color : SURFACE.panelInk, 1);
    g.lineStyle(1.5, SURFACE.table, 1);
    const pts = [
      new Phaser.Math.Vector2(cx + Math.cos(a) * tip, cy + Math.sin(a) * tip),
      new Phaser.Math.Vector2(cx + Math.cos(a + half) * base, cy + Math.sin(a + half) * base),
      new Phaser.Math.Vector2(cx + Math.cos(a - half) * base, cy + Math.sin(a - half) * base),
    ];
    g.fillPoints(pts, true);
    g.strokePoints(pts, true);

    const cd = this.texts.get('clock.countdown');
    if (cd) {
      const compact = layout.compact;
      // On a phone the step's name and the countdown share one short line: no "untimed" there.
      cd.setText(
        compact
          ? countdown === 'untimed'
            ? ''
            : countdown
          : countdown === 'untimed' || countdown === 'paused'
            ? countdown
            : countdown
              ? `${countdown} left`
              : '',
      );
      const title = this.texts.get('clock.title');
      if (compact && title) {
        // Shrink the step's name rather than let it run under the countdown.
        title.setScale(1);
        const room = cd.x - cd.displayWidth - title.x - layout.unit * 0.4;
        if (title.width > room && room > 0) title.setScale(Math.max(0.55, room / title.width));
      }
      const color = urgent
        ? TRACK_STYLE.escalation.color
        : left === null
          ? SURFACE.panelMuted
          : SURFACE.panelInk;
      cd.setColor(css(color));
    }
    const hourText = layout.compact ? `${hour}h` : `hour ${hour} of 72`;
    this.texts.get('clock.hour')?.setText(view.step === 'over' ? '' : hourText);
  }

  /** A gauge per track: label, number, and a segmented bar with its danger zone hatched. */
  private drawGauges(view: BackchannelState, scenario: Scenario, layout: TableLayout): void {
    const r = layout.gauges;
    const u = layout.unit;
    const g = this.panels;
    if (!g) return;
    this.panel(r);
    const compact = layout.compact;
    const pad = compact ? u * 0.6 : u * 0.8;
    if (!compact) {
      this.txt('gauges.title', r.x + pad, r.y + u * 0.6, 'TRACKS', {
        size: Math.round(u * 0.75),
        color: SURFACE.panelMuted,
        weight: 700,
      });
      // Legend for the hatching.
      const lx = r.x + r.w - pad;
      const legend = this.txt('gauges.legend', lx, r.y + u * 0.6, 'danger zone', {
        size: Math.round(u * 0.75),
        color: SURFACE.panelMuted,
        ox: 1,
      });
      const sw = u * 1.1;
      const sx = lx - legend.width - u * 0.4 - sw;
      const sy = r.y + u * 0.6 + legend.height / 2 - u * 0.3;
      g.fillStyle(SURFACE.panelEdge, 1);
      g.fillRect(sx, sy, sw, u * 0.6);
      this.hatch(g, sx, sy, sw, u * 0.6);
    }

    const t = scenario.tracks;
    const tun = scenario.tunables;
    const pressure = (v: number) =>
      v >= tun.pressure.walkoutAt ? 'walks out' : v >= tun.pressure.hardenedAt ? 'hardened' : '';
    const breakoutTrue = view.breakout.true;
    const rows: {
      key: TrackKey;
      label: string;
      value: number;
      min: number;
      max: number;
      dangerFrom: number | null;
      text: string;
      note: string;
      marker?: number;
    }[] = [
      {
        key: 'escalation',
        label: TRACK_STYLE.escalation.label,
        value: view.tracks.escalation,
        min: t.escalation.min,
        max: t.escalation.max,
        dangerFrom: tun.pressure.escalationAbove + 1,
        text: String(view.tracks.escalation),
        note: view.tracks.escalation >= t.escalation.max ? 'war' : '',
      },
      {
        key: 'breakout',
        label: breakoutTrue === undefined ? 'Breakout (estimate)' : 'Breakout',
        value: breakoutTrue ?? view.breakout.estimate,
        min: t.breakout.min,
        max: t.breakout.max,
        dangerFrom: t.breakout.max,
        text: breakoutTrue === undefined ? `≈${view.breakout.estimate}` : `${breakoutTrue}`,
        note: breakoutTrue === undefined ? '' : `est. ${view.breakout.estimate}`,
        ...(breakoutTrue === undefined ? {} : { marker: view.breakout.estimate }),
      },
      {
        key: 'pressureA',
        label: `${scenario.seats.A.name} pressure`,
        value: view.tracks.pressureA,
        min: t.pressure.min,
        max: t.pressure.max,
        dangerFrom: tun.pressure.hardenedAt,
        text: String(view.tracks.pressureA),
        note: pressure(view.tracks.pressureA),
      },
      {
        key: 'pressureB',
        label: `${scenario.seats.B.name} pressure`,
        value: view.tracks.pressureB,
        min: t.pressure.min,
        max: t.pressure.max,
        dangerFrom: tun.pressure.hardenedAt,
        text: String(view.tracks.pressureB),
        note: pressure(view.tracks.pressureB),
      },
      {
        key: 'oilLeak',
        label: TRACK_STYLE.oilLeak.label,
        value: view.tracks.oilLeak,
        min: t.oilLeak.min,
        max: t.oilLeak.max,
        dangerFrom: null,
        text: String(view.tracks.oilLeak),
        note: '',
      },
      {
        key: 'oilPrice',
        label: TRACK_STYLE.oilPrice.label,
        value: view.tracks.oilPrice,
        min: t.oilPrice.min,
        max: t.oilPrice.max,
        dangerFrom: tun.pressure.oilPriceAbove + 1,
        text: String(view.tracks.oilPrice),
        note: '',
      },
      {
        key: 'capital',
        label: `${scenario.seats.broker.name} capital`,
        value: view.tracks.capital,
        min: t.capital.min,
        max: t.capital.max,
        dangerFrom: null,
        text: String(view.tracks.capital),
        note: '',
      },
    ];

    const cols = layout.gaugeColumns;
    const top = r.y + (compact ? u * 0.45 : u * 2.2);
    const colGap = u * 1.2;
    const colW = (r.w - pad * 2 - colGap * (cols - 1)) / cols;
    const rowsPerCol = Math.ceil(rows.length / cols);
    const rowH = (r.y + r.h - u * (compact ? 0.2 : 0.4) - top) / rowsPerCol;
    const labelSize = Math.round(u * (compact ? 0.8 : cols > 1 ? 0.82 : 0.88));

    rows.forEach((row, i) => {
      const col = cols > 1 ? i % cols : 0;
      const line = cols > 1 ? Math.floor(i / cols) : i;
      const x = r.x + pad + col * (colW + colGap);
      const y = top + line * rowH;
      const style = TRACK_STYLE[row.key];
      let labelX = x;
      if (style.seat) {
        const s = SEAT_STYLE[style.seat];
        const mr = labelSize * 0.42;
        this.mark(g, s.shape, x + mr, y + labelSize * 0.6, mr, s.onDark, SURFACE.panel);
        labelX = x + mr * 2 + u * 0.35;
      }
      const value = this.txt(`g.${row.key}.v`, x + colW, y - u * 0.1, row.text, {
        size: Math.round(u * (compact ? 0.85 : 1.0)),
        color: SURFACE.panelInk,
        weight: 700,
        ox: 1,
      });
      let noteW = 0;
      if (row.note) {
        const note = this.txt(
          `g.${row.key}.n`,
          x + colW - value.width - u * 0.4,
          y + u * 0.05,
          row.note,
          {
            size: Math.round(u * 0.72),
            color:
              row.note === 'war' || row.note === 'walks out'
                ? TRACK_STYLE.escalation.color
                : SURFACE.panelMuted,
            weight: 600,
            italic: true,
            ox: 1,
          },
        );
        noteW = note.width + u * 0.4;
      }
      // The full label if it fits, else the short one (shortened further if need be).
      const room = colW - (labelX - x) - value.width - noteW - u * 0.5;
      const font = fontOf(labelSize, 500);
      const full = compact ? '' : fitText(row.label, font, room);
      const labelText = full === row.label ? full : fitText(style.short, font, room);
      this.txt(`g.${row.key}.l`, labelX, y, labelText, {
        size: labelSize,
        color: SURFACE.panelInk,
        weight: 500,
      });

      // The bar: one segment per step of the track.
      const barY = compact ? y + labelSize * 1.3 : y + Math.max(labelSize * 1.35, u * 1.3);
      const barH = compact
        ? clamp(rowH - labelSize * 1.3 - u * 0.35, 3, 8)
        : clamp(u * 0.55, 6, 10);
      const n = Math.max(1, row.max - row.min);
      const segGap = n > 8 ? 2 : 3;
      const segW = (colW - segGap * (n - 1)) / n;
      for (let k = 0; k < n; k++) {
        const sx2 = x + k * (segW + segGap);
        const filled = row.value - row.min > k;
        g.fillStyle(filled ? style.color : SURFACE.panelEdge, 1);
        g.fillRect(sx2, barY, segW, barH);
        const level = row.min + k + 1;
        if (row.dangerFrom !== null && level >= row.dangerFrom)
          this.hatch(g, sx2, barY, segW, barH);
      }
      if (row.marker !== undefined) {
        // The intelligence estimate, as a tick under its segment.
        const k = clamp(row.marker - row.min - 0.5, 0, n - 0.5);
        const mx = x + k * (segW + segGap) + (k === 0 ? 4 : 0);
        g.fillStyle(SURFACE.panelInk, 1);
        g.fillTriangle(mx, barY + barH + 1, mx - 4, barY + barH + 7, mx + 4, barY + barH + 7);
      }
    });
  }

  /** Diagonal hatching inside a rectangle: the danger zone, visible without colour. */
  private hatch(g: Graphics, x: number, y: number, w: number, h: number): void {
    g.lineStyle(1.5, HATCH.color, HATCH.alpha + 0.25);
    const step = 4.5;
    for (let d = -h; d < w; d += step) {
      // The line x = x0 + d + t, y = y0 + h - t for t in [0, h], clipped to the rectangle.
      const t0 = Math.max(0, -d);
      const t1 = Math.min(h, w - d);
      if (t1 <= t0) continue;
      g.lineBetween(x + d + t0, y + h - t0, x + d + t1, y + h - t1);
    }
  }

  /** Deals: clauses, status glyph and verification pips. */
  private drawDeals(view: BackchannelState, scenario: Scenario, layout: TableLayout): void {
    const r = layout.deals;
    const g = this.panels;
    if (!r || !g) return;
    const u = layout.unit;
    this.panel(r);
    const pad = u * 0.8;
    const counts = { verifying: 0, verified: 0, collapsed: 0 };
    for (const d of view.deals) counts[d.status] += 1;

    // The rows that fit: verifying first, then verified, then collapsed; newest first.
    const order: Record<Deal['status'], number> = { verifying: 0, verified: 1, collapsed: 2 };
    const deals = [...view.deals].sort(
      (a, b) => order[a.status] - order[b.status] || b.signedRound - a.signedRound,
    );
    const glyphR = u * 0.62;
    const textX = r.x + pad + glyphR * 2 + u * 0.6;
    const textW = r.x + r.w - pad - textX;
    const size = Math.round(u * 0.85);
    const small = Math.round(u * 0.75);
    const lineH = size * 1.3;
    const top = r.y + u * 2.2;
    const bottom = r.y + r.h - u * 0.5;
    const rows: { deal: Deal; lines: string[]; y: number }[] = [];
    let y = top;
    for (const deal of deals) {
      const title = deal.clauses.map((c) => this.clauseLabel(c.id, c.size, scenario)).join(' + ');
      const lines = wrapText(title, fontOf(size, 600), textW, 2);
      const rowH = lines.length * lineH + small * 1.3 + u * 0.75;
      const moreRoom = rows.length + 1 < deals.length ? u * 1.4 : 0;
      if (y + rowH + moreRoom > bottom) break;
      rows.push({ deal, lines, y });
      y += rowH;
    }
    // Too short for even one row: the heading alone, centred, with the counts.
    const compact = r.h < u * 5.5 || (deals.length > 0 && rows.length === 0);

    const titleY = compact ? r.y + (r.h - u * 0.9) / 2 : r.y + u * 0.6;
    this.txt('deals.title', r.x + pad, titleY, 'DEALS', {
      size: small,
      color: SURFACE.panelMuted,
      weight: 700,
    });
    const summary =
      [
        counts.verifying ? `${counts.verifying} verifying` : '',
        counts.verified ? `${counts.verified} verified` : '',
        counts.collapsed ? `${counts.collapsed} collapsed` : '',
      ]
        .filter(Boolean)
        .join(' · ') || (compact ? 'none signed yet' : '');
    const titleW = measure('DEALS', fontOf(small, 700));
    const room = r.w - pad * 2 - titleW - u * 0.8;
    if (!compact || measure(summary, fontOf(small)) <= room || deals.length === 0) {
      this.txt('deals.summary', r.x + r.w - pad, titleY, summary, {
        size: small,
        color: compact ? SURFACE.panelInk : SURFACE.panelMuted,
        ox: 1,
      });
    } else {
      // No room for words: each status glyph (as in the list) with its count.
      let x = r.x + r.w - pad;
      const gr = u * 0.45;
      const cy = titleY + small * 0.6;
      for (const status of ['collapsed', 'verified', 'verifying'] as const) {
        if (!counts[status]) continue;
        const n = this.txt(`deals.count.${status}`, x, titleY, String(counts[status]), {
          size: Math.round(u * 0.85),
          color: SURFACE.panelInk,
          weight: 700,
          ox: 1,
        });
        x -= n.width + u * 0.3 + gr;
        this.dealGlyph(status, x, cy, gr, 0.5);
        x -= gr + u * 0.8;
      }
    }
    if (compact) return;
    if (deals.length === 0) {
      this.txt('deals.none', r.x + pad, top, 'No deal signed yet.', {
        size,
        color: SURFACE.panelMuted,
        italic: true,
      });
      return;
    }
    for (const row of rows)
      this.drawDeal(row.deal, scenario, r, row.y, row.lines, glyphR, textX, size, small, lineH);
    if (rows.length < deals.length) {
      this.txt('deals.more', r.x + pad, y, `+${deals.length - rows.length} more`, {
        size: Math.round(u * 0.78),
        color: SURFACE.panelMuted,
        italic: true,
      });
    }
  }

  private drawDeal(
    deal: Deal,
    scenario: Scenario,
    r: Rect,
    y: number,
    lines: string[],
    glyphR: number,
    textX: number,
    size: number,
    small: number,
    lineH: number,
  ): void {
    const g = this.panels;
    const u = this.layout?.unit ?? 14;
    if (!g) return;
    const pad = u * 0.8;
    const gy = y + glyphR + u * 0.1;
    const gx = r.x + pad + glyphR;
    const total = this.verifyTotal(deal, scenario);
    const done = Math.max(0, total - deal.verifyLeft);
    this.dealGlyph(deal.status, gx, gy, glyphR, total > 0 ? done / total : 0);
    this.txt(`deal.${deal.id}.t`, textX, y, lines.join('\n'), {
      size,
      color: deal.status === 'collapsed' ? SURFACE.panelMuted : SURFACE.panelInk,
      weight: 600,
    });
    const status =
      deal.status === 'verified'
        ? `Verified in round ${deal.verifiedRound ?? '?'}`
        : deal.status === 'collapsed'
          ? `Collapsed in round ${deal.collapsedRound ?? '?'}`
          : deal.verifyLeft <= 0
            ? 'Verifies at this resolution'
            : `Verifying · ${deal.verifyLeft} round${deal.verifyLeft === 1 ? '' : 's'} left`;
    const sy = y + lines.length * lineH + u * 0.05;
    const statusText = this.txt(`deal.${deal.id}.s`, textX, sy, status, {
      size: small,
      color: deal.status === 'verified' ? DEAL.verified : SURFACE.panelMuted,
      weight: deal.status === 'verified' ? 600 : 400,
    });
    if (deal.status === 'verifying' && total > 0) {
      // Pips: one per round of verification, filled as they pass.
      const pr = clamp(u * 0.24, 3, 5);
      const px0 = textX + statusText.width + u * 0.6;
      const py = sy + statusText.height / 2;
      for (let k = 0; k < total; k++) {
        const px = px0 + pr + k * pr * 2.8;
        if (px + pr > r.x + r.w - pad) break;
        if (k < done) {
          g.fillStyle(DEAL.verifying, 1);
          g.fillCircle(px, py, pr);
        } else {
          g.lineStyle(1.5, DEAL.verifying, 1);
          g.strokeCircle(px, py, pr - 0.5);
        }
      }
    }
  }

  /** A deal's status mark: a filling ring (verifying), a tick (verified), a cross (collapsed). */
  private dealGlyph(status: Deal['status'], gx: number, gy: number, glyphR: number, frac: number) {
    const g = this.panels;
    const u = this.layout?.unit ?? 14;
    if (!g) return;
    if (status === 'verified') {
      g.fillStyle(DEAL.verified, 1);
      g.fillCircle(gx, gy, glyphR);
      g.lineStyle(Math.max(1.5, glyphR * 0.26), 0xffffff, 1);
      g.beginPath();
      g.moveTo(gx - glyphR * 0.45, gy + glyphR * 0.02);
      g.lineTo(gx - glyphR * 0.1, gy + glyphR * 0.38);
      g.lineTo(gx + glyphR * 0.5, gy - glyphR * 0.35);
      g.strokePath();
    } else if (status === 'collapsed') {
      g.lineStyle(Math.max(1.5, glyphR * 0.22), DEAL.collapsed, 1);
      g.strokeCircle(gx, gy, glyphR - 1);
      const k = glyphR * 0.4;
      g.lineBetween(gx - k, gy - k, gx + k, gy + k);
      g.lineBetween(gx - k, gy + k, gx + k, gy - k);
    } else {
      const w = Math.max(2, Math.min(u * 0.2, glyphR * 0.32));
      g.lineStyle(w, DEAL.pipEmpty, 1);
      g.strokeCircle(gx, gy, glyphR - w / 2);
      g.lineStyle(w, DEAL.verifying, 1);
      g.beginPath();
      const end = -Math.PI / 2 + Math.max(0.05, frac) * Math.PI * 2;
      g.arc(gx, gy, glyphR - w / 2, -Math.PI / 2, end, false);
      g.strokePath();
      g.fillStyle(DEAL.verifying, 1);
      g.fillCircle(gx, gy, glyphR * 0.22);
    }
  }

  private verifyTotal(deal: Deal, scenario: Scenario): number {
    let total = 0;
    for (const c of deal.clauses) {
      const def = scenario.catalog.find((d) => d.id === c.id);
      if (def) total = Math.max(total, def.verifyRounds);
    }
    return Math.max(total, deal.verifyLeft);
  }

  private clauseLabel(id: string, size: string, scenario: Scenario): string {
    const def = scenario.catalog.find((d) => d.id === id);
    if (!def) return id;
    const sz = def.sizes.find((s) => s.id === size);
    if (!sz || def.sizes.length < 2) return def.name;
    const label = /^[A-Z][a-z]/.test(sz.label)
      ? sz.label[0]!.toLowerCase() + sz.label.slice(1)
      : sz.label;
    return `${def.name}, ${label}`;
  }

  // ── marks ──────────────────────────────────────────────────────────────────────────────────

  private mark(
    g: Graphics,
    shape: SeatShape,
    x: number,
    y: number,
    r: number,
    fill: number,
    edge: number,
  ): void {
    const pts = shapePoints(shape, x, y, r).map(([px, py]) => new Phaser.Math.Vector2(px, py));
    g.fillStyle(fill, 1);
    g.fillPoints(pts, true);
    g.lineStyle(1.5, edge, 1);
    g.strokePoints(pts, true);
  }

  private star(g: Graphics, x: number, y: number, r: number, alpha: number): void {
    const pts = starPoints(x, y, r).map(([px, py]) => new Phaser.Math.Vector2(px, py));
    g.fillStyle(INCIDENT.fill, alpha);
    g.fillPoints(pts, true);
    g.lineStyle(Math.max(1.5, r * 0.16), INCIDENT.edge, alpha);
    g.strokePoints(pts, true);
  }

  /** An envelope centred on (x, y), w wide. */
  private envelope(g: Graphics, x: number, y: number, w: number, fill: number, line: number): void {
    const h = w * 0.66;
    g.fillStyle(fill, 1);
    g.fillRect(x - w / 2, y - h / 2, w, h);
    g.lineStyle(Math.max(1.2, w * 0.09), line, 1);
    g.strokeRect(x - w / 2, y - h / 2, w, h);
    g.beginPath();
    g.moveTo(x - w / 2, y - h / 2);
    g.lineTo(x, y + h * 0.08);
    g.lineTo(x + w / 2, y - h / 2);
    g.strokePath();
  }

  // ── events: couriers and incidents ────────────────────────────────────────────────────────

  /** Compares the view with what was already shown and animates what is new. */
  private playEvents(view: BackchannelState, state: TableState, scenario: Scenario): void {
    const primeKey = `${state.matchID ?? ''}|${state.seat ?? ''}|${scenario.id}`;
    const priming = this.primedFor !== primeKey;
    if (priming) {
      this.seen.clear();
      this.primedFor = primeKey;
    }
    const trips: { from: Seat; to: Seat; carrier: Seat; leg: 0 | 1 }[] = [];
    const fresh = (key: string) => {
      if (this.seen.has(key)) return false;
      this.seen.add(key);
      return !priming;
    };
    for (const memo of view.memos) {
      if (memo.status === 'draft') continue;
      // Every memo that left its author went to the broker, and only there.
      if (fresh(`memo:${memo.id}:sent`))
        trips.push({ from: memo.author, to: '2', carrier: memo.author, leg: 0 });
    }
    for (const p of view.proposals) {
      if (fresh(`proposal:${p.id}`)) {
        // A principal sees only what reaches it: delivered to it, or back to it for ratification.
        const to: PrincipalSeat[] = isPrincipal(state.seat) ? [state.seat] : p.recipients;
        for (const s of to) trips.push({ from: '2', to: s, carrier: '2', leg: 1 });
      }
      if (p.kind === 'relay' && p.author && p.stage === 'ratification') {
        if (fresh(`proposal:${p.id}:ratify`) && !isPrincipal(state.seat))
          trips.push({ from: '2', to: p.author, carrier: '2', leg: 1 });
      }
      for (const s of Object.keys(p.answers) as PrincipalSeat[]) {
        // An answer goes back to the broker, like every word.
        if (fresh(`proposal:${p.id}:answer:${s}`) && (state.seat === '2' || state.seat === s))
          trips.push({ from: s, to: '2', carrier: s, leg: 0 });
      }
    }
    const strikes: Incident[] = [];
    for (const inc of view.incidents) if (fresh(`incident:${inc.id}`)) strikes.push(inc);

    // On a small map the headlines take turns; on a large one they show together.
    const small = (this.layout?.map.w ?? 0) < 560;
    const showStrikes = (still: boolean) =>
      strikes.forEach((inc, i) => {
        const delay = small ? i * (HEADLINE_MS + 1500) : still ? 0 : i * 350;
        if (delay === 0) this.strike(inc, scenario, still);
        else this.later(delay, () => this.strike(inc, scenario, still));
      });
    if (state.reducedMotion) {
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

  private clearFx(): void {
    this.tweens.killAll();
    for (const obj of this.fx) obj.destroy();
    this.fx.clear();
    this.couriers = 0;
    this.headlineSlots = [];
  }

  /** A memo courier from one capital to another, along a gentle arc. */
  private courier(from: Seat, to: Seat, carrier: Seat, delay: number): void {
    if (!this.capitals || !this.layout || this.couriers >= MAX_COURIERS) return;
    const u = this.layout.unit;
    const [x0, y0] = this.capitals[from];
    const [x1, y1] = this.capitals[to];
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
    const route = this.add.graphics().setDepth(4).setAlpha(0);
    const dots = Math.max(6, Math.round(dist / (u * 0.9)));
    route.fillStyle(style.color, 0.55);
    for (let i = 1; i < dots; i++) {
      const [px, py] = at(i / dots);
      route.fillCircle(px, py, Math.max(1.5, u * 0.1));
    }
    const env = this.add.graphics().setDepth(5).setPosition(x0, y0).setVisible(false);
    const w = u * 1.35;
    env.fillStyle(0x000000, 0.25);
    env.fillRect(-w / 2 + 1.5, -w * 0.33 + 2, w, w * 0.66);
    this.envelope(env, 0, 0, w, style.color, SURFACE.halo);
    const stamp = shapePoints(style.shape, w * 0.3, -w * 0.12, w * 0.13).map(
      ([x, y]) => new Phaser.Math.Vector2(x, y),
    );
    env.fillStyle(SURFACE.halo, 1);
    env.fillPoints(stamp, true);
    this.fx.add(route);
    this.fx.add(env);
    this.couriers++;
    const duration = clamp(700 + dist * 1.6, 1100, 2200);
    this.tweens.add({ targets: route, alpha: 1, duration: 250, delay });
    this.tweens.addCounter({
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
        this.tweens.add({
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
    const u = this.layout?.unit ?? 14;
    const ring = this.add.graphics().setDepth(4).setPosition(x, y);
    ring.lineStyle(2, color, 1);
    ring.strokeCircle(0, 0, u);
    ring.setScale(0.6);
    this.fx.add(ring);
    this.tweens.add({
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
  private strike(inc: Incident, scenario: Scenario, still: boolean): void {
    const layout = this.layout;
    const at = this.placePoint(scenario, inc.place);
    if (!layout || !at) return;
    const u = layout.unit;
    const map = layout.map;
    const [x, y] = at;
    const delay = 0;

    // The headline: a dark card beside the mark, kept inside the map and clear of the others.
    const maxW = clamp(map.w * (map.w < 560 ? 0.64 : 0.42), u * 11, u * 19);
    const text = this.add
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
    const capitals = this.capitals
      ? (['0', '1', '2'] as const).map((seat): Rect => {
          const [px, py] = this.capitals![seat];
          return { x: px - u * 1.6, y: py - u * 1.6, w: u * 3.2, h: u * 3.2 };
        })
      : [];
    const fit = (b: Rect): Rect => ({
      ...b,
      x: clamp(b.x, map.x + u * 0.5, map.x + map.w - u * 0.5 - b.w),
      y: clamp(b.y, map.y + u * 0.5, map.y + map.h - u * 0.5 - b.h),
    });
    const score = (b0: Rect, i: number) => {
      const b = fit(b0);
      const moved = Math.abs(b.x - b0.x) + Math.abs(b.y - b0.y);
      return (
        this.headlineSlots.filter((t) => hit(t, b)).length * 1000 +
        capitals.filter((t) => hit(t, b)).length * 100 +
        this.taken.filter((t) => hit(t, b)).length * 5 +
        moved * 0.5 +
        i
      );
    };
    const scores = cands.map(score);
    const bestIndex = scores.indexOf(Math.min(...scores));
    const { x: cx, y: cy } = fit(cands[bestIndex]!);
    const slot = { x: cx, y: cy, w: cw, h: ch };
    this.headlineSlots.push(slot);

    const card = this.add.container(cx, cy).setDepth(6);
    const bg = this.add.graphics();
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
    const mark = this.add.graphics().setDepth(6).setPosition(x, y);
    this.star(mark, 0, 0, u * 0.85, 1);
    this.fx.add(card);
    this.fx.add(mark);

    const remove = () => {
      card.destroy();
      mark.destroy();
      this.fx.delete(card);
      this.fx.delete(mark);
      this.headlineSlots = this.headlineSlots.filter((s) => s !== slot);
    };
    if (still) {
      this.later(HEADLINE_MS, remove);
      return;
    }
    card.setAlpha(0);
    mark.setScale(0);
    const ring = this.add.graphics().setDepth(6).setPosition(x, y);
    ring.lineStyle(3, INCIDENT.fill, 1);
    ring.strokeCircle(0, 0, u * 0.9);
    ring.setScale(0.3).setAlpha(0);
    this.fx.add(ring);
    this.tweens.add({ targets: mark, scale: 1, duration: 420, delay, ease: 'Back.easeOut' });
    this.tweens.add({
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
    this.tweens.add({ targets: card, alpha: 1, duration: 300, delay: delay + 200 });
    this.tweens.add({
      targets: [card, mark],
      alpha: 0,
      duration: 1200,
      delay: delay + HEADLINE_MS,
      onComplete: remove,
    });
  }

  // ── text pool ──────────────────────────────────────────────────────────────────────────────

  /** A text object kept between redraws, updated only when its content or style changes. */
  private txt(key: string, x: number, y: number, content: string, o: TextOpts): Text {
    this.used.add(key);
    const sig = `${o.size}|${o.color}|${o.weight ?? 400}|${o.italic ? 1 : 0}|${o.wrap ?? 0}|${o.align ?? 'left'}`;
    let t = this.texts.get(key);
    if (!t) {
      t = this.add.text(0, 0, '', {});
      this.texts.set(key, t);
    }
    if (this.textSig.get(key) !== sig) {
      t.setStyle({
        fontFamily: FONT,
        fontSize: `${Math.round(o.size)}px`,
        fontStyle: `${o.italic ? 'italic ' : ''}${o.weight ?? 400}`,
        color: css(o.color),
        align: o.align ?? 'left',
        ...(o.wrap ? { wordWrap: { width: o.wrap, useAdvancedWrap: true } } : {}),
      });
      this.textSig.set(key, sig);
    }
    if (t.text !== content) t.setText(content);
    t.setOrigin(o.ox ?? 0, o.oy ?? 0)
      .setPosition(Math.round(x), Math.round(y))
      .setDepth(o.depth ?? 3)
      .setVisible(true);
    return t;
  }

  private hideUnused(): void {
    for (const [key, t] of this.texts) {
      if (this.used.has(key)) continue;
      if (key.startsWith('deal.') || key.startsWith('g.')) {
        t.destroy();
        this.texts.delete(key);
        this.textSig.delete(key);
      } else t.setVisible(false);
    }
  }
}
