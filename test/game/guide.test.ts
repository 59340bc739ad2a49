// The guided first match (src/game/model/guide.ts): a learner who does what each prompt says,
// in the guided match's own seeded match with its gentle bots, meets every step in order; a
// principal's memo is relayed and a proposal reaches it; a step whose part of the match is over
// is passed.
import { describe, expect, it } from 'vitest';
import { makeBot } from '../../src/bots';
import { applyMove, isOver, newRules } from '../../src/bots/engine';
import {
  GUIDED_MATCH,
  advanceGuide,
  closeGuide,
  guidePrompt,
  guideSteps,
  nextGuide,
  startGuide,
  type GuidePrompt,
} from '../../src/game/model/guide';
import { seatModel } from '../../src/game/seat-model';
import type { Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';

const clock = () => 0;

function follow(seat: Seat, seed: string = GUIDED_MATCH.seed) {
  const r = newRules({
    seed,
    scenario: GUIDED_MATCH.scenario,
    rounds: GUIDED_MATCH.rounds,
  });
  const specs = GUIDED_MATCH.bots(seat);
  const bots = Object.entries(specs).map(([s, spec]) =>
    makeBot({ seat: s as Seat, ...spec, seed: `${seed}-${s}` }),
  );
  let progress = startGuide();
  const seen: GuidePrompt[] = [];
  const fates: string[] = [];
  const model = () => seatModel(viewFor(r.G, seat), seat, clock);
  const act = (move: Parameters<typeof applyMove>[2], args: unknown[]) => {
    const reason = applyMove(r, seat, move, args);
    if (reason) throw new Error(`${move}: ${reason}`);
  };
  for (let guard = 0; guard < 500 && !progress.closed && !isOver(r.G); guard++) {
    let m = model();
    progress = advanceGuide(progress, m);
    const prompt = guidePrompt(progress, m);
    if (!prompt) break;
    // The prompt as it reads when the learner acts on it (it may show before its step opens).
    if (seen.at(-1)?.number === prompt.number) seen[seen.length - 1] = prompt;
    else seen.push(prompt);
    if (m.acting) {
      const moves = m.moves;
      if (prompt.id === 'posture') {
        const other = moves.setPosture.instances.find(
          (i) => JSON.stringify(i.args) !== JSON.stringify(moves.setPosture.instances[0]?.args),
        );
        act('setPosture', (other ?? moves.setPosture.instances[0]!).args);
        continue;
      }
      if (prompt.target === 'composer') {
        act('draftMemo', moves.draftMemo.instances[0]!.args);
        continue;
      }
      if (prompt.target === 'broker-memos') {
        act('relay', moves.relay.instances[0]!.args);
        continue;
      }
      if (prompt.target === 'inbox') {
        const card = m.inbox.find((i) => i.kind === 'proposal' && i.due && !i.yourAnswer);
        if (card && card.kind === 'proposal') {
          act('respond', [card.id, card.accept.legal ? 'accept' : 'reject']);
        } else act('done', []);
        continue;
      }
      if (prompt.target === 'press') {
        act('statement', [{ kind: 'silence' }]);
        continue;
      }
      if (prompt.target === 'done') {
        act('done', []);
        continue;
      }
    }
    if (prompt.next) {
      progress = nextGuide(progress, m);
      continue;
    }
    // Waiting on the others: the bots move; a learner with nothing the guide names says done.
    const moved = bots.some((bot) => {
      const action = bot.decide(viewFor(r.G, bot.seat));
      if (!action) return false;
      const reason = applyMove(r, bot.seat, action.move, action.args);
      if (reason) applyMove(r, bot.seat, 'done', []);
      return true;
    });
    m = model();
    fates.push(...m.memos.filter((x) => x.author === seat).map((x) => x.fate));
    if (!moved && m.acting) act('done', []);
  }
  return { seen, fates, progress, r };
}

describe('the guided first match', () => {
  it('takes a principal through every step in order, with its memo relayed and a proposal to answer', () => {
    const { seen, fates, progress } = follow('0');
    expect(seen.map((p) => p.id)).toEqual(guideSteps('0').map((s) => s.id));
    expect(seen.find((p) => p.id === 'answer')?.title).toBe('Answer a proposal');
    expect(fates.some((f) => f !== 'draft' && f !== 'with-broker' && f !== 'expired')).toBe(true);
    expect(seen.every((p) => p.text.length > 0 && !/undefined|NaN|\{/.test(p.text))).toBe(true);
    expect(progress.closed).toBe(true);
  });

  it('takes Tehran through the same principal’s guide', () => {
    const { seen } = follow('1');
    expect(seen.map((p) => p.id)).toEqual(guideSteps('1').map((s) => s.id));
  });

  it('takes the broker through its own guide, with memos on its desk to relay', () => {
    const { seen, progress } = follow('2');
    expect(seen.map((p) => p.id)).toEqual(guideSteps('2').map((s) => s.id));
    expect(seen.find((p) => p.id === 'relay')?.target).toBe('broker-memos');
    expect(progress.closed).toBe(true);
  });

  it('passes a step whose part of the match is over, and closes when asked', () => {
    const r = newRules({ seed: 'x', scenario: GUIDED_MATCH.scenario, rounds: 4 });
    applyMove(r, '0', 'done', []);
    applyMove(r, '1', 'done', []);
    const m = seatModel(viewFor(r.G, '0'), '0', clock);
    expect(m.step).toBe('mediation');
    const p = advanceGuide(startGuide(), m);
    expect(guidePrompt(p, m)?.id).toBe('broker');
    expect(guidePrompt(closeGuide(p), m)).toBeNull();
  });

  it('says what to do next and names the control, in a person’s words', () => {
    const r = newRules({ seed: 'x', scenario: GUIDED_MATCH.scenario, rounds: 4 });
    const m = seatModel(viewFor(r.G, '0'), '0', clock);
    const prompt = guidePrompt(startGuide(), m)!;
    expect(prompt).toMatchObject({ id: 'tracks', number: 1, target: 'tracks', next: 'Next' });
    expect(prompt.text).toContain('Washington');
    const posture = guidePrompt(nextGuide(startGuide(), m), m)!;
    expect(posture.id).toBe('posture');
    expect(posture.text).toMatch(/secret/);
  });
});
