// The rules' own check of a move (src/game/enumerate.ts `explainMove`), on the seat's current
// view, with its reason in words for a person: what desks ask before offering a control, and
// what `send` asks before sending.
import { explainMove } from '../game/enumerate';
import type { MoveName } from '../game/moves';
import type { BackchannelState, Seat } from '../game/types';
import type { Check, MoveArgs } from './intents';
import { forPerson } from './refusals';

export function makeCheck(view: () => BackchannelState | null, seat: Seat | null): Check {
  return <M extends MoveName>(move: M, ...args: MoveArgs<M>): string | null => {
    const v = view();
    if (!v || seat === null) return 'You are not seated at this table.';
    const reason = explainMove(v, seat, move, args);
    return reason === null ? null : forPerson(reason);
  };
}
