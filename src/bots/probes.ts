// Exploit probes (issue #11, item 4): fixed strategies that replace one seat's normal bot, to show
// that no simple fixed way of playing a seat scores above the normal bot in that seat. Each probe
// plays from its own seat's view only, through the move contract, like every other bot. A probe
// differs from the normal bot only in the part of the game it probes: broker probes mediate by a
// fixed rule and make the normal broker's press statements; principal probes answer (and, for
// the rejecter, write) by a fixed rule and set postures and make statements as the normal
// principal does, with the same seed, so paired runs differ in that one thing.
import { BROKER } from '../game/constants';
import { explainMove } from '../game/enumerate';
import {
  capitalFree,
  clauseSetProblem,
  dueProposals,
  leakKind,
  mediationCosts,
  memosAtBroker,
  sizeStep,
} from '../game/facts';
import { getScenario } from '../game/scenario';
import type { Scenario } from '../game/scenario/schema';
import type { Clause, Memo, PrincipalSeat, Seat, SeatView, Side } from '../game/types';
import { isPending, makeBot } from './make';
import type { Bot, BotAction, Persona } from './types';

export const BROKER_PROBES = ['verbatim', 'reframer', 'leaker'] as const;
export const PRINCIPAL_PROBES = ['rejecter', 'accepter'] as const;
export const PROBES = [...BROKER_PROBES, ...PRINCIPAL_PROBES] as const;
export type ProbeName = (typeof PROBES)[number];

/** Every probe in each seat it plays (a principal probe as A and as B), as `--probe` names them. */
export const PROBE_SEATS = [
  'verbatim',
  'reframer',
  'leaker',
  'rejecter:A',
  'rejecter:B',
  'accepter:A',
  'accepter:B',
] as const;

/** What each probe does, for the usage message and docs/BALANCE.md. */
export const PROBE_WORDS: Record<ProbeName, string> = {
  verbatim: 'broker: relays every memo at once, as written; no holds, edits, leaks, bundles',
  reframer:
    "broker: relays every memo at once, each clause reframed one size toward the recipient's wish",
  leaker: 'broker: leaks one memo every round it can (a pure demand first), relays the rest',
  rejecter: 'principal: writes only empty messages and rejects everything',
  accepter: 'principal: accepts everything it may, drafts as the normal bot',
};

export interface ProbeSpec {
  name: ProbeName;
  /** The seat it replaces: '2' for a broker probe, '0' (A) or '1' (B) for a principal probe. */
  seat: Seat;
}

export const isBrokerProbe = (name: ProbeName): boolean =>
  (BROKER_PROBES as readonly string[]).includes(name);

const sideOfSeat = (seat: Seat): Side => (seat === '0' ? 'A' : 'B');

function legal(view: SeatView, seat: Seat, action: BotAction): boolean {
  return explainMove(view, seat, action.move, action.args) === null;
}

/**
 * The reframer's edit of one memo: every clause one size step toward what the recipient would
 * rather hear (a clause the recipient gives, or a joint one, one size smaller; a clause the
 * author gives one size larger), as many clauses as its free capital pays for, in clause order.
 * The reframes its capital or the clause rules do not allow are dropped, last first.
 */
export function reframesFor(
  view: SeatView,
  scenario: Scenario,
  memo: Memo,
): { clause: number; delta: 1 | -1 }[] {
  const author = sideOfSeat(memo.author);
  const wanted: { clause: number; delta: 1 | -1 }[] = [];
  memo.clauses.forEach((c, i) => {
    const delta: 1 | -1 = c.giver === author ? 1 : -1;
    if (sizeStep(scenario, c, delta)) wanted.push({ clause: i, delta });
  });
  const cost = mediationCosts(scenario).reframe;
  const affordable = cost > 0 ? Math.max(0, Math.floor(capitalFree(view) / cost)) : wanted.length;
  const chosen = wanted.slice(0, affordable);
  while (chosen.length > 0) {
    const delivered: Clause[] = memo.clauses.map((c, i) => {
      const r = chosen.find((f) => f.clause === i);
      const next = r ? sizeStep(scenario, c, r.delta) : null;
      return next ? { ...c, size: next.id } : c;
    });
    if (!clauseSetProblem(view, scenario, delivered)) break;
    chosen.pop();
  }
  return chosen;
}

function brokerMediation(name: ProbeName, view: SeatView, scenario: Scenario): BotAction {
  const pending = memosAtBroker(view);
  if (name === 'leaker') {
    const leakedThisRound = view.feed.some((f) => f.kind === 'leak' && f.round === view.round);
    if (!leakedThisRound) {
      const target = pending.find((m) => leakKind(m) === 'demand') ?? pending[0];
      if (target) {
        const leak: BotAction = { move: 'leak', args: [target.id] };
        if (legal(view, BROKER, leak)) return leak;
      }
    }
  }
  for (const memo of pending) {
    if (name === 'reframer') {
      const reframes = reframesFor(view, scenario, memo);
      if (reframes.length > 0) {
        const edited: BotAction = { move: 'relay', args: [memo.id, { reframes }] };
        if (legal(view, BROKER, edited)) return edited;
      }
    }
    const plain: BotAction = { move: 'relay', args: [memo.id, {}] };
    if (legal(view, BROKER, plain)) return plain;
  }
  return { move: 'done', args: [] };
}

function principalMove(
  name: ProbeName,
  seat: PrincipalSeat,
  view: SeatView,
  normal: Bot,
): BotAction | null {
  if (view.step === 'response') {
    const first = dueProposals(view, seat)[0];
    if (!first) return { move: 'done', args: [] };
    const accept: BotAction = { move: 'respond', args: [first.id, 'accept'] };
    if (name === 'accepter' && legal(view, seat, accept)) return accept;
    return { move: 'respond', args: [first.id, 'reject'] };
  }
  if (name === 'rejecter' && view.step === 'drafting') {
    // Postures as the normal principal sets them; then one empty message, nothing offered.
    const wanted = normal.decide(view);
    if (wanted?.move === 'setPosture') return wanted;
    const written = view.memos.some((m) => m.author === seat && m.round === view.round);
    const empty: BotAction = {
      move: 'draftMemo',
      args: [{ clauses: [], text: 'We have nothing to add at this time.' }],
    };
    if (!written && legal(view, seat, empty)) return empty;
    return { move: 'done', args: [] };
  }
  return normal.decide(view);
}

/**
 * A probe bot for its seat, seeded as the normal bot in that seat would be (with that seat's
 * persona, if any, for what the probe leaves to the normal bot).
 */
export function makeProbe(spec: ProbeSpec, seed: string, persona?: Persona): Bot {
  const { name, seat } = spec;
  if (isBrokerProbe(name) !== (seat === BROKER))
    throw new Error(`probe "${name}" cannot play seat ${seat}`);
  const normal = makeBot({ seat, level: 'normal', seed, ...(persona ? { persona } : {}) });
  const decide = (view: SeatView): BotAction | null => {
    if (!isPending(view, seat)) return null;
    if (seat === BROKER) {
      if (view.step === 'mediation')
        return brokerMediation(name, view, getScenario(view.options.scenario));
      return normal.decide(view);
    }
    return principalMove(name, seat as PrincipalSeat, view, normal);
  };
  return { seat, level: 'normal', persona: normal.persona, decide };
}

/** Reads "name" or "name:A" / "name:B" (principal probes; A when no seat is given). */
export function parseProbe(text: string): ProbeSpec | string {
  const [raw, where, ...rest] = text.split(':').map((s) => s.trim());
  const name = raw as ProbeName;
  if (!(PROBES as readonly string[]).includes(name) || rest.length > 0)
    return `"${text}" is not a probe; probes are ${PROBES.join(', ')} (principal probes take :A or :B)`;
  if (isBrokerProbe(name)) {
    if (where !== undefined && where !== 'broker')
      return `"${name}" is a broker probe: it plays the broker's seat only`;
    return { name, seat: BROKER };
  }
  if (where === undefined || where === 'A') return { name, seat: '0' };
  if (where === 'B') return { name, seat: '1' };
  return `"${text}": a principal probe plays seat A or B ("${name}:A" or "${name}:B")`;
}
