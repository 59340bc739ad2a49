// A seat's name in its scenario ("Washington", "Tehran", "Doha"): the one lookup the rules' feed
// lines, the seat model and the bots all use. Apart from the seat model so that the rules
// modules, which the seat model imports, can use it too.
import type { Scenario } from './scenario/schema';
import type { Seat } from './types';

export function seatName(scenario: Scenario, seat: Seat): string {
  return seat === '0'
    ? scenario.seats.A.name
    : seat === '1'
      ? scenario.seats.B.name
      : scenario.seats.broker.name;
}
