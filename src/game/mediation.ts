// Mediation: the broker decides what each side hears, when and in what words. Relay (with
// redactions and silent reframes), hold, leak, bundle, or table a proposal of its own.
import { BROKER, MAX_CLAUSES, REDACTED, otherPrincipal, sideOf } from './constants';
import { seatName } from './names';
import { clauseSetProblem, describeClause, sizeIndex, clauseDef } from './clauses';
import { mayAct, ok, parse, refuse, type Checked, type MoveCheckInput } from './checks';
import type { Rules } from './context';
import type { z } from 'zod';
import { BundleArgs, MemoId, RelayArgs, TableArgs } from './payloads';
import { addCapital, addCredit, addPressure } from './tracks';
import type { SeatView, Clause, Memo, Proposal, Reframe } from './types';

/** Memos the broker can act on now. */
export function memosAtBroker(G: SeatView): Memo[] {
  return G.memos.filter((m) => m.status === 'pending');
}

function brokerMemo(input: MoveCheckInput): Checked<Memo> {
  const { G, seat, args } = input;
  const step = mayAct(G, seat, 'mediation');
  if (step) return refuse(step);
  if (seat !== BROKER) return refuse('only the broker mediates');
  const id = parse(MemoId, args[0]);
  if (!id.ok) return refuse('expected a memo id');
  const memo = G.memos.find((m) => m.id === id.value);
  if (!memo || memo.status !== 'pending') return refuse(`no memo "${id.value}" awaits the broker`);
  return ok(memo);
}

/** Capital the broker owes for reframes that have not yet come out (0 in a principal's view). */
export function capitalOwed(G: SeatView): number {
  return G.memos.reduce((sum, m) => sum + (m.delivery?.owed ?? 0), 0);
}

/** The broker's capital that is not already owed for reframes: what it may spend now. */
export function capitalFree(G: SeatView): number {
  return G.tracks.capital - capitalOwed(G);
}

/** Why the broker cannot pay `cost` from what it may spend ("a bundle costs 1 capital; …"), or null. */
function unaffordable(G: SeatView, cost: number, what: string): string | null {
  const free = capitalFree(G);
  return cost > free ? `${what} ${cost} capital; the broker has ${free} to spend` : null;
}

/** A reframe comes out (ratification, exposure, the end): the broker pays what it owes for it. */
export function payReframes(r: Rules, memo: Memo): void {
  const owed = memo.delivery?.owed;
  if (!owed) return;
  delete memo.delivery!.owed;
  addCapital(r, -owed);
}

/** At the end of a match every reframe still owed is paid, before the scores are counted. */
export function payAllReframes(r: Rules): void {
  for (const memo of r.G.memos) payReframes(r, memo);
}

/** Held memos come back to the broker's desk at the start of each mediation step. */
export function openMediation(r: Rules): void {
  for (const memo of r.G.memos) if (memo.status === 'held') memo.status = 'pending';
}

/** Memos the broker left: held for later, or expired at their turnaround limit. */
export function closeMediation(r: Rules): void {
  const { G } = r;
  for (const memo of memosAtBroker(G)) {
    if (G.round >= memo.lastRound) expireMemo(r, memo);
    else {
      memo.status = 'held';
      memo.heldSteps++;
      if (G.stats) G.stats.held++;
    }
  }
}

function expireMemo(r: Rules, memo: Memo): void {
  const { G, scenario } = r;
  const t = scenario.tunables.mediation;
  memo.status = 'expired';
  addPressure(r, memo.author, t.expiryPressure);
  addCapital(r, -t.expiryCapital);
  if (G.stats) G.stats.expired++;
  G.feed.push({
    round: G.round,
    kind: 'expiry',
    seat: memo.author,
    text: `Stalling: a memo from ${seatName(scenario, memo.author)} (round ${memo.round}) expired at the broker, undelivered.`,
  });
}

export interface RelayMove {
  memo: Memo;
  redactClauses: number[];
  redactSpans: [number, number][];
  reframes: Reframe[];
  note: string;
  delivered: (Clause | null)[];
  text: string;
}

export function checkRelay(input: MoveCheckInput): Checked<RelayMove> {
  const { G, scenario, args } = input;
  const found = brokerMemo(input);
  if (!found.ok) return found;
  const memo = found.value;
  if (args.length > 2) return refuse('expected a memo id and relay options');
  const parsed = parse(RelayArgs, args[1] ?? {});
  if (!parsed.ok) return parsed;
  const o = parsed.value;
  const redactClauses = [...new Set(o.redactClauses ?? [])].sort((a, b) => a - b);
  if (redactClauses.length !== (o.redactClauses ?? []).length)
    return refuse('a clause is struck twice');
  if (redactClauses.some((i) => i >= memo.clauses.length))
    return refuse(`the memo has ${memo.clauses.length} clauses`);

  const spans = [...(o.redactSpans ?? [])].sort((a, b) => a[0] - b[0]);
  for (const [i, [start, end]] of spans.entries()) {
    if (start >= end || end > memo.text.length)
      return refuse(`span [${start}, ${end}) is not within the text (length ${memo.text.length})`);
    const previous = spans[i - 1];
    if (previous && start < previous[1]) return refuse('struck spans overlap');
  }

  const delivered: (Clause | null)[] = memo.clauses.map((c, i) =>
    redactClauses.includes(i) ? null : { ...c },
  );
  const reframes: Reframe[] = [];
  for (const { clause, delta } of o.reframes ?? []) {
    const target = delivered[clause];
    if (clause >= memo.clauses.length) return refuse(`the memo has ${memo.clauses.length} clauses`);
    if (!target) return refuse('a struck clause cannot be reframed');
    if (reframes.some((f) => f.clause === clause)) return refuse('one reframe per clause');
    const def = clauseDef(scenario, target.id);
    const next = def?.sizes[sizeIndex(scenario, target) + delta];
    if (!def || !next)
      return refuse(`clause ${clause} has no size one step ${delta > 0 ? 'up' : 'down'}`);
    reframes.push({ clause, from: target.size, to: next.id });
    target.size = next.id;
  }
  const short = unaffordable(
    G,
    reframes.length * scenario.tunables.mediation.reframeCost,
    'reframes cost',
  );
  if (short) return refuse(short);
  const kept = delivered.filter((c): c is Clause => c !== null);
  const problem = clauseSetProblem(G, scenario, kept);
  if (problem) return refuse(problem);

  let text = '';
  let at = 0;
  for (const [start, end] of spans) {
    text += memo.text.slice(at, start) + REDACTED;
    at = end;
  }
  text += memo.text.slice(at);
  return ok({
    memo,
    redactClauses,
    redactSpans: spans,
    reframes,
    note: o.note ?? '',
    delivered,
    text,
  });
}

export function applyRelay(r: Rules, m: RelayMove): void {
  const { G, scenario } = r;
  const memo = G.memos.find((x) => x.id === m.memo.id)!;
  // Owed, not paid: capital is public, and a fall at the moment of delivery would tell the
  // recipient its memo was reframed. It is paid when the reframe comes out (payReframes).
  const owed = m.reframes.length * scenario.tunables.mediation.reframeCost;
  memo.status = 'relayed';
  memo.delivery = {
    round: G.round,
    clauses: m.delivered,
    text: m.text,
    note: m.note,
    redactClauses: m.redactClauses,
    redactSpans: m.redactSpans,
    reframes: m.reframes,
    ...(owed > 0 ? { owed } : {}),
  };
  const recipient = otherPrincipal(memo.author);
  const clauses = m.delivered.filter((c): c is Clause => c !== null);
  pushProposal(r, {
    kind: 'relay',
    memoId: memo.id,
    author: memo.author,
    recipients: [recipient],
    clauses,
    shown: m.delivered,
    text: m.text,
    note: m.note,
    stage: clauses.length === 0 ? 'message' : 'open',
    due: clauses.length === 0 ? [] : [recipient],
  });
  if (G.stats) {
    G.stats.relayed++;
    if (m.redactClauses.length > 0 || m.redactSpans.length > 0) G.stats.redacted++;
    if (m.reframes.length > 0) G.stats.reframed++;
  }
}

function pushProposal(
  r: Rules,
  p: Omit<Proposal, 'id' | 'round' | 'dueRound' | 'answers'>,
): Proposal {
  const proposal: Proposal = {
    id: r.prng.id('p-'),
    round: r.G.round,
    dueRound: r.G.round,
    answers: {},
    ...p,
  };
  r.G.proposals.push(proposal);
  return proposal;
}

export function checkHold(input: MoveCheckInput): Checked<Memo> {
  const found = brokerMemo(input);
  if (!found.ok) return found;
  if (input.args.length !== 1) return refuse('expected one argument: the memo id');
  if (input.G.round >= found.value.lastRound)
    return refuse('this memo is at its turnaround limit: deliver it, leak it, or let it expire');
  return found;
}

export function applyHold(r: Rules, memo: Memo): void {
  const m = r.G.memos.find((x) => x.id === memo.id)!;
  m.status = 'held';
  m.heldSteps++;
  if (r.G.stats) r.G.stats.held++;
}

/**
 * What a leak of this memo shows the table: a pure demand (clauses, none of them its author's to
 * give: posturing exposed), a real offer (its author gives something: an offer burned), or a
 * message without clauses.
 */
export function leakKind(memo: Memo): 'demand' | 'offer' | 'message' {
  if (memo.clauses.length === 0) return 'message';
  const side = sideOf(memo.author);
  return memo.clauses.some((c) => c.giver === side || c.giver === 'both') ? 'offer' : 'demand';
}

export function checkLeak(input: MoveCheckInput): Checked<Memo> {
  if (input.args.length !== 1) return refuse('expected one argument: the memo id');
  return brokerMemo(input);
}

export function applyLeak(r: Rules, memo: Memo): void {
  const { G, scenario, prng } = r;
  const t = scenario.tunables.mediation;
  const m = G.memos.find((x) => x.id === memo.id)!;
  m.status = 'leaked';
  addPressure(r, m.author, t.leakPressure);
  addCapital(r, -t.leakCapital);
  // Leaking a pure demand exposes posturing and earns the broker standing; leaking a real offer
  // burns it, and the table holds that against the broker.
  const kind = leakKind(m);
  if (t.leakCredit && kind !== 'message')
    addCredit(r, BROKER, kind === 'demand' ? t.leakCredit : -t.leakCredit);
  if (G.stats) G.stats.leaked++;
  const author = seatName(scenario, m.author);
  G.feed.push({
    round: G.round,
    kind: 'leak',
    seat: m.author,
    text: `Leaked: a memo from ${author} to the broker, published as written.`,
    memo: { id: m.id, author: m.author, clauses: m.clauses.map((c) => ({ ...c })), text: m.text },
  });
  // A leak invites scrutiny of how the broker has handled this author's words before.
  for (const earlier of G.memos) {
    if (earlier.author !== m.author || earlier.exposed || !earlier.delivery?.reframes.length)
      continue;
    if (!prng.chance(t.exposureChance)) continue;
    earlier.exposed = true;
    payReframes(r, earlier);
    addCapital(r, -t.exposureCapital);
    const changes = earlier.delivery.reframes
      .map((f) => {
        const clause = earlier.clauses[f.clause]!;
        return `${describeClause(scenario, clause)} was delivered as ${describeClause(scenario, { ...clause, size: f.to })}`;
      })
      .join('; ');
    G.feed.push({
      round: G.round,
      kind: 'exposure',
      seat: m.author,
      text: `Exposed: the broker reframed ${author}'s memo of round ${earlier.round}: ${changes}.`,
    });
  }
}

/** The broker, in mediation, sending one argument of this shape. */
function brokerArgs<S extends z.ZodType>(
  { G, seat, args }: Pick<MoveCheckInput, 'G' | 'seat' | 'args'>,
  schema: S,
  act: string,
  what: string,
): Checked<z.infer<S>> {
  const step = mayAct(G, seat, 'mediation');
  if (step) return refuse(step);
  if (seat !== BROKER) return refuse(`only the broker ${act}`);
  if (args.length !== 1) return refuse(`expected one argument: ${what}`);
  return parse(schema, args[0]);
}

export interface BundleMove {
  parts: { memoId: string; clause: number }[];
  clauses: Clause[];
  note: string;
}

export function checkBundle({ G, scenario, seat, args }: MoveCheckInput): Checked<BundleMove> {
  const parsed = brokerArgs({ G, seat, args }, BundleArgs, 'bundles', 'the bundle');
  if (!parsed.ok) return parsed;
  const authors = new Set<string>();
  const clauses: Clause[] = [];
  const seen = new Set<string>();
  for (const part of parsed.value.parts) {
    const key = `${part.memoId}#${part.clause}`;
    if (seen.has(key)) return refuse('a clause is named twice');
    seen.add(key);
    const memo = G.memos.find((m) => m.id === part.memoId && m.status === 'pending');
    if (!memo) return refuse(`no memo "${part.memoId}" awaits the broker`);
    const clause = memo.clauses[part.clause];
    if (!clause) return refuse(`memo "${part.memoId}" has no clause ${part.clause}`);
    authors.add(memo.author);
    clauses.push({ ...clause });
  }
  if (authors.size < 2) return refuse('a bundle merges clauses from memos of both sides');
  if (clauses.length > MAX_CLAUSES) return refuse(`at most ${MAX_CLAUSES} clauses`);
  const short = unaffordable(G, scenario.tunables.mediation.bundleCost, 'a bundle costs');
  if (short) return refuse(short);
  const problem = clauseSetProblem(G, scenario, clauses);
  if (problem) return refuse(problem);
  return ok({ parts: parsed.value.parts, clauses, note: parsed.value.note ?? '' });
}

export function applyBundle(r: Rules, m: BundleMove): void {
  const { G, scenario } = r;
  addCapital(r, -scenario.tunables.mediation.bundleCost);
  for (const part of m.parts) {
    const memo = G.memos.find((x) => x.id === part.memoId)!;
    memo.status = 'bundled';
  }
  pushProposal(r, {
    kind: 'bundle',
    recipients: ['0', '1'],
    clauses: m.clauses,
    shown: m.clauses,
    text: '',
    note: m.note,
    stage: 'open',
    due: ['0', '1'],
    parts: m.parts,
  });
  if (G.stats) G.stats.bundled++;
}

export interface TableMove {
  clauses: Clause[];
  note: string;
}

export function checkTable({ G, scenario, seat, args }: MoveCheckInput): Checked<TableMove> {
  const parsed = brokerArgs({ G, seat, args }, TableArgs, 'tables proposals', 'the proposal');
  if (!parsed.ok) return parsed;
  const short = unaffordable(G, scenario.tunables.mediation.tableCost, 'tabling costs');
  if (short) return refuse(short);
  const clauses = parsed.value.clauses.map((c) => ({ ...c }));
  const problem = clauseSetProblem(G, scenario, clauses);
  if (problem) return refuse(problem);
  return ok({ clauses, note: parsed.value.note ?? '' });
}

export function applyTable(r: Rules, m: TableMove): void {
  addCapital(r, -r.scenario.tunables.mediation.tableCost);
  pushProposal(r, {
    kind: 'table',
    recipients: ['0', '1'],
    clauses: m.clauses,
    shown: m.clauses,
    text: '',
    note: m.note,
    stage: 'open',
    due: ['0', '1'],
  });
  if (r.G.stats) r.G.stats.tabled++;
}
