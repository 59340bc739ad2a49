// A seat's own action log (#12): every accepted move is kept for its seat, each seat's view holds
// its own log and no other's, and the log reads in words.
import { describe, expect, it } from 'vitest';
import { viewFor } from '../../src/game/view';
import { actionLog } from '../../src/game/model/journal';
import { advanceTo, allDone, table } from './harness';

const MEMO = { clauses: [{ id: 'ceasefire', size: 'regional', giver: 'other' }], text: 'Calm.' };

describe('the action log', () => {
  it('keeps each accepted move for its seat, and nothing refused', () => {
    const t = table();
    t.must('0', 'setPosture', { enforcement: 'tighten' });
    t.must('0', 'draftMemo', MEMO);
    const first = t.G.memos[0]!.id;
    t.must('0', 'draftMemo', { clauses: [], text: 'Second.' });
    t.must('0', 'withdrawMemo', t.G.memos[1]!.id);
    expect(t.act('0', 'withdrawMemo', 'm-nothing')).toBeTruthy();
    t.must('1', 'draftMemo', { clauses: [], text: 'From B.' });
    allDone(t);
    t.must('2', 'relay', first, { reframes: [{ clause: 0, delta: -1 }] });
    expect(t.G.journal?.['0']?.map((e) => e.move)).toEqual([
      'setPosture',
      'draftMemo',
      'draftMemo',
      'withdrawMemo',
      'done',
    ]);
    expect(t.G.journal?.['0']?.[0]).toMatchObject({
      round: 1,
      step: 'drafting',
      detail: 'tighten',
    });
    expect(t.G.journal?.['2']?.map((e) => e.move)).toEqual(['relay']);
  });

  it('each seat’s view holds its own log and no other; a spectator none; the end shows all', () => {
    const t = table();
    t.must('0', 'draftMemo', MEMO);
    t.must('1', 'draftMemo', { clauses: [], text: 'From B.' });
    allDone(t);
    t.must('2', 'hold', t.G.memos[0]!.id);
    for (const seat of ['0', '1', '2'] as const) {
      const v = viewFor(t.G, seat);
      expect(Object.keys(v.journal ?? {})).toEqual([seat]);
      expect(v.journal?.[seat]).toEqual(t.G.journal?.[seat]);
    }
    expect(viewFor(t.G, null).journal).toBeUndefined();
    expect(JSON.stringify(viewFor(t.G, '1'))).not.toContain('"hold"');
    advanceTo(t, 'over');
    expect(Object.keys(viewFor(t.G, '1').journal ?? {}).sort()).toEqual(['0', '1', '2']);
  });

  it('reads in words, in order, with a withdrawn memo said so', () => {
    const t = table();
    t.must('0', 'setPosture', { enforcement: 'tighten' });
    t.must('0', 'draftMemo', MEMO);
    t.must('0', 'draftMemo', { clauses: [], text: 'Second.' });
    t.must('0', 'withdrawMemo', t.G.memos[1]!.id);
    const lines = actionLog(viewFor(t.G, '0'), '0').map((l) => l.text);
    expect(lines).toEqual([
      'You set your posture: Tighten.',
      expect.stringMatching(/^You wrote a memo to .+: Ceasefire/),
      expect.stringMatching(/^You wrote a memo to .+, and withdrew it\.$/),
      expect.stringMatching(/^You withdrew a memo before .+ saw it\.$/),
    ]);
    expect(actionLog(viewFor(t.G, null), null)).toEqual([]);
  });
});
