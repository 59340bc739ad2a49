// The easy bot: plausible legal play. It picks among the moves `enumerate` offers for its seat,
// keeps to the sensible ones (no leaks, no self-defeating answers most of the time) and ends
// each step with done.
import { sideOf } from '../game/constants';
import { enumerate } from '../game/enumerate';
import { memosAtBroker, memosThisRound } from '../game/facts';
import type { Scenario } from '../game/scenario/schema';
import type { SeatView, PrincipalSeat, Seat } from '../game/types';
import { dueProposals } from './principal';
import type { BotRng } from './rng';
import type { BotAction } from './types';
import { tableValue } from './value';

export class EasyBot {
  constructor(
    readonly seat: Seat,
    private readonly rng: BotRng,
  ) {}

  decide(view: SeatView, scenario: Scenario): BotAction {
    const moves = enumerate(view, this.seat) as BotAction[];
    const done: BotAction = { move: 'done', args: [] };
    const of = (name: BotAction['move']) => moves.filter((m) => m.move === name);
    const rng = this.rng;
    switch (view.step) {
      case 'drafting': {
        const seat = this.seat as PrincipalSeat;
        const written = memosThisRound(view, seat);
        const postures = of('setPosture');
        if (written === 0 && postures.length > 0 && rng.chance(0.3)) return rng.pick(postures);
        const memos = of('draftMemo');
        if (written === 0 && memos.length > 0 && rng.chance(0.7)) return rng.pick(memos);
        return done;
      }
      case 'mediation': {
        const pending = memosAtBroker(view);
        const memo = pending[0];
        if (!memo) {
          const tables = of('tableProposal');
          if (tables.length > 0 && rng.chance(0.1)) return rng.pick(tables);
          return done;
        }
        const forMemo = moves.filter((m) => m.args[0] === memo.id);
        const holds = forMemo.filter((m) => m.move === 'hold');
        if (holds.length > 0 && rng.chance(0.25)) return holds[0]!;
        const relays = forMemo.filter((m) => m.move === 'relay');
        if (relays.length > 0) return rng.chance(0.6) ? relays[0]! : rng.pick(relays);
        return forMemo.find((m) => m.move !== 'leak') ?? done;
      }
      case 'response': {
        const seat = this.seat as PrincipalSeat;
        const first = dueProposals(view, seat)[0];
        if (!first) return done;
        const worth = first.clauses.reduce((t, c) => t + tableValue(scenario, c, sideOf(seat)), 0);
        const accept = rng.chance(worth >= 0 ? 0.75 : 0.25);
        const action: BotAction = {
          move: 'respond',
          args: [first.id, accept ? 'accept' : 'reject'],
        };
        return moves.some(
          (m) => m.move === 'respond' && m.args[0] === first.id && m.args[1] === action.args[1],
        )
          ? action
          : { move: 'respond', args: [first.id, 'reject'] };
      }
      case 'press': {
        const claims = of('statement').filter(
          (m) => (m.args[0] as { kind: string }).kind === 'claim',
        );
        if (claims.length > 0 && rng.chance(0.7)) return claims[0]!;
        return { move: 'statement', args: [{ kind: 'silence' }] };
      }
      default:
        return done;
    }
  }
}
