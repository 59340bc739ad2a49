// What a bot principal writes around the clauses it chose: a memo for that moment, not a canned
// line. Built from the clauses (what it asks, what it gives, what both do), its persona, and what
// has just happened that it can see (this round's incident, a deal that collapsed, a deal that
// verified, a leak of its own memo), with the wording varied by the bot's own dice so that two
// matches, or two scenarios, do not read alike. Names come from the scenario (seat names, clause
// names and sizes), so a fictional scenario reads in its own words.
import { otherPrincipal, sideOf } from '../game/constants';
import { clauseModel, seatName } from '../game/seat-model';
import type { Scenario } from '../game/scenario/schema';
import type { Clause, PrincipalSeat, SeatView } from '../game/types';
import type { BotRng } from './rng';
import type { Persona } from './types';

export type Voice = Persona | 'none';

/** "sanctions relief ($2bn)": the seat model's words for the clause. */
function clauseWords(scenario: Scenario, c: Clause): string {
  const m = clauseModel(scenario, c);
  return `${m.name.toLowerCase()} (${m.sizeLabel})`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What the seat has just seen happen, newest first: the hook a memo opens on. */
function occasion(view: SeatView, seat: PrincipalSeat, scenario: Scenario): string | null {
  const recent = view.feed.filter((f) => f.round >= view.round - 1).reverse();
  const them = seatName(scenario, otherPrincipal(seat));
  for (const f of recent) {
    if (f.kind === 'leak' && f.memo?.author === seat)
      return 'Our last memo was published before it reached anyone. We write again, on the same terms.';
    if (f.kind === 'collapse')
      return 'The deal that collapsed this week showed how little an unverified promise is worth.';
    if (f.kind === 'incident') {
      const incident = view.incidents.find((i) => i.id === f.incidentId);
      if (incident)
        // Headlines are not sentences ("Rocket barrage across the Lebanese border; Israel vows a
        // response"): quoted whole, not bent into one.
        return `“${incident.headline.replace(/\.$/, '')}.” After news like that, patience here is short.`;
    }
    if (f.kind === 'verified') return `The last deal held. ${them} can build on that, or waste it.`;
  }
  return null;
}

const OPENINGS: Record<Voice, string[]> = {
  none: ['We propose the following.', 'Here is where we can move.', 'A practical offer.'],
  hawk: [
    'Our position has not changed.',
    'We will not keep repeating this.',
    'Time is not on their side.',
  ],
  dove: [
    'We want this to work, and we think it can.',
    'In good faith, and hoping for the same.',
    'Let us take a step together.',
  ],
  staller: [
    'We are studying the situation carefully.',
    'Before anything else, we need to see seriousness.',
    'Our leadership is still consulting.',
  ],
};

const ASK: Record<Voice, string[]> = {
  none: ['We ask for {x}.', 'In return we need {x}.', 'What we need is {x}.'],
  hawk: ['We require {x}.', 'Nothing moves without {x}.', '{X}, first.'],
  dove: ['We would welcome {x}.', 'It would help greatly to see {x}.', 'We hope for {x}.'],
  staller: ['We must first see {x}.', '{X} would be a start.', 'Show us {x}.'],
};

const GIVE: Record<Voice, string[]> = {
  none: ['We can offer {x}.', 'On our side: {x}.', 'We are prepared to deliver {x}.'],
  hawk: ['We are prepared, at most, to allow {x}.', 'We will concede {x}, no more.'],
  dove: ['We offer {x} now.', 'We are ready to give {x}.', 'From us, {x}.'],
  staller: ['We may consider {x}, later.'],
};

const JOINT: Record<Voice, string[]> = {
  none: ['Together, {x}.', 'Both sides would commit to {x}.'],
  hawk: ['We will match {x} if they keep their side.'],
  dove: ['We can both commit to {x}.', 'A shared step: {x}.'],
  staller: ['Perhaps, in time, {x}.'],
};

const MESSAGE: Record<Voice, string[]> = {
  none: [
    'We are listening. Send us something we can work with.',
    'No offer this round: we are waiting to see what they put on the table.',
  ],
  hawk: ['We have nothing new to say until they move.', 'The next step is theirs.'],
  dove: [
    'We remain ready to talk, through you, whenever they are.',
    'We are open to any serious idea, large or small.',
  ],
  staller: ['We are still considering our position.', 'We need more time.'],
};

/** Fills "{x}" (or "{X}" at a sentence's start) with the clauses' words. */
function fill(template: string, words: string): string {
  return template.replace('{X}', cap(words)).replace('{x}', words);
}

/** The memo's text for these clauses, written by this seat, now. */
export function memoText(
  view: SeatView,
  scenario: Scenario,
  seat: PrincipalSeat,
  clauses: readonly Clause[],
  voice: Voice,
  rng: BotRng,
): string {
  const side = sideOf(seat);
  const pick = (items: string[]) => rng.pick(items);
  const hook = occasion(view, seat, scenario);
  if (clauses.length === 0) return [hook, pick(MESSAGE[voice])].filter(Boolean).join(' ');
  const asked = clauses.filter((c) => c.giver !== side && c.giver !== 'both');
  const given = clauses.filter((c) => c.giver === side);
  const joint = clauses.filter((c) => c.giver === 'both');
  const words = (cs: Clause[]) => list(cs.map((c) => clauseWords(scenario, c)));
  const parts = [hook ?? pick(OPENINGS[voice])];
  if (given.length) parts.push(fill(pick(GIVE[voice]), words(given)));
  if (joint.length) parts.push(fill(pick(JOINT[voice]), words(joint)));
  if (asked.length) parts.push(fill(pick(ASK[voice]), words(asked)));
  return parts.join(' ');
}
