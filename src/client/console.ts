// The facilitator console's controller: its state in a zustand vanilla store, like every other
// screen's, and the actions a facilitator takes. It reads the dashboard every `pollMs`, keeps the
// server's clock offset, says what each action did (one message at a time, announced by the
// screen) and announces tables ending. The screen (src/ui/seminar/console.ts) only renders this
// state and calls these actions.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FacilitatorAction } from '../game/facilitation';
import {
  facilitatorReason,
  seatChangeText,
  sessionScenario,
  tableModel,
  type TableModel,
} from '../game/model/seminar';
import type { Scenario } from '../game/scenario/schema';
import type { Seat } from '../game/types';
import { OUTCOME_NAMES, STEP_NAMES } from '../game/words';
import { offsetFrom } from './clock';
import * as api from './seminar';
import {
  liveTable,
  type ActionResult,
  type BotSpec,
  type Dashboard,
  type LiveTable,
  type SeminarError,
  type SeminarTable,
} from './seminar';

export type ConsolePhase = 'need-secret' | 'loading' | 'ready' | 'missing' | 'deleted';

export interface ConsoleState {
  id: string;
  secret: string | null;
  phase: ConsolePhase;
  dashboard: Dashboard | null;
  /**
   * Each table of the dashboard as the seat model of a spectator reads it (the running ones:
   * a missing match has none), by table number. Built with the server's clock at each reading.
   */
  tables: Record<number, TableModel>;
  /** Server time minus this browser's, in ms, so countdowns follow the server's clock. */
  offset: number;
  /**
   * Why the dashboard could not be read just now (the last one stays on screen). Its clearing is
   * shown where it was, not said on the status line, which keeps the last action's report.
   */
  error: string | null;
  /** Why the secret is asked for again. */
  secretProblem: string | null;
  /** The last thing said to the facilitator; `serial` counts, so equal words are said again. */
  message: { text: string; serial: number } | null;
  /** The bot level and persona used to fill open seats and to replace a student. */
  bot: BotSpec;
  /** Tables whose end was already announced. */
  ended: number[];
}

/** What the controller needs from the world: the seminar API, the clock and a timer. */
export interface ConsoleDeps {
  api: Pick<
    typeof api,
    | 'getDashboard'
    | 'act'
    | 'fillSeats'
    | 'setSeat'
    | 'deleteSeminar'
    | 'serverOffset'
    | 'savedSecret'
    | 'rememberSecret'
    | 'forgetSecret'
  >;
  now: () => number;
  pollMs: number;
}

export interface ConsoleController {
  store: StoreApi<ConsoleState>;
  start(): void;
  stop(): void;
  submitSecret(secret: string): void;
  /** Reads the dashboard now (and, with `schedule`, again after `pollMs`). */
  poll(schedule?: boolean): Promise<void>;
  setBot(bot: BotSpec): void;
  run(what: string, tables: number[] | 'all', action: FacilitatorAction): Promise<void>;
  /** Ends the current step of each running table; `confirm` asks the facilitator first. */
  endStep(tables: SeminarTable[], confirm: (question: string) => boolean): Promise<void>;
  fill(): Promise<void>;
  seat(table: number, seat: Seat, toBot: boolean): Promise<void>;
  deleteSession(confirm: (question: string) => boolean): Promise<void>;
  say(text: string): void;
}

export const POLL_MS = 2000;

const defaults = (): ConsoleDeps => ({ api, now: () => Date.now(), pollMs: POLL_MS });

const finalOf = (t: SeminarTable) => t.final ?? null;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What an action did, table by table, in a sentence (the reasons in the facilitator's words). */
export function reportText(what: string, results: ActionResult[], scenario: Scenario): string {
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0)
    return `${what}: done on ${results.length === 1 ? `table ${results[0]!.table}` : `${results.length} tables`}.`;
  const others = results.length - failed.length;
  return `${what}: ${failed.map((r) => `table ${r.table} refused (${facilitatorReason(r.error, scenario)})`).join('; ')}${others > 0 ? `; done on ${plural(others, 'other table')}` : ''}.`;
}

/** The spectator's model of each running table of a dashboard, by the server's clock. */
export function tableModels(dash: Dashboard, clock: () => number): Record<number, TableModel> {
  const out: Record<number, TableModel> = {};
  for (const t of dash.tables) {
    const live = liveTable(t);
    if (live) out[t.table] = tableModel(live, dash.options, clock);
  }
  return out;
}

export function makeConsole(id: string, deps: Partial<ConsoleDeps> = {}): ConsoleController {
  const d: ConsoleDeps = { ...defaults(), ...deps };
  const store = createStore<ConsoleState>()(() => ({
    id,
    secret: d.api.savedSecret(id),
    phase: 'need-secret',
    dashboard: null,
    tables: {},
    offset: 0,
    error: null,
    secretProblem: null,
    message: null,
    bot: { level: 'normal' },
    ended: [],
  }));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let loaded = false;

  const scenario = () => sessionScenario(store.getState().dashboard?.options.scenario);
  const say = (text: string) =>
    store.setState((s) => ({ message: { text, serial: (s.message?.serial ?? 0) + 1 } }));

  function takeDashboard(dash: Dashboard, sent: number): void {
    const s = store.getState();
    const ended = new Set(s.ended);
    const news: string[] = [];
    for (const t of dash.tables) {
      const final = finalOf(t);
      if (!final || ended.has(t.table)) continue;
      ended.add(t.table);
      // Announce tables ending, once each, but not those already over at the first load.
      if (loaded) news.push(`Table ${t.table} has ended: ${OUTCOME_NAMES[final.outcome]}.`);
    }
    const offset = typeof dash.now === 'number' ? offsetFrom(dash.now, sent, d.now()) : s.offset;
    const now = d.now() + offset;
    store.setState({
      dashboard: dash,
      tables: tableModels(dash, () => now),
      phase: 'ready',
      error: null,
      ended: [...ended],
      offset,
    });
    loaded = true;
    for (const text of news) say(text);
  }

  async function poll(schedule = true): Promise<void> {
    const secret = store.getState().secret;
    if (stopped || !secret) return;
    if (schedule) clearTimeout(timer);
    try {
      const sent = d.now();
      const dash = await d.api.getDashboard(id, secret);
      if (stopped) return;
      takeDashboard(dash, sent);
    } catch (err) {
      if (stopped) return;
      const e = err as SeminarError;
      if (e.status === 401) {
        store.setState({ phase: 'need-secret', secretProblem: 'The server refused this secret.' });
        return;
      }
      if (e.status === 404) {
        stopped = true;
        store.setState({ phase: 'missing' });
        return;
      }
      store.setState({
        error: `The server refused the dashboard: ${facilitatorReason(e.message, scenario())}. Retrying every ${d.pollMs / 1000} s.`,
      });
    }
    if (schedule && !stopped) timer = setTimeout(() => void poll(), d.pollMs);
  }

  function start(): void {
    if (!store.getState().secret) {
      store.setState({ phase: 'need-secret' });
      return;
    }
    stopped = false;
    store.setState({ phase: store.getState().dashboard ? 'ready' : 'loading' });
    void d.api.serverOffset().then((offset) => {
      if (store.getState().dashboard?.now === undefined) store.setState({ offset });
    });
    void poll();
  }

  async function run(what: string, tables: number[] | 'all', action: FacilitatorAction) {
    const secret = store.getState().secret;
    if (!secret) return;
    try {
      say(reportText(what, await d.api.act(id, secret, tables, action), scenario()));
    } catch (err) {
      say(`${what} failed: ${facilitatorReason((err as Error).message, scenario())}.`);
    }
    void poll(false);
  }

  async function endStep(tables: SeminarTable[], confirm: (q: string) => boolean) {
    const secret = store.getState().secret;
    if (!secret) return;
    const live = tables
      .map(liveTable)
      .filter((t): t is LiveTable => t !== null && !finalOf(t) && t.step !== 'over');
    if (live.length === 0) return say('No running table to end a step on.');
    const names = live
      .map((t) => `table ${t.table} (${STEP_NAMES[t.step]}, round ${t.round})`)
      .join(', ');
    if (
      !confirm(`End the current step now on ${names}? Seats that have not acted get the defaults.`)
    )
      return;
    const results: ActionResult[] = [];
    for (const t of live) {
      try {
        const step = t.step as Exclude<typeof t.step, 'over'>;
        results.push(
          ...(await d.api.act(id, secret, [t.table], { kind: 'endStep', round: t.round, step })),
        );
      } catch (err) {
        results.push({ table: t.table, ok: false, error: (err as Error).message });
      }
    }
    say(reportText('End the step', results, scenario()));
    void poll(false);
  }

  async function fill() {
    const { secret, bot } = store.getState();
    if (!secret) return;
    try {
      await d.api.fillSeats(id, secret, bot);
      say('Open seats filled with bots.');
    } catch (err) {
      say(`Could not fill the seats: ${facilitatorReason((err as Error).message, scenario())}.`);
    }
    void poll(false);
  }

  async function seat(table: number, which: Seat, toBot: boolean) {
    const { secret, bot, dashboard } = store.getState();
    if (!secret) return;
    const before = dashboard?.tables
      .find((t) => t.table === table)
      ?.seats.find((s) => s.seat === which);
    try {
      const after = await d.api.setSeat(
        id,
        secret,
        table,
        which,
        toBot ? { controller: 'bot', ...bot } : { controller: 'student' },
      );
      // The server answers with the table as it is now: who holds the seat after the change.
      const now = after.seats?.find((s) => s.seat === which);
      const student = (now ?? before)?.student ? ((now ?? before)?.name ?? null) : null;
      say(
        seatChangeText(
          scenario(),
          table,
          which,
          toBot
            ? { toBot: true, bot, student }
            : { toBot: false, student, kept: student ? null : (now?.name ?? null) },
        ),
      );
    } catch (err) {
      say(`Table ${table}: ${facilitatorReason((err as Error).message, scenario())}.`);
    }
    void poll(false);
  }

  async function deleteSession(confirm: (q: string) => boolean) {
    const secret = store.getState().secret;
    if (!secret) return;
    if (!confirm('Delete this session, its matches, records and names for good?')) return;
    try {
      await d.api.deleteSeminar(id, secret);
      d.api.forgetSecret(id);
      stopped = true;
      clearTimeout(timer);
      store.setState({ phase: 'deleted' });
    } catch (err) {
      say(`Could not delete the session: ${(err as Error).message}`);
    }
  }

  return {
    store,
    start,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    submitSecret: (secret) => {
      d.api.rememberSecret(id, secret);
      store.setState({ secret, secretProblem: null });
      start();
    },
    poll,
    setBot: (bot) => store.setState({ bot }),
    run,
    endStep,
    fill,
    seat,
    deleteSession,
    say,
  };
}
