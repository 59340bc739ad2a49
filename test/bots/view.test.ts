// A bot's input is its seat's view and nothing more: the runner hands each bot viewFor(G, seat),
// which holds no other seat's secrets; a runner that passed the full state would be caught.
import { describe, expect, it } from 'vitest';
import type { BackchannelState, Seat, SeatView } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { makeBot, runMatch } from '../../src/bots';
import { NormalBroker } from '../../src/bots/broker';
import { NormalPrincipal, PRINCIPAL_PARAMS } from '../../src/bots/principal';
import { makeRng } from '../../src/bots/rng';
import { getScenario } from '../../src/game/scenario';
import { randomStates } from './states';

/** Throws unless `input` is exactly the seat's view and shows no other seat's secrets. */
function assertSeatView(seat: Seat, input: SeatView, G: BackchannelState): void {
  expect(input).toEqual(viewFor(G, seat));
  expect(input.seed).toBeUndefined();
  if (seat === '2') {
    expect(input.agendas).toEqual({});
    expect(input.postures).toEqual({});
    expect(input.memos.some((m) => m.status === 'draft')).toBe(false);
  } else {
    const other = seat === '0' ? '1' : '0';
    expect(Object.keys(input.agendas)).toEqual([seat]);
    expect(input.mandate).toBeUndefined();
    expect(input.postures[other]).toBeUndefined();
    expect(input.stats).toBeUndefined();
    expect(input.memos.every((m) => m.author === seat)).toBe(true);
    for (const p of input.proposals) {
      const mine = p.recipients.includes(seat) || p.author === seat;
      expect(mine).toBe(true);
      expect(p.answers[other] === undefined || p.author === seat).toBe(true);
    }
    if (seat === '0') expect(input.attributions).toEqual({});
  }
  if (seat !== '1') {
    const revealed = input.deals.some(
      (d) => d.status === 'verified' && d.clauses.some((c) => c.id === 'inspections'),
    );
    if (!revealed) expect(input.breakout.true).toBeUndefined();
  }
  for (const s of ['0', '1', '2'] as const)
    if (s !== seat) expect(input.sealedStatements[s]).toBeUndefined();
}

describe("a bot's input is its seat's view", () => {
  it('the runner passes viewFor(G, seat) to every bot, at every level', () => {
    let checked = 0;
    for (const level of ['easy', 'normal', 'hard'] as const) {
      runMatch({
        seats: [{ level }, { level, persona: 'hawk' }, { level }],
        seed: `view-${level}`,
        rounds: level === 'hard' ? 4 : 8,
        inspect: (seat, input, G) => {
          assertSeatView(seat, input, G);
          checked++;
        },
      });
    }
    expect(checked).toBeGreaterThan(100);
  }, 120_000);

  it('the check catches a runner that passes the full state', () => {
    expect(() =>
      runMatch({
        seats: [{ level: 'normal' }, { level: 'normal' }, { level: 'normal' }],
        seed: 'leaky',
        viewOf: (G) => structuredClone(G),
        inspect: assertSeatView,
      }),
    ).toThrow();
  });

  it('a wrapped bot never receives hidden state', () => {
    const seen: SeatView[] = [];
    const inner = makeBot({ seat: '0', level: 'normal' });
    const spy = {
      ...inner,
      decide: (view: SeatView) => (seen.push(view), inner.decide(view)),
    };
    const { G } = runMatch({
      seats: [{ level: 'normal' }, { level: 'normal' }, { level: 'normal' }],
      seed: 'spy',
      bots: { '0': spy },
    });
    expect(seen.length).toBeGreaterThan(10);
    const secret = JSON.stringify(G.agendas['1']);
    for (const view of seen) {
      expect(view.agendas['1']).toBeUndefined();
      expect(view.mandate).toBeUndefined();
      expect(JSON.stringify(view)).not.toContain(secret);
    }
  });

  it('normal bots decide alike on the full state and on the view (the look-ahead relies on it)', () => {
    for (const [i, G] of randomStates(6, 'agnostic', 3).entries()) {
      const scenario = getScenario(G.options.scenario);
      for (const seat of G.pending) {
        const fresh = () =>
          seat === '2'
            ? new NormalBroker()
            : new NormalPrincipal(seat, PRINCIPAL_PARAMS.none, makeRng(`a${i}`));
        const onView = fresh().decide(viewFor(G, seat), scenario);
        const onFull = fresh().decide(structuredClone(G), scenario);
        expect(onFull).toEqual(onView);
      }
    }
  }, 120_000);
});
