// Browser benchmark (`npx tsx test/bench/browser.ts`): the production build served by the real
// server, measured in headless Chromium (Debian's, through playwright-core):
//   - initial page weight: the gzip size of every file the home page loads (and, apart, of what
//     opening the table adds: Phaser and the scene are loaded on demand);
//   - time to interactive: navigation start to the "Start a solo match" button being in the page,
//     visible and enabled, median of 5 cold loads (a fresh browser context each);
//   - the guided first match: home page to the learner's first move (a posture set, as the guide
//     asks) for a script that does what each prompt says at once, and the clicks to start it;
//   - frame time of the table scene against a blank Phaser scene, in the same run and the same
//     page size: requestAnimationFrame deltas over ~3 s each, median and p95.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Response } from 'playwright-core';
import { ROOT, tempDir } from '../server/harness';
import { CHROMIUM, DESKTOP, HAS_CHROMIUM, launchChromium, startApp } from '../e2e/support';

const TTI_RUNS = 5;
const FRAME_MS = 3_000;
const WARMUP_MS = 1_000;
/** The table's size at 1280×720 (the board of the table screen). */
const BOARD = { width: 708, height: 442 };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
const ms = (n: number) => `${n.toFixed(1)} ms`;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

interface Loaded {
  url: string;
  raw: number;
  gzip: number;
}

async function bodyOf(response: Response): Promise<Loaded | null> {
  if (response.status() !== 200) return null;
  try {
    const body = await response.body();
    return { url: response.url(), raw: body.length, gzip: gzipSync(body).length };
  } catch {
    return null;
  }
}

/** What the home page loads, then what opening a solo table adds. */
async function pageWeight(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  const pending: Promise<Loaded | null>[] = [];
  page.on('response', (r) => pending.push(bodyOf(r)));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Start a solo match' }).waitFor();
  const home = (await Promise.all(pending.splice(0))).filter((x): x is Loaded => x !== null);
  await page.getByRole('button', { name: 'Start a solo match' }).click();
  await page.locator('canvas').first().waitFor({ state: 'attached', timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const table = (await Promise.all(pending.splice(0))).filter(
    (x): x is Loaded => x !== null && !home.some((h) => h.url === x.url),
  );
  await context.close();
  return { home, table };
}

/** Navigation start → the start button present, visible and enabled (performance.now()). */
async function timeToInteractive(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: DESKTOP });
  // Checked on every animation frame from the document's start: the first frame in which the
  // button is there, laid out and enabled (frames wait for the render-blocking stylesheet).
  // A string, not a function: tsx's helpers (`__name`) do not exist in the page.
  await context.addInitScript(`(() => {
    const check = () => {
      const button = Array.from(document.querySelectorAll('button')).find(
        (b) => b.textContent === 'Start a solo match',
      );
      const ready =
        button !== undefined &&
        !button.disabled &&
        button.getClientRects().length > 0 &&
        getComputedStyle(button).visibility !== 'hidden';
      if (ready) window.__tti = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })();`);
  const page = await context.newPage();
  await page.goto(url);
  const tti = await page.waitForFunction(() => (window as { __tti?: number }).__tti, undefined, {
    timeout: 60_000,
  });
  const value = (await tti.jsonValue()) as number;
  await context.close();
  return value;
}

/**
 * Navigation start → the first move of the guided first match, for a script following the
 * prompts: Learn by playing, Next on the tracks, a posture chosen; done when the guide moves on
 * (the seat model shows the posture set). Returns the ms and the clicks it took to start.
 */
async function guidedFirstMove(
  browser: Browser,
  url: string,
): Promise<{ ms: number; clicks: number }> {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  let clicks = 0;
  await page.goto(url);
  await page.getByRole('button', { name: 'Learn by playing' }).click();
  clicks++;
  await page.locator('section.guide[data-step="tracks"]').waitFor({ timeout: 60_000 });
  await page.locator('section.guide').getByRole('button', { name: 'Next' }).click();
  await page.locator('section.guide[data-step="posture"]').waitFor();
  await page.locator('section.guide').getByRole('button', { name: 'Show me' }).click();
  await page
    .locator('.guide-target input[type=radio]:not(:checked):not([disabled])')
    .first()
    .check();
  await page.locator('section.guide:not([data-step="posture"])').waitFor();
  const ms = await page.evaluate(() => performance.now());
  await context.close();
  return { ms, clicks };
}

/**
 * Builds a page that mounts the table (fed by a solo match with instant bots, the broker's seat,
 * so the table waits at mediation) or a blank scene, with the app's own modules.
 */
async function buildFramePage(outDir: string): Promise<void> {
  const root = tempDir('bc-bench-page-');
  const from = (path: string) => relative(root, join(ROOT, path)).split('\\').join('/');
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Frame bench</title>
<style>html,body{margin:0;background:#1b2330}
#host{width:${BOARD.width}px;height:${BOARD.height}px;position:relative}</style></head>
<body><div id="host"></div><script type="module" src="./bench.ts"></script></body></html>`,
  );
  writeFileSync(
    join(root, 'bench.ts'),
    `import { mountTable } from ${JSON.stringify(from('src/scenes/mount.ts'))};
import { startSolo } from ${JSON.stringify(from('src/client/connection.ts'))};
import { makeTableStore } from ${JSON.stringify(from('src/client/store.ts'))};

async function run(blank, warmupMs, frameMs) {
  const host = document.getElementById('host');
  const store = makeTableStore();
  const connection = blank
    ? null
    : startSolo(store, {
        seat: '2',
        setupData: { scenario: 'doha-2026', rounds: 8 },
        bots: { '0': { level: 'normal' }, '1': { level: 'normal' } },
        pace: 0,
      });
  const mounted = mountTable(host, store, { blank });
  await new Promise((r) => setTimeout(r, warmupMs));
  const deltas = [];
  await new Promise((resolve) => {
    let last = performance.now();
    const end = last + frameMs;
    const frame = (t) => {
      deltas.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(frame);
      else resolve();
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(frame);
    });
  });
  const renderer = mounted.game.renderer && mounted.game.renderer.type === 2 ? 'WebGL' : 'Canvas';
  const step = store.getState().view ? store.getState().view.step : 'none';
  mounted.destroy();
  connection && connection.stop();
  return { deltas, renderer, step };
}
window.frameBench = run;
`,
  );
  const { build } = await import('vite');
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root,
      base: './',
      configFile: false,
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, target: 'es2022', reportCompressedSize: false },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(root, { recursive: true, force: true });
  }
}

interface FrameResult {
  deltas: number[];
  renderer: string;
  step: string;
}

async function frameTimes(browser: Browser, url: string, blank: boolean): Promise<FrameResult> {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(`${url}/bench/index.html`);
  await page.waitForFunction(() => 'frameBench' in window);
  const result = await page.evaluate(
    ([b, w, f]) =>
      (
        window as unknown as {
          frameBench(b: boolean, w: number, f: number): Promise<FrameResult>;
        }
      ).frameBench(b, w, f),
    [blank, WARMUP_MS, FRAME_MS] as const,
  );
  await context.close();
  return result;
}

async function main(): Promise<void> {
  if (!HAS_CHROMIUM) {
    console.error(`No Chromium at ${CHROMIUM}: set CHROMIUM_PATH or install chromium.`);
    process.exit(2);
  }
  console.info('Building the app and starting the server…');
  const app = await startApp();
  const browser = await launchChromium();
  try {
    mkdirSync(join(app.staticDir, 'bench'), { recursive: true });
    await buildFramePage(join(app.staticDir, 'bench'));

    const weight = await pageWeight(browser, app.url);
    const sum = (files: Loaded[], key: 'raw' | 'gzip') => files.reduce((n, f) => n + f[key], 0);

    // One warm-up load (the server's first answers are slower), then the timed runs.
    await timeToInteractive(browser, app.url);
    const ttis: number[] = [];
    for (let i = 0; i < TTI_RUNS; i++) ttis.push(await timeToInteractive(browser, app.url));

    await guidedFirstMove(browser, app.url);
    const guided: { ms: number; clicks: number }[] = [];
    for (let i = 0; i < 3; i++) guided.push(await guidedFirstMove(browser, app.url));

    const blank = await frameTimes(browser, app.url, true);
    const table = await frameTimes(browser, app.url, false);

    const rows: [string, string][] = [
      [
        'initial page weight (home, gzip)',
        `${kb(sum(weight.home, 'gzip'))} in ${files(weight.home.length)} (${kb(sum(weight.home, 'raw'))} raw)`,
      ],
      [
        'opening the table adds (gzip)',
        `${kb(sum(weight.table, 'gzip'))} in ${files(weight.table.length)} (${kb(sum(weight.table, 'raw'))} raw)`,
      ],
      [
        `time to interactive (median of ${TTI_RUNS})`,
        `${ms(quantile(ttis, 0.5))} (runs: ${ttis.map((t) => t.toFixed(0)).join(', ')} ms)`,
      ],
      [
        'guided match: home to first move (median of 3)',
        `${ms(
          quantile(
            guided.map((g) => g.ms),
            0.5,
          ),
        )} (runs: ${guided.map((g) => g.ms.toFixed(0)).join(', ')} ms), ${guided[0]!.clicks} click to start`,
      ],
      ...[
        ['blank Phaser scene', blank],
        [`table scene (at ${table.step})`, table],
      ].map(([label, r]): [string, string] => {
        const f = r as FrameResult;
        return [
          `frame time, ${label as string}`,
          `median ${ms(quantile(f.deltas, 0.5))}, p95 ${ms(quantile(f.deltas, 0.95))} (${f.deltas.length} frames, ${f.renderer})`,
        ];
      }),
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.info(
      `\nBackchannel browser benchmark: headless Chromium ${browser.version()}, table ${BOARD.width}×${BOARD.height}, ` +
        `${cpus().length} CPUs, load average ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')}`,
    );
    console.info(`| ${'measure'.padEnd(width)} | value`);
    console.info(`| ${'-'.repeat(width)} | -----`);
    for (const [k, v] of rows) console.info(`| ${k.padEnd(width)} | ${v}`);
    console.info('\nFiles the home page loads:');
    for (const f of weight.home)
      console.info(`  ${new URL(f.url).pathname}  ${kb(f.gzip)} gzip, ${kb(f.raw)} raw`);
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
