// A seat's and a deal's names ("Washington", "Tehran", "Doha"): the one lookup the rules' feed
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

/**
 * A deal as people count it: "Deal 1" for the public id `d1`. Ids stay the contract's (moves name
 * `d1`); every sentence a person reads names the deal this way.
 */
export function dealName(id: string): string {
  return `Deal ${id.replace(/^d/, '')}`;
}
