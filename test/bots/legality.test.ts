// Bots never attempt an illegal move: over thousands of states reached by random legal play, in
// every step, every level and persona is asked for each seat that has to act, and its move must
// pass the rules' own check on its view and on the full state.
import { describe, expect, it } from 'vitest';
import { explainMove } from '../../src/game/enumerate';
import { MOVES, type MoveName } from '../../src/game/moves';
import { getScenario } from '../../src/game/scenario';
import type { BackchannelState, Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { makeBot } from '../../src/bots';
import type { BotLevel, Persona } from '../../src/bots';
import { randomStates } from './states';

const STATES = randomStates(30, 'legality');
const PERSONAS: (Persona | undefined)[] = [undefined, 'hawk', 'dove', 'staller'];

function legalOnFull(G: BackchannelState, seat: Seat, move: string, args: unknown[]): boolean {
  const def = MOVES[move as MoveName];
  return def.check({ G, scenario: getScenario(G.options.scenario), seat, args }).ok;
}

describe('bots only make legal moves', () => {
  it('covers thousands of states in every step', () => {
    expect(STATES.length).toBeGreaterThanOrEqual(2000);
    const steps = new Set(STATES.map((G) => G.step));
    expect([...steps].sort()).toEqual(['drafting', 'mediation', 'press', 'response']);
  });

  it('easy and normal bots, every persona, every pending seat', () => {
    const asked: Record<string, number> = {};
    STATES.forEach((G, i) => {
      for (const seat of G.pending) {
        const view = viewFor(G, seat);
        for (const level of ['easy', 'normal'] as BotLevel[]) {
          const persona = seat === '2' ? undefined : PERSONAS[i % PERSONAS.length];
          const bot = makeBot({ seat, level, ...(persona ? { persona } : {}), seed: `l${i}` });
          const action = bot.decide(view);
          expect(action, `${level} ${seat} in ${G.step}`).not.toBeNull();
          const reason = explainMove(view, seat, action!.move, action!.args);
          expect(
            reason,
            `${level}/${persona ?? '-'} seat ${seat} ${G.step}: ${action!.move}`,
          ).toBeNull();
          expect(legalOnFull(G, seat, action!.move, action!.args)).toBe(true);
          asked[G.step] = (asked[G.step] ?? 0) + 1;
        }
      }
    });
    for (const step of ['drafting', 'mediation', 'response', 'press'])
      expect(asked[step] ?? 0).toBeGreaterThan(200);
  }, 120_000);

  it('hard bots (a lighter search) on a sample of the states', () => {
    let asked = 0;
    STATES.forEach((G, i) => {
      if (i % 25 !== 0) return;
      for (const seat of G.pending) {
        const view = viewFor(G, seat);
        const persona = seat === '2' ? undefined : PERSONAS[(i / 25) % PERSONAS.length];
        const bot = makeBot({
          seat,
          level: 'hard',
          ...(persona ? { persona } : {}),
          seed: `h${i}`,
          samples: 1,
        });
        const action = bot.decide(view)!;
        expect(explainMove(view, seat, action.move, action.args)).toBeNull();
        expect(legalOnFull(G, seat, action.move, action.args)).toBe(true);
        asked++;
      }
    });
    expect(asked).toBeGreaterThan(80);
  }, 120_000);

  it('a seat with nothing to do gets null', () => {
    const G = STATES.find((s) => s.step === 'mediation')!;
    expect(makeBot({ seat: '0', level: 'normal' }).decide(viewFor(G, '0'))).toBeNull();
    expect(makeBot({ seat: '1', level: 'easy' }).decide(viewFor(G, '1'))).toBeNull();
  });
});
