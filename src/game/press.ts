// Press: each seat may make one public statement. Statements are sealed until the step ends, so
// no seat answers another's; then claims move credit and blames cost the blamed.
import { BROKER, isPrincipal, isSeat } from './constants';
import { dealName, seatName } from './names';
import { mayAct, ok, parse, refuse, type Checked, type MoveCheckInput } from './checks';
import type { Rules } from './context';
import { StatementArgs } from './payloads';
import { addCapital, addCredit, addPressure } from './tracks';
import type { SeatView, Seat, Statement } from './types';

/** Deals a seat may claim credit for this round: signed or verified this round, not yet claimed by it. */
export function claimableDeals(G: SeatView, seat: Seat): string[] {
  return G.deals
    .filter(
      (d) => d.status !== 'collapsed' && (d.signedRound === G.round || d.verifiedRound === G.round),
    )
    .filter(
      (d) => !G.statements.some((s) => s.seat === seat && s.kind === 'claim' && s.target === d.id),
    )
    .map((d) => d.id);
}

/** Blame needs something to blame: an incident or a collapse this round. */
export function blameAllowed(G: SeatView): boolean {
  return (
    G.incidents.some((i) => i.round === G.round) ||
    G.deals.some((d) => d.collapsedRound === G.round)
  );
}

export function checkStatement({ G, seat, args }: MoveCheckInput): Checked<Statement> {
  const step = mayAct(G, seat, 'press');
  if (step) return refuse(step);
  if (!isSeat(seat)) return refuse('not a seat');
  if (args.length !== 1) return refuse('expected one argument: the statement');
  const parsed = parse(StatementArgs, args[0]);
  if (!parsed.ok) return parsed;
  const { kind, target } = parsed.value;
  if (kind === 'silence') {
    if (target !== undefined) return refuse('silence has no target');
    return ok({ seat, round: G.round, kind });
  }
  if (kind === 'claim') {
    if (target === undefined || !claimableDeals(G, seat).includes(target))
      return refuse('claim names a deal signed or verified this round that you have not claimed');
    return ok({ seat, round: G.round, kind, target });
  }
  if (!isSeat(target) || target === seat)
    return refuse('blame names another seat: "0", "1" or "2"');
  if (!blameAllowed(G)) return refuse('nothing to blame: no incident or collapse this round');
  return ok({ seat, round: G.round, kind, target });
}

export function applyStatement(r: Rules, s: Statement): void {
  r.G.sealedStatements[s.seat] = s;
}

export function publishStatements(r: Rules): void {
  const { G, scenario } = r;
  const t = scenario.tunables.press;
  const nameOf = (seat: Seat) => seatName(scenario, seat);
  for (const seat of ['0', '1', '2'] as const) {
    const s = G.sealedStatements[seat] ?? { seat, round: G.round, kind: 'silence' as const };
    G.statements.push(s);
    if (s.kind === 'claim' && s.target) {
      addCredit(r, seat, t.claimCredit);
      if (isPrincipal(seat)) addPressure(r, seat, -scenario.tunables.pressure.creditRelief);
      if (seat === BROKER) {
        const claims = G.statements.filter((x) => x.seat === BROKER && x.kind === 'claim').length;
        if (claims > t.brokerFreeClaims) addCapital(r, -t.brokerClaimCapital);
      }
      G.feed.push({
        round: G.round,
        kind: 'statement',
        seat,
        dealId: s.target,
        text: `${nameOf(seat)} claims credit for ${dealName(s.target)}.`,
      });
    } else if (s.kind === 'blame' && isSeat(s.target)) {
      addCredit(r, s.target, -t.blameCredit);
      if (isPrincipal(s.target)) addPressure(r, s.target, t.blamePressure);
      G.feed.push({
        round: G.round,
        kind: 'statement',
        seat,
        text: `${nameOf(seat)} blames ${nameOf(s.target)}.`,
      });
    } else if (G.sealedStatements[seat]) {
      G.feed.push({
        round: G.round,
        kind: 'statement',
        seat,
        text: `${nameOf(seat)}: no comment.`,
      });
    }
  }
  G.sealedStatements = {};
}
