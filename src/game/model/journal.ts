/**
 * A seat's own action log (#12): every move of its that the rules accepted, in order, in words,
 * from the journal its view carries (src/game/moves.ts `applyChecked` keeps it; view.ts gives each
 * seat only its own). A spectator has none.
 */
import { isSeat } from '../constants';
import { dealName, seatName } from '../names';
import { getScenario } from '../scenario';
import { clauseModel } from '../seat-model';
import type { JournalEntry, PrincipalSeat, Seat, SeatView } from '../types';
import { ENFORCEMENT_WORDS, ENRICHMENT_WORDS, LEASH_WORDS, STEP_NAMES } from '../words';

export interface LogLine {
  round: number;
  /** "Drafting". */
  stepName: string;
  /** Server time (ms since the epoch) the move ran at. */
  at: number;
  text: string;
}

const POSTURE_WORDS: Record<string, string> = {
  ...ENFORCEMENT_WORDS,
  ...LEASH_WORDS,
  ...ENRICHMENT_WORDS,
};

export function actionLog(view: SeatView, seat: Seat | null): LogLine[] {
  if (seat === null) return [];
  const entries = view.journal?.[seat] ?? [];
  const scenario = getScenario(view.options.scenario);
  const name = (s: string) => (isSeat(s) ? seatName(scenario, s) : s);
  const memo = (id: string | undefined) => view.memos.find((m) => m.id === id);
  const proposal = (id: string | undefined) => view.proposals.find((p) => p.id === id);
  const clausesOf = (clauses: { id: string; size: string; giver: 'A' | 'B' | 'both' }[]) =>
    clauses.length
      ? clauses.map((c) => clauseModel(scenario, c).text).join('; ')
      : 'no clause, text only';
  const other = (s: PrincipalSeat) => name(s === '0' ? '1' : '0');

  const text = (e: JournalEntry): string => {
    switch (e.move) {
      case 'setPosture': {
        const words = (e.detail ?? '').split(' ').map((v) => POSTURE_WORDS[v] ?? v);
        return `You set your posture: ${words.join(', ')}.`;
      }
      case 'draftMemo': {
        const m = memo(e.ref);
        return m
          ? `You wrote a memo to ${name('2')}: ${clausesOf(m.clauses)}.`
          : `You wrote a memo to ${name('2')}, and withdrew it.`;
      }
      case 'withdrawMemo':
        return `You withdrew a memo before ${name('2')} saw it.`;
      case 'relay': {
        const m = memo(e.ref);
        if (!m) return 'You relayed a memo.';
        const d = m.delivery;
        const changes = d
          ? [
              d.redactClauses.length || d.redactSpans.length ? 'with parts struck' : '',
              d.reframes.length
                ? `${d.reframes.length} clause${d.reframes.length === 1 ? '' : 's'} reframed`
                : '',
              d.note ? 'with a note' : '',
            ].filter(Boolean)
          : [];
        return `You relayed ${name(m.author)}’s memo to ${other(m.author)}${changes.length ? ` (${changes.join(', ')})` : ', as written'}.`;
      }
      case 'hold': {
        const m = memo(e.ref);
        return `You held ${m ? `${name(m.author)}’s memo` : 'a memo'} for a later step.`;
      }
      case 'leak': {
        const m = memo(e.ref);
        return `You leaked ${m ? `${name(m.author)}’s memo` : 'a memo'} to the press.`;
      }
      case 'bundle': {
        const p = proposal(e.ref);
        return `You bundled clauses of both sides into one proposal${p ? `: ${clausesOf(p.clauses)}` : ''}.`;
      }
      case 'tableProposal': {
        const p = proposal(e.ref);
        return `You tabled a proposal of your own${p ? `: ${clausesOf(p.clauses)}` : ''}.`;
      }
      case 'respond': {
        const p = proposal(e.ref);
        const what = p
          ? p.kind === 'relay' && p.author !== undefined && p.author === seat
            ? 'your own memo as delivered (ratification)'
            : p.kind === 'relay' && p.author !== undefined
              ? `${name(p.author)}’s memo as delivered`
              : p.kind === 'bundle'
                ? `${name('2')}’s bundle`
                : `${name('2')}’s proposal`
          : 'a proposal';
        return `You ${e.detail === 'accept' ? 'accepted' : 'rejected'} ${what}.`;
      }
      case 'statement':
        if (e.detail === 'claim')
          return `You claimed credit for ${e.ref ? dealName(e.ref) : 'a deal'}.`;
        if (e.detail === 'blame') return `You blamed ${e.ref ? name(e.ref) : 'a seat'}.`;
        return 'You said nothing to the press.';
      case 'done':
        return `You were done with the ${STEP_NAMES[e.step].toLowerCase()} step.`;
      default:
        return `You made the move ${e.move}.`;
    }
  };

  return entries.map((e) => ({
    round: e.round,
    stepName: STEP_NAMES[e.step],
    at: e.at,
    text: text(e),
  }));
}
