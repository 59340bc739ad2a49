// Time enters the rules only here: the server's clock, read by the moves that start a step (to
// store its deadline) and by `expire` (to check the deadline has passed). Tests replace the
// clock through makeBackchannel({ now }). A move that read the clock never runs on a client.
// The clock gives one time per action (read once, on first use), which each move records in its
// log entry, so a finished match can be replayed exactly (record.ts).
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
      let at: number | undefined;
      return {
        now: () => (at ??= now()),
        _used: () => at !== undefined,
      };
    },
    noClient: ({ api }) => api._used(),
  };
}
