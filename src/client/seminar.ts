// The seminar API (docs/SEMINAR.md, server/seminar.ts) over fetch, and the facilitator secrets
// this browser keeps in localStorage (one key a session: backchannel.seminar.<id>).
import type { MatchRecord } from '../game/record';
import type { FacilitatorAction } from '../game/facilitation';
import type { Clock, Deal, FeedEntry, Final, Paused, Seat, Step, Tracks } from '../game/types';
import { rememberSeat, type HeldSeat } from './lobby';

export class SeminarError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly data: unknown = null,
  ) {
    super(message);
    this.name = 'SeminarError';
  }
}

export type TimerChoice =
  | 'seminar'
  | 'blitz'
  | 'correspondence'
  | 'untimed'
  | { drafting: number; mediation: number; response: number; press: number };

export interface CreateSeminar {
  label?: string;
  scenario?: string;
  rounds?: number;
  timer?: TimerChoice;
  tables?: number;
  classList?: string[];
}

export interface BotSpec {
  level: 'easy' | 'normal' | 'hard';
  persona?: 'hawk' | 'dove' | 'staller';
}

export type Controller = 'student' | 'bot' | 'open';

export interface SeminarSeat {
  seat: Seat;
  /** The role's name in the scenario (Washington, Tehran, Doha). */
  role?: string;
  /** Who sits there: a student, a server bot, or nobody yet. */
  controller: Controller;
  /** The student's display name (or the class list's), or the bot's. */
  name?: string | null;
  bot?: BotSpec | null;
  /** Whether a student holds the seat's credentials (also while a bot stands in). */
  student?: boolean;
  /** The seat code: gives exactly this seat. */
  code?: string;
  connected?: boolean;
}

/** One table as the dashboard shows it: no more than a spectator sees, and who sits where. */
export interface SeminarTable {
  table: number;
  matchID: string;
  /** The table code: a student picks a free seat. */
  code: string;
  /** The match is gone from storage. */
  missing?: boolean;
  over?: boolean;
  round?: number;
  rounds?: number;
  step?: Step;
  clock?: Clock;
  paused?: Paused | null;
  pending?: Seat[];
  tracks?: Tracks;
  breakout?: { estimate: number; true?: number };
  deals?: Deal[];
  /** The last entries of the public feed. */
  feed?: FeedEntry[];
  final?: Final;
  seats: SeminarSeat[];
}

/** A table's state once it is known to be there. */
export type LiveTable = Required<
  Pick<
    SeminarTable,
    'round' | 'rounds' | 'step' | 'clock' | 'pending' | 'tracks' | 'breakout' | 'deals' | 'feed'
  >
> &
  SeminarTable;

export const liveTable = (t: SeminarTable): LiveTable | null =>
  t.missing || t.step === undefined || t.tracks === undefined ? null : (t as LiveTable);

export interface SessionOptions {
  scenario: string;
  rounds: number;
  timer: TimerChoice | null;
}

export interface Dashboard {
  id: string;
  label?: string;
  options: SessionOptions;
  createdAt?: number;
  /** Server time when the dashboard was read, for countdowns. */
  now?: number;
  tables: SeminarTable[];
}

export interface Created extends Dashboard {
  secret: string;
}

export interface JoinInfo {
  kind: 'table' | 'seat';
  scenario: { id: string; name: string };
  label?: string;
  table: number;
  over?: boolean;
  /** The seat a seat code gives, and its role. */
  seat?: Seat;
  role?: string;
  /** The name the class list gave the seat. */
  name?: string;
  /** The seats still free (all a table code may give; the coded seat if still free). */
  free: { seat: Seat; role: string }[];
}

export interface Joined {
  matchID: string;
  playerID: Seat;
  credentials: string;
  table: number;
}

export interface ActionResult {
  table: number;
  ok: boolean;
  error?: string;
}

async function call<T>(
  path: string,
  init: { method?: string; body?: unknown; secret?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.secret) headers.authorization = `Bearer ${init.secret}`;
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers,
      cache: 'no-store',
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new SeminarError('the server cannot be reached', 0);
  }
  const data = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) {
    const fallback =
      res.status === 401
        ? 'the facilitator secret is missing or wrong'
        : res.status === 404
          ? 'not found'
          : `the server answered ${res.status}`;
    throw new SeminarError(data.error ?? fallback, res.status, data);
  }
  return data;
}

const seminarPath = (id: string) => `/api/seminars/${encodeURIComponent(id)}`;

export const createSeminar = (body: CreateSeminar) =>
  call<Created>('/api/seminars', { body }).then((created) => {
    rememberSecret(created.id, created.secret);
    return created;
  });

export const getDashboard = (id: string, secret: string) =>
  call<Dashboard>(seminarPath(id), { secret });

/** A facilitator action on some tables: each table's result (409 when every table refused). */
export async function act(
  id: string,
  secret: string,
  tables: number[] | 'all',
  action: FacilitatorAction,
): Promise<ActionResult[]> {
  try {
    const r = await call<{ results: ActionResult[] }>(`${seminarPath(id)}/actions`, {
      secret,
      body: { tables, action },
    });
    return r.results;
  } catch (err) {
    const data = (err as SeminarError).data as { results?: ActionResult[] } | null;
    if (err instanceof SeminarError && err.status === 409 && data?.results) return data.results;
    throw err;
  }
}

export const fillSeats = (id: string, secret: string, bot: BotSpec) =>
  call<unknown>(`${seminarPath(id)}/fill`, { secret, body: bot });

export const setSeat = (
  id: string,
  secret: string,
  table: number,
  seat: Seat,
  body:
    | { controller: 'bot'; level: BotSpec['level']; persona?: BotSpec['persona'] }
    | {
        controller: 'student';
      },
) =>
  // The table as it is after the change.
  call<SeminarTable>(`${seminarPath(id)}/tables/${table}/seats/${seat}`, { secret, body });

export const deleteSeminar = (id: string, secret: string) =>
  call<unknown>(seminarPath(id), { secret, method: 'DELETE' });

export const lookUpCode = (code: string) =>
  call<JoinInfo>(`/api/join/${encodeURIComponent(normaliseCode(code))}`);

/** Takes a seat with a code, and keeps its credentials as any online seat's (lobby.ts). */
export async function joinWithCode(code: string, name: string, seat?: Seat): Promise<HeldSeat> {
  const joined = await call<Joined>(`/api/join/${encodeURIComponent(normaliseCode(code))}`, {
    body: { name, ...(seat === undefined ? {} : { seat }) },
  });
  const held: HeldSeat = {
    matchID: joined.matchID,
    seat: joined.playerID,
    credentials: joined.credentials,
    name,
    seminar: true,
  };
  rememberSeat(held);
  return held;
}

export const recordPath = (matchID: string) => `/api/matches/${encodeURIComponent(matchID)}/record`;
export const csvPath = (matchID: string, of: 'tracks' | 'memos') =>
  `${recordPath(matchID)}.csv?of=${of}`;

export const getRecord = (matchID: string) => call<MatchRecord>(recordPath(matchID));

/** Codes are typed by people: spaces, dashes and case do not matter. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}

export const classLink = (origin: string, code: string) => `${origin}/#/class/${code}`;

// ---------------------------------------------------------------------------------------------
// Facilitator secrets

const secretKey = (id: string) => `backchannel.seminar.${id}`;

export function rememberSecret(id: string, secret: string): void {
  try {
    localStorage.setItem(secretKey(id), secret);
  } catch {
    // Private browsing without storage: the secret must be pasted in at each visit.
  }
}

export function savedSecret(id: string): string | null {
  try {
    return localStorage.getItem(secretKey(id));
  } catch {
    return null;
  }
}

export function forgetSecret(id: string): void {
  try {
    localStorage.removeItem(secretKey(id));
  } catch {
    // nothing kept
  }
}

export { serverOffset } from './clock';
