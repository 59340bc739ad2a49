// Views and bots never work a rule out again (ARCHITECTURE.md; issue #10): no file of the screens
// imports a rules helper to decide what is legal, due, hardened or verified, nor reads the
// thresholds of the scenario's tunables. What a desk may do it asks the rules' own check
// (src/client/check.ts) or the seat model; what a bot needs to know it reads from the rules' facts
// (src/game/facts.ts) or asks the rules' own check (`explainMove`, `enumerate`).
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FOLDERS = ['src/ui', 'src/scenes', 'src/client'];

/** Rules modules a view must not import values from (types are fine). */
const BANNED_MODULES = [
  'checks',
  'context',
  'drafting',
  'enumerate',
  'facilitation',
  'flow',
  'incidents',
  'mediation',
  'press',
  'resolution',
  'response',
  'scoring',
  'setup',
  'thresholds',
  'tracks',
  'view',
];
/** From the clauses module only the catalog's lookups and the rules' own verification count. */
const CLAUSE_LOOKUPS = new Set([
  'clauseDef',
  'sizeIndex',
  'relativeGiver',
  // The rules' own count of a deal's verification (read, not worked out again).
  'verificationRounds',
]);

/**
 * The only screens that may still import the catalog's lookups from the clauses module (the seat
 * model's `clauseModel` and the desk model give every other screen its clause words).
 */
const CLAUSE_LOOKUP_USERS = new Set([
  'src/ui/seminar/debrief.ts',
  'src/scenes/widgets/deal-facts.ts',
]);

/**
 * The DOM desks render the seat model and the desk model (src/game/model/desk.ts) and nothing
 * else of the rules: no helper, no scenario lookup, no tunable, not even the format helpers.
 */
const DESKS = [
  'src/ui/desk-principal.ts',
  'src/ui/desk-broker.ts',
  'src/ui/table.ts',
  'src/ui/end.ts',
  'src/ui/refusal.ts',
  'src/ui/lobby-room.ts',
];
const DESK_GAME_VALUES = /^\.\.\/game\/(seat-model|model\/desk|model\/lobby)$/;

function deskOffences(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  const imports = /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';/gm;
  for (const [, typeOnly, names, from] of text.matchAll(imports)) {
    const values = names!
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith('type '));
    if (typeOnly || values.length === 0) continue;
    if (from!.startsWith('../game/') && !DESK_GAME_VALUES.test(from!))
      found.push(`imports ${values.join(', ')} from ${from}`);
    if (from === './format') found.push(`imports ${values.join(', ')} from ./format`);
  }
  text.split('\n').forEach((line, i) => {
    if (/\btunables\b|\bscenario\.catalog\b|\bgetScenario\b/.test(line))
      found.push(`line ${i + 1} reads the scenario: ${line.trim()}`);
  });
  return found;
}

/** Reading a rule's threshold or timing out of the tunables is working the rule out again. */
const THRESHOLDS =
  /tunables\.pressure\.(hardenedAt|walkoutAt|escalationAbove|oilPriceAbove|oilLeakBelow)|\.hardenedAt\b|\.walkoutAt\b|\bverifyRounds\b|\bturnaroundHours\b|\.lastRound\b/;

/** The one place that runs the rules' own check for the screens. */
const CHECKER = 'src/client/check.ts';

/**
 * Places that still work a fact out, each waiting for the seat model's export (named): the list
 * may only shrink; an entry that no longer offends fails the test too.
 */
const AWAITING: Record<string, string> = {};

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) return files(relative(ROOT, path));
    return name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

/** The bots' folder: the same guard, with what a bot legitimately runs (the rules' checks). */
const BOTS = 'src/bots';

/** Modules a bot file may import values from beyond the facts: the rules' checks, and its runner's. */
const BOT_ALLOWED: Record<string, string[]> = {
  '*': ['enumerate'],
  // The pure rules without boardgame.io: the bots' engine plays moves on a new match.
  'src/bots/engine.ts': ['setup'],
  // The look-ahead fills in a full state (the broker's empty counts) from a view.
  'src/bots/hard.ts': ['setup'],
  // The runner hands each bot its seat's view, as the server does.
  'src/bots/runner.ts': ['view'],
};

/** Rule facts a bot would otherwise work out from the tunables (facts.ts exports each). */
const BOT_THRESHOLDS = new RegExp(
  [
    /tunables\.(incidents|strain|breakout|press|pressure)\b/,
    /tunables\.mediation\.(reframeCost|bundleCost|tableCost|leakCapital)\b/,
    /\binterdictionBlockedUntil\b/,
    // The verified deals' effects in force (facts: breakoutFrozen, breakoutRevealed, speed-ups).
    /effects\.(revealBreakout|freezeBreakout|speedsUp)\b/,
    // The list of proposals due (facts: dueProposals).
    /\bdueRound\s*===\s*\w+\.round\s*&&/,
  ]
    .map((re) => re.source)
    .join('|'),
);

function offences(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const bot = file.startsWith(`${BOTS}/`);
  const allowed = bot ? [...BOT_ALLOWED['*']!, ...(BOT_ALLOWED[file] ?? [])] : [];
  const found: string[] = [];
  const imports = /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';/gm;
  for (const m of text.matchAll(imports)) {
    const [, typeOnly, names, from] = m;
    const module = /\/game\/([a-z]+)$/.exec(from!)?.[1];
    if (!module || typeOnly) continue;
    const values = names!
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith('type '));
    if (values.length === 0) continue;
    if (BANNED_MODULES.includes(module) && file !== CHECKER && !allowed.includes(module))
      found.push(`imports ${values.join(', ')} from game/${module}`);
    if (module === 'clauses') {
      const bad = values.filter(
        (n) => !CLAUSE_LOOKUPS.has(n) || (!bot && !CLAUSE_LOOKUP_USERS.has(file)),
      );
      if (bad.length) found.push(`imports ${bad.join(', ')} from game/clauses`);
    }
  }
  text.split('\n').forEach((line, i) => {
    const comment = line.trim().startsWith('//') || line.trim().startsWith('*');
    if (comment) return;
    if (THRESHOLDS.test(line) || (bot && BOT_THRESHOLDS.test(line)))
      found.push(`line ${i + 1} reads a rule's threshold: ${line.trim()}`);
  });
  return found;
}

describe('the screens read the rules, never work them out', () => {
  const all = FOLDERS.flatMap(files);

  it('finds the screens’ files', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all).toContain('src/ui/desk-principal.ts');
  });

  it('no view imports a rules helper or reads a threshold (beyond the list awaiting the model)', () => {
    const report = all.flatMap((f) => (AWAITING[f] ? [] : offences(f).map((o) => `${f}: ${o}`)));
    expect(report).toEqual([]);
  });

  it.each(Object.keys(AWAITING))('%s still waits for the seat model (else drop it)', (f) => {
    expect(offences(f).length, AWAITING[f]).toBeGreaterThan(0);
  });

  it('no screen imports the old format helpers: their words are the seat model’s', () => {
    const users = [...all, ...files(BOTS)].filter((f) =>
      /from '(\.\.?\/)+(ui\/)?format'/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(users).toEqual([]);
  });

  it('the desks import from the rules only the seat model and the desk model', () => {
    expect(DESKS.flatMap((f) => deskOffences(f).map((o) => `${f}: ${o}`))).toEqual([]);
  });

  it('the desks’ guard catches the imports the desks used to have', () => {
    const probe = (line: string) => {
      const path = 'test-results/desk-probe.ts';
      writeFileSync(join(ROOT, path), `${line}\n`);
      try {
        return deskOffences(path);
      } finally {
        rmSync(join(ROOT, path));
      }
    };
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    expect(probe("import { clauseDef, sizeIndex } from '../game/clauses';")).toHaveLength(1);
    expect(probe("import { changes, clauseText, seatName } from './format';")).toHaveLength(1);
    expect(probe("import { MAX_CLAUSES } from '../game/constants';")).toHaveLength(1);
    expect(probe('  const t = scenario.tunables.mediation;')).toHaveLength(1);
    expect(probe("import type { SeatView } from '../game/types';")).toEqual([]);
    expect(probe("import { deskModel } from '../game/model/desk';")).toEqual([]);
  });

  it('no bot imports a rules helper or works out a rule fact', () => {
    const bots = files(BOTS);
    expect(bots).toContain('src/bots/principal.ts');
    expect(bots.flatMap((f) => offences(f).map((o) => `${f}: ${o}`))).toEqual([]);
  });

  it('the bots’ guard catches the copies they used to keep', () => {
    // Lines as the bots wrote them before they read the rules' facts.
    for (const line of [
      'if (pressure >= scenario.tunables.pressure.hardenedAt && gives > 1) return 0;',
      'const s = scenario.tunables.strain;',
      'const e = scenario.tunables.breakout.estimateError;',
      'const free = claims < scenario.tunables.press.brokerFreeClaims;',
      '(d) => d.interdictionBlockedUntil !== undefined && d.interdictionBlockedUntil >= view.round,',
      'const to = sizeDef(scenario, c)?.effects.speedsUp;',
      'p.dueRound === view.round && (',
      'if (proposal.dueRound === W.round && proposal.due.includes(p) && !proposal.answers[p])',
      'const cost = scenario.tunables.mediation.tableCost;',
    ])
      expect(THRESHOLDS.test(line) || BOT_THRESHOLDS.test(line), line).toBe(true);
    expect(BOT_THRESHOLDS.test('const s = scenario.tunables.scoring;')).toBe(false);
  });

  it('the guard catches a re-derivation', () => {
    // The check itself, on a line as the old desk wrote it.
    expect(THRESHOLDS.test('const hardened = p >= scenario.tunables.pressure.hardenedAt;')).toBe(
      true,
    );
  });
});
