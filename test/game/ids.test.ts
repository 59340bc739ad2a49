// Memo and proposal ids reach the seats, so they must say nothing of the match's generator: they
// are HMAC-SHA-256 keyed by the seed over a counter (src/game/plugins/prng.ts `hashedId`). Before,
// an id was six draws of the generator, and from the ids in the broker's view alone the whole seed
// was recovered by round 4 (issue #11).
import { describe, expect, it } from 'vitest';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import {
  PrngPlugin,
  hashedId,
  seedState,
  type PrngApi,
  type PrngData,
} from '../../src/game/plugins/prng';
import { viewFor } from '../../src/game/view';
import { allDone, localMatch, table } from './harness';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const c = (id: string, size: string, giver: 'self' | 'other' | 'both') => ({ id, size, giver });

describe('ids say nothing of the generator', () => {
  it('are the keyed hash of a counter, not draws of the generator', () => {
    const seed = 'ids-seed';
    const t = table({}, seed);
    // What an attacker who knew the generator's state would predict the next six letters to be.
    const rng = xoroshiro128plusFromState((t.prng as unknown as { _state(): number[] })._state());
    const predicted = Array.from({ length: 6 }, () => ALPHABET[uniformInt(rng, 0, 31)]).join('');
    t.must('0', 'draftMemo', { clauses: [c('humanitarian_pause', 'd3', 'both')], text: '' });
    t.must('1', 'draftMemo', { clauses: [c('humanitarian_pause', 'd3', 'both')], text: '' });
    const [a, b] = t.G.memos;
    expect(a!.id).toBe(hashedId(seed, 'm-', 0));
    expect(b!.id).toBe(hashedId(seed, 'm-', 1));
    expect(a!.id).toMatch(/^m-[a-z2-9]{8}$/);
    expect(a!.id.slice(2, 8)).not.toBe(predicted);
    // The same seed with any generator state gives the same ids: the ids carry none of it.
    const data = { seed, state: seedState('some other state'), ids: 0 } satisfies PrngData;
    const api = PrngPlugin.api!({ data } as never) as PrngApi;
    expect(api.id('m-')).toBe(hashedId(seed, 'm-', 0));
  });

  it('differ between seeds, prefixes and counts, and cannot be made without the seed', () => {
    const ids = new Set<string>();
    for (const seed of ['a', 'b', '0123456789abcdef0123456789abcdef'])
      for (const prefix of ['m-', 'p-'])
        for (let n = 0; n < 200; n++) ids.add(hashedId(seed, prefix, n));
    expect(ids.size).toBe(3 * 2 * 200);
    // A guessed key (the empty seed, the match id) gives other ids.
    expect(hashedId('', 'm-', 0)).not.toBe(hashedId('a', 'm-', 0));
  });

  it('a match over boardgame.io keeps counting across moves; views carry no seed or counter', async () => {
    const m = localMatch({ rounds: 4 }, 'ids-local');
    const tick = () => new Promise((r) => setImmediate(r));
    try {
      await tick();
      const memo = { clauses: [c('humanitarian_pause', 'd3', 'both')], text: '' };
      m.clients['0'].moves.draftMemo!(memo);
      await tick();
      m.clients['1'].moves.draftMemo!(memo);
      await tick();
      const G = m.clients['0'].getState()!.G;
      // Each principal sees its own memo; the counter went on between the two moves.
      expect(G.memos.map((x) => x.id)).toEqual([hashedId('ids-local', 'm-', 0)]);
      expect(m.clients['1'].getState()!.G.memos.map((x) => x.id)).toEqual([
        hashedId('ids-local', 'm-', 1),
      ]);
      const plugin = (
        m.clients['2'].getState() as unknown as { plugins: { prng: { data: PrngData } } }
      ).plugins.prng.data;
      expect(plugin).toEqual({ seed: '', state: [] });
    } finally {
      m.stop();
    }
  });

  it('the rules’ view of a seat holds ids only, not the plugin’s data', () => {
    const t = table({}, 'ids-view');
    t.must('0', 'draftMemo', { clauses: [c('humanitarian_pause', 'd3', 'both')], text: '' });
    allDone(t);
    const json = JSON.stringify(viewFor(t.G, '2'));
    expect(json).not.toContain('ids-view');
  });
});
