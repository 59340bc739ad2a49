// The review's replay model (#/review/<matchID>): a finished match's record replayed through the
// rules (src/game/replay.ts, boardgame.io's own reducer, as the server's master ran it), keeping
// the state after every recorded action, so the viewer steps through the match as it was. Nothing
// is worked out again: each step's board is the seat model of a spectator of that step's state
// (public facts only, as the table showed them), read through the seminar's public model, and its
// feed is the state's own feed. The last step's state is the record's stored final state.
import type { State } from 'boardgame.io';
import type { MatchRecord, RecordedAction } from '../record';
import { replayRecord } from '../replay';
import { getScenario, hasScenario, DEFAULT_SCENARIO } from '../scenario';
import { seatModel, seatName } from '../seat-model';
import type { BackchannelState, FeedKind, Seat } from '../types';
import { viewFor } from '../view';
import { STEP_NAMES, plural } from '../words';
import { feedWords, publicModel, type TableModel } from './seminar';

/** What a recorded action did, in the past tense ("wrote a memo to the broker"). */
export const ACTION_WORDS: Record<string, string> = {
  setPosture: 'set a posture',
  draftMemo: 'wrote a memo to the broker',
  relay: 'relayed a memo',
  hold: 'held a memo back',
  leak: 'leaked a memo',
  bundle: 'bundled clauses of both sides into a proposal',
  tableProposal: 'tabled a proposal of its own',
  respond: 'answered a proposal',
  statement: 'made a public statement',
  done: 'said done',
};

const FACILITATOR_WORDS: Record<string, string> = {
  pause: 'The facilitator paused the match',
  resume: 'The facilitator resumed the match',
  extend: 'The facilitator gave the step more time',
  endStep: 'The facilitator ended the step',
  inject: 'The facilitator sent an inject',
  seat: 'The facilitator handed a seat over',
};

export interface ReplayFeedLine {
  round: number;
  kind: FeedKind;
  /** "Round 3". */
  when: string;
  text: string;
  /** Added by this step's action. */
  fresh: boolean;
}

export interface ReplayFrame {
  /** 0: the match as it was set up; i: after the i-th recorded action. */
  index: number;
  /** "Step 12 of 240". */
  position: string;
  /** "Washington wrote a memo to the broker", "The match is set up". */
  action: string;
  /** Time since the match started, "1 h 02 min in". */
  elapsed: string;
  /** "Round 2 of 6 · Mediation", "Ended: Durable deal". */
  status: string;
  /** Seats still to act in this step, by name ("Washington, Tehran"), or null. */
  waitingFor: string | null;
  /** The public board at this step: tracks, deals, seats. */
  table: TableModel;
  /** The public feed as it was at this step, newest first. */
  feed: ReplayFeedLine[];
  /** The full state after this step (for the test that the last one is the stored final). */
  state: BackchannelState;
}

export interface ReplayModel {
  matchID: string;
  scenario: { id: string; name: string };
  /** Frames 0..steps: `steps` is the number of recorded actions. */
  steps: number;
  frame(index: number): ReplayFrame;
  /** The first frame of each round ("Round 2" → its index), for jumping. */
  rounds: { round: number; label: string; index: number }[];
}

function elapsedWords(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s in`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s in`;
  const hrs = Math.floor(m / 60);
  if (hrs < 48) return `${hrs} h ${String(m % 60).padStart(2, '0')} min in`;
  return `${Math.floor(hrs / 24)} days ${hrs % 24} h in`;
}

function actionWords(G: BackchannelState, action: RecordedAction): string {
  const scenario = getScenario(G.options.scenario);
  if (action.move === 'expire') return `Time ran out for ${STEP_NAMES[G.step].toLowerCase()}`;
  if (action.move === 'facilitate') {
    const kind = (action.args[0] as { kind?: string } | undefined)?.kind ?? '';
    return FACILITATOR_WORDS[kind] ?? 'The facilitator acted';
  }
  const who = seatName(scenario, action.seat);
  const what = ACTION_WORDS[action.move] ?? 'acted';
  return action.move === 'done'
    ? `${who} said done with ${STEP_NAMES[G.step].toLowerCase()}`
    : `${who} ${what}`;
}

/** Replays the record (every state kept) and gives the viewer's frames, built on demand. */
export function replayModel(record: MatchRecord): ReplayModel {
  const states: State<BackchannelState>[] = [];
  replayRecord(record, (state) => states.push(state));
  const G0 = states[0]!.G;
  const scenario = getScenario(
    hasScenario(G0.options.scenario) ? G0.options.scenario : DEFAULT_SCENARIO,
  );
  const steps = record.actions.length;
  const cache = new Map<number, ReplayFrame>();
  const frame = (wanted: number): ReplayFrame => {
    const index = Math.max(0, Math.min(steps, Math.round(wanted)));
    const hit = cache.get(index);
    if (hit) return hit;
    const G = states[index]!.G;
    const action = index > 0 ? record.actions[index - 1]! : null;
    const at = action?.at ?? record.startedAt;
    const model = seatModel(viewFor(G, null), null, () => at);
    const table = publicModel(model, G.final);
    const before = index > 0 ? states[index - 1]!.G.feed.length : G.feed.length;
    const feed = G.feed
      .map((e, i) => ({
        round: e.round,
        kind: e.kind,
        when: `Round ${e.round}`,
        text: feedWords(e.text),
        fresh: i >= before,
      }))
      .filter((e) => e.kind !== 'round')
      .reverse();
    const waiting = (['0', '1', '2'] as Seat[]).filter((s) => table.seats[s].acting);
    const made: ReplayFrame = {
      index,
      position:
        index === 0 ? `Start (${plural(steps, 'step')} to come)` : `Step ${index} of ${steps}`,
      // The action is told in the words of the step it was made in (the state before it).
      action: action ? actionWords(states[index - 1]!.G, action) : 'The match is set up',
      elapsed: elapsedWords(at - record.startedAt),
      status: table.status,
      waitingFor:
        waiting.length && !table.over ? waiting.map((s) => table.seats[s].name).join(', ') : null,
      table,
      feed,
      state: G,
    };
    cache.set(index, made);
    return made;
  };
  const rounds: ReplayModel['rounds'] = [];
  states.forEach((s, i) => {
    const r = s.G.round;
    if (s.G.final) return;
    if (!rounds.some((x) => x.round === r))
      rounds.push({ round: r, label: `Round ${r}`, index: i });
  });
  return {
    matchID: record.matchID,
    scenario: { id: scenario.id, name: scenario.name },
    steps,
    frame,
    rounds,
  };
}
