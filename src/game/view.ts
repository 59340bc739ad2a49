// What each seat may see (GAME.md, "Who sees what"). Built as a copy whose hidden parts are cut
// down to the seat's share, so the view keeps the state's shape and the rules' checks run on it.
// After the match ends, every seat and spectator sees everything, the seed included (debrief).
import { BROKER, isPrincipal, isSeat } from './constants';
import { getScenario } from './scenario';
import { breakoutRevealed } from './tracks';
import type { BackchannelState, Memo, PrincipalSeat, Proposal, Seat, SeatView } from './types';

type Clone = <T>(value: T) => T;
const deep: Clone = (value) => structuredClone(value);
const same: Clone = (value) => value;

export interface ViewOptions {
  /**
   * Share the state's own objects instead of copying them. For a caller that only reads the view
   * and drops it (the server serialises it at once: server/filter.ts); boardgame.io's states are
   * never changed in place, so a shared part stays as it was. Anyone who may change the view in
   * place (a bot trying moves on it) takes the default, a copy of its own.
   */
  share?: boolean;
}

export function viewFor(
  G: BackchannelState,
  playerID: string | null | undefined,
  opts: ViewOptions = {},
): SeatView {
  const clone = opts.share ? same : deep;
  if (G.final) return clone(G);
  const seat: Seat | null = isSeat(playerID) ? playerID : null;
  const scenario = getScenario(G.options.scenario);

  const view: SeatView = {
    options: clone(G.options),
    round: G.round,
    step: G.step,
    clock: clone(G.clock),
    pending: [...G.pending],
    tracks: clone(G.tracks),
    breakout: { estimate: G.breakout.estimate },
    credit: clone(G.credit),
    walkouts: clone(G.walkouts),
    incidents: clone(G.incidents),
    deals: clone(G.deals),
    feed: clone(G.feed),
    statements: clone(G.statements),
    counters: clone(G.counters),
    history: clone(G.history),
    ...noSecrets(),
  };
  if (G.paused) view.paused = clone(G.paused);
  if (G.lobby) view.lobby = clone(G.lobby);
  // In the lobby nothing is dealt yet that any seat may see (the deal is redone at the start).
  if (seat === null || G.lobby) return view;
  const journal = G.journal?.[seat];
  if (journal) view.journal = { [seat]: clone(journal) };

  const seesTrueBreakout = seat === '1' || breakoutRevealed(G, scenario);
  if (seesTrueBreakout) view.breakout.true = G.breakout.true;
  const sealed = G.sealedStatements[seat];
  if (sealed) view.sealedStatements[seat] = clone(sealed);

  if (seat === BROKER) {
    view.mandate = clone(G.mandate);
    view.memos = G.memos.filter((m) => m.status !== 'draft').map(clone);
    view.proposals = G.proposals.map(clone);
    // Memos are counted as they are written, but the broker learns of one only when drafting ends
    // (else its view would change at every draft, and tell it when each principal drafts).
    const drafts = G.memos.filter((m) => m.status === 'draft').length;
    view.stats = { ...clone(G.stats), memosWritten: G.stats.memosWritten - drafts };
    return view;
  }

  if (isPrincipal(seat)) {
    view.agendas = { [seat]: clone(G.agendas[seat] ?? []) };
    if (seat === '0' && G.postures['0']) view.postures['0'] = clone(G.postures['0']);
    if (seat === '1' && G.postures['1']) view.postures['1'] = clone(G.postures['1']);
    view.memos = G.memos.filter((m) => m.author === seat).map((m) => authorsMemo(m, clone));
    view.proposals = G.proposals.flatMap((p) => {
      const shown = principalsProposal(p, seat, clone);
      return shown ? [shown] : [];
    });
    if (seat === '1') {
      for (const [id, who] of Object.entries(G.attributions))
        if (who === 'directed') view.attributions[id] = who;
    }
  }
  return view;
}

/** The author knows what it wrote and what is public (leaked, expired); the rest is the broker's. */
function authorsMemo(m: Memo, clone: Clone): Memo {
  const known = m.status === 'draft' || m.status === 'leaked' || m.status === 'expired';
  return {
    id: m.id,
    author: m.author,
    round: m.round,
    clauses: clone(m.clauses),
    text: m.text,
    status: known ? m.status : 'with-broker',
    heldSteps: 0,
    lastRound: m.lastRound,
    ...(m.exposed ? { exposed: true } : {}),
  };
}

/** A proposal as a principal may see it: delivered to it, or back to it for ratification. */
function principalsProposal(p: Proposal, seat: PrincipalSeat, clone: Clone): Proposal | null {
  const recipient = p.recipients.includes(seat);
  // The author sees its relayed memo once the recipient's acceptance has sent it back for
  // ratification (when the response step ends), not while the recipient is still answering.
  const ratifying =
    p.kind === 'relay' &&
    p.author === seat &&
    p.stage !== 'open' &&
    p.answers[p.recipients[0]!] === 'accept';
  if (!recipient && !ratifying) return null;
  const answers: Proposal['answers'] = {};
  if (p.answers[seat]) answers[seat] = p.answers[seat];
  // At ratification the author learns that the recipient accepted; nothing else of the other side.
  if (ratifying) answers[p.recipients[0]!] = 'accept';
  const shown: Proposal = {
    id: p.id,
    kind: p.kind,
    round: p.round,
    recipients: [...p.recipients],
    clauses: clone(p.clauses),
    shown: clone(p.shown),
    text: p.text,
    note: p.note,
    stage: p.stage,
    due: [...p.due],
    dueRound: p.dueRound,
    answers,
  };
  if (p.kind === 'relay') {
    shown.memoId = p.memoId;
    shown.author = p.author;
  }
  if (p.dealId) shown.dealId = p.dealId;
  return shown;
}

/** The hidden parts of a view as a spectator holds them: none of them (each a fresh value). */
export function noSecrets(): Pick<
  SeatView,
  | 'breakoutHistory'
  | 'agendas'
  | 'postures'
  | 'memos'
  | 'proposals'
  | 'attributions'
  | 'sealedStatements'
> {
  return {
    breakoutHistory: [],
    agendas: {},
    postures: {},
    memos: [],
    proposals: [],
    attributions: {},
    sealedStatements: {},
  };
}
