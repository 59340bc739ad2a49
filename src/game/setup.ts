// A new match: options from setupData, tracks from the scenario, agendas and the mandate dealt by
// the server's PRNG, then round 1 begins (its incidents, then drafting).
import type { Rules } from './context';
import { SEATS } from './constants';
import { startRound } from './flow';
import { resolveOptions } from './options';
import type { PrngApi } from './plugins/prng';
import { getScenario } from './scenario';
import type { BackchannelState, Stats } from './types';

/** The broker's handling counts before anything is handled. */
export function noStats(): Stats {
  return {
    memosWritten: 0,
    relayed: 0,
    redacted: 0,
    reframed: 0,
    held: 0,
    leaked: 0,
    bundled: 0,
    tabled: 0,
    expired: 0,
    stalls: 0,
  };
}

export function setupMatch(setupData: unknown, prng: PrngApi, now: () => number): BackchannelState {
  const options = resolveOptions(setupData);
  const scenario = getScenario(options.scenario);
  const t = scenario.tracks;
  const G: BackchannelState = {
    options,
    round: 0,
    step: 'drafting',
    clock: { round: 0, step: 'drafting', startedAt: now(), deadline: null },
    pending: [],
    tracks: {
      escalation: t.escalation.start,
      oilLeak: t.oilLeak.start,
      oilPrice: t.oilPrice.start,
      pressureA: t.pressure.start,
      pressureB: t.pressure.start,
      capital: t.capital.start,
    },
    breakout: { estimate: t.breakout.start, true: t.breakout.start },
    credit: { '0': t.credit.start, '1': t.credit.start, '2': t.credit.start },
    walkouts: { '0': [], '1': [] },
    incidents: [],
    deals: [],
    feed: [],
    statements: [],
    stats: noStats(),
    counters: { deal: 0, incident: 0 },
    history: [],
    breakoutHistory: [],
    agendas: {
      '0': prng.sample(scenario.agendas.A, 2),
      '1': prng.sample(scenario.agendas.B, 2),
    },
    mandate: prng.pick(scenario.mandates),
    postures: { '0': { enforcement: 'hold' }, '1': { proxyLeash: 'loose', enrichment: 'steady' } },
    memos: [],
    proposals: [],
    attributions: {},
    sealedStatements: {},
  };
  const rules: Rules = { G, scenario, prng, now };
  // An online match with a lobby waits for its players: round 1 begins when the lobby ends.
  if (options.lobby) {
    G.lobby = { host: options.lobby.host, ready: SEATS.filter((s) => options.bots[s]) };
    return G;
  }
  startRound(rules, 1);
  return G;
}
