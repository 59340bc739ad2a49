// Support for the browser tests and the browser benchmark: one production build of the app, the
// real game server serving it (as `npm start` does), Debian's Chromium driven by playwright-core,
// axe-core audits and screenshots at desktop and phone sizes.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, startServer, tempDir, type ServerHandle } from '../server/harness';

export { ROOT };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const REQUIRE_CHROMIUM = process.env.REQUIRE_CHROMIUM === '1';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const DESKTOP = { width: 1280, height: 720 };
export const PHONE = { width: 390, height: 844 };
export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Builds the browser app with the project's own Vite config into `outDir`. */
export async function buildApp(outDir: string): Promise<void> {
  const { build } = await import('vite');
  // Vite bakes the building process's NODE_ENV into the bundle, and vitest sets it to `test`:
  // that would ship development code (boardgame.io's debug panel among it).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, sourcemap: false, reportCompressedSize: false },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export interface App {
  url: string;
  server: ServerHandle;
  staticDir: string;
  stop(): Promise<void>;
}

/**
 * Builds the app into a temporary directory and starts the real server on it (any free port, a
 * temporary data directory, server bots playing at once).
 */
export async function startApp(): Promise<App> {
  const staticDir = tempDir('bc-e2e-dist-');
  // The server serves static files only if the app is there when it starts, and reads them at
  // each request: a placeholder lets the server start while the app builds.
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Building…</title>');
  const [, server] = await Promise.all([
    buildApp(staticDir),
    startServer({
      env: { STATIC_DIR: staticDir, BOT_PACE: '0', LOG_LEVEL: 'warn' },
      timeoutMs: 120_000,
    }),
  ]);
  return {
    url: server.url,
    server,
    staticDir,
    stop: async () => {
      await server.stop();
      rmSync(staticDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Accessibility audits

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface AxeResult {
  violations: {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: unknown[] }[];
  }[];
}

/** Every screen audited so far, with its serious or critical violations. */
export const audits = new Map<string, AxeViolation[]>();
/** The moderate and minor ones, reported but not failed on. */
export const lesser = new Map<string, AxeViolation[]>();

/** Runs axe-core on the page and records the serious and critical violations under `screen`. */
export async function audit(page: Page, screen: string): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(...a: unknown[]): Promise<unknown> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })) as AxeResult;
  });
  const all = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.map(String).join(' ')),
  }));
  const serious = all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  audits.set(screen, [...(audits.get(screen) ?? []), ...serious]);
  lesser.set(screen, [...(lesser.get(screen) ?? []), ...all.filter((v) => !serious.includes(v))]);
  return serious;
}

export function describeViolations(found: Map<string, AxeViolation[]>): string {
  const lines: string[] = [];
  for (const [screen, violations] of found)
    for (const v of violations)
      lines.push(`${screen}: ${v.id} (${v.impact}) ${v.help}\n    ${v.targets.join('\n    ')}`);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Screenshots

/** Screens shot so far, by name. */
export const shots = new Set<string>();

const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 150))),
      ),
  );

/**
 * Writes `<name>-desktop.png` (1280×720) and `<name>-phone.png` (390×844), whole pages, into
 * test-results/screenshots/, and puts the page back at the size it had.
 */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const before = page.viewportSize() ?? DESKTOP;
  const sizes: [string, { width: number; height: number }][] = [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ];
  // The page's own size first: one resize fewer (every resize redraws the table).
  if (before.width === PHONE.width) sizes.reverse();
  for (const [label, size] of sizes) {
    if (page.viewportSize()?.width !== size.width) await page.setViewportSize(size);
    await settle(page);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
  await settle(page);
  shots.add(name);
}

/** Collects uncaught page errors, so a test can assert there were none. */
export function watchErrors(page: Page, into: string[]): void {
  page.on('pageerror', (err) => into.push(`${page.url()}: ${err.message}`));
}

/** A fresh context's page at 1280×720 with reduced motion, its page errors collected in `errors`. */
export async function newPage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  watchErrors(page, errors);
  return page;
}

/** Audits the screen with axe-core and shoots it at both sizes, under one name. */
export async function capture(page: Page, name: string): Promise<void> {
  await audit(page, name);
  await shoot(page, name);
}

// ---------------------------------------------------------------------------------------------
// Screenshot scripts (not tests): one loop for every page of cases they shoot

/**
 * Serves the project with Vite's dev server, opens `page` (a path under the root) at 1280×720 and
 * 390 px for each case whose name contains `only`, and lets `shoot` show the case and take its
 * pictures (`file(suffix)` names one in `out`). Page errors are reported, not thrown.
 */
export async function shootEach<C>(opts: {
  page: string;
  list: [string, C][];
  out: string;
  only?: string | undefined;
  shoot: (page: Page, c: C, file: (suffix?: string) => string) => Promise<void>;
}): Promise<void> {
  const { createServer } = await import('vite');
  mkdirSync(opts.out, { recursive: true });
  const server = await createServer({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', hmr: false },
  });
  await server.listen();
  const url = `${server.resolvedUrls!.local[0]!}${opts.page}`;
  const browser = await launchChromium();
  try {
    for (const [name, c] of opts.list) {
      if (opts.only && !name.includes(opts.only)) continue;
      for (const [size, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const page = await browser.newPage({ viewport });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(url);
        await opts.shoot(page, c, (suffix = '') => join(opts.out, `${name}${suffix}-${size}.png`));
        if (errors.length) console.error(`${name} ${size}: ${errors.join('; ')}`);
        await page.close();
      }
      console.info(`shot ${name}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}
