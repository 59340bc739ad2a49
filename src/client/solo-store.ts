// Solo matches kept in this browser (issue #12, "nothing lost, everything reviewable"). A solo
// match runs in boardgame.io's Local master, which keeps its state, its initial state and its log
// in localStorage (`Local({ persist: true, storageKey })`, one storage key per match): a reload, Back
// or Leave loses nothing, and the match resumes from the master's own state. Beside it this module
// keeps an index of the solo matches (what was chosen: seat, setup, bots, pace, the seed, where the
// match stands), and, once a match is over, its record (src/game/record.ts, the same format as an
// online match's) under `soloRecordKey`, which the review (#/review/<matchID>) reads; the master's
// own copy is then dropped.
import type { BotSeat } from './connection';
import { cryptoSeed } from '../game/plugins/prng';
import { buildRecord, type MatchRecord } from '../game/record';
import type { SetupData } from '../game/options';
import type { BackchannelState, Seat } from '../game/types';

/** Where the review reads a finished solo match's record. */
export const soloRecordKey = (matchID: string) => `backchannel:record:${matchID}`;

/** The prefix of the Local master's own keys for one match (`<prefix>_state`, `_log`, …). */
export const soloMasterKey = (matchID: string) => `backchannel:solo:${matchID}`;

const INDEX = 'backchannel:solo-matches';
/** Matches kept: the oldest finished ones go first beyond this. */
export const KEEP = 20;
const MASTER_PARTS = ['state', 'initial', 'metadata', 'log'] as const;

export interface SoloEntry {
  matchID: string;
  seat: Seat;
  setupData: SetupData;
  bots: Partial<Record<Seat, BotSeat>>;
  pace: number;
  /** The rules' and the bots' seed: fixed, so the match replays exactly. */
  seed: string;
  /** A guided first match (the table shows the guide). */
  guide?: boolean;
  /** Browser time the match was started. */
  createdAt: number;
  /** Browser time of the last change seen. */
  updatedAt: number;
  /** Where the match stood when last seen. */
  round: number;
  rounds: number | null;
  step: string | null;
  /** Over, with its record kept under `soloRecordKey`. */
  finished: boolean;
}

export interface SoloStart {
  seat: Seat;
  setupData: SetupData;
  bots: Partial<Record<Seat, BotSeat>>;
  pace: number;
  seed?: string;
  guide?: boolean;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;
const storage = (): Storage | null => globalThis.localStorage ?? null;

function read<T>(key: string): T | null {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

/** Writes, and says whether it could (a full or blocked storage is not an error of the game). */
function write(key: string, value: unknown): boolean {
  try {
    storage()?.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function soloMatches(): SoloEntry[] {
  const list = read<unknown>(INDEX);
  return Array.isArray(list)
    ? (list as SoloEntry[]).filter((e) => typeof e?.matchID === 'string')
    : [];
}

export function soloMatch(matchID: string): SoloEntry | undefined {
  return soloMatches().find((e) => e.matchID === matchID);
}

function saveIndex(list: SoloEntry[]): void {
  // Newest first; beyond KEEP, the oldest finished matches are forgotten, then the oldest others.
  const sorted = [...list].sort((a, b) => b.updatedAt - a.updatedAt);
  while (sorted.length > KEEP) {
    const i = sorted.map((e) => e.finished).lastIndexOf(true);
    const [gone] = sorted.splice(i < 0 ? sorted.length - 1 : i, 1);
    if (gone) dropMatch(gone.matchID);
  }
  write(INDEX, sorted);
}

function dropMatch(matchID: string): void {
  const s = storage();
  for (const part of MASTER_PARTS) s?.removeItem(`${soloMasterKey(matchID)}_${part}`);
  s?.removeItem(soloRecordKey(matchID));
}

/** A new solo match's entry: a fresh match id and, unless one is given, a fresh seed. */
export function newSolo(start: SoloStart, now = Date.now()): SoloEntry {
  const entry: SoloEntry = {
    matchID: `solo-${now.toString(36)}-${cryptoSeed().slice(0, 6)}`,
    seat: start.seat,
    setupData: start.setupData,
    bots: start.bots,
    pace: start.pace,
    seed: start.seed ?? cryptoSeed(),
    createdAt: now,
    updatedAt: now,
    round: 0,
    rounds: start.setupData.rounds ?? null,
    step: null,
    finished: false,
  };
  if (start.guide) entry.guide = true;
  saveIndex([entry, ...soloMatches()]);
  return entry;
}

/** Records where the match stands (round, step, time), so the list can say it. */
export function touchSolo(
  matchID: string,
  at: { round: number; rounds: number; step: string },
  now = Date.now(),
): void {
  const list = soloMatches();
  const entry = list.find((e) => e.matchID === matchID);
  if (!entry || (entry.round === at.round && entry.step === at.step)) return;
  Object.assign(entry, at, { updatedAt: now });
  saveIndex(list);
}

/** Forgets a solo match: its entry, the master's copy and its record. */
export function forgetSolo(matchID: string): void {
  dropMatch(matchID);
  write(
    INDEX,
    soloMatches().filter((e) => e.matchID !== matchID),
  );
}

interface MasterCopy {
  state: { G: BackchannelState; ctx: { gameover?: unknown } };
  initialState: { G: BackchannelState };
  log: Parameters<typeof buildRecord>[0]['log'];
}

/** The Local master's stored copy of a match (its maps are kept as `[key, value][]`). */
export function masterCopy(matchID: string): MasterCopy | null {
  const part = <T>(name: (typeof MASTER_PARTS)[number]): T | undefined => {
    const entries = read<[string, T][]>(`${soloMasterKey(matchID)}_${name}`);
    return Array.isArray(entries) ? entries.find(([id]) => id === matchID)?.[1] : undefined;
  };
  const state = part<MasterCopy['state']>('state');
  const initialState = part<MasterCopy['initialState']>('initial');
  if (!state || !initialState) return null;
  return { state, initialState, log: part<MasterCopy['log']>('log') ?? [] };
}

/**
 * Once the master's stored state is over: builds the record from its initial state and log, keeps
 * it under `soloRecordKey`, marks the entry finished and drops the master's copy. Returns the
 * record, or null while the stored state is not over yet (the master stores after it tells its
 * clients) or when nothing is kept.
 */
export function finishSolo(matchID: string, now = Date.now()): MatchRecord | null {
  const entry = soloMatch(matchID);
  const copy = masterCopy(matchID);
  if (!entry || !copy || copy.state.ctx.gameover === undefined) return null;
  const record = buildRecord({
    matchID,
    setupData: entry.setupData,
    initialState: copy.initialState,
    log: copy.log,
    state: copy.state,
  });
  if (!write(soloRecordKey(matchID), record)) return null;
  const s = storage();
  for (const p of MASTER_PARTS) s?.removeItem(`${soloMasterKey(matchID)}_${p}`);
  const list = soloMatches();
  const kept = list.find((e) => e.matchID === matchID);
  if (kept)
    Object.assign(kept, {
      finished: true,
      updatedAt: now,
      round: record.final.round,
      step: record.final.step,
    });
  saveIndex(list);
  return record;
}

/** A finished solo match's record, if this browser keeps it. */
export function soloRecord(matchID: string): MatchRecord | null {
  return read<MatchRecord>(soloRecordKey(matchID));
}

/** Whether the master's copy of an unfinished match is here to resume. */
export const resumable = (matchID: string): boolean => masterCopy(matchID) !== null;

/**
 * Finishes every match that ended but whose record was not written (the tab closed at the very
 * end): the master's stored copy is over. Only entries last seen at the end are read.
 */
export function settleSolo(now = Date.now()): void {
  for (const e of soloMatches()) if (!e.finished && e.step === 'over') finishSolo(e.matchID, now);
}
