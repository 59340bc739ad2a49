// A finished match's record: everything needed to replay it exactly (the setup data, the seed, the
// time it started and every action with the server time it ran at) and the final state it
// reached. The seminar's debrief and exports read it; `replayRecord` (replay.ts) checks it.
import Papa from 'papaparse';
import type { PrngData } from './plugins/prng';
import { getScenario } from './scenario';
import type { BackchannelState, Clause, Memo, Seat } from './types';

export const RECORD_FORMAT = 'backchannel-record/1';

export interface RecordedAction {
  /** Server time (ms since the epoch) the action ran at. */
  at: number;
  seat: Seat;
  move: string;
  args: unknown[];
}

export interface MatchRecord {
  format: typeof RECORD_FORMAT;
  matchID: string;
  /** As the match was created (boardgame.io's setupData). */
  setupData: unknown;
  /** The PRNG seed, revealed at the end. */
  seed: string;
  /** Server time at setup. */
  startedAt: number;
  actions: RecordedAction[];
  /** The full final state: every secret, now that the match is over. */
  final: BackchannelState;
  /**
   * Set when the match's memo and proposal ids took no draws of its generator (every match set up
   * since issue #11's fix). A record without it, made before, replays with the six draws an id then
   * took (`replayRecord`).
   */
  separateIds?: true;
}

interface LogEntry {
  action: { type: string; payload?: { type?: string; args?: unknown; playerID?: string } };
  metadata?: unknown;
}

/** Builds a finished match's record from what the server stores. */
export function buildRecord(input: {
  matchID: string;
  setupData: unknown;
  /** boardgame.io's stored initial state; its PRNG data says how the match made its ids. */
  initialState: { G: BackchannelState; plugins?: unknown };
  log: readonly LogEntry[];
  state: { G: BackchannelState };
}): MatchRecord {
  const { G } = input.state;
  if (!G.final || G.seed === undefined) throw new Error('the match is not over');
  const actions: RecordedAction[] = [];
  for (const entry of input.log) {
    if (entry.action.type !== 'MAKE_MOVE') continue;
    const payload = entry.action.payload ?? {};
    const at = (entry.metadata as { at?: unknown } | undefined)?.at;
    if (typeof at !== 'number') throw new Error(`log entry ${actions.length} has no time`);
    actions.push({
      at,
      seat: payload.playerID as Seat,
      move: String(payload.type),
      args: Array.isArray(payload.args) ? payload.args : [],
    });
  }
  const prng = (input.initialState.plugins as { prng?: { data?: Partial<PrngData> } } | undefined)
    ?.prng?.data;
  return {
    format: RECORD_FORMAT,
    matchID: input.matchID,
    setupData: input.setupData ?? {},
    seed: G.seed,
    startedAt: input.initialState.G.clock.startedAt,
    actions,
    final: G,
    ...(prng?.separateIds === true ? { separateIds: true as const } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// CSV exports

const clauseText = (G: BackchannelState, c: Clause | null): string => {
  if (c === null) return '[struck]';
  const def = getScenario(G.options.scenario).catalog.find((d) => d.id === c.id);
  const size = def?.sizes.find((s) => s.id === c.size);
  return `${def?.name ?? c.id}: ${size?.label ?? c.size} (giver ${c.giver})`;
};

function memoRow(G: BackchannelState, m: Memo): Record<string, string | number> {
  const d = m.delivery;
  return {
    memo: m.id,
    round: m.round,
    author: m.author === '0' ? 'A' : 'B',
    status: m.status,
    clauses_written: m.clauses.map((c) => clauseText(G, c)).join('; '),
    text_written: m.text,
    delivered_round: d?.round ?? '',
    clauses_delivered: d ? d.clauses.map((c) => clauseText(G, c)).join('; ') : '',
    text_delivered: d?.text ?? '',
    note: d?.note ?? '',
    struck_clauses: d ? d.redactClauses.join(' ') : '',
    struck_spans: d ? d.redactSpans.map(([a, b]) => `${a}-${b}`).join(' ') : '',
    reframes: d ? d.reframes.map((r) => `clause ${r.clause}: ${r.from} -> ${r.to}`).join('; ') : '',
    exposed: m.exposed ? 'yes' : '',
  };
}

/** The record's tracks round by round, or its memos as written and as delivered, as CSV. */
export function recordCsv(record: MatchRecord, of: 'tracks' | 'memos'): string {
  const G = record.final;
  if (of === 'memos') return Papa.unparse(G.memos.map((m) => memoRow(G, m)));
  return Papa.unparse(
    G.history.map((h, i) => ({
      round: h.round,
      escalation: h.tracks.escalation,
      breakout_true: G.breakoutHistory[i] ?? '',
      breakout_estimate: h.estimate,
      oil_leak: h.tracks.oilLeak,
      oil_price: h.tracks.oilPrice,
      pressure_a: h.tracks.pressureA,
      pressure_b: h.tracks.pressureB,
      broker_capital: h.tracks.capital,
    })),
  );
}
