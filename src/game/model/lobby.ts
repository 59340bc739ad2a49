// The lobby screen's model (src/ui/lobby-room.ts) and the table's seat line: each seat by its
// role name, who holds it, whether that person is connected and ready; what this seat may do.
import { SEATS } from '../constants';
import { seatName } from '../names';
import { getScenario } from '../scenario';
import type { Seat, SeatView } from '../types';
import { ROLE_NAMES } from '../words';

export interface SeatPresence {
  name: string;
  connected: boolean;
}

export interface LobbySeat {
  seat: Seat;
  role: string;
  roleKind: string;
  player: string;
  joined: boolean;
  bot: boolean;
  connected: boolean;
  ready: boolean;
  you: boolean;
  host: boolean;
  /** In words: "Ann · connected · ready". */
  state: string;
}

export interface LobbyModel {
  title: string;
  about: string;
  seats: LobbySeat[];
  status: string;
  /** The ready control for this seat, or null (spectator, bot seat). */
  ready: { label: string; value: boolean } | null;
  /** The creator's start, or null for everyone else. */
  start: { label: string; hint: string } | null;
}

function seatLine(view: SeatView, seat: Seat, info: SeatPresence | undefined): LobbySeat {
  const scenario = getScenario(view.options.scenario);
  const bot = Boolean(view.options.bots[seat]);
  const joined = bot || Boolean(info?.name);
  const ready = view.lobby ? view.lobby.ready.includes(seat) : true;
  const player = bot ? (info?.name ?? 'Bot') : info?.name || 'Empty seat';
  const presence = bot
    ? 'played by the server'
    : !joined
      ? 'waiting for a player'
      : info?.connected
        ? 'connected'
        : 'not connected';
  return {
    seat,
    role: seatName(scenario, seat),
    roleKind: ROLE_NAMES[seat],
    player,
    joined,
    bot,
    connected: bot || Boolean(info?.connected),
    ready,
    you: false,
    host: view.lobby?.host === seat,
    state: [presence, view.lobby && joined && !bot ? (ready ? 'ready' : 'not ready yet') : null]
      .filter(Boolean)
      .join(' · '),
  };
}

export function lobbyModel(
  view: SeatView,
  seat: Seat | null,
  seats: Partial<Record<Seat, SeatPresence>>,
): LobbyModel {
  const scenario = getScenario(view.options.scenario);
  const lines = SEATS.map((s) => ({ ...seatLine(view, s, seats[s]), you: s === seat }));
  const readyCount = lines.filter((l) => l.ready).length;
  const empty = lines.filter((l) => !l.joined).map((l) => l.role);
  const timing =
    view.options.timerPreset === 'untimed'
      ? 'untimed'
      : `${view.options.timerPreset} timers: the clock starts when the match does`;
  const mine = seat ? lines.find((l) => l.seat === seat) : undefined;
  return {
    title: 'Waiting for the table',
    about: `${scenario.name}, ${view.options.rounds} rounds, ${timing}.`,
    seats: lines,
    status: `${readyCount} of 3 seats ready. The match starts when all three are ready${
      view.lobby ? `, or when ${seatName(scenario, view.lobby.host)}’s player starts it` : ''
    }.`,
    ready:
      mine && !mine.bot
        ? mine.ready
          ? { label: 'Not ready after all', value: false }
          : { label: 'I’m ready', value: true }
        : null,
    start:
      view.lobby && seat === view.lobby.host
        ? {
            label: 'Start with bots in the empty seats',
            hint: empty.length
              ? `A normal bot takes ${empty.join(' and ')}; everyone who has joined plays.`
              : 'Everyone has joined: the match starts now, ready or not.',
          }
        : null,
  };
}

/** The table's seat line during play: each seat's role, player and presence. */
export function presenceLine(
  view: SeatView,
  seats: Partial<Record<Seat, SeatPresence>>,
): { seat: Seat; text: string; connected: boolean }[] {
  return SEATS.map((s) => {
    const l = seatLine({ ...view, lobby: undefined } as SeatView, s, seats[s]);
    return { seat: s, text: `${l.role}: ${l.player} (${l.state})`, connected: l.connected };
  });
}
