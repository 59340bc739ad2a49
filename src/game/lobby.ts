// The lobby step (docs/RULES.md, "The lobby"): an online match created with the `lobby` option
// waits for its players before anything is dealt or timed. Each seat says `ready` (and may take
// it back); when all three are ready the match begins: agendas and the mandate are dealt afresh,
// round 1's incidents are drawn and the drafting step's clock starts. The creator (the holder of
// the `host` seat) may `start` earlier: the seats the server names as empty go to server bots.
import { SEATS, isSeat } from './constants';
import { ok, parse, refuse, type Checked, type MoveCheckInput } from './checks';
import type { Rules } from './context';
import { startRound } from './flow';
import { ReadyArgs, StartArgs } from './payloads';
import type { Seat } from './types';

/** The level of the bots `start` puts in the empty seats. */
export const LOBBY_BOT_LEVEL = 'normal' as const;

export function checkReady({ G, seat, args }: MoveCheckInput): Checked<boolean> {
  if (args.length > 1) return refuse('ready takes at most one argument (true or false)');
  const parsed = parse(ReadyArgs, args[0]);
  if (!parsed.ok) return parsed;
  if (!G.lobby) return refuse('the match has already started');
  if (!isSeat(seat)) return refuse('only a seat can say it is ready');
  if (G.options.bots[seat]) return refuse('a bot plays this seat');
  return ok(parsed.value ?? true);
}

export function applyReady(r: Rules, ready: boolean, seat: Seat): void {
  const lobby = r.G.lobby!;
  const others = lobby.ready.filter((s) => s !== seat);
  lobby.ready = ready ? SEATS.filter((s) => s === seat || others.includes(s)) : others;
  if (SEATS.every((s) => lobby.ready.includes(s))) beginMatch(r);
}

export function checkStart({ G, seat, args }: MoveCheckInput): Checked<Seat[]> {
  if (args.length > 1) return refuse('start takes at most { bots }');
  const parsed = parse(StartArgs, args[0]);
  if (!parsed.ok) return parsed;
  if (!G.lobby) return refuse('the match has already started');
  if (seat !== G.lobby.host) return refuse('only the match’s creator can start it');
  const lobby = G.lobby;
  const notReady = SEATS.filter((s) => !lobby.ready.includes(s) && s !== seat);
  const bots = parsed.value?.bots ?? notReady;
  if (bots.includes(seat)) return refuse('the creator’s own seat cannot go to a bot');
  if (bots.some((s) => lobby.ready.includes(s)))
    return refuse('a seat that is ready cannot go to a bot');
  return ok([...new Set(bots)].sort());
}

/** The creator starts now: the named seats go to bots, the creator counts as ready. */
export function applyStart(r: Rules, bots: Seat[], seat: Seat): void {
  for (const s of bots) r.G.options.bots[s] = { level: LOBBY_BOT_LEVEL };
  void seat;
  beginMatch(r);
}

/** The lobby ends: deal the secrets afresh (no one who sat in the lobby saw them), start round 1. */
function beginMatch(r: Rules): void {
  const { G, scenario, prng } = r;
  delete G.lobby;
  G.agendas = { '0': prng.sample(scenario.agendas.A, 2), '1': prng.sample(scenario.agendas.B, 2) };
  G.mandate = prng.pick(scenario.mandates);
  startRound(r, 1);
}
