/**
 * The guided first match (#12, "Learn by playing"): one mechanic per step, taught from the table
 * itself. Each step names the control it is about (`target`), says what to do next, and is done
 * when the seat model shows the seat has done it (a memo of this round among its memos, no longer
 * acting in the step, the step over) or, for a step that is read, when the learner says next.
 * Nothing here works a rule out: every fact comes from the seat model (src/game/seat-model.ts).
 *
 * `guidePrompt(progress, model)` and `advanceGuide(progress, model)` are pure.
 */
import type { SeatModel } from '../seat-model';
import type { Seat, Step } from '../types';
import { STEP_NAMES } from '../words';

/** The match a guided first match is: the default scenario, short, seeded, gentle bots. */
export const GUIDED_MATCH = {
  scenario: 'doha-2026',
  rounds: 4,
  /** Fixed seeds: the same learner's moves meet the same bots' moves. */
  seed: 'guided-1',
  /** The broker relays what it is given (easy bots never leak); a dove principal writes memos. */
  bots(seat: Seat): Partial<Record<Seat, { level: 'easy' | 'normal'; persona?: 'dove' }>> {
    if (seat === '2')
      return {
        '0': { level: 'normal', persona: 'dove' },
        '1': { level: 'normal', persona: 'dove' },
      };
    const other: Seat = seat === '0' ? '1' : '0';
    return { [other]: { level: 'normal', persona: 'dove' }, '2': { level: 'easy' } };
  },
} as const;

/** The control a prompt is about (the guide's UI finds it on the table). */
export type GuideTarget =
  | 'tracks'
  | 'objectives'
  | 'posture'
  | 'composer'
  | 'done'
  | 'memos'
  | 'inbox'
  | 'press'
  | 'changes'
  | 'deals'
  | 'broker-memos'
  | 'delivered';

export interface GuidePrompt {
  id: string;
  /** 1-based, of `total`. */
  number: number;
  total: number;
  title: string;
  /** What this part of the table means, in this match's words and numbers. */
  text: string;
  /** What to do next. */
  todo: string;
  target: GuideTarget | null;
  /** A step that is read: the label of the button that moves on; null when acting moves on. */
  next: string | null;
  /** The last prompt: moving on ends the guide. */
  last: boolean;
}

export interface GuideProgress {
  /** Index of the current step. */
  step: number;
  /** The learner closed the guide, or finished it. */
  closed: boolean;
  /** What the current step remembered when it opened (e.g. the posture then). */
  mark: string | null;
}

type Where = [round: number, step: Step];
const ORDER: Record<Step, number> = { drafting: 0, mediation: 1, response: 2, press: 3, over: 9 };
const at = (m: SeatModel) => m.round * 10 + ORDER[m.step];
const pos = ([r, s]: Where) => r * 10 + ORDER[s];

interface StepDef {
  id: string;
  /** The table step this guide step is about: once past it, the step is done. */
  until: Where;
  prompt(m: SeatModel): Omit<GuidePrompt, 'id' | 'number' | 'total' | 'next' | 'last'>;
  /** A step that is read: its button's label. */
  next?: string;
  /** Done by acting: the seat model shows it (given the step's mark). */
  done?(m: SeatModel, mark: string | null): boolean;
  mark?(m: SeatModel): string;
}

const track = (m: SeatModel, key: string) => m.tracks.find((t) => t.key === key);

function tracksText(m: SeatModel): string {
  const parts = m.tracks
    .filter((t) => ['escalation', 'breakout', 'capital'].includes(t.key) || t.label.includes(m.you))
    // The first clause of each track's help: the whole of it is beside the track on the table.
    .map(
      (t) =>
        `${t.label} ${t.value} of ${t.max}${t.estimate ? ' (an estimate)' : ''}: ${t.help.split(/[;:]/)[0]!.replace(/\.$/, '')}.`,
    );
  return parts.join(' ');
}

function postureText(m: SeatModel): string {
  const p = m.postures;
  if (!p) return '';
  const options = p.seat === '0' ? p.enforcement : [...p.leash, ...p.enrichment];
  const now = options.filter((o) => o.current).map((o) => o.label.toLowerCase());
  return `Your posture is secret: the others see only its effects on the tracks. Now: ${now.join(' and ')}. Each of the ${options.length} choices says what it does to the tracks.`;
}

const postureMark = (m: SeatModel) =>
  JSON.stringify(
    m.postures
      ? (m.postures.seat === '0'
          ? m.postures.enforcement
          : [...m.postures.leash, ...m.postures.enrichment]
        )
          .filter((o) => o.current)
          .map((o) => o.value)
      : [],
  );

const mine = (m: SeatModel) => m.memos.filter((x) => x.round === m.round && x.author === m.seat);
const due = (m: SeatModel) =>
  m.inbox.filter((i) => i.kind === 'proposal' && i.due && i.yourAnswer === null);
const broker = (m: SeatModel) => m.seats['2'].name;
const other = (m: SeatModel) => (m.seat === '0' ? m.seats['1'].name : m.seats['0'].name);
const notActing = (m: SeatModel) => !m.acting;

function changesText(m: SeatModel): string {
  const incidents = m.incidents.filter((i) => i.round === m.round);
  const lines = incidents.map(
    (i) =>
      `${i.headline} (${i.effects.map((e) => e.text).join(', ') || 'no effect on the tracks'})`,
  );
  return incidents.length
    ? `Each round starts with incidents, drawn at random; the odds rise with escalation. This round: ${lines.join('; ')}.`
    : 'Each round starts with incidents, drawn at random; the odds rise with escalation. None came this round.';
}

function dealsText(m: SeatModel): string {
  if (m.deals.length === 0)
    return 'No deal is signed yet. A proposal both sides accept in the same wording is signed; it then verifies over some rounds, and until it has verified each round’s incidents may make it collapse.';
  return `${m.deals.map((d) => `${d.name}: ${d.text}`).join('; ')}. A deal takes effect once verified; until then each round’s incidents may make it collapse.`;
}

const FINISH: StepDef = {
  id: 'finish',
  until: [99, 'over'],
  next: 'Finish the guide',
  prompt: (m) => ({
    title: 'You have seen every step',
    text: `That is a whole round, twice: postures and memos, the broker’s desk, answers, the press, incidents and deals. The match runs ${m.rounds} rounds; your score comes from your secret objectives.`,
    todo: 'Play on to the end, or leave for the home page.',
    target: 'objectives',
  }),
};

const PRINCIPAL: StepDef[] = [
  {
    id: 'tracks',
    until: [1, 'drafting'],
    next: 'Next',
    prompt: (m) => ({
      title: 'What the tracks mean',
      text: `You are ${m.you}. ${tracksText(m)}`,
      todo: 'Read the tracks and your secret objectives, then press Next.',
      target: 'tracks',
    }),
  },
  {
    id: 'posture',
    until: [1, 'drafting'],
    next: 'Keep this posture',
    mark: postureMark,
    done: (m, mark) => postureMark(m) !== mark,
    prompt: (m) => ({
      title: 'Set a posture',
      text: postureText(m),
      todo: 'Choose a posture in “Your posture”, or keep this one.',
      target: 'posture',
    }),
  },
  {
    id: 'memo',
    until: [1, 'drafting'],
    done: (m) => mine(m).length > 0,
    prompt: (m) => ({
      title: 'Draft a memo',
      text: `Every memo goes to ${broker(m)}, the broker, never to ${other(m)}. A memo holds up to ${m.limits.clausesPerMemo} clauses: each names what is offered, its size, and who gives it (you, they, or both). The more you give, the likelier ${other(m)} accepts.`,
      todo: 'Pick a clause and its size, then press “Send to the broker”.',
      target: 'composer',
    }),
  },
  {
    id: 'done-drafting',
    until: [1, 'drafting'],
    done: notActing,
    prompt: (m) => ({
      title: 'Say you are done',
      text: `The step ends when both principals are done. You have ${m.limits.memosLeft} memo${m.limits.memosLeft === 1 ? '' : 's'} left this round.`,
      todo: 'Press the done button at the top of your desk.',
      target: 'done',
    }),
  },
  {
    id: 'broker',
    until: [1, 'response'],
    next: 'Next',
    prompt: (m) => ({
      title: 'What the broker does to your memo',
      text: `${broker(m)} reads your memo as written and decides what ${other(m)} hears: relay it, strike clauses or sentences, reframe a size one step (silently), hold it, or leak it. ${m.memos.find((x) => x.author === m.seat && x.round === 1)?.fateWords ?? ''} You see the delivered wording if ${other(m)} accepts it: it comes back to you to ratify.`,
      todo: 'Look at “Your memos”, then press Next.',
      target: 'memos',
    }),
  },
  {
    id: 'answer',
    until: [1, 'response'],
    done: (m) => m.step === 'response' && notActing(m),
    prompt: (m) => {
      const first = due(m)[0];
      return first && first.kind === 'proposal'
        ? {
            title: 'Answer a proposal',
            text: `${first.title}, ${first.from}. Accept or reject each proposal: one both sides accept in the same wording is signed. ${first.verifyRounds === 0 ? 'This one would take effect at once.' : `This one would take ${first.verifyRounds} round${first.verifyRounds === 1 ? '' : 's'} to verify.`}`,
            todo: 'Press Accept or Reject on it in your Inbox.',
            target: 'inbox',
          }
        : {
            title: 'Answer what reached you',
            text: 'In the response step you accept or reject what the broker delivered to you. No answer by the deadline counts as a rejection.',
            todo:
              m.step === 'response'
                ? 'Nothing is due: press the done button.'
                : 'Wait for the response step.',
            target: m.step === 'response' ? 'done' : 'inbox',
          };
    },
  },
  {
    id: 'press',
    until: [1, 'press'],
    done: (m) => m.step === 'press' && notActing(m),
    prompt: () => ({
      title: 'The press',
      text: 'Each seat may make one public statement: claim credit for a deal, blame another seat for an incident, or stay silent. Claims move public credit.',
      todo: 'Choose a statement in “Press statement”.',
      target: 'press',
    }),
  },
  {
    id: 'incidents',
    until: [2, 'drafting'],
    next: 'Next',
    prompt: (m) => ({
      title: 'Incidents',
      text: changesText(m),
      todo: 'Read “Since your last step”, then press Next.',
      target: 'changes',
    }),
  },
  {
    id: 'deals',
    until: [2, 'drafting'],
    next: 'Next',
    prompt: (m) => ({
      title: 'Deals verify',
      text: dealsText(m),
      todo: 'Read the Deals panel, then press Next.',
      target: 'deals',
    }),
  },
  {
    id: 'round-2',
    until: [2, 'drafting'],
    done: notActing,
    prompt: () => ({
      title: 'Round 2: your turn again',
      text: 'Set your posture, write a memo if you wish, and say done.',
      todo: 'Press the done button when you are ready.',
      target: 'done',
    }),
  },
  {
    id: 'ratify',
    until: [2, 'response'],
    done: (m) => m.step === 'response' && notActing(m),
    prompt: (m) => {
      // What is still to answer: the memo that came back first, then anything else due.
      const left = due(m);
      const back = left.find((i) => i.kind === 'proposal' && i.ratifying);
      if (back && back.kind === 'proposal')
        return {
          title: 'Your memo came back',
          text: `${other(m)} accepted your memo as ${broker(m)} delivered it. Here you see that wording: ${back.reframed ? `${back.reframed} clause${back.reframed === 1 ? ' was' : 's were'} reframed by the broker.` : 'the broker did not reframe it.'} Accept to sign it.`,
          todo: 'Answer it in your Inbox.',
          target: 'inbox',
        };
      return {
        title: 'Answer again',
        text: left.length
          ? `${left.length === 1 ? 'One proposal still waits' : `${left.length} proposals still wait`} for your answer. No answer by the deadline counts as a rejection.`
          : `Answer what ${broker(m)} delivered to you, or press done if nothing is due.`,
        todo:
          left.length || m.step !== 'response'
            ? 'Answer in your Inbox.'
            : 'Nothing is due: press the done button.',
        target: left.length || m.step !== 'response' ? 'inbox' : 'done',
      };
    },
  },
  FINISH,
];

const BROKER: StepDef[] = [
  {
    id: 'tracks',
    until: [1, 'drafting'],
    next: 'Next',
    prompt: (m) => ({
      title: 'What the tracks mean',
      text: `You are ${m.you}, the broker. ${tracksText(m)} Your secret mandate is in “Your objectives”.`,
      todo: 'Read the tracks, then press Next.',
      target: 'tracks',
    }),
  },
  {
    id: 'wait',
    until: [1, 'drafting'],
    prompt: (m) => ({
      title: 'The principals write to you',
      text: `${m.seats['0'].name} and ${m.seats['1'].name} set their secret postures and write memos, to you alone.`,
      todo: 'Wait for the mediation step.',
      target: 'tracks',
    }),
  },
  {
    id: 'relay',
    until: [1, 'mediation'],
    done: (m) => m.memos.some((x) => x.round === m.round && x.fate !== 'pending'),
    prompt: (m) => ({
      title: 'Your desk: the memos as written',
      text: `You decide what each side hears. Relay a memo to the other side, striking clauses or sentences, or reframing a size one step (silent, capital ${track(m, 'capital')?.value ?? ''} left); hold it for later; or leak it to the press.`,
      todo: 'Press a memo’s Relay button.',
      target: 'broker-memos',
    }),
  },
  {
    id: 'done-mediation',
    until: [1, 'mediation'],
    done: notActing,
    prompt: () => ({
      title: 'Say you are done',
      text: 'Memos you neither relay nor hold by the end of the step stay with you, held.',
      todo: 'Press the done button.',
      target: 'done',
    }),
  },
  {
    id: 'answers',
    until: [1, 'response'],
    next: 'Next',
    prompt: () => ({
      title: 'The principals answer',
      text: 'Each side accepts or rejects what you delivered; a relayed memo that is accepted goes back to its author, who then sees your wording.',
      todo: 'Watch the answers under “What you delivered”, then press Next.',
      target: 'delivered',
    }),
  },
  {
    id: 'press',
    until: [1, 'press'],
    done: (m) => m.step === 'press' && notActing(m),
    prompt: () => ({
      title: 'The press',
      text: 'Each seat may make one public statement. A broker that claims credit too often loses capital.',
      todo: 'Choose a statement in “Press statement”.',
      target: 'press',
    }),
  },
  PRINCIPAL[7]!,
  PRINCIPAL[8]!,
  FINISH,
];

export function guideSteps(seat: Seat): readonly StepDef[] {
  return seat === '2' ? BROKER : PRINCIPAL;
}

export const startGuide = (): GuideProgress => ({ step: 0, closed: false, mark: null });

function open(progress: GuideProgress, steps: readonly StepDef[], m: SeatModel, step: number) {
  if (step >= steps.length) return { step, closed: true, mark: null };
  return { step, closed: progress.closed, mark: steps[step]!.mark?.(m) ?? null };
}

/** Moves past every step the seat has done, or whose part of the match is over. */
export function advanceGuide(progress: GuideProgress, m: SeatModel): GuideProgress {
  if (progress.closed || m.seat === null) return progress;
  const steps = guideSteps(m.seat);
  let p =
    progress.mark === null && steps[progress.step]?.mark
      ? open(progress, steps, m, progress.step)
      : progress;
  for (;;) {
    const def = steps[p.step];
    if (!def || p.closed) return p;
    if (def === FINISH) return p;
    const past = at(m) > pos(def.until) || m.over;
    // Acting counts in the table step the guide step is about (done in press is not done in drafting).
    const own = at(m) === pos(def.until);
    if (!past && !(own && def.done?.(m, p.mark))) return p;
    p = open(p, steps, m, p.step + 1);
  }
}

/** The learner pressed the prompt's button (a step that is read, or the last one). */
export function nextGuide(progress: GuideProgress, m: SeatModel): GuideProgress {
  if (progress.closed || m.seat === null) return progress;
  return advanceGuide(open(progress, guideSteps(m.seat), m, progress.step + 1), m);
}

export function closeGuide(progress: GuideProgress): GuideProgress {
  return { ...progress, closed: true };
}

export function guidePrompt(progress: GuideProgress, m: SeatModel): GuidePrompt | null {
  if (progress.closed || m.seat === null) return null;
  const steps = guideSteps(m.seat);
  const def = steps[progress.step];
  if (!def) return null;
  const prompt = def.prompt(m);
  // A step done by acting whose table step has not come yet (the press while the other side is
  // still answering): its control is not on the table yet, so the learner waits for it.
  if (def.done && at(m) < pos(def.until) && !prompt.todo.startsWith('Wait for'))
    prompt.todo = `Wait for the ${STEP_NAMES[def.until[1]].toLowerCase()} step: it opens when the others are done.`;
  return {
    id: def.id,
    number: progress.step + 1,
    total: steps.length,
    ...prompt,
    next: def.next ?? null,
    last: def === FINISH,
  };
}
