// "My matches" on the home page (issue #12): this browser's own matches, solo (solo-store.ts) and
// online (the seats lobby.ts holds, with where each stood at the last look: last-seen.ts), newest
// first, and what can be done with each: resume an unfinished one, open a finished one's debrief
// and replay, or start a rematch (the same setup, a new seed). The home page renders this list.
import { getScenario } from '../game/scenario';
import { seatName } from '../game/seat-model';
import type { SetupData } from '../game/options';
import type { Seat, Step } from '../game/types';
import { ROLE_NAMES, STEP_NAMES } from '../game/words';
import type { HeldSeat } from './lobby';
import type { SeenPoint } from './last-seen';
import type { SoloEntry, SoloStart } from './solo-store';

export type Rematch =
  | { kind: 'solo'; start: SoloStart }
  /** A new online match with the old one's setup, this seat held again under the same name. */
  | { kind: 'online'; matchID: string; seat: Seat; name: string };

export interface MyMatch {
  id: string;
  kind: 'solo' | 'online';
  seat: Seat;
  /** "Doha 2026 · solo, as Washington (Principal A)". */
  title: string;
  /** "Round 3 of 8, Drafting", "Finished", "Not opened yet". */
  status: string;
  finished: boolean;
  /** Browser time of the last look (or of the start). */
  at: number;
  /** The route that puts the person back in the match; null once it is over. */
  resume: string | null;
  /** The debrief and replay; null until the match is over. */
  debrief: string | null;
  rematch: Rematch | null;
}

function scenarioName(id: string | undefined): { name: string; seat: (s: Seat) => string } {
  try {
    const scenario = getScenario(id ?? 'doha-2026');
    return { name: scenario.name, seat: (s) => `${seatName(scenario, s)} (${ROLE_NAMES[s]})` };
  } catch {
    return { name: 'Backchannel', seat: (s) => ROLE_NAMES[s] };
  }
}

const stepWords = (step: string | null) => (step ? (STEP_NAMES[step as Step] ?? step) : null);

function where(round: number, rounds: number | null, step: string | null): string {
  if (round < 1) return 'Just started';
  const of = rounds ? ` of ${rounds}` : '';
  const s = stepWords(step);
  return `Round ${round}${of}${s ? `, ${s}` : ''}`;
}

const review = (id: string) => `#/review/${encodeURIComponent(id)}`;

export function soloItem(e: SoloEntry): MyMatch {
  const scenario = scenarioName(e.setupData.scenario);
  const start: SoloStart = {
    seat: e.seat,
    setupData: e.setupData as SetupData,
    bots: e.bots,
    pace: e.pace,
  };
  return {
    id: e.matchID,
    kind: 'solo',
    seat: e.seat,
    title: `${scenario.name} · ${e.guide ? 'guided' : 'solo'}, as ${scenario.seat(e.seat)}`,
    status: e.finished ? 'Finished' : where(e.round, e.rounds, e.step),
    finished: e.finished,
    at: e.updatedAt,
    resume: e.finished ? null : `#/solo/${encodeURIComponent(e.matchID)}`,
    debrief: e.finished ? review(e.matchID) : null,
    // A guided match's rematch is an ordinary solo match of the same setup (the guide's seed is fixed).
    rematch: { kind: 'solo', start },
  };
}

export function onlineItem(held: HeldSeat, seen: SeenPoint | null): MyMatch {
  const scenarioId = seen?.scenario;
  const scenario = scenarioName(scenarioId);
  const finished = seen?.over === true;
  return {
    id: held.matchID,
    kind: 'online',
    seat: held.seat,
    title: `${scenarioId ? `${scenario.name} · ` : ''}online${held.seminar ? ' (class)' : ''}, as ${
      scenarioId ? scenario.seat(held.seat) : ROLE_NAMES[held.seat]
    }`,
    status: finished
      ? 'Finished'
      : seen
        ? where(seen.round, seen.rounds, seen.step)
        : 'Not opened yet',
    finished,
    at: seen?.at ?? 0,
    resume: finished ? null : `#/play/${encodeURIComponent(held.matchID)}/${held.seat}`,
    debrief: finished ? review(held.matchID) : null,
    // A class's matches are the facilitator's to start.
    rematch:
      finished && !held.seminar
        ? { kind: 'online', matchID: held.matchID, seat: held.seat, name: held.name }
        : null,
  };
}

/** Every match of this browser, newest look first. */
export function myMatches(
  solo: readonly SoloEntry[],
  online: readonly HeldSeat[],
  seenOf: (matchID: string, seat: Seat) => SeenPoint | null,
): MyMatch[] {
  return [
    ...solo.map(soloItem),
    ...online.map((s) => onlineItem(s, seenOf(s.matchID, s.seat))),
  ].sort((a, b) => b.at - a.at);
}
