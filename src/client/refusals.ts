// Refusals in words for the person at the desk. The rules explain their own refusals; the server's
// guard refuses a packet with a code (server/guard.ts) that means nothing to a player, so each code
// has its sentence here. Nothing that looks like an internal code or a schema path is ever shown.
import type { Refusal, TableStore } from './store';

const SERVER_WORDS: Record<string, string> = {
  malformed: 'The server could not read that move, so nothing changed. Try again.',
  'not-synced': 'Still connecting to the table: your move was not sent. Try again in a moment.',
  'wrong-match': 'This browser is no longer seated at this table: rejoin from the home page.',
  'wrong-seat': 'This browser is no longer seated at this table: rejoin from the home page.',
  'bad-credentials': 'This browser is no longer seated at this table: rejoin from the home page.',
  unauthorized: 'This browser is no longer seated at this table: rejoin from the home page.',
  spectator: 'You are watching this table: only the seated players make moves.',
  'illegal-move': 'That move is not possible at the moment.',
  stale: 'The table moved on before your move arrived. Look again and retry.',
  'unknown-match': 'This table no longer exists.',
  'no-chat': 'The table takes moves only, not chat.',
  'unknown-event': 'The table takes moves only.',
};

const FALLBACK = 'That move is not possible at the moment.';

/**
 * Marks of text written for the program rather than a person: schema paths and validator
 * messages, snake_case and kebab-case codes, raw ids and seat numbers.
 */
export const INTERNAL_TEXT: readonly RegExp[] = [
  /\b[a-z]+(?:_[a-z0-9]+)+\b/, // snake_case ids (clause ids, enum values)
  /\b[a-z]+(?:-[a-z0-9]+)*-(?:synced|match|seat|move|credentials|event|broker|deal|stalemate)\b/,
  /\b[a-zA-Z]+(?:\[\d+\])?(?:\.[a-zA-Z]+(?:\[\d+\])?)+:/, // schema paths ("parts[0].memoId:")
  /\b(?:parts|clauses|reframes|redactSpans|redactClauses|arguments|args)\s*(?:\[\d+\])?:/,
  /Too (?:small|big)|expected (?:array|string|number|object|an?|one)|Invalid (?:input|option)/i,
  /\bINVALID_MOVE\b|\bundefined\b|\bNaN\b|\[object Object\]/,
  /\bseat [012]\b/,
  /\b[mp]-[a-z0-9]{4,}\b/, // memo and proposal ids
  /"[^"\s]+"/, // a quoted code: a clause id, a seat number, a move's name
  /\(now: [a-z]+\)/, // a step's code
];

export const looksInternal = (text: string): boolean => INTERNAL_TEXT.some((re) => re.test(text));

/** What the rules' reasons refer to by code, for their rewording. */
export interface Glossary {
  clause(id: string): string;
  seat(seat: string): string;
  step(step: string): string;
}

type Rewording = [RegExp, (m: RegExpExecArray, g: Glossary) => string];

/**
 * The rules' refusals that name things by code, in a person's words. The rules' own wording is
 * the truth of why; this only says it without ids, seat numbers or schema paths. (The seat model
 * is to carry these words itself; until then they live here, in one table.)
 */
const REWORDINGS: Rewording[] = [
  [/^seat \S+ does not act now$/, () => 'You have finished this step: wait for the other seats.'],
  [
    /^only in the (\w+) step \(now: (\w+)\)$/,
    (m, g) => `That is done in the ${g.step(m[1]!)} step; this is the ${g.step(m[2]!)} step.`,
  ],
  [/^clause "([^"]+)" appears twice$/, (m, g) => `“${g.clause(m[1]!)}” is named twice.`],
  [/^unknown clause "([^"]+)"$/, () => 'That clause is not in this scenario.'],
  [
    /^clause "([^"]+)" has no size /,
    (m, g) => `Pick a size of “${g.clause(m[1]!)}” from its list.`,
  ],
  [/^clause "([^"]+)" is given by /, (m, g) => `“${g.clause(m[1]!)}” is given by the other side.`],
  [/^no proposal "[^"]+" awaits your answer$/, () => 'That proposal no longer awaits your answer.'],
  [/^no memo "[^"]+" awaits the broker$/, () => 'That memo is no longer on your desk.'],
  [/^memo "[^"]+" has no clause \d+$/, () => 'That clause is no longer in the memo.'],
  [/^parts: /, () => 'A bundle takes two to four clauses, from memos of both sides.'],
  [/^clauses: /, () => 'A proposal takes one to four clauses.'],
  [/^(text|note): at most (\d+) characters$/, (m) => `At most ${m[2]} characters.`],
  [/^(text|note): no control characters$/, () => 'Remove the control characters from the text.'],
  [
    /^the memo has (\d+) clauses?$/,
    (m) => `The memo has ${m[1] === '1' ? 'one clause' : `${m[1]} clauses`}.`,
  ],
  [
    /^clause \d+ has no size one step (up|down)$/,
    (m) => `That clause has no size one step ${m[1]}.`,
  ],
  [/^blame names another seat/, () => 'Blame another seat, not your own.'],
  [/^answer "accept" or "reject"$/, () => 'Answer accept or reject.'],
  [/^the match is over$/, () => 'The match is over.'],
];

/** The rules' reason in a person's words, when it names things by code. */
export function reword(reason: string, g: Glossary): string {
  for (const [re, words] of REWORDINGS) {
    const m = re.exec(reason);
    if (m) return words(m, g);
  }
  return reason;
}

/** A sentence for the person: the text if it reads as one, else a plain fallback. */
export function forPerson(text: string | undefined | null, g?: Glossary): string {
  if (text && g) text = reword(text, g);
  if (!text || looksInternal(text)) return FALLBACK;
  const trimmed = text.trim();
  const sentence = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The words for one of the server guard's refusals (and the rules' reason, if it sent one). */
export function serverRefusalWords(code: string, reason?: string): string {
  if (code === 'illegal-move' && reason) return forPerson(reason);
  if (reason === 'too many packets') return 'Too many moves at once: wait a moment and retry.';
  return SERVER_WORDS[code] ?? FALLBACK;
}

/** Records a refusal for the control `key` (the store's `refusal`). */
export function refuse(store: TableStore, key: string, text: string): void {
  const serial = (store.getState().refusal?.serial ?? 0) + 1;
  const refusal: Refusal = { text, key, serial };
  store.setState({ refusal });
}
