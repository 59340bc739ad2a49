// `npm run probes -- [--matches N] [--seed S] [--scenario ID] [--workers W]`: the exploit-probe
// table of docs/BALANCE.md. Plays the normal bots over N seeded matches, then each fixed strategy
// of src/bots/probes.ts in its seat over the same seeds, and prints, per probe, its seat's mean
// normalised score and win share beside the normal bot's, with the paired difference ± its noise
// (one standard error), as a Markdown table. A probe above the normal bot by more than twice the
// noise is marked in bold: the criterion of issue #11 is that none is.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseProbe, PROBE_SEATS } from '../../src/bots/probes';
import { parseSimulateArgs, UsageError } from '../../src/bots/simulate';
import { aboveNoise, paired, ROLES } from '../../src/bots/stats';
import { simulateRuns } from './simulate';

const minus = (x: number, digits: number) => x.toFixed(digits).replace('-', '−');
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export async function probeTable(argv: readonly string[]): Promise<string> {
  const args = [...argv];
  if (!args.includes('--matches')) args.push('--matches', '500');
  if (!args.includes('--seed')) args.push('--seed', 'probes');
  const base = parseSimulateArgs(args, availableParallelism());
  if (base.probe) throw new UsageError('--probe: this command plays every probe itself');
  const configs = [
    base,
    ...PROBE_SEATS.map((p) => parseSimulateArgs([...args, '--probe', p], availableParallelism())),
  ];
  const [normal, ...runs] = await simulateRuns(configs, base.workers);
  const rows = PROBE_SEATS.map((probe, i) => {
    const spec = parseProbe(probe);
    if (typeof spec === 'string') throw new Error(spec);
    const f = paired(spec.seat, runs[i]!, normal!);
    const above = aboveNoise(f);
    const bold = (text: string, on: boolean) => (on ? `**${text}**` : text);
    return [
      base.scenario,
      probe,
      ROLES[spec.seat],
      `${minus(f.score, 3)} (${minus(f.normalScore, 3)})`,
      bold(`${minus(f.score - f.normalScore, 3)} ± ${f.scoreNoise.toFixed(3)}`, above.score),
      `${pct(f.win)} (${pct(f.normalWin)})`,
      bold(
        `${minus(100 * (f.win - f.normalWin), 1)} ± ${(100 * f.winNoise).toFixed(1)}`,
        above.win,
      ),
    ];
  });
  const head = [
    'scenario',
    'probe',
    'seat',
    'score (normal)',
    'Δ score',
    'win (normal)',
    'Δ win (points)',
  ];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((x, c) => x.padEnd(widths[c]!)).join(' | ')} |`;
  return [
    `${base.matches} matches a probe, seed "${base.seed}", ${base.scenario}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}

async function main(): Promise<void> {
  try {
    process.stdout.write(`${await probeTable(process.argv.slice(2))}\n`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(
      `${e.message}\nusage: npm run probes -- [--matches N] [--seed S] [--scenario ID] [--workers W]\n`,
    );
    process.exit(2);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
