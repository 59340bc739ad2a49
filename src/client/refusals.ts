// Refusals in words for the person at the desk. The rules explain their own refusals; the server's
// guard refuses a packet with a code (server/guard.ts) that means nothing to a player, so each code
// has its sentence here. Nothing that looks like an internal code or a schema path is ever shown.
import type { IntentKey } from './intents';
import type { Refusal, TableStore } from './store';
// The rules' refusals in a person's words live with the rules (src/game/words.ts); re-exported
// here so the client's callers keep their imports.
import { forPerson, REFUSAL_FALLBACK as FALLBACK } from '../game/words';
export { INTERNAL_TEXT, looksInternal, reword, forPerson, type Glossary } from '../game/words';

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

/** The words for one of the server guard's refusals (and the rules' reason, if it sent one). */
export function serverRefusalWords(code: string, reason?: string): string {
  if (code === 'illegal-move' && reason) return forPerson(reason);
  if (reason === 'too many packets') return 'Too many moves at once: wait a moment and retry.';
  return SERVER_WORDS[code] ?? FALLBACK;
}

/** Records a refusal for the control `key` (the store's `refusal`). */
export function refuse(store: TableStore, key: IntentKey, text: string): void {
  const serial = (store.getState().refusal?.serial ?? 0) + 1;
  const refusal: Refusal = { text, key, serial };
  store.setState({ refusal });
}
