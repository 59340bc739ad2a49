// The words a person reads about the rules, as data in one place: seat roles, steps and their help,
// tracks, postures, the fates of memos, proposals and deals, danger zones and moves; and the
// rules' refusals reworded so that no internal code or schema path reaches a player. Names that
// belong to a scenario (seats, clauses) come from the scenario file; these are the game's own.
import type { DangerKind } from './facts';
import type { MoveName } from './moves';
import type { TrackName } from './scenario/schema';
import type {
  DealStatus,
  Enforcement,
  Enrichment,
  FeedKind,
  Outcome,
  ProposalKind,
  ProposalStage,
  ProxyLeash,
  Seat,
  Step,
} from './types';

export const ROLE_NAMES: Record<Seat, string> = {
  '0': 'Principal A',
  '1': 'Principal B',
  '2': 'Broker',
};

export const STEP_NAMES: Record<Step, string> = {
  drafting: 'Drafting',
  mediation: 'Mediation',
  response: 'Response',
  press: 'Press',
  over: 'Match over',
};

export const STEP_HELP: Record<Step, string> = {
  drafting: 'Principals set their postures and write up to two memos to the broker.',
  mediation: 'The broker decides what each side hears: relay, redact, reframe, hold, leak, bundle.',
  response: 'Principals answer what the broker delivered: accept or reject.',
  press: 'Each seat may make one public statement.',
  over: 'The match is over.',
};

export const OUTCOME_NAMES: Record<Outcome, string> = {
  'durable-deal': 'Durable deal',
  'codified-stalemate': 'Codified stalemate',
  collapse: 'Collapse',
  war: 'War',
};

/**
 * Each track's label; `{A}`, `{B}` and `{broker}` stand for the scenario's seat names. `short` is
 * for narrow places (gauges on a phone).
 */
export const TRACK_WORDS: Record<TrackName, { label: string; short: string; help: string }> = {
  escalation: {
    label: 'Escalation',
    short: 'Escalation',
    help: 'How close the region is to war; incidents grow likelier as it rises.',
  },
  breakout: {
    label: 'Breakout',
    short: 'Breakout',
    help: '{B}’s nuclear programme: at its limit, a breakout crisis.',
  },
  oilLeak: {
    label: 'Dark-fleet oil leak',
    short: 'Oil leak',
    help: 'Oil {B} sells past the sanctions; {B} feels it when it runs dry.',
  },
  oilPrice: {
    label: 'Oil price',
    short: 'Oil price',
    help: 'The world oil price; {A} feels it when it runs high.',
  },
  pressureA: {
    label: 'Pressure on {A}',
    short: 'Pressure A',
    help: 'Domestic pressure on {A}: hardened, then a walkout.',
  },
  pressureB: {
    label: 'Pressure on {B}',
    short: 'Pressure B',
    help: 'Domestic pressure on {B}: hardened, then a walkout.',
  },
  capital: {
    label: '{broker}’s capital',
    short: 'Capital',
    help: 'What the broker spends on reframes, bundles and proposals of its own.',
  },
};

/** What a track's value means when it lies in a danger zone. */
export const DANGER_WORDS: Record<DangerKind, { note: string; help: string }> = {
  war: { note: 'war', help: 'At this value: regional war, and the match ends.' },
  crisis: { note: 'crisis', help: 'At this value: a breakout crisis (escalation rises sharply).' },
  hardened: {
    note: 'hardened',
    help: 'Hardened: may not accept a proposal in which it gives more than one clause.',
  },
  walkout: { note: 'walks out', help: 'Walks out: sends no memo in the next drafting step.' },
  drift: { note: 'pressure rising', help: 'At resolution, {who}’s pressure rises by {n}.' },
};

export const ENFORCEMENT_WORDS: Record<Enforcement, string> = {
  relax: 'Relax: let barrels slip',
  hold: 'Hold',
  tighten: 'Tighten',
  interdict: 'Interdict tankers',
};
export const LEASH_WORDS: Record<ProxyLeash, string> = {
  restrain: 'Restrain the proxies',
  loose: 'Loose',
  unleash: 'Unleash',
};
export const ENRICHMENT_WORDS: Record<Enrichment, string> = {
  pause: 'Pause enrichment',
  steady: 'Steady',
  advance: 'Advance',
};

export const MOVE_WORDS: Record<MoveName, string> = {
  setPosture: 'Set your posture',
  draftMemo: 'Write a memo to the broker',
  withdrawMemo: 'Withdraw a memo before the broker gets it',
  relay: 'Relay a memo',
  hold: 'Hold a memo',
  leak: 'Leak a memo',
  bundle: 'Bundle clauses of both sides',
  tableProposal: 'Table a proposal of your own',
  respond: 'Answer a proposal',
  statement: 'Make a public statement',
  ready: 'Ready to play',
  start: 'Start with bots in the empty seats',
  done: 'Done with this step',
};

export const PROPOSAL_KIND_WORDS: Record<ProposalKind, string> = {
  relay: 'a memo relayed by the broker',
  bundle: 'a bundle from the broker',
  table: 'a proposal tabled by the broker',
};

export const PROPOSAL_STAGE_WORDS: Record<ProposalStage, string> = {
  message: 'delivered as a message (nothing to answer)',
  open: 'awaiting answers',
  ratification: 'accepted by the recipient: back to its author to ratify',
  signed: 'signed',
  rejected: 'rejected',
  lapsed: 'lapsed unanswered at the end of the match',
  void: 'void: it broke a scenario rule when signed',
};

export const DEAL_STATUS_WORDS: Record<DealStatus, string> = {
  verifying: 'being verified',
  verified: 'verified',
  collapsed: 'collapsed',
};

/** A memo's fate as its author or the broker may know it (seat-model.ts `MemoFate`). */
export const MEMO_FATE_WORDS = {
  draft: 'With you until drafting ends.',
  'with-broker': 'Handed to the broker: held or delivered, the broker does not say.',
  'out-of-hands':
    'No longer with the broker: delivered, and not accepted by the other side (it did not come back to you).',
  ratification: 'Relayed and accepted by the other side: back to you to ratify.',
  signed: 'Relayed, accepted and signed.',
  'not-ratified': 'Relayed and accepted; not ratified.',
  lapsed: 'Relayed and accepted; lapsed unratified.',
  void: 'Relayed and accepted; void.',
  leaked: 'Leaked to the press.',
  expired: 'Expired undelivered.',
  pending: 'On your desk.',
  held: 'Held on your desk.',
  relayed: 'Relayed.',
  bundled: 'Bundled.',
} as const;

/** How a feed entry's kind reads as a heading in the list of what changed. */
export const CHANGE_WORDS: Partial<Record<FeedKind, string>> = {
  incident: 'Incident',
  collapse: 'Deal collapsed',
  signed: 'Deal signed',
  verified: 'Deal verified',
  leak: 'Leak',
  exposure: 'Reframe exposed',
  expiry: 'Memo expired',
  stalled: 'Stalled',
  walkout: 'Walkout',
  crisis: 'Breakout crisis',
  void: 'Proposal void',
  war: 'War',
  inject: 'News',
};

// --- Refusals in a person's words ---------------------------------------------------------------

/** What the rules' reasons refer to by code, for their rewording. */
export interface Glossary {
  clause(id: string): string;
  seat(seat: string): string;
  step(step: string): string;
}

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

/** Said when the rules' reason cannot be put in a person's words. */
export const REFUSAL_FALLBACK = 'That move is not possible at the moment.';

type Rewording = [RegExp, (m: RegExpExecArray, g: Glossary) => string];

/**
 * The rules' refusals that name things by code, in a person's words. The rules' own wording is
 * the truth of why; this only says it without ids, seat numbers or schema paths.
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
  if (!text || looksInternal(text)) return REFUSAL_FALLBACK;
  const trimmed = text.trim();
  const sentence = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** A signed change as a person reads it: +1, −2 (a true minus sign). */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '±0';
}

/** A probability change in percentage points: "+20%". */
export const signedPercent = (x: number): string => `${signed(Math.round(x * 100))}%`;

/** A count with its noun: "1 round", "2 rounds". */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
