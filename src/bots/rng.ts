// The bots' own dice (never the server's): a small seeded generator (sfc32) keyed by strings, so a
// bot can re-derive the same draws for the same decision (`fork`) and stay deterministic.
import { seedState } from '../game/plugins/prng';

export interface BotRng {
  /** A float in [0, 1). */
  next(): number;
  int(n: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
  /** A new generator derived from this one's seed and a key (does not advance this one). */
  fork(key: string): BotRng;
  readonly seed: string;
}

export function makeRng(seed: string): BotRng {
  let [a, b, c, d] = seedState(seed) as [number, number, number, number];
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng: BotRng = {
    seed,
    next,
    int: (n) => Math.floor(next() * n),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('rng.pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    fork: (key) => makeRng(`${seed}/${key}`),
  };
  return rng;
}
