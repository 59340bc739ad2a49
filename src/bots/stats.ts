// What one match leaves behind, and the figures over many: win rates, outcome classes, tracks,
// deals, the broker's handling of memos, incidents and match length.
import { cardsMet } from '../game/facts';
import { getScenario } from '../game/scenario';
import { TRACK_NAMES, type TrackName } from '../game/scenario/schema';
import type { BackchannelState, Outcome, Seat } from '../game/types';

export const OUTCOMES: readonly Outcome[] = [
  'durable-deal',
  'codified-stalemate',
  'collapse',
  'war',
];
export const ROLES = { '0': 'A', '1': 'B', '2': 'broker' } as const;
export type Role = (typeof ROLES)[Seat];

type TrackKey = TrackName;
const MEMO_KEYS = [
  'written',
  'relayed',
  'redacted',
  'reframed',
  'held',
  'leaked',
  'expired',
  'bundled',
  'tabled',
] as const;
type MemoKey = (typeof MEMO_KEYS)[number];

export interface MatchSummary {
  seed: string;
  outcome: Outcome;
  reason: 'rounds' | 'war' | 'walkout';
  winners: Seat[];
  scores: Record<Seat, number>;
  normalised: Record<Seat, number>;
  rounds: number;
  tracks: Record<TrackKey, number>;
  credit: Record<Seat, number>;
  deals: { signed: number; verified: number; collapsed: number };
  memos: Record<MemoKey, number>;
  stalls: number;
  incidents: number;
  walkouts: number;
  /** Every card dealt in the match (both agendas, the mandate), by id: met at the end or not. */
  cards: Record<string, boolean>;
}

export function summarise(G: BackchannelState, seed: string): MatchSummary {
  const final = G.final;
  if (!final) throw new Error('summarise: the match is not over');
  const s = G.stats;
  return {
    seed,
    outcome: final.outcome,
    reason: final.reason,
    winners: [...final.winners],
    scores: { ...final.scores },
    normalised: { ...final.normalised },
    rounds: G.round,
    tracks: {
      escalation: G.tracks.escalation,
      breakout: G.breakout.true ?? G.breakout.estimate,
      oilLeak: G.tracks.oilLeak,
      oilPrice: G.tracks.oilPrice,
      pressureA: G.tracks.pressureA,
      pressureB: G.tracks.pressureB,
      capital: G.tracks.capital,
    },
    credit: { ...G.credit },
    deals: {
      signed: G.deals.length,
      verified: G.deals.filter((d) => d.status === 'verified').length,
      collapsed: G.deals.filter((d) => d.status === 'collapsed').length,
    },
    memos: {
      written: s?.memosWritten ?? 0,
      relayed: s?.relayed ?? 0,
      redacted: s?.redacted ?? 0,
      reframed: s?.reframed ?? 0,
      held: s?.held ?? 0,
      leaked: s?.leaked ?? 0,
      expired: s?.expired ?? 0,
      bundled: s?.bundled ?? 0,
      tabled: s?.tabled ?? 0,
    },
    stalls: s?.stalls ?? 0,
    incidents: G.incidents.length,
    walkouts: G.walkouts['0'].length + G.walkouts['1'].length,
    cards: cardsMet(G, getScenario(G.options.scenario)),
  };
}

/** The broker's tools, each counted in a match when used at least once. */
const TOOLS = { reframe: 'reframed', hold: 'held', leak: 'leaked', expire: 'expired' } as const;
type Tool = keyof typeof TOOLS;

export interface Aggregate {
  matches: number;
  /** Share of wins per role: a tie shares the match's win between the tied seats (sums to 1). */
  winRate: Record<Role, number>;
  /** Share of matches in which the role was among the winners (ties count for each; may sum above 1). */
  winOrTie: Record<Role, number>;
  outcomes: Record<Outcome, number>;
  meanNormalised: Record<Role, number>;
  meanScore: Record<Role, number>;
  meanTracks: Record<TrackKey, number>;
  meanCredit: Record<Role, number>;
  deals: { signed: number; verified: number; collapsed: number; perMatch: Record<string, number> };
  memos: Record<MemoKey, number> & { perMatch: Record<MemoKey, number> };
  stalls: number;
  walkouts: number;
  incidents: { total: number; perMatch: number };
  length: { meanRounds: number; endedBy: Record<'rounds' | 'war' | 'walkout', number> };
  /** Share of matches in which the broker used each tool at least once (an expiry: let one lapse). */
  toolUse: Record<Tool, number>;
  /** Share of signed deals that collapsed before they verified. */
  collapsedShare: number;
  /** For every card dealt at least once: in how many matches, and the share of those it was met. */
  cards: Record<string, { dealt: number; met: number }>;
}

const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** Figures over matches, in the order given (so the same matches give the same figures). */
export function aggregate(list: readonly MatchSummary[]): Aggregate {
  const n = list.length || 1;
  const sum = (f: (m: MatchSummary) => number) => list.reduce((t, m) => t + f(m), 0);
  const mean = (f: (m: MatchSummary) => number) => round4(sum(f) / n);
  const seats: Seat[] = ['0', '1', '2'];
  const byRole = (f: (m: MatchSummary, seat: Seat) => number) =>
    Object.fromEntries(seats.map((seat) => [ROLES[seat], mean((m) => f(m, seat))])) as Record<
      Role,
      number
    >;
  const deals = {
    signed: sum((m) => m.deals.signed),
    verified: sum((m) => m.deals.verified),
    collapsed: sum((m) => m.deals.collapsed),
  };
  const memoTotals = Object.fromEntries(
    MEMO_KEYS.map((k) => [k, sum((m) => m.memos[k])]),
  ) as Record<MemoKey, number>;
  const cards: Aggregate['cards'] = {};
  for (const m of list)
    for (const [id, met] of Object.entries(m.cards)) {
      const c = (cards[id] ??= { dealt: 0, met: 0 });
      c.dealt++;
      if (met) c.met++;
    }
  for (const c of Object.values(cards)) c.met = round4(c.met / c.dealt);
  return {
    matches: list.length,
    winRate: byRole((m, seat) => (m.winners.includes(seat) ? 1 / m.winners.length : 0)),
    winOrTie: byRole((m, seat) => (m.winners.includes(seat) ? 1 : 0)),
    outcomes: Object.fromEntries(
      OUTCOMES.map((o) => [o, mean((m) => (m.outcome === o ? 1 : 0))]),
    ) as Record<Outcome, number>,
    meanNormalised: byRole((m, seat) => m.normalised[seat]),
    meanScore: byRole((m, seat) => m.scores[seat]),
    meanTracks: Object.fromEntries(TRACK_NAMES.map((k) => [k, mean((m) => m.tracks[k])])) as Record<
      TrackKey,
      number
    >,
    meanCredit: byRole((m, seat) => m.credit[seat]),
    deals: {
      ...deals,
      perMatch: {
        signed: round4(deals.signed / n),
        verified: round4(deals.verified / n),
        collapsed: round4(deals.collapsed / n),
      },
    },
    memos: {
      ...memoTotals,
      perMatch: Object.fromEntries(MEMO_KEYS.map((k) => [k, round4(memoTotals[k] / n)])) as Record<
        MemoKey,
        number
      >,
    },
    stalls: sum((m) => m.stalls),
    walkouts: sum((m) => m.walkouts),
    incidents: { total: sum((m) => m.incidents), perMatch: mean((m) => m.incidents) },
    length: {
      meanRounds: mean((m) => m.rounds),
      endedBy: {
        rounds: mean((m) => (m.reason === 'rounds' ? 1 : 0)),
        war: mean((m) => (m.reason === 'war' ? 1 : 0)),
        walkout: mean((m) => (m.reason === 'walkout' ? 1 : 0)),
      },
    },
    toolUse: Object.fromEntries(
      Object.entries(TOOLS).map(([tool, key]) => [tool, mean((m) => (m.memos[key] > 0 ? 1 : 0))]),
    ) as Record<Tool, number>,
    collapsedShare: round4(deals.signed ? deals.collapsed / deals.signed : 0),
    cards: Object.fromEntries(Object.entries(cards).sort(([a], [b]) => a.localeCompare(b))),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const num = (x: number) => x.toFixed(2);

/** The figures as a short report for people. */
export function formatAggregate(a: Aggregate, heading: string): string {
  const lines: string[] = [heading, ''];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(26)}${value}`);
  lines.push('Win rate (a tie shares the win; in brackets: won or tied)');
  for (const role of ['A', 'B', 'broker'] as const)
    row(
      role,
      `${pct(a.winRate[role])} (${pct(a.winOrTie[role])})   mean normalised score ${a.meanNormalised[role].toFixed(3)}`,
    );
  lines.push('', 'Outcome');
  for (const o of OUTCOMES) row(o, pct(a.outcomes[o]));
  lines.push('', 'Mean final tracks');
  for (const [k, v] of Object.entries(a.meanTracks)) row(k, num(v));
  for (const role of ['A', 'B', 'broker'] as const) row(`credit ${role}`, num(a.meanCredit[role]));
  lines.push('', 'Deals (total, per match)');
  for (const k of ['signed', 'verified', 'collapsed'] as const)
    row(k, `${a.deals[k]}   ${num(a.deals.perMatch[k] ?? 0)}`);
  row('share collapsed unverified', pct(a.collapsedShare));
  lines.push('', 'Memos (total, per match)');
  for (const k of MEMO_KEYS) row(k, `${a.memos[k]}   ${num(a.memos.perMatch[k])}`);
  lines.push('', "The broker's tools (share of matches used at least once)");
  for (const [tool, share] of Object.entries(a.toolUse)) row(tool, pct(share));
  lines.push('', 'Cards met (share of the matches in which the card was dealt)');
  for (const [id, c] of Object.entries(a.cards)) row(id, `${pct(c.met)} of ${c.dealt}`);
  lines.push('', 'Incidents and length');
  row('incidents', `${a.incidents.total}   ${num(a.incidents.perMatch)} per match`);
  row('stalls', String(a.stalls));
  row('walkouts', String(a.walkouts));
  row('mean length (rounds)', num(a.length.meanRounds));
  row(
    'ended by',
    `rounds ${pct(a.length.endedBy.rounds)}, war ${pct(a.length.endedBy.war)}, walkout ${pct(a.length.endedBy.walkout)}`,
  );
  return lines.join('\n');
}

/** One seat's figures in two runs over the same seeds (a probe's, the normal bot's), match by match. */
export interface Paired {
  score: number;
  normalScore: number;
  win: number;
  normalWin: number;
  /** Standard errors of the paired differences (probe − normal, match by match): the noise. */
  scoreNoise: number;
  winNoise: number;
}

const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** The standard error of a mean of paired differences. */
function pairedNoise(xs: number[]): number {
  const m = meanOf(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1) / xs.length);
}
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * A seat's mean normalised score and win share (a tie shares the win) in `mine` beside `normal`,
 * the same seeds in the same order, with the noise of each paired difference.
 */
export function paired(seat: Seat, mine: MatchSummary[], normal: MatchSummary[]): Paired {
  if (mine.length !== normal.length || mine.length < 2)
    throw new Error('paired: two runs of the same matches (at least 2) are needed');
  const score = (m: MatchSummary) => m.normalised[seat];
  const win = (m: MatchSummary) => (m.winners.includes(seat) ? 1 / m.winners.length : 0);
  return {
    score: round3(meanOf(mine.map(score))),
    normalScore: round3(meanOf(normal.map(score))),
    win: round3(meanOf(mine.map(win))),
    normalWin: round3(meanOf(normal.map(win))),
    scoreNoise: round3(pairedNoise(mine.map((m, i) => score(m) - score(normal[i]!)))),
    winNoise: round3(pairedNoise(mine.map((m, i) => win(m) - win(normal[i]!)))),
  };
}

/**
 * Where the first run is above the normal bot's by more than twice the noise of the paired
 * difference: the bar of issue #11's exploit probes (the suite and `npm run probes` share it).
 */
export function aboveNoise(f: Paired): { score: boolean; win: boolean } {
  return {
    score: f.score - f.normalScore > 2 * f.scoreNoise,
    win: f.win - f.normalWin > 2 * f.winNoise,
  };
}
