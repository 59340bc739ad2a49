// The table: the scenario's theatre with the three capitals and the shipping lanes, and on it the
// widgets (src/scenes/widgets): the round's dial and the step's countdown, the tracks as gauges,
// the deals with their verification, memo couriers and incidents. Everything is drawn from the
// store's seat model (`model`), through the table's part of it (src/game/model/scene.ts); the
// scene keeps no game state of its own (only what it has already animated), works no rule out and
// sends nothing. It adds no keyboard input at all: the desks around it are DOM and need every key.
import * as Phaser from 'phaser';
import type { TableState, TableStore } from '../client/store';
import { dialAt, sceneModel, type SceneModel } from '../game/model/scene';
import { getScenario } from '../game/scenario';
import type { Scenario } from '../game/scenario/schema';
import { computeLayout, type TableLayout } from './layout';
import { SURFACE } from './palette';
import type { Board } from './widgets/board';
import { TableEvents } from './widgets/couriers';
import { drawDeals } from './widgets/deals';
import { drawClockPanel, tickDial } from './widgets/dial';
import { drawGauges } from './widgets/gauges';
import type { Graphics } from './widgets/marks';
import { drawOverlay } from './widgets/overlay';
import { TheatreLayer } from './widgets/theatre';
import { TextPool } from './widgets/text';

export const TABLE_SCENE_KEY = 'backchannel-table';

export class TableScene extends Phaser.Scene {
  private readonly store: TableStore;
  private unsubscribe: (() => void) | null = null;
  private dirty = true;
  private layout: TableLayout | null = null;
  private map: TheatreLayer | null = null;
  private panels: Graphics | null = null;
  private overlay: Graphics | null = null;
  private dial: Graphics | null = null;
  private text: TextPool | null = null;
  private motion: TableEvents | null = null;
  private lastModel: TableState['model'] = null;
  private table: SceneModel | null = null;
  private lastTick = '';

  /** Whether to draw every frame; otherwise the game loop sleeps while nothing changes. */
  private readonly continuous: boolean;
  private heartbeat: ReturnType<typeof setTimeout> | null = null;
  private idleFrames = 0;
  private pendingDelays = 0;
  private detached = false;
  /** The canvas size the last resize was handled for. */
  private size = '';

  constructor(store: TableStore, opts: { continuous?: boolean } = {}) {
    super({ key: TABLE_SCENE_KEY });
    this.store = store;
    this.continuous = opts.continuous ?? false;
  }

  create(): void {
    this.size = `${this.scale.width}x${this.scale.height}`;
    this.text = new TextPool(this);
    this.map = new TheatreLayer(this);
    this.motion = new TableEvents(
      this,
      () => this.layout,
      () => this.map?.theatre ?? null,
      (ms, fn) => this.later(ms, fn),
    );
    this.panels = this.add.graphics().setDepth(2);
    this.overlay = this.add.graphics().setDepth(1);
    this.dial = this.add.graphics().setDepth(3);
    this.unsubscribe = this.store.subscribe((next: TableState, prev: TableState) => {
      if (
        next.model !== prev.model ||
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
    const left = this.table ? dialAt(this.table.dial, this.now()).countdown.msLeft : null;
    const delay = left !== null && left > 0 ? (left % 1000) + 20 : 1000;
    this.heartbeat = setTimeout(
      () => {
        this.heartbeat = null;
        this.wake();
      },
      Math.max(50, Math.min(1000, delay)),
    );
  }

  /** The server's time, as this browser knows it. */
  private now(): number {
    return Date.now() + this.store.getState().clockOffset;
  }

  /** The table's part of the store's seat model, built once per model. */
  private tableOf(state: TableState): SceneModel | null {
    if (state.model !== this.lastModel || (state.model && !this.table)) {
      this.lastModel = state.model;
      this.table = state.model && state.view ? sceneModel(state.model, state.view) : null;
    }
    return this.table;
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
    // Phaser reports a resize when its parent is looked at again (a scroll, a screenshot) even at
    // the same size: that must not cut short the couriers and headlines under way.
    const size = `${this.scale.width}x${this.scale.height}`;
    if (size === this.size) return;
    this.size = size;
    this.map?.resized();
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
    this.map?.destroy();
  }

  // ── drawing ────────────────────────────────────────────────────────────────────────────────

  private redraw(): void {
    this.dirty = false;
    const state = this.store.getState();
    const previous = this.table;
    const scene = this.tableOf(state);
    const width = this.scale.width;
    const height = this.scale.height;
    const layout = computeLayout(width, height);
    if (!this.layout || this.layout.width !== layout.width || this.layout.height !== layout.height)
      this.map?.invalidate();
    this.layout = layout;
    const text = this.text;
    if (!text || !this.panels || !this.overlay || !this.dial) return;
    text.begin();
    this.panels.clear();
    this.overlay.clear();
    this.dial.clear();

    let scenario: Scenario | null;
    try {
      scenario = scene ? getScenario(scene.scenarioId) : null;
    } catch {
      scenario = null;
    }
    if (!scene || !scenario) {
      this.map?.hide();
      text.txt(
        'waiting',
        width / 2,
        height / 2,
        scene ? 'Unknown scenario' : 'Setting the table…',
        {
          size: layout.unit * 1.1,
          color: SURFACE.panelMuted,
          ox: 0.5,
          oy: 0.5,
        },
      );
      text.hideUnused();
      return;
    }

    // While a resize settles the old painting is stretched: come back next frame to paint it.
    if (this.map?.show(scenario, layout)) this.dirty = true;

    if (scene !== previous) {
      const primeKey = `${state.matchID ?? ''}|${state.seat ?? ''}|${scenario.id}`;
      this.motion?.play(scene.map, primeKey, state.reducedMotion, scenario);
    }

    const board: Board = { scene: this, layout, panels: this.panels, text };
    const theatre = this.map?.theatre;
    if (theatre) drawOverlay(this.overlay, text, layout, theatre, scene.map, scenario);
    drawClockPanel(board, scene.dial);
    drawGauges(board, scene.gauges);
    drawDeals(board, scene.deals);
    this.lastTick = '';
    this.tick(true);
    text.hideUnused();
  }

  /** The moving parts of the clock, redrawn only when they change. */
  private tick(force: boolean): void {
    if (!this.table || !this.layout || !this.dial || !this.text) return;
    this.lastTick = tickDial(
      this.dial,
      this.text,
      this.layout,
      this.table.dial,
      this.now(),
      this.lastTick,
      force,
    );
  }
}
