// Every move is a check (pure: may this seat make it, with these arguments, in this state or in
// this seat's view of it?) and an application. `enumerate` and the user interface run the checks
// alone; the moves run both.
import type { z } from 'zod';
import { firstProblem } from './payloads';
import type { Scenario } from './scenario/schema';
import type { SeatView, Seat, Step } from './types';

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const refuse = <T = never>(reason: string): Checked<T> => ({ ok: false, reason });

export function parse<S extends z.ZodType>(schema: S, value: unknown): Checked<z.infer<S>> {
  const result = schema.safeParse(value);
  return result.success ? ok(result.data) : refuse(firstProblem(result.error));
}

/** The seat may act in this step and has not yet said done. */
export function mayAct(G: SeatView, seat: string | null | undefined, step: Step): string | null {
  if (G.final || G.step === 'over') return 'the match is over';
  if (G.lobby) return 'the match has not started: it waits in its lobby';
  if (G.paused) return 'the facilitator has paused the table';
  if (G.step !== step) return `only in the ${step} step (now: ${G.step})`;
  if (!G.pending.includes(seat as Seat)) return `seat ${String(seat)} does not act now`;
  return null;
}

export interface MoveCheckInput {
  G: SeatView;
  scenario: Scenario;
  seat: string | null | undefined;
  args: unknown[];
}
