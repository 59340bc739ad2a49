// Time enters the rules only here: the server's clock, read by the moves that start a step (to
// store its deadline) and by `expire` (to check the deadline has passed). Tests replace the
// clock through makeBackchannel({ now }). A move that read the clock never runs on a client.
import type { Plugin } from 'boardgame.io';

export interface ClockApi {
  /** Server time in ms since the epoch. */
  now(): number;
}

interface ClockApiInternal extends ClockApi {
  _used(): boolean;
}

export function makeClockPlugin(
  now: () => number,
): Plugin<ClockApiInternal, Record<string, never>> {
  return {
    name: 'clock',
    setup: () => ({}),
    api: () => {
      let used = false;
      return {
        now: () => {
          used = true;
          return now();
        },
        _used: () => used,
      };
    },
    noClient: ({ api }) => api._used(),
  };
}
