// `npm run bench`: how fast the bots play (not a test, and not part of `npm test`).
// - matches per second of `simulate` (worker threads on both cores) with easy and normal bots;
// - decision time per level (median, p95), the hard bot's searches also on their own;
// - as a baseline, boardgame.io's own RandomBot playing every seat through the game's `enumerate`,
//   on the same headless harness (pure rules, one thread).
import { availableParallelism } from 'node:os';
import { RandomBot } from 'boardgame.io/ai';
import type { Ctx } from 'boardgame.io';
import { Backchannel } from '../../src/game';
import type { BackchannelState, Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { runMatch, type Bot, type BotLevel } from '../../src/bots';
import { applyMove, isOver, newRules } from '../../src/bots/engine';
import { parseSimulateArgs } from '../../src/bots/simulate';
import { simulate } from '../../server/cli/simulate';

const quick = process.argv.includes('--quick');
const cores = Math.min(2, availableParallelism());

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const ms = (x: number) => (Number.isNaN(x) ? '-' : x < 1 ? x.toFixed(3) : x.toFixed(1));

async function throughput(level: BotLevel, matches: number): Promise<number> {
  const config = parseSimulateArgs(
    ['--matches', String(matches), '--seats', level, '--seed', `bench-${level}`],
    cores,
  );
  const started = performance.now();
  await simulate(config);
  return matches / ((performance.now() - started) / 1000);
}

interface Timing {
  label: string;
  decisions: number[];
  matchesPerSecond?: number;
  note?: string;
}

function decisionTimes(level: BotLevel, matches: number): Timing {
  const decisions: number[] = [];
  for (let i = 0; i < matches; i++) {
    // Hard bots sit in one seat (rotating) among normal ones, as a player meets them.
    const seats = [{ level }, { level }, { level }] as [
      { level: BotLevel },
      { level: BotLevel },
      { level: BotLevel },
    ];
    if (level === 'hard')
      for (let s = 0; s < 3; s++) if (s !== i % 3) seats[s] = { level: 'normal' };
    const seat = String(i % 3) as Seat;
    const r = runMatch({ seats, seed: `timing-${level}-${i}`, timing: true });
    if (level === 'hard') decisions.push(...r.times[seat]);
    else decisions.push(...r.times['0'], ...r.times['1'], ...r.times['2']);
  }
  return { label: level, decisions };
}

/** boardgame.io's RandomBot in every seat, on the pure rules, one thread. */
async function randomBot(matches: number): Promise<Timing> {
  const decisions: number[] = [];
  const enumerate = Backchannel.ai!.enumerate;
  const started = performance.now();
  for (let i = 0; i < matches; i++) {
    const r = newRules({ seed: `random-${i}` });
    const bots = Object.fromEntries(
      (['0', '1', '2'] as const).map((s) => [
        s,
        new RandomBot({ enumerate, seed: `rb-${i}-${s}` }),
      ]),
    ) as Record<Seat, RandomBot>;
    let guard = 0;
    while (!isOver(r.G) && guard++ < 5000) {
      for (const seat of [...r.G.pending]) {
        if (isOver(r.G) || !r.G.pending.includes(seat)) continue;
        const t = performance.now();
        const { action } = await bots[seat].play(
          { G: viewFor(r.G, seat), ctx: { numPlayers: 3 } as Ctx } as never,
          seat,
        );
        decisions.push(performance.now() - t);
        const payload = (action as { payload: { type: string; args: unknown[] } }).payload;
        if (applyMove(r, seat, payload.type as never, payload.args ?? []) !== null)
          applyMove(r, seat, 'done', []);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    label: 'RandomBot (boardgame.io)',
    decisions,
    matchesPerSecond: matches / seconds,
    note: '1 thread',
  };
}

async function main(): Promise<void> {
  const n = quick
    ? { easy: 100, normal: 60, timing: 10, hard: 3, random: 30 }
    : { easy: 600, normal: 300, timing: 40, hard: 12, random: 200 };
  console.info(
    `Backchannel bots benchmark (${cores} worker threads for simulate)${quick ? ', quick' : ''}\n`,
  );
  const rows: Timing[] = [];
  const easy = decisionTimes('easy', n.timing);
  easy.matchesPerSecond = await throughput('easy', n.easy);
  easy.note = `simulate, ${n.easy} matches`;
  const normal = decisionTimes('normal', n.timing);
  normal.matchesPerSecond = await throughput('normal', n.normal);
  normal.note = `simulate, ${n.normal} matches`;
  const hard = decisionTimes('hard', n.hard);
  hard.note = `${n.hard} matches, one hard seat among normal`;
  const searches = hard.decisions.filter((t) => t >= 1);
  rows.push(easy, normal, hard, {
    label: 'hard, searches only',
    decisions: searches,
    note: 'the first decision of a step, where it searches',
  });
  rows.push(await randomBot(n.random));

  const header = ['bots', 'matches/s', 'decisions', 'median ms', 'p95 ms', 'max ms', 'notes'];
  const table = rows.map((r) => [
    r.label,
    r.matchesPerSecond === undefined ? '-' : r.matchesPerSecond.toFixed(1),
    String(r.decisions.length),
    ms(quantile(r.decisions, 0.5)),
    ms(quantile(r.decisions, 0.95)),
    ms(Math.max(...r.decisions)),
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.info(line(header));
  console.info(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.info(line(row));
}

await main();

export type { Bot, BackchannelState };
