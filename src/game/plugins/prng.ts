// The match's random source. boardgame.io's own random plugin seeds every match from one game-wide
// `seed` or from the creation time (which the Lobby API shows), so draws could be predicted. This
// plugin seeds each match with 128 bits from `crypto` when it is set up (a fixed `seed` in the game
// config makes tests repeatable), keeps its state away from every client (playerView), runs only
// on the server (noClient), and can reveal the seed for the debrief.
//
// Ids of memos and proposals reach the seats, so they must not come from the generator: from the
// ids a broker saw, the generator's state (and with it the seed, both agendas, every attribution
// and every future draw) could be run backwards. An id is instead HMAC-SHA-256 keyed by the seed
// over a per-match counter: unpredictable to anyone without the seed, and saying nothing of it.
// Nor does making an id touch the generator: what is drawn (agendas, incidents, the breakout
// estimate) does not depend on how many memos and proposals were made. A state saved before that
// (no `separateIds`) still takes the six draws an id once took, so it plays on, and its record
// replays, exactly as it began.
import type { Plugin } from 'boardgame.io';
import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

export interface PrngData {
  seed: string;
  state: number[];
  /** Ids handed out so far (the counter the keyed ids are made from). */
  ids?: number;
  /**
   * Set on every match set up since ids stopped drawing from the generator. Absent in a state saved
   * before (or set up with `legacyIdDraws`): each id then still takes, and throws away, six draws.
   */
  separateIds?: true;
}

export interface PrngApi {
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** k distinct items, in draw order. */
  sample<T>(items: readonly T[], k: number): T[];
  /**
   * A short id that reveals neither how many things exist nor anything of the generator: keyed by
   * the seed over a counter (`hashedId`).
   */
  id(prefix: string): string;
  seed(): string;
}

interface PrngApiInternal extends PrngApi {
  _state(): number[];
  _used(): boolean;
  _ids(): number;
}

/** 128 bits from the platform's cryptographic source, as 32 hex digits. */
export function cryptoSeed(): string {
  const words = globalThis.crypto.getRandomValues(new Uint32Array(4));
  return [...words].map((w) => w.toString(16).padStart(8, '0')).join('');
}

/** Four non-zero 32-bit words from a seed string (cyrb128: a small, well-mixed string hash). */
export function seedState(seed: string): number[] {
  if (/^[0-9a-f]{32}$/.test(seed)) {
    const words = [0, 8, 16, 24].map((i) => parseInt(seed.slice(i, i + 8), 16) | 0);
    if (words.some((w) => w !== 0)) return words;
  }
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  const words = [h1 ^ h2 ^ h3 ^ h4, h2 ^ h1, h3 ^ h1, h4 ^ h1].map((w) => w | 0);
  return words.some((w) => w !== 0) ? words : [1, 2, 3, 4];
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** Letters in an id: 40 bits, so ids of one match do not collide in practice. */
const ID_LENGTH = 8;
/** Draws an id used to take from the generator; still taken by a state saved before it stopped. */
export const LEGACY_ID_DRAWS = 6;

/**
 * The `n`th id of a match with this seed: HMAC-SHA-256(seed, `prefix:n`), as `prefix` and eight
 * letters. Without the seed it cannot be predicted or run backwards.
 */
export function hashedId(seed: string, prefix: string, n: number): string {
  const mac = hmac(
    sha256,
    new TextEncoder().encode(seed),
    new TextEncoder().encode(`${prefix}:${n}`),
  );
  let s = prefix;
  for (let i = 0; i < ID_LENGTH; i++) s += ID_ALPHABET[mac[i]! % ID_ALPHABET.length];
  return s;
}

export interface PrngPluginOptions {
  /**
   * Ids take six draws of the generator, as before issue #11's fix: only to replay a record of a
   * match set up before it (`MatchRecord.separateIds` absent).
   */
  legacyIdDraws?: boolean;
}

export function makePrngPlugin(opts: PrngPluginOptions = {}): Plugin<PrngApiInternal, PrngData> {
  return {
    name: 'prng',

    setup: ({ game }) => {
      const configured = game.seed;
      const seed = configured === undefined ? cryptoSeed() : String(configured);
      return opts.legacyIdDraws
        ? { seed, state: seedState(seed) }
        : { seed, state: seedState(seed), separateIds: true };
    },

    api: ({ data }) => {
      // Built on first use: a client's copy of this plugin has no state and must never draw.
      let rng: ReturnType<typeof xoroshiro128plusFromState> | undefined;
      let used = false;
      let ids = data.ids ?? 0;
      const int = (n: number) => {
        used = true;
        if (data.state.length !== 4) throw new Error('prng: no generator state here (client side)');
        rng ??= xoroshiro128plusFromState(data.state);
        if (!Number.isInteger(n) || n < 1)
          throw new Error(`prng.int needs a positive integer, got ${n}`);
        return uniformInt(rng, 0, n - 1);
      };
      const api: PrngApiInternal = {
        int,
        chance: (p) => int(1_000_000) < Math.round(p * 1_000_000),
        pick: (items) => {
          if (items.length === 0) throw new Error('prng.pick from an empty list');
          return items[int(items.length)] as (typeof items)[number];
        },
        sample: (items, k) => {
          const pool = [...items];
          const out: (typeof pool)[number][] = [];
          while (out.length < k && pool.length > 0) out.push(pool.splice(int(pool.length), 1)[0]!);
          return out;
        },
        id: (prefix) => {
          if (data.state.length !== 4 || data.seed === '')
            throw new Error('prng: no generator state here (client side)');
          // The counter moved: the plugin's data must be written back, and a client cannot do this.
          used = true;
          // A match saved before ids stopped drawing still takes (and throws away) the draws an id
          // once took, so that every later draw of that match stays what it was.
          if (data.separateIds !== true)
            for (let i = 0; i < LEGACY_ID_DRAWS; i++) int(ID_ALPHABET.length);
          return hashedId(data.seed, prefix, ids++);
        },
        seed: () => data.seed,
        _state: () => (rng ? [...rng.getState()] : data.state),
        _used: () => used,
        _ids: () => ids,
      };
      return api;
    },

    flush: ({ data, api }) =>
      api._used()
        ? {
            seed: data.seed,
            state: api._state(),
            ids: api._ids(),
            ...(data.separateIds === true ? { separateIds: true as const } : {}),
          }
        : data,

    // Clients never compute a draw: a move that drew waits for the server's result.
    noClient: ({ api }) => api._used(),

    // Neither the seed nor the generator state ever reaches a client.
    playerView: () => ({ seed: '', state: [] }),
  };
}

export const PrngPlugin = makePrngPlugin();
