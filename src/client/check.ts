// The rules' own check of a move (src/game/enumerate.ts `explainMove`), on the seat's current
// view, with its reason in words for a person: what desks ask before offering a control, and
// what `send` asks before sending.
import { explainMove } from '../game/enumerate';
import type { MoveName } from '../game/moves';
import type { SeatView, Seat } from '../game/types';
import type { Check, MoveArgs } from './intents';
import { forPerson, type Glossary } from './refusals';
import { getScenario, hasScenario } from '../game/scenario';
import { glossaryFor } from '../game/seat-model';
import { STEP_NAMES } from '../game/words';

/** The names a person knows for what the rules name by code, in this view's scenario. */
export function glossary(view: SeatView): Glossary {
  if (hasScenario(view.options.scenario)) return glossaryFor(getScenario(view.options.scenario));
  return {
    clause: () => 'that clause',
    seat: () => 'that seat',
    step: (step) => (STEP_NAMES as Record<string, string>)[step]?.toLowerCase() ?? 'current',
  };
}

export function makeCheck(view: () => SeatView | null, seat: Seat | null): Check {
  return <M extends MoveName>(move: M, ...args: MoveArgs<M>): string | null => {
    const v = view();
    if (!v || seat === null) return 'You are not seated at this table.';
    const reason = explainMove(v, seat, move, args);
    return reason === null ? null : forPerson(reason, glossary(v));
  };
}
