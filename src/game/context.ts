// What the rules need besides the state: the scenario, the server's dice and the server's clock.
import type { PrngApi } from './plugins/prng';
import type { Scenario } from './scenario/schema';
import type { BackchannelState } from './types';

export interface Rules {
  G: BackchannelState;
  scenario: Scenario;
  prng: PrngApi;
  now: () => number;
}
