// Screenshots of every desk (A, B and the broker in drafting, mediation, response and press, and
// the end screen) of both scenarios, each with a real refusal of the rules placed beside its
// control, at 1280×720 and 390 px wide: `npx tsx test/e2e/desks.ts [only]` writes
// test-results/screens/desks/*.png. Built on test/e2e/screens.ts.
import { join } from 'node:path';
import type { Rules } from '../../src/game/context';
import { enumerate } from '../../src/game/enumerate';
import type { MoveName } from '../../src/game/moves';
import type { Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { SCENARIOS, allDone, finishedViews, freshMatch, must } from '../ui/states';
import { realRefusal, shootCases } from './screens';
import type { ScreenCase } from './screens/screens';
import { ROOT } from './support';

const WHO: Record<Seat, string> = { '0': 'a', '1': 'b', '2': 'broker' };

/** A line of play: both sides write, the broker relays A's memo and tables a proposal. */
function line(id: (typeof SCENARIOS)[number]) {
  const r = freshMatch(id, 'ui-desks');
  const memoOf = (seat: '0' | '1') =>
    enumerate(r.G, seat).find(
      (m) => m.move === 'draftMemo' && (m.args[0] as { clauses: unknown[] }).clauses.length > 0,
    )!.args;
  const states: Record<string, Rules['G']> = {};
  for (const seat of ['0', '1'] as const) must(r, seat, 'draftMemo', ...memoOf(seat));
  states.drafting = structuredClone(r.G);
  allDone(r);
  states.mediation = structuredClone(r.G);
  const a = r.G.memos.find((m) => m.author === '0' && m.status === 'pending')!;
  must(r, '2', 'relay', a.id, {});
  const table = enumerate(r.G, '2').find((m) => m.move === 'tableProposal');
  if (table) must(r, '2', 'tableProposal', ...table.args);
  allDone(r);
  states.response = structuredClone(r.G);
  allDone(r);
  states.press = structuredClone(r.G);
  return states;
}

/** Moves to try, per step and seat, until the rules refuse one: it lands beside its control. */
function tries(G: Rules['G'], step: string, seat: Seat): [MoveName, unknown[]][] {
  const memo = G.memos.find((m) => m.status === 'pending');
  const proposal = G.proposals.find((p) => p.due.includes(seat as '0'));
  const twice = (m: { args: unknown[] }) => {
    const c = (m.args[0] as { clauses: unknown[] }).clauses[0];
    return [{ clauses: [c, c], text: '' }];
  };
  const memoMove = enumerate(G, seat).find(
    (m) => m.move === 'draftMemo' && (m.args[0] as { clauses: unknown[] }).clauses.length > 0,
  );
  switch (step) {
    case 'drafting':
      return seat === '2'
        ? [['relay', ['no-memo']]]
        : [
            ...(memoMove ? [['draftMemo', twice(memoMove)] as [MoveName, unknown[]]] : []),
            ['draftMemo', [{ clauses: [], text: '' }]],
          ];
    case 'mediation':
      return seat === '2' && memo
        ? [
            [
              'relay',
              [memo.id, { reframes: [0, 1, 2, 3].map((clause) => ({ clause, delta: 1 })) }],
            ],
            ['bundle', [{ parts: [{ memoId: memo.id, clause: 0 }] }]],
          ]
        : [['respond', ['p-none', 'accept']]];
    case 'response':
      return proposal
        ? [['respond', [proposal.id, 'maybe']]]
        : [['statement', [{ kind: 'silence' }]]];
    default:
      return [
        ['statement', [{ kind: 'claim', target: 'D9' }]],
        ['statement', [{ kind: 'blame', target: seat }]],
      ];
  }
}

function cases(): [string, ScreenCase][] {
  const out: [string, ScreenCase][] = [];
  for (const id of SCENARIOS) {
    const states = line(id);
    for (const [step, G] of Object.entries(states))
      for (const seat of ['0', '1', '2'] as const) {
        const view = viewFor(G, seat);
        out.push([
          `${id}-${WHO[seat]}-${step}`,
          { view, seat, refusal: realRefusal(view, seat, tries(G, step, seat)) },
        ]);
      }
    for (const v of finishedViews(id)) out.push([`${id}-${WHO[v.seat]}-end`, v]);
  }
  return out;
}

shootCases(cases(), join(ROOT, 'test-results', 'screens', 'desks'), process.argv[2]).catch(
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
