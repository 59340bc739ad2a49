// Every legal move of a seat, with representative arguments: the boardgame.io `ai.enumerate`
// convention that bots and tests use. Candidates are generated broadly and kept only when the
// move's own check accepts them, so this list can never disagree with the rules. It works on the
// full state and on a seat's view alike.
import { BROKER, PRINCIPALS, isPrincipal, isSeat, sideOf } from './constants';
import { relativeGiver } from './clauses';
import type { MoveCheckInput } from './checks';
import { MOVES, type MoveName } from './moves';
import { claimableDeals } from './press';
import { getScenario } from './scenario';
import type { Scenario } from './scenario/schema';
import type { SeatView, Clause, Memo, PrincipalSeat } from './types';

export interface EnumeratedMove {
  move: MoveName;
  args: unknown[];
}

/** Why this move would be refused, or null when it is legal. */
export function explainMove(
  G: SeatView,
  seat: string | null | undefined,
  move: string,
  args: unknown[],
): string | null {
  const def = (MOVES as Record<string, (typeof MOVES)[MoveName] | undefined>)[move];
  if (!def || !Object.hasOwn(MOVES, move)) return `unknown move "${move}"`;
  const input: MoveCheckInput = { G, scenario: getScenario(G.options.scenario), seat, args };
  const checked = def.check(input);
  return checked.ok ? null : checked.reason;
}

/** Every catalog clause at every size, with its fixed giver. */
function allClauses(scenario: Scenario): Clause[] {
  return scenario.catalog.flatMap((def) =>
    def.sizes.map((size) => ({ id: def.id, size: size.id, giver: def.giver })),
  );
}

function memoCandidates(scenario: Scenario, seat: PrincipalSeat): unknown[] {
  const side = sideOf(seat);
  const rel = (c: Clause) => ({ id: c.id, size: c.size, giver: relativeGiver(seat, c.giver) });
  const clauses = allClauses(scenario);
  const out: unknown[] = clauses.map((c) => ({ clauses: [rel(c)], text: '' }));
  out.push({ clauses: [], text: 'We remain ready to talk.' });
  // A few trades: the smallest thing I give against each middle-sized thing I ask for.
  const firstSize = (id: string) => clauses.find((c) => c.id === id)!;
  const mine = scenario.catalog.filter((d) => d.giver === side).map((d) => firstSize(d.id));
  const theirs = scenario.catalog
    .filter((d) => d.giver !== side && d.giver !== 'both')
    .map((d) => {
      const size = d.sizes[Math.floor((d.sizes.length - 1) / 2)]!;
      return { id: d.id, size: size.id, giver: d.giver };
    });
  for (const give of mine.slice(0, 2))
    for (const ask of theirs)
      out.push({ clauses: [rel(give), rel(ask)], text: 'A balanced step, if you will take it.' });
  // Clauses that need another (e.g. a full ceasefire needs a corridor) proposed together.
  for (const r of scenario.rules)
    for (const size of r.sizes) {
      const needed = firstSize(r.needs);
      const subject = scenario.catalog.find((d) => d.id === r.clause)!;
      out.push({
        clauses: [rel({ id: r.clause, size, giver: subject.giver }), rel(needed)],
        text: '',
      });
    }
  return out;
}

function relayCandidates(scenario: Scenario, memo: Memo): unknown[][] {
  const out: unknown[][] = [
    [memo.id, {}],
    [memo.id],
    [memo.id, { note: 'For your consideration.' }],
  ];
  memo.clauses.forEach((_, i) => {
    out.push([memo.id, { redactClauses: [i] }]);
    out.push([memo.id, { reframes: [{ clause: i, delta: 1 }] }]);
    out.push([memo.id, { reframes: [{ clause: i, delta: -1 }] }]);
  });
  if (memo.text.length > 1)
    out.push([memo.id, { redactSpans: [[0, Math.ceil(memo.text.length / 2)]] }]);
  return out;
}

function candidates(G: SeatView, scenario: Scenario, seat: string): EnumeratedMove[] {
  // The lobby (src/game/lobby.ts): say ready or take it back; the creator may start.
  if (G.lobby)
    return [
      { move: 'ready', args: [] },
      { move: 'ready', args: [false] },
      { move: 'start', args: [] },
    ];
  const out: EnumeratedMove[] = [{ move: 'done', args: [] }];
  const add = (move: MoveName, ...args: unknown[]) => out.push({ move, args });

  if (G.step === 'drafting' && isPrincipal(seat)) {
    if (seat === '0') {
      for (const enforcement of ['relax', 'hold', 'tighten', 'interdict'])
        if (G.postures['0']?.enforcement !== enforcement) add('setPosture', { enforcement });
    } else {
      for (const proxyLeash of ['restrain', 'loose', 'unleash'])
        for (const enrichment of ['pause', 'steady', 'advance']) {
          const p = G.postures['1'];
          if (p?.proxyLeash !== proxyLeash || p?.enrichment !== enrichment)
            add('setPosture', { proxyLeash, enrichment });
        }
    }
    for (const memo of memoCandidates(scenario, seat)) add('draftMemo', memo);
  }

  if (G.step === 'mediation' && seat === BROKER) {
    const pending = G.memos.filter((m) => m.status === 'pending');
    for (const memo of pending) {
      for (const args of relayCandidates(scenario, memo)) add('relay', ...args);
      add('hold', memo.id);
      add('leak', memo.id);
    }
    for (const a of pending.filter((m) => m.author === '0'))
      for (const b of pending.filter((m) => m.author === '1'))
        a.clauses.forEach((_, i) =>
          b.clauses.forEach((_, j) =>
            add('bundle', {
              parts: [
                { memoId: a.id, clause: i },
                { memoId: b.id, clause: j },
              ],
            }),
          ),
        );
    for (const c of allClauses(scenario)) add('tableProposal', { clauses: [c] });
  }

  if (G.step === 'response' && isPrincipal(seat)) {
    for (const p of G.proposals) {
      add('respond', p.id, 'accept');
      add('respond', p.id, 'reject');
    }
  }

  if (G.step === 'press' && isSeat(seat)) {
    add('statement', { kind: 'silence' });
    for (const deal of claimableDeals(G, seat)) add('statement', { kind: 'claim', target: deal });
    for (const target of ['0', '1', '2']) add('statement', { kind: 'blame', target });
  }
  return out;
}

export function enumerate(G: SeatView, playerID: string | null | undefined): EnumeratedMove[] {
  if (G.final || G.step === 'over' || !isSeat(playerID)) return [];
  if (!G.pending.includes(playerID) && !G.lobby) return [];
  const scenario = getScenario(G.options.scenario);
  return candidates(G, scenario, playerID).filter(
    ({ move, args }) => MOVES[move].check({ G, scenario, seat: playerID, args }).ok,
  );
}

/**
 * Why this move has no legal instance now: the rules' reason for the first candidate `enumerate`
 * tried (e.g. a bundle whose only clauses are the same clause twice), or null when it has one or
 * none was tried.
 */
export function firstRefusal(
  G: SeatView,
  playerID: string | null | undefined,
  move: MoveName,
): string | null {
  if (G.final || G.step === 'over' || !isSeat(playerID)) return null;
  const scenario = getScenario(G.options.scenario);
  let reason: string | null = null;
  for (const c of candidates(G, scenario, playerID)) {
    if (c.move !== move) continue;
    const checked = MOVES[move].check({ G, scenario, seat: playerID, args: c.args });
    if (checked.ok) return null;
    reason ??= checked.reason;
  }
  return reason;
}

export { PRINCIPALS };
