// The Lobby API (boardgame.io's standard paths on our server) and the seats this browser holds,
// kept in localStorage so a reload or a dropped connection puts the seat back.
import type { SetupData } from '../game/options';
import type { Seat } from '../game/types';

export interface HeldSeat {
  matchID: string;
  seat: Seat;
  credentials: string;
  name: string;
  /** Seated by a seminar's join code: the facilitator seats the others, so no invite links. */
  seminar?: boolean;
}

export class LobbyError extends Error {}

async function call<T>(server: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server}/games/backchannel${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new LobbyError(data.error ?? `the server answered ${res.status}`);
  return data;
}

export async function createMatch(server: string, setupData: SetupData): Promise<string> {
  const { matchID } = await call<{ matchID: string }>(server, '/create', {
    setupData,
    unlisted: true,
  });
  return matchID;
}

export interface MatchInfo {
  matchID: string;
  players: { id: number; name?: string }[];
  setupData?: SetupData;
  gameover?: unknown;
}

export const getMatch = (server: string, matchID: string) =>
  call<MatchInfo>(server, `/${encodeURIComponent(matchID)}`);

export async function joinMatch(
  server: string,
  matchID: string,
  seat: Seat,
  name: string,
): Promise<HeldSeat> {
  const { playerCredentials } = await call<{ playerCredentials: string }>(
    server,
    `/${encodeURIComponent(matchID)}/join`,
    { playerID: seat, playerName: name },
  );
  const held = { matchID, seat, credentials: playerCredentials, name };
  rememberSeat(held);
  return held;
}

/** Gives a seat up (only while the match waits in its lobby, or once it is over). */
export async function leaveMatch(server: string, held: HeldSeat): Promise<void> {
  await call(server, `/${encodeURIComponent(held.matchID)}/leave`, {
    playerID: held.seat,
    credentials: held.credentials,
  });
  forgetSeat(held.matchID, held.seat);
}

const KEY = 'backchannel:seats';

export function heldSeats(): HeldSeat[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(raw) ? (raw as HeldSeat[]) : [];
  } catch {
    return [];
  }
}

export function heldSeat(matchID: string, seat: Seat): HeldSeat | undefined {
  return heldSeats().find((s) => s.matchID === matchID && s.seat === seat);
}

export function rememberSeat(seat: HeldSeat): void {
  const others = heldSeats().filter((s) => !(s.matchID === seat.matchID && s.seat === seat.seat));
  localStorage.setItem(KEY, JSON.stringify([seat, ...others].slice(0, 20)));
}

export function forgetSeat(matchID: string, seat: Seat): void {
  localStorage.setItem(
    KEY,
    JSON.stringify(heldSeats().filter((s) => !(s.matchID === matchID && s.seat === seat))),
  );
}

/** The link that takes a person to a seat of a match (or to watch it, without a seat). */
export function seatLink(origin: string, matchID: string, seat: Seat | null): string {
  return seat === null ? `${origin}/#/watch/${matchID}` : `${origin}/#/play/${matchID}/${seat}`;
}

export type Route =
  | { kind: 'home' }
  | { kind: 'play'; matchID: string; seat: Seat }
  | { kind: 'watch'; matchID: string };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'play' && parts[1] && (parts[2] === '0' || parts[2] === '1' || parts[2] === '2'))
    return { kind: 'play', matchID: parts[1], seat: parts[2] };
  if (parts[0] === 'watch' && parts[1]) return { kind: 'watch', matchID: parts[1] };
  return { kind: 'home' };
}

/** A code or a pasted link, as a route. */
export function parseJoinInput(input: string): Route {
  const text = input.trim();
  const hash = text.includes('#')
    ? text.slice(text.indexOf('#'))
    : `#/play/${text.replace(/[\s:]+/g, '/')}`;
  return parseRoute(hash);
}
