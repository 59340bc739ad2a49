// What a seminar's facilitator may do to a running table (docs/SEMINAR.md): pause and resume
// (the deadline freezes and comes back with the time that was left), extend a step (capped),
// end a step now, send an inject, hand a seat to a bot and give it back. One server-only move,
// `facilitate`, which no seat can send: the server runs it for a facilitator it authenticated.
import { z } from 'zod';
import { seatName } from './names';
import type { Checked } from './checks';
import { ok, parse, refuse } from './checks';
import type { Rules } from './context';
import { endStep } from './flow';
import type { Scenario } from './scenario/schema';
import { checkThresholds } from './thresholds';
import { applyDeltas } from './tracks';
import type { BackchannelState } from './types';

/** Seconds a facilitator may add to one step, in all (*tunable*). */
export const MAX_EXTENSION_SECONDS = 600;

const delta = z.number().int().min(-3).max(3);
const CustomEffects = z
  .object({
    escalation: delta.optional(),
    breakout: delta.optional(),
    oilLeak: delta.optional(),
    oilPrice: delta.optional(),
    pressureA: delta.optional(),
    pressureB: delta.optional(),
    capital: delta.optional(),
  })
  .strict();

const BotSpec = z
  .object({
    level: z.enum(['easy', 'normal', 'hard']),
    persona: z.enum(['hawk', 'dove', 'staller']).optional(),
  })
  .strict();

export const FacilitatorAction = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pause') }).strict(),
  z.object({ kind: z.literal('resume') }).strict(),
  z
    .object({
      kind: z.literal('extend'),
      seconds: z.number().int().min(1).max(MAX_EXTENSION_SECONDS),
    })
    .strict(),
  z
    .object({
      kind: z.literal('endStep'),
      round: z.number().int().min(1),
      step: z.enum(['drafting', 'mediation', 'response', 'press']),
    })
    .strict(),
  z
    .object({
      kind: z.literal('inject'),
      inject: z.string().min(1).max(64).optional(),
      headline: z.string().trim().min(1).max(140).optional(),
      effects: CustomEffects.optional(),
    })
    .strict()
    .refine((a) => (a.inject === undefined) !== (a.headline === undefined), {
      message: 'an inject names either a scenario inject or a custom headline (with effects)',
    })
    .refine((a) => a.inject === undefined || a.effects === undefined, {
      message: "a scenario inject brings its own effects: don't send effects with it",
    }),
  z
    .object({
      kind: z.literal('seat'),
      seat: z.enum(['0', '1', '2']),
      bot: BotSpec.nullable(),
    })
    .strict(),
]);
export type FacilitatorAction = z.infer<typeof FacilitatorAction>;

/** May the facilitator do this now? Pure: the server also uses it to explain a refusal. */
export function checkFacilitate(
  G: BackchannelState,
  scenario: Scenario,
  args: unknown[],
  now: number,
): Checked<FacilitatorAction> {
  if (args.length !== 1) return refuse('facilitate takes one action');
  const parsed = parse(FacilitatorAction, args[0]);
  if (!parsed.ok) return parsed;
  const action = parsed.value;
  if (G.step === 'over' || G.final) return refuse('the match is over');
  switch (action.kind) {
    case 'pause':
      return G.paused ? refuse('the table is already paused') : ok(action);
    case 'resume':
      return G.paused ? ok(action) : refuse('the table is not paused');
    case 'extend': {
      const remaining = G.paused ? G.paused.remaining : G.clock.deadline;
      if (remaining === null) return refuse('this step has no deadline to extend');
      const used = G.clock.extendedSeconds ?? 0;
      if (used + action.seconds > MAX_EXTENSION_SECONDS)
        return refuse(
          `a step may be extended by ${MAX_EXTENSION_SECONDS} s in all; ${MAX_EXTENSION_SECONDS - used} s are left`,
        );
      if (!G.paused && G.clock.deadline !== null && now >= G.clock.deadline)
        return refuse('the deadline has already passed');
      return ok(action);
    }
    case 'endStep':
      if (action.step !== G.step || action.round !== G.round)
        return refuse(`the ${action.step} step of round ${action.round} is not running`);
      return ok(action);
    case 'inject':
      if (action.inject !== undefined && !scenario.injects.some((i) => i.id === action.inject))
        return refuse(`the scenario has no inject "${action.inject}"`);
      return ok(action);
    case 'seat': {
      const current = G.options.bots[action.seat];
      if (action.bot === null && !current) return refuse(`no bot plays seat ${action.seat}`);
      return ok(action);
    }
  }
}

function say(r: Rules, text: string): void {
  r.G.feed.push({ round: r.G.round, kind: 'facilitator', text });
}

export function applyFacilitate(r: Rules, action: FacilitatorAction): void {
  const { G, scenario } = r;
  const now = r.now();
  switch (action.kind) {
    case 'pause':
      G.paused = {
        since: now,
        remaining: G.clock.deadline === null ? null : Math.max(0, G.clock.deadline - now),
      };
      G.clock.deadline = null;
      say(r, 'The facilitator paused the table.');
      return;
    case 'resume': {
      const remaining = G.paused?.remaining ?? null;
      G.clock.deadline = remaining === null ? null : now + remaining;
      delete G.paused;
      say(r, 'The facilitator resumed the table.');
      return;
    }
    case 'extend':
      if (G.paused) G.paused.remaining = (G.paused.remaining ?? 0) + action.seconds * 1000;
      else G.clock.deadline = (G.clock.deadline ?? now) + action.seconds * 1000;
      G.clock.extendedSeconds = (G.clock.extendedSeconds ?? 0) + action.seconds;
      say(r, `The facilitator gave the ${G.step} step ${action.seconds} more seconds.`);
      return;
    case 'endStep': {
      const wasPaused = G.paused !== undefined;
      say(r, `The facilitator ended the ${G.step} step.`);
      endStep(r, true);
      if (wasPaused && G.step !== 'over') {
        // Still paused, now in the next step, with that step's whole time ahead of it.
        G.paused = {
          since: now,
          remaining: G.clock.deadline === null ? null : Math.max(0, G.clock.deadline - now),
        };
        G.clock.deadline = null;
      } else delete G.paused;
      return;
    }
    case 'inject': {
      const fromLibrary = scenario.injects.find((i) => i.id === action.inject);
      const headline = fromLibrary?.headline ?? action.headline ?? '';
      const effects = fromLibrary?.effects ?? action.effects ?? {};
      applyDeltas(r, effects);
      G.feed.push({ round: G.round, kind: 'inject', text: headline });
      checkThresholds(r, 'step');
      return;
    }
    case 'seat': {
      const name = seatName(scenario, action.seat);
      if (action.bot) {
        G.options.bots[action.seat] = { ...action.bot };
        say(r, `A bot now plays ${name}.`);
      } else {
        delete G.options.bots[action.seat];
        say(r, `${name}'s seat is back with its player.`);
      }
      return;
    }
  }
}
