// Seminar mode's HTTP API (docs/SEMINAR.md): a facilitator creates a session of several tables,
// each a match created paused; students join by a table code or a seat code; the facilitator
// watches every table's public state and pauses, resumes, extends, ends steps, sends injects and
// hands seats to bots and back, all through the rules' server-only `facilitate` move. Finished
// matches give their record (JSON, CSV) to anyone.
import type { JoinCodeLimit } from './guesses';
import { randomBytes } from 'node:crypto';
import Router, { type RouterContext } from '@koa/router';
import type { Context, Next } from 'koa';
import type { Server as BgioServer, State } from 'boardgame.io';
import { createMatch } from 'boardgame.io/internal';
import type { Logger } from 'pino';
import { z } from 'zod';
import { Backchannel } from '../src/game';
import { FacilitatorAction, checkFacilitate } from '../src/game/facilitation';
import { MAX_ROUNDS, MIN_ROUNDS, resolveOptions, TimersSchema } from '../src/game/options';
import { firstProblem } from '../src/game/payloads';
import { buildRecord, recordCsv } from '../src/game/record';
import { DEFAULT_SCENARIO, getScenario, hasScenario, scenarioIds } from '../src/game/scenario';
import type { BackchannelState, MatchOptions, Seat } from '../src/game/types';
import { viewFor } from '../src/game/view';
import { botName } from './bots';
import { HttpError, readJson } from './lobby';
import {
  hashSecret,
  newSecret,
  newSeminarId,
  normaliseCode,
  secretMatches,
  type Seminar,
  type SeminarStore,
  type SeminarTable,
} from './seminar-store';
import type { SqlStorage } from './storage';
import type { GuardedTransport } from './transport';

export const MAX_TABLES = 10;
export const MAX_CLASS = 30;
export const MAX_SEMINAR_NAME = 40;
export const MAX_BODY = 16 * 1024;
const FEED_TAIL = 20;
const SEATS: readonly Seat[] = ['0', '1', '2'];

type BotSpec = NonNullable<MatchOptions['bots'][Seat]>;
type BcState = State<BackchannelState>;

// eslint-disable-next-line no-control-regex
const printable = /^[^\u0000-\u001f\u007f-\u009f]+$/;
const displayName = z
  .string()
  .trim()
  .min(1, 'expected 1 to 40 characters')
  .max(MAX_SEMINAR_NAME, 'expected 1 to 40 characters')
  .regex(printable, 'no control characters');

const CreateBody = z
  .object({
    scenario: z
      .string()
      .refine(hasScenario, { message: `expected one of ${scenarioIds().join(', ')}` })
      .optional(),
    rounds: z
      .number()
      .int()
      .min(MIN_ROUNDS, `expected ${MIN_ROUNDS} to ${MAX_ROUNDS}`)
      .max(MAX_ROUNDS, `expected ${MIN_ROUNDS} to ${MAX_ROUNDS}`)
      .optional(),
    // The match's own timer option (src/game/options.ts), named `timer` in a session's body.
    timer: TimersSchema.optional(),
    tables: z
      .number()
      .int()
      .min(1, `expected 1 to ${MAX_TABLES}`)
      .max(MAX_TABLES, `expected 1 to ${MAX_TABLES}`)
      .optional(),
    // A list of names, or the text of a list (one name a line; blank lines are skipped).
    classList: z
      .union([
        z.array(z.string()),
        z.string().transform((text) => text.split(/\r?\n/).filter((l) => l.trim() !== '')),
      ])
      .pipe(
        z
          .array(displayName)
          .min(1, 'expected 1 to 30 names')
          .max(MAX_CLASS, 'expected 1 to 30 names'),
      )
      .optional(),
    label: z.string().trim().max(80, 'expected at most 80 characters').regex(printable).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.tables === undefined && b.classList === undefined)
      ctx.addIssue({ code: 'custom', path: ['tables'], message: 'give tables or a classList' });
    if (b.tables !== undefined && b.classList && b.classList.length > b.tables * 3)
      ctx.addIssue({
        code: 'custom',
        path: ['classList'],
        message: `${b.classList.length} names need ${Math.ceil(b.classList.length / 3)} tables, not ${b.tables}`,
      });
  });

const Bot = z
  .object({
    level: z.enum(['easy', 'normal', 'hard']),
    persona: z.enum(['hawk', 'dove', 'staller']).optional(),
  })
  .strict();

const ActionsBody = z
  .object({
    tables: z.union([z.literal('all'), z.array(z.number().int().min(1)).min(1).max(MAX_TABLES)]),
    action: z.unknown(),
  })
  .strict();

const SeatBody = z.discriminatedUnion('controller', [
  z
    .object({
      controller: z.literal('bot'),
      level: z.enum(['easy', 'normal', 'hard']),
      persona: z.enum(['hawk', 'dove', 'staller']).optional(),
    })
    .strict(),
  z.object({ controller: z.literal('student') }).strict(),
]);

const JoinBody = z
  .object({ name: displayName.optional(), seat: z.enum(['0', '1', '2']).optional() })
  .strict();

function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new HttpError(400, firstProblem(parsed.error));
  return parsed.data;
}

const roleOf = (scenarioId: string, seat: Seat) => {
  const { seats } = getScenario(scenarioId);
  return seat === '0' ? seats.A.name : seat === '1' ? seats.B.name : seats.broker.name;
};

export type Controller = 'open' | 'student' | 'bot';

/** Who holds a seat: a bot (the facilitator's), a student (has credentials), or nobody yet. */
function controllerOf(G: BackchannelState, player: BgioServer.PlayerMetadata | undefined) {
  if (G.options.bots[String(player?.id) as Seat]) return 'bot';
  return player?.credentials ? 'student' : 'open';
}

export interface SeminarDeps {
  /** Wrong join codes per client address (server/guesses.ts). */
  guesses: JoinCodeLimit;
  storage: SqlStorage;
  store: SeminarStore;
  transport: GuardedTransport;
  log: Logger;
  /** Forget a deleted match's deadline timer and bot timers. */
  forget(matchID: string): void;
}

export class SeminarApi {
  constructor(private readonly deps: SeminarDeps) {}

  /** Koa middleware for /api/seminars, /api/join and /api/matches/:id/record. */
  middleware() {
    // Case-sensitive, as the URLs are written in docs/SEMINAR.md; OPTIONS is not offered (a
    // method the router does not implement is answered 405 below, like any other wrong method).
    const router = new Router({
      prefix: '/api',
      sensitive: true,
      methods: ['HEAD', 'GET', 'POST', 'DELETE'],
    });
    router
      .post('/seminars', (ctx) => this.create(ctx))
      .get('/seminars/:id', (ctx) => this.dashboard(ctx, ctx.params.id!))
      .delete('/seminars/:id', (ctx) => this.remove(ctx, ctx.params.id!))
      .post('/seminars/:id/actions', (ctx) => this.actions(ctx, ctx.params.id!))
      .post('/seminars/:id/fill', (ctx) => this.fill(ctx, ctx.params.id!))
      .post('/seminars/:id/tables/:table/seats/:seat', (ctx) =>
        this.seat(ctx, ctx.params.id!, ctx.params.table!, ctx.params.seat!),
      )
      .get('/join/:code', (ctx) => this.guessed(ctx, () => this.joinInfo(ctx, ctx.params.code!)))
      .post('/join/:code', (ctx) => this.guessed(ctx, () => this.join(ctx, ctx.params.code!)))
      .get('/matches/:id/record', (ctx) => this.record(ctx, ctx.params.id!, false))
      .get('/matches/:id/record.csv', (ctx) => this.record(ctx, ctx.params.id!, true));
    const routes = router.routes();
    const allowed = router.allowedMethods();
    return async (ctx: RouterContext, next: Next) => {
      if (!ctx.path.startsWith('/api/')) return next();
      ctx.set('Cache-Control', 'no-store');
      // Every /api/ path ends here: one the routes do not know is 404, never the next middleware.
      await routes(ctx, () => allowed(ctx, async () => {}));
      if (!ctx.matched?.length) throw new HttpError(404, 'no such route');
      // allowedMethods set the Allow header; the body is the API's own `{ error }`.
      if (ctx.status === 405 || ctx.status === 501) throw new HttpError(405, 'method not allowed');
    };
  }

  /** A join route, refused while this address is blocked for wrong codes; a wrong code counts. */
  private async guessed(ctx: Context, route: () => Promise<void>): Promise<void> {
    const wait = await this.deps.guesses.blockedFor(ctx.ip);
    if (wait > 0) {
      ctx.set('Retry-After', String(Math.ceil(wait / 1000)));
      throw new HttpError(
        429,
        `too many wrong codes from this address: try again in ${Math.ceil(wait / 60_000)} min`,
      );
    }
    try {
      return await route();
    } catch (err) {
      if (err instanceof HttpError && err.status === 404 && err.message === 'no such code')
        await this.deps.guesses.miss(ctx.ip);
      throw err;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Creating a session

  private async create(ctx: Context): Promise<void> {
    const body = parseBody(CreateBody, await readJson(ctx, MAX_BODY));
    const names = body.classList ?? [];
    const count = body.tables ?? Math.ceil(names.length / 3);
    const setupData = {
      ...(body.scenario ? { scenario: body.scenario } : {}),
      ...(body.rounds ? { rounds: body.rounds } : {}),
      ...(body.timer ? { timers: body.timer } : {}),
    };
    let resolved: MatchOptions;
    try {
      resolved = resolveOptions(setupData);
    } catch (err) {
      throw new HttpError(400, (err as Error).message.replace(/setupData\.timers/g, 'timer'));
    }

    const id = newSeminarId();
    const secret = newSecret();
    const { storage, store, transport, log } = this.deps;
    const tables: SeminarTable[] = [];
    try {
      for (let n = 1; n <= count; n++) {
        const made = createMatch({
          game: Backchannel,
          numPlayers: 3,
          setupData,
          unlisted: true,
        });
        if ('setupDataError' in made) throw new HttpError(400, made.setupDataError);
        const matchID = randomBytes(9).toString('base64url');
        const table: SeminarTable = {
          table: n,
          matchID,
          code: await store.reserveCode(id, n, null),
          seats: [],
        };
        for (const seat of SEATS) {
          const reserved = names[(n - 1) * 3 + Number(seat)];
          table.seats.push({
            seat,
            code: await store.reserveCode(id, n, seat),
            ...(reserved ? { reserved } : {}),
          });
          // A seat named by the class list is taken for the Lobby API: only its seat code opens it.
          if (reserved) made.metadata.players[Number(seat)]!.name = reserved;
        }
        await storage.createMatch(matchID, made);
        tables.push(table);
        const paused = await transport.serverMove(matchID, () => ({
          move: 'facilitate',
          args: [{ kind: 'pause' }],
          seat: '2',
        }));
        if (!paused) throw new Error(`table ${n} could not be paused`);
      }
      const seminar: Seminar = {
        id,
        label: body.label ?? '',
        options: {
          scenario: resolved.scenario,
          rounds: resolved.rounds,
          timer: body.timer ?? null,
        },
        tables,
        createdAt: Date.now(),
      };
      await store.insert(seminar, hashSecret(secret));
      log.info(
        {
          event: 'seminar:create',
          seminarId: id,
          tables: tables.length,
          students: names.length,
          scenario: resolved.scenario,
          rounds: resolved.rounds,
        },
        'seminar created',
      );
      ctx.status = 201;
      const session = this.session(seminar);
      // Every seat of a new session is open (a class-list name waits for its student).
      const tablesOut = session.tables.map((t) => ({
        ...t,
        seats: t.seats.map((s) => ({ ...s, controller: 'open' as Controller })),
      }));
      ctx.body = { id, secret, ...session, tables: tablesOut };
    } catch (err) {
      // Leave nothing half-made behind.
      for (const table of tables) await this.wipeMatch(table.matchID);
      await store.deleteCodes(id);
      throw err;
    }
  }

  /** The session as its facilitator sees it (codes included). */
  private session(seminar: Seminar) {
    return {
      label: seminar.label,
      options: seminar.options,
      createdAt: seminar.createdAt,
      tables: seminar.tables.map((t) => ({
        table: t.table,
        matchID: t.matchID,
        code: t.code,
        seats: t.seats.map((s) => ({
          seat: s.seat,
          role: roleOf(seminar.options.scenario, s.seat),
          code: s.code,
          ...(s.reserved ? { name: s.reserved } : {}),
        })),
      })),
    };
  }

  // -------------------------------------------------------------------------------------------
  // The facilitator

  /** The session, if the request carries its secret; 404 unknown, 401 without the secret. */
  private async authorised(ctx: Context, id: string): Promise<Seminar> {
    const found = await this.deps.store.get(id);
    if (!found) throw new HttpError(404, 'no such seminar');
    const header = ctx.get('authorization');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!secretMatches(m?.[1], found.secretHash)) {
      this.deps.log.warn(
        { event: 'refused', refusal: 'seminar-secret', seminarId: id, path: ctx.path },
        'facilitator secret refused',
      );
      ctx.set('WWW-Authenticate', 'Bearer');
      throw new HttpError(
        401,
        header
          ? 'wrong facilitator secret'
          : 'the facilitator secret is needed (Authorization: Bearer …)',
      );
    }
    return found.seminar;
  }

  private async fetchMatch(matchID: string) {
    return (await this.deps.storage.fetch(matchID, { state: true, metadata: true })) as {
      state?: BcState;
      metadata?: BgioServer.MatchData;
    };
  }

  private async dashboard(ctx: Context, id: string): Promise<void> {
    const seminar = await this.authorised(ctx, id);
    const tables = [];
    for (const t of seminar.tables) {
      const { state, metadata } = await this.fetchMatch(t.matchID);
      if (!state || !metadata) {
        tables.push({ table: t.table, matchID: t.matchID, code: t.code, missing: true });
        continue;
      }
      tables.push({ ...this.tableView(seminar, t, state, metadata), code: t.code });
    }
    ctx.body = { id: seminar.id, ...this.session(seminar), now: Date.now(), tables };
  }

  /** One table: what a spectator sees of it, and who sits where. Never a hidden part. */
  private tableView(
    seminar: Seminar,
    t: SeminarTable,
    state: BcState,
    metadata: BgioServer.MatchData,
  ) {
    const over = state.ctx.gameover !== undefined;
    const view = viewFor(state.G, null);
    return {
      table: t.table,
      matchID: t.matchID,
      over,
      round: view.round,
      rounds: view.options.rounds,
      step: view.step,
      clock: view.clock,
      paused: view.paused ?? null,
      pending: view.pending,
      tracks: view.tracks,
      breakout: { estimate: view.breakout.estimate },
      deals: view.deals,
      feed: view.feed.slice(-FEED_TAIL),
      ...(over && view.final ? { final: view.final } : {}),
      seats: t.seats.map((s) => {
        const player = metadata.players[Number(s.seat)];
        const bot = state.G.options.bots[s.seat];
        const controller: Controller = controllerOf(state.G, player);
        return {
          seat: s.seat,
          role: roleOf(seminar.options.scenario, s.seat),
          code: s.code,
          name: player?.name ?? s.reserved ?? null,
          controller,
          ...(bot ? { bot: { ...bot } } : {}),
          ...(player?.credentials ? { student: true } : {}),
          ...(player?.isConnected !== undefined ? { connected: player.isConnected } : {}),
        };
      }),
    };
  }

  private pickTables(seminar: Seminar, which: 'all' | number[]): SeminarTable[] {
    if (which === 'all') return seminar.tables;
    return [...new Set(which)].map((n) => {
      const table = seminar.tables.find((t) => t.table === n);
      if (!table) throw new HttpError(404, `no table ${n} in this seminar`);
      return table;
    });
  }

  /** Runs one facilitator action on one table; the rules' reason when they refuse it. */
  async facilitate(
    matchID: string,
    action: FacilitatorAction,
  ): Promise<{ ok: true } | { ok: false; error: string }> {
    let reason: string | undefined;
    const applied = await this.deps.transport.serverMove(matchID, (state) => {
      if (state.ctx.gameover !== undefined) {
        reason = 'the match is over';
        return null;
      }
      const G = state.G;
      const checked = checkFacilitate(G, getScenario(G.options.scenario), [action], Date.now());
      if (!checked.ok) {
        reason = checked.reason;
        return null;
      }
      return { move: 'facilitate', args: [action], seat: '2' };
    });
    if (applied) return { ok: true };
    return { ok: false, error: reason ?? 'the rules refused the action' };
  }

  private async actions(ctx: Context, id: string): Promise<void> {
    const seminar = await this.authorised(ctx, id);
    const body = parseBody(ActionsBody, await readJson(ctx, MAX_BODY));
    const parsed = FacilitatorAction.safeParse(body.action);
    if (!parsed.success) throw new HttpError(400, `action.${firstProblem(parsed.error)}`);
    const action = parsed.data;
    if (action.kind === 'seat')
      throw new HttpError(400, 'action.kind: seats change through /tables/:t/seats/:seat');
    const tables = this.pickTables(seminar, body.tables);
    const results = [];
    for (const t of tables) {
      const r = await this.facilitate(t.matchID, action);
      results.push({ table: t.table, ...r });
    }
    this.deps.log.info(
      {
        event: 'seminar:action',
        seminarId: id,
        kind: action.kind,
        ...(action.kind === 'extend' ? { seconds: action.seconds } : {}),
        ...(action.kind === 'endStep' ? { round: action.round, step: action.step } : {}),
        ...(action.kind === 'inject' ? { inject: action.inject ?? 'custom' } : {}),
        tables: results.map((r) => r.table),
        applied: results.filter((r) => r.ok).map((r) => r.table),
      },
      'facilitator action',
    );
    const failed = results.filter((r) => !r.ok);
    if (failed.length === results.length) {
      ctx.status = 409;
      ctx.body = { error: (failed[0] as { error: string }).error, results };
    } else ctx.body = { results };
  }

  /** Hands a seat to a bot; a seat no student holds shows the bot's name, as setupData bots do. */
  private async handToBot(t: SeminarTable, seat: Seat, spec: BotSpec) {
    const r = await this.facilitate(t.matchID, { kind: 'seat', seat, bot: spec });
    if (!r.ok) return r;
    await this.deps.transport.updateMetadata(t.matchID, (metadata) => {
      const player = metadata.players[Number(seat)];
      if (player && !player.credentials) player.name = botName(spec);
    });
    return r;
  }

  private async fill(ctx: Context, id: string): Promise<void> {
    const seminar = await this.authorised(ctx, id);
    const spec = parseBody(Bot, await readJson(ctx, MAX_BODY));
    const results = [];
    for (const t of seminar.tables) {
      const { state, metadata } = await this.fetchMatch(t.matchID);
      if (!state || !metadata) continue;
      if (state.ctx.gameover !== undefined) continue;
      for (const seat of SEATS) {
        // Every seat that no student holds and no bot plays (a class-list seat whose student has
        // not come included: its seat code still seats the student, and the facilitator gives
        // the seat back).
        if (controllerOf(state.G, metadata.players[Number(seat)]) !== 'open') continue;
        const r = await this.handToBot(t, seat, spec);
        results.push({ table: t.table, seat, ...r });
      }
    }
    this.deps.log.info(
      {
        event: 'seminar:fill',
        seminarId: id,
        level: spec.level,
        persona: spec.persona,
        seats: results.filter((r) => r.ok).length,
      },
      'facilitator filled open seats with bots',
    );
    ctx.body = { results };
  }

  private async seat(ctx: Context, id: string, tableText: string, seatText: string) {
    const seminar = await this.authorised(ctx, id);
    const table = seminar.tables.find((x) => String(x.table) === tableText);
    if (!table) throw new HttpError(404, `no table ${tableText} in this seminar`);
    if (!SEATS.includes(seatText as Seat)) throw new HttpError(404, `no seat ${seatText}`);
    const seat = seatText as Seat;
    const body = parseBody(SeatBody, await readJson(ctx, MAX_BODY));
    let result;
    if (body.controller === 'bot') {
      const spec: BotSpec = {
        level: body.level,
        ...(body.persona ? { persona: body.persona } : {}),
      };
      result = await this.handToBot(table, seat, spec);
    } else {
      result = await this.facilitate(table.matchID, { kind: 'seat', seat, bot: null });
      if (result.ok) {
        // A seat no student holds is open again (or back to its class-list name).
        const reserved = table.seats.find((s) => s.seat === seat)?.reserved;
        await this.deps.transport.updateMetadata(table.matchID, (metadata) => {
          const player = metadata.players[Number(seat)];
          if (!player || player.credentials) return;
          if (reserved) player.name = reserved;
          else delete player.name;
        });
      }
    }
    this.deps.log.info(
      {
        event: 'seminar:seat',
        seminarId: id,
        table: table.table,
        seat,
        controller: body.controller,
        ok: result.ok,
      },
      'facilitator changed a seat',
    );
    if (!result.ok) {
      ctx.status = 409;
      ctx.body = { error: result.error };
      return;
    }
    const { state, metadata } = await this.fetchMatch(table.matchID);
    ctx.body = state && metadata ? this.tableView(seminar, table, state, metadata) : { ok: true };
  }

  private async wipeMatch(matchID: string): Promise<void> {
    const { transport, storage, forget } = this.deps;
    // Inside the queue: no move of the match is half-way when it goes.
    await transport.enqueue(matchID, () => storage.wipe(matchID));
    forget(matchID);
    transport.dropMatch(matchID);
  }

  private async remove(ctx: Context, id: string): Promise<void> {
    const seminar = await this.authorised(ctx, id);
    for (const t of seminar.tables) await this.wipeMatch(t.matchID);
    await this.deps.store.delete(id);
    this.deps.log.info(
      { event: 'seminar:delete', seminarId: id, tables: seminar.tables.length },
      'seminar deleted',
    );
    ctx.status = 204;
  }

  // -------------------------------------------------------------------------------------------
  // Students

  private async resolveCode(text: string) {
    const code = normaliseCode(text);
    const target = code ? await this.deps.store.lookup(code) : undefined;
    const found = target ? await this.deps.store.get(target.seminarId) : undefined;
    const table = found?.seminar.tables.find((t) => t.table === target!.table);
    if (!target || !found || !table) throw new HttpError(404, 'no such code');
    return { seminar: found.seminar, table, seat: target.seat };
  }

  /** Seats a table code may give: no student, no bot, no class-list name. */
  private freeSeats(state: BcState, metadata: BgioServer.MatchData): Seat[] {
    return SEATS.filter((s) => {
      const player = metadata.players[Number(s)];
      return controllerOf(state.G, player) === 'open' && !player?.name;
    });
  }

  private async joinInfo(ctx: Context, text: string): Promise<void> {
    const { seminar, table, seat } = await this.resolveCode(text);
    const { state, metadata } = await this.fetchMatch(table.matchID);
    if (!state || !metadata) throw new HttpError(404, 'no such code');
    const scenario = getScenario(seminar.options.scenario ?? DEFAULT_SCENARIO);
    const free =
      seat === null
        ? this.freeSeats(state, metadata)
        : metadata.players[Number(seat)]?.credentials
          ? []
          : [seat];
    ctx.body = {
      kind: seat === null ? 'table' : 'seat',
      scenario: { id: scenario.id, name: scenario.name },
      label: seminar.label,
      table: table.table,
      over: state.ctx.gameover !== undefined,
      ...(seat !== null ? { seat, role: roleOf(scenario.id, seat) } : {}),
      ...(seat !== null && table.seats.find((s) => s.seat === seat)?.reserved
        ? { name: table.seats.find((s) => s.seat === seat)!.reserved }
        : {}),
      free: free.map((s) => ({ seat: s, role: roleOf(scenario.id, s) })),
    };
  }

  private async join(ctx: Context, text: string): Promise<void> {
    const { seminar, table, seat: coded } = await this.resolveCode(text);
    const body = parseBody(JoinBody, await readJson(ctx, MAX_BODY));
    if (coded !== null && body.seat !== undefined && body.seat !== coded)
      throw new HttpError(400, `seat: this code opens seat ${coded}`);
    const credentials = randomBytes(32).toString('base64url');
    type Outcome = { seat: Seat } | { error: string; status?: number };
    const outcome = await this.deps.transport.updateMetadata(
      table.matchID,
      (metadata, state): Outcome => {
        if (state.ctx.gameover !== undefined) return { error: 'the match is over' };
        let seat: Seat | undefined = coded ?? body.seat;
        if (coded === null) {
          const free = this.freeSeats(state, metadata);
          if (seat === undefined) seat = free[0];
          if (seat === undefined) return { error: 'no seat is free at this table' };
          if (!free.includes(seat)) return { error: `seat ${seat} is taken` };
        }
        if (seat === undefined) return { error: 'no such seat' };
        const player = metadata.players[Number(seat)];
        if (!player) return { error: 'no such seat' };
        if (player.credentials) return { error: 'this seat is already taken' };
        const reserved = table.seats.find((s) => s.seat === seat)?.reserved;
        const name = body.name ?? reserved;
        if (!name) return { error: 'name: a display name is needed', status: 400 };
        player.name = name;
        player.credentials = credentials;
        return { seat };
      },
    );
    if (!outcome) throw new HttpError(404, 'no such code');
    if ('error' in outcome) throw new HttpError(outcome.status ?? 409, outcome.error);
    this.deps.log.info(
      { event: 'seminar:join', seminarId: seminar.id, table: table.table, seat: outcome.seat },
      'student seated',
    );
    ctx.body = {
      matchID: table.matchID,
      playerID: outcome.seat,
      credentials,
      table: table.table,
      seminarId: seminar.id,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Records

  private async record(ctx: Context, matchID: string, csv: boolean): Promise<void> {
    let of: 'tracks' | 'memos' = 'tracks';
    if (csv) {
      const asked = ctx.query.of ?? 'tracks';
      if (asked !== 'tracks' && asked !== 'memos')
        throw new HttpError(400, 'of: expected "tracks" or "memos"');
      of = asked;
    }
    const { state, metadata } = await this.fetchMatch(matchID);
    if (!state || !metadata) throw new HttpError(404, 'no such match');
    if (state.ctx.gameover === undefined || !state.G.final)
      throw new HttpError(409, 'the match is not over');
    const { log, initialState } = (await this.deps.storage.fetch(matchID, {
      log: true,
      initialState: true,
    })) as { log: Parameters<typeof buildRecord>[0]['log']; initialState: BcState };
    const record = buildRecord({
      matchID,
      setupData: metadata.setupData,
      initialState,
      log,
      state,
    });
    const safe = matchID.replace(/[^A-Za-z0-9_-]/g, '');
    if (csv) {
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', `attachment; filename="backchannel-${safe}-${of}.csv"`);
      ctx.body = recordCsv(record, of);
    } else {
      ctx.set('Content-Disposition', `attachment; filename="backchannel-${safe}.json"`);
      ctx.body = record;
    }
  }
}
