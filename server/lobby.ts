// A guard in front of boardgame.io's Lobby API. The stock routes stay (list, create, get, join,
// leave, playAgain at their standard paths); this middleware gives every request a size limit, a
// strict shape and a clear JSON error, and closes what would let seats talk past the broker:
// player `data` and renaming, which the stock API broadcasts to every seat.
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import { z } from 'zod';
import { GAME_NAME } from '../src/game/constants';
import { resolveOptions } from '../src/game/options';
import { firstProblem } from '../src/game/payloads';

export const MAX_NAME = 32;
// eslint-disable-next-line no-control-regex
const printable = /^[^\u0000-\u001f\u007f]+$/;

const seat = z.enum(['0', '1', '2']);
const credentials = z.string().min(1).max(128);
const setupData = z.unknown().superRefine((value, ctx) => {
  try {
    resolveOptions(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
  }
});

const bodies: Record<string, z.ZodType> = {
  create: z
    .object({
      numPlayers: z.literal(3).optional(),
      setupData: setupData.optional(),
      unlisted: z.boolean().optional(),
    })
    .strict(),
  join: z
    .object({
      playerID: seat.optional(),
      playerName: z.string().trim().min(1).max(MAX_NAME).regex(printable, 'no control characters'),
    })
    .strict(),
  leave: z.object({ playerID: seat, credentials }).strict(),
  playAgain: z
    .object({
      playerID: seat,
      credentials,
      unlisted: z.boolean().optional(),
      numPlayers: z.literal(3).optional(),
      setupData: setupData.optional(),
    })
    .strict(),
};

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function readJson(ctx: Context, limit: number): Promise<unknown> {
  const length = Number(ctx.get('content-length') || NaN);
  if (!Number.isFinite(length)) throw new HttpError(411, 'a request body needs a Content-Length');
  if (length > limit) throw new HttpError(413, `request body over ${limit} bytes`);
  if (!ctx.is('application/json')) throw new HttpError(415, 'send application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}

/** Errors from here and from the stock routes, as `{ error }` JSON with their status. */
export function jsonErrors(log: Logger) {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (err) {
      const e = err as { status?: number; message?: string; expose?: boolean };
      const status = e.status ?? 500;
      ctx.status = status;
      // The stock API echoes the credentials it was given; say less.
      const message =
        status >= 500
          ? 'internal error'
          : /^Invalid credentials/.test(e.message ?? '')
            ? 'invalid credentials'
            : e.message;
      ctx.body = { error: message };
      (status >= 500 ? log.error : log.warn).call(
        log,
        {
          event: 'refused',
          refusal: 'http',
          status,
          // A seminar's codes let their holder take a seat: keep them out of the logs.
          path: ctx.path.replace(/^\/api\/join\/.*/, '/api/join/:code'),
          method: ctx.method,
          ...(status >= 500 ? { err: String(err) } : {}),
        },
        'request refused',
      );
    }
  };
}

export function lobbyGuard(opts: {
  maxBodyBytes: number;
  log: Logger;
  /** Whether the match is over; undefined when there is no such match. */
  isOver: (matchID: string) => Promise<boolean | undefined>;
  /** Whether the match still waits in its lobby (a seat may then be left and taken again). */
  inLobby?: (matchID: string) => Promise<boolean>;
  /** Told after a seat was left in the lobby (the server takes its ready back). */
  onLeft?: (matchID: string, seat: string) => Promise<void>;
}) {
  return async (ctx: Context, next: Next) => {
    if (!ctx.path.startsWith('/games')) return next();
    const parts = ctx.path.split('/').filter(Boolean); // games, name, (id | create), action?
    if (parts.length >= 2 && parts[1] !== GAME_NAME)
      throw new HttpError(404, `unknown game "${parts[1]}"`);
    if (ctx.method === 'GET') return next();
    if (ctx.method !== 'POST') throw new HttpError(405, 'method not allowed');
    const action = parts.length === 3 ? parts[2] : parts[3];
    if (action === 'update' || action === 'rename')
      throw new HttpError(
        403,
        'names are set when joining: renaming and player data are disabled, so they cannot carry messages between seats',
      );
    const schema = action ? bodies[action] : undefined;
    if (!schema) throw new HttpError(404, 'no such route');
    // Leaving and re-joining a seat mid-match would let a principal put a new name, a message, in
    // front of the other seats at will: seats are given up only once the match is over.
    if (
      action === 'leave' &&
      parts[2] &&
      (await opts.isOver(parts[2])) === false &&
      !(await opts.inLobby?.(parts[2]))
    )
      throw new HttpError(409, 'a seat cannot be left while its match is being played');
    const body = await readJson(ctx, opts.maxBodyBytes);
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new HttpError(400, firstProblem(parsed.error));
    // koa-body, inside each stock route, would read the (already read) stream again and replace
    // the body: hide the JSON type from it and pin the validated body instead.
    ctx.req.headers['content-type'] = 'application/x-validated';
    // Backchannel always has three seats (the stock API would default to two).
    const pinned =
      action === 'create' || action === 'playAgain'
        ? { ...(parsed.data as object), numPlayers: 3 }
        : parsed.data;
    Object.defineProperty(ctx.request, 'body', {
      get: () => pinned,
      set: () => {},
      configurable: true,
    });
    await next();
    if (ctx.status < 300 && action === 'leave' && parts[2])
      await opts.onLeft?.(parts[2], (parsed.data as { playerID: string }).playerID);
    if (ctx.status < 300) {
      const b = ctx.body as Record<string, unknown> | undefined;
      opts.log.info(
        {
          event: `lobby:${action}`,
          matchID: (b?.matchID as string | undefined) ?? parts[2],
          ...(action === 'join' ? { seat: b?.playerID } : {}),
          ...(action === 'leave' ? { seat: (parsed.data as { playerID: string }).playerID } : {}),
          ...(action === 'create'
            ? { options: (parsed.data as { setupData?: unknown }).setupData ?? {} }
            : {}),
        },
        `lobby ${action}`,
      );
    }
  };
}
