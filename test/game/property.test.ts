// Property tests: random matches of legal moves, drawn from `enumerate` for whichever seat is
// pending (and now and then the server's deadline), played to the end on the pure rules. Checked
// after every action: the tracks stay in range, every enumerated move is legal, `enumerate` on a
// seat's view agrees with the full state, and no view holds what its seat may not see (GAME.md,
// "Who sees what"), both structurally and by searching each serialised view for planted secrets.
import type { Ctx } from 'boardgame.io';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Backchannel } from '../../src/game';
import { enumerate, explainMove } from '../../src/game/enumerate';
import type { MoveName } from '../../src/game/moves';
import { breakoutRevealed } from '../../src/game/tracks';
import type {
  BackchannelState,
  PrincipalSeat,
  Proposal,
  Seat,
  SeatView,
} from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { isDeepStrictEqual } from 'node:util';
import { table, type Table } from './harness';

const SEATS: Seat[] = ['0', '1', '2'];
const VIEWERS: (Seat | null)[] = ['0', '1', '2', null];
const TIMERS = { drafting: 2, mediation: 2, response: 2, press: 2 };

/** Cheap checks for the hot loop; vitest's `expect` only to report a failure. */
function assert(condition: boolean, message: () => string): asserts condition {
  if (!condition) expect.fail(message());
}
function same(actual: unknown, expected: unknown, what: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, what).toEqual(expected);
}

interface Plan {
  scenario: 'doha-2026' | 'meridian-strait';
  rounds: number;
  timed: boolean;
  seed: string;
  choices: number;
  /** Percent chance that a seat's pick is `done`. */
  doneBias: number;
  /** Percent chance, in a timed match, that the deadline passes instead of a seat acting. */
  expireBias: number;
  /** Percent chance that a drafted memo carries a marker text. */
  markerBias: number;
}

const planArb: fc.Arbitrary<Plan> = fc.record({
  scenario: fc.constantFrom('doha-2026' as const, 'meridian-strait' as const),
  rounds: fc.integer({ min: 4, max: 12 }),
  timed: fc.boolean(),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }).map((n) => `prop-seed-${n}-z`),
  choices: fc.integer(),
  doneBias: fc.integer({ min: 10, max: 60 }),
  expireBias: fc.integer({ min: 0, max: 30 }),
  markerBias: fc.integer({ min: 30, max: 100 }),
});

/** The random choices of one match, all derived from the plan's `choices` (mulberry32). */
function chooser(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    percent: (p: number) => next() * 100 < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

interface Played {
  t: Table;
  plan: Plan;
  /** Marker text → the memo's author; every marker is unique in the match. */
  markers: Map<string, PrincipalSeat>;
  /** Per viewer, the strings its view must never hold, as one pattern (built once a match). */
  forbidden?: Map<Seat | null, RegExp>;
  /** The step (round and step) of the last check: the public parts are compared at each step. */
  lastStep?: string;
}

type Check = (p: Played) => void;

/** Plays one random match to the end, running `check` after setup and after every action. */
function play(plan: Plan, check: Check): Played {
  const t = table(
    { scenario: plan.scenario, rounds: plan.rounds, ...(plan.timed ? { timers: TIMERS } : {}) },
    plan.seed,
  );
  const rnd = chooser(plan.choices);
  const played: Played = { t, plan, markers: new Map() };
  let marker = 0;
  check(played);
  for (let guard = 0; t.G.step !== 'over'; guard++) {
    assert(guard < 5000, () => 'the match did not end');
    const G = t.G;
    const running = { round: G.round, step: G.step };
    if (plan.timed && rnd.percent(plan.expireBias)) {
      const deadline = G.clock.deadline!;
      assert(deadline === G.clock.startedAt + 2000, () => `deadline ${deadline}`);
      if (rnd.percent(30)) {
        t.time.now = deadline - 1;
        expect(t.expire(running)).toBe('the deadline has not passed');
      }
      t.time.now = deadline + (rnd.percent(50) ? 0 : 1500);
      const reason = t.expire(running);
      assert(reason === null, () => `expire refused: ${reason}`);
      check(played);
      continue;
    }
    if (!plan.timed && rnd.percent(2)) expect(t.expire(running)).toBe('this step has no deadline');

    const seat = rnd.pick(G.pending);
    const moves = enumerate(G, seat);
    assert(moves[0]?.move === 'done', () => `seat ${seat} cannot say done in ${G.step}`);
    const others = moves.filter((x) => x.move !== 'done');
    let chosen = others.length === 0 || rnd.percent(plan.doneBias) ? moves[0]! : rnd.pick(others);
    if (chosen.move === 'draftMemo' && rnd.percent(plan.markerBias)) {
      const side = seat === '0' ? 'A' : 'B';
      const text = `SECRET-${side}-${++marker}# is our last word on this.`;
      played.markers.set(`SECRET-${side}-${marker}#`, seat as PrincipalSeat);
      chosen = { move: 'draftMemo', args: [{ ...(chosen.args[0] as object), text }] };
    }
    const reason = t.act(seat, chosen.move as MoveName, ...chosen.args);
    assert(reason === null, () => `${chosen.move} by ${seat} refused: ${reason}`);
    check(played);
  }
  return played;
}

/** The match ended properly, within its rounds. */
function ended({ t, plan }: Played): void {
  const G = t.G;
  expect(G.step).toBe('over');
  expect(G.final).toBeDefined();
  expect(G.pending).toEqual([]);
  expect(G.round).toBeGreaterThanOrEqual(1);
  expect(G.round).toBeLessThanOrEqual(plan.rounds);
  expect(G.options.rounds).toBe(plan.rounds);
  if (G.final!.reason === 'rounds') expect(G.round).toBe(plan.rounds);
  if (G.final!.reason === 'war') expect(G.tracks.escalation).toBe(10);
  expect(G.seed).toBe(plan.seed);
  expect(G.feed.at(-1)!.kind).toBe('end');
  expect(Object.keys(G.final!).sort()).toEqual([
    'normalised',
    'outcome',
    'reason',
    'scores',
    'winners',
  ]);
  expect(G.final!.winners.length).toBeGreaterThan(0);
  // The debrief: every seat and the spectator see everything, the seed included.
  for (const v of VIEWERS) same(viewFor(G, v), G, `debrief view of ${v}`);
}

function within(what: string, value: number | undefined, r: { min: number; max: number }): void {
  assert(
    typeof value === 'number' && Number.isInteger(value) && value >= r.min && value <= r.max,
    () => `${what} = ${value}, outside ${r.min}..${r.max}`,
  );
}

const inRange: Check = ({ t }) => {
  const { G, scenario } = t;
  const r = scenario.tracks;
  within('escalation', G.tracks.escalation, r.escalation);
  within('oilLeak', G.tracks.oilLeak, r.oilLeak);
  within('oilPrice', G.tracks.oilPrice, r.oilPrice);
  within('pressureA', G.tracks.pressureA, r.pressure);
  within('pressureB', G.tracks.pressureB, r.pressure);
  within('capital', G.tracks.capital, r.capital);
  within('breakout', G.breakout.true, r.breakout);
  within('breakout estimate', G.breakout.estimate, r.breakout);
  for (const seat of SEATS) within(`credit ${seat}`, G.credit[seat], { min: 0, max: 10 });
  assert(G.round >= 1 && G.round <= G.options.rounds, () => `round ${G.round}`);
};

const enumerationAgrees: Check = ({ t }) => {
  const G = t.G;
  for (const seat of SEATS) {
    const moves = enumerate(G, seat);
    if (!G.pending.includes(seat)) {
      same(moves, [], `moves of seat ${seat}, not pending`);
      continue;
    }
    const view = viewFor(G, seat);
    same(enumerate(view, seat), moves, `enumerate on the view of seat ${seat}`);
    same(Backchannel.ai!.enumerate(G, {} as Ctx, seat), moves, 'ai.enumerate');
    for (const { move, args } of moves) {
      const reason = explainMove(G, seat, move, args);
      assert(reason === null, () => `${move} ${JSON.stringify(args)}: ${reason}`);
      const onView = explainMove(view, seat, move, args);
      assert(onView === null, () => `on the view, ${move} ${JSON.stringify(args)}: ${onView}`);
    }
  }
  same(enumerate(G, null), [], 'moves of a spectator');
};

/** A principal may see a proposal delivered to it, or its relayed memo back for ratification. */
function principalSees(p: Proposal, seat: PrincipalSeat): boolean {
  if (p.recipients.includes(seat)) return true;
  const recipient = p.recipients[0]!;
  return (
    p.kind === 'relay' &&
    p.author === seat &&
    p.stage !== 'open' &&
    p.answers[recipient] === 'accept'
  );
}

const PUBLIC = [
  'options',
  'round',
  'step',
  'clock',
  'pending',
  'tracks',
  'credit',
  'walkouts',
  'incidents',
  'deals',
  'feed',
  'statements',
  'counters',
] as const;

/** Structural: each part of a view is exactly its seat's share of the state. */
function structure(
  G: BackchannelState,
  viewer: Seat | null,
  v: SeatView,
  revealed: boolean,
  newStep: boolean,
) {
  const who = `view of ${viewer}`;
  // The public parts, whole at each new step; in between, what each action may change.
  if (newStep) for (const key of PUBLIC) same(v[key], G[key], `${who}: ${key}`);
  else
    same(
      [v.pending, v.tracks, v.credit, v.feed.length, v.deals.length, v.feed.at(-1)],
      [G.pending, G.tracks, G.credit, G.feed.length, G.deals.length, G.feed.at(-1)],
      `${who}: public parts`,
    );
  assert(v.seed === undefined && v.final === undefined, () => `${who} holds the seed`);
  const principal = viewer === '0' || viewer === '1' ? viewer : null;

  // Agendas, mandate, postures, stats, sealed statements: one's own only.
  same(v.agendas, principal ? { [principal]: G.agendas[principal] } : {}, `${who}: agendas`);
  same(v.mandate, viewer === '2' ? G.mandate : undefined, `${who}: mandate`);
  same(v.postures, principal ? { [principal]: G.postures[principal] } : {}, `${who}: postures`);
  // The broker's count of memos written leaves out drafts until drafting ends.
  const drafts = G.memos.filter((m) => m.status === 'draft').length;
  same(
    v.stats,
    viewer === '2' && G.stats
      ? { ...G.stats, memosWritten: G.stats.memosWritten - drafts }
      : undefined,
    `${who}: stats`,
  );
  const sealed = viewer === null ? undefined : G.sealedStatements[viewer];
  same(v.sealedStatements, sealed ? { [viewer!]: sealed } : {}, `${who}: sealed statements`);

  // Attribution: B its directed incidents only; nobody else anything.
  const directed = Object.fromEntries(
    Object.entries(G.attributions).filter(([, w]) => w === 'directed'),
  );
  same(v.attributions, viewer === '1' ? directed : {}, `${who}: attributions`);

  // Breakout: B the true value; A and the broker only through a verified inspections deal.
  const seesTrue = viewer === '1' || ((viewer === '0' || viewer === '2') && revealed);
  same(
    v.breakout,
    seesTrue
      ? { estimate: G.breakout.estimate, true: G.breakout.true }
      : { estimate: G.breakout.estimate },
    `${who}: breakout`,
  );

  // Memos: the broker every submitted memo as written with its delivery; an author its own,
  // without the broker's handling; the spectator none.
  if (viewer === '2')
    same(
      v.memos,
      G.memos.filter((x) => x.status !== 'draft'),
      `${who}: memos`,
    );
  else if (principal) {
    const own = G.memos.filter((x) => x.author === principal);
    same(
      v.memos.map((x) => x.id),
      own.map((x) => x.id),
      `${who}: memo ids`,
    );
    v.memos.forEach((x, i) => {
      const real = own[i]!;
      assert(
        x.author === principal &&
          x.text === real.text &&
          isDeepStrictEqual(x.clauses, real.clauses) &&
          x.delivery === undefined &&
          (x.status === 'with-broker' || x.status === real.status) &&
          ['draft', 'leaked', 'expired', 'with-broker'].includes(x.status),
        () => `${who}: memo ${JSON.stringify(x)} for ${JSON.stringify(real)}`,
      );
    });
  } else same(v.memos, [], `${who}: memos`);

  // Proposals: the broker all; a principal what was delivered to it, in the delivered wording.
  if (viewer === '2') same(v.proposals, G.proposals, `${who}: proposals`);
  else if (principal) {
    const visible = G.proposals.filter((p) => principalSees(p, principal));
    same(
      v.proposals.map((p) => p.id),
      visible.map((p) => p.id),
      `${who}: proposal ids`,
    );
    v.proposals.forEach((p, i) => {
      const real = visible[i]!;
      const answers: Proposal['answers'] = {};
      if (real.answers[principal]) answers[principal] = real.answers[principal];
      if (!real.recipients.includes(principal)) answers[real.recipients[0]!] = 'accept';
      same(p.answers, answers, `${who}: answers to ${p.id}`);
      same(
        [p.parts, p.clauses, p.shown, p.text, p.stage, p.due, p.dueRound],
        [undefined, real.clauses, real.shown, real.text, real.stage, real.due, real.dueRound],
        `${who}: proposal ${p.id}`,
      );
      if (real.kind === 'relay') {
        // What is shown is what the broker delivered, never the memo as written.
        const memo = G.memos.find((x) => x.id === real.memoId)!;
        same([real.shown, real.text], [memo.delivery!.clauses, memo.delivery!.text], 'delivery');
      }
    });
  } else same(v.proposals, [], `${who}: proposals`);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What each viewer must never find in its view, whatever happens in the match. */
function forbiddenFor(p: Played): Map<Seat | null, RegExp> {
  const G = p.t.G;
  const agenda = (seat: PrincipalSeat) =>
    (G.agendas[seat] ?? []).flatMap((c) => [`"${c.id}"`, c.text]);
  const mandate = G.mandate ? [`"${G.mandate.id}"`, G.mandate.text] : [];
  return new Map(
    VIEWERS.map((viewer) => {
      const forbidden = [p.plan.seed, '"seed"', '"rogue"'];
      if (viewer !== '0') forbidden.push(...agenda('0'), '"enforcement"');
      if (viewer !== '1') forbidden.push(...agenda('1'), '"proxyLeash"', '"directed"');
      if (viewer !== '2') forbidden.push(...mandate, '"memosWritten"', '"parts"', '"delivery"');
      return [viewer, new RegExp(forbidden.map(escape).join('|'))];
    }),
  );
}

const MARKER = /SECRET-[AB]-\d+#/g;

/** Planted: search each serialised view for the strings it must not hold. */
function planted(p: Played, json: Map<Seat | null, string>): void {
  const { t, markers } = p;
  const G = t.G;
  p.forbidden ??= forbiddenFor(p);
  const own = (viewer: Seat | null) =>
    viewer === '0' || viewer === '1'
      ? (G.agendas[viewer] ?? []).map((c) => c.text)
      : viewer === '2'
        ? [G.mandate!.text]
        : [];
  const found = new Map<Seat | null, Set<string>>();
  for (const viewer of VIEWERS) {
    const text = json.get(viewer)!;
    const hit = p.forbidden.get(viewer)!.exec(text);
    assert(hit === null, () => `the view of ${viewer} holds ${hit![0]}`);
    // Each seat does see its own.
    for (const s of own(viewer)) assert(text.includes(s), () => `the view of ${viewer} lacks ${s}`);
    found.set(viewer, new Set(text.match(MARKER)));
  }
  for (const [marker, author] of markers) {
    const memo = G.memos.find((x) => x.text.includes(marker))!;
    const leaked = G.feed.some((f) => f.kind === 'leak' && f.memo?.id === memo.id);
    for (const viewer of VIEWERS) {
      const has = found.get(viewer)!.has(marker);
      let may: boolean;
      if (leaked || viewer === author) may = true;
      else if (viewer === '2') may = memo.status !== 'draft';
      else if (viewer === null) may = false;
      else
        may = G.proposals.some(
          (x) =>
            x.kind === 'relay' &&
            x.memoId === memo.id &&
            x.recipients.includes(viewer) &&
            x.text.includes(marker),
        );
      const why = () =>
        `the view of ${viewer} ${has ? 'holds' : 'lacks'} ${marker} (${memo.status})`;
      assert(may || !has, why);
      // The author and (once submitted) the broker always hold the memo as written; the
      // spectator only once it leaked.
      if (viewer === author || (viewer === '2' && memo.status !== 'draft')) assert(has, why);
      if (viewer === null) assert(has === leaked, why);
    }
  }
}

/** How often the privacy property met each situation worth checking (counted once per match). */
const met = {
  revealed: new Set<string>(),
  directed: new Set<string>(),
  leakedMarker: new Set<string>(),
  deliveredMarker: new Set<string>(),
  struckMarker: new Set<string>(),
  ratification: new Set<string>(),
  expired: new Set<string>(),
  bundle: new Set<string>(),
};

function tally({ t, plan, markers }: Played, revealed: boolean): void {
  const G = t.G;
  const id = `${plan.seed}/${plan.choices}`;
  if (revealed) met.revealed.add(id);
  if (Object.values(G.attributions).includes('directed')) met.directed.add(id);
  if (G.memos.some((x) => x.status === 'expired')) met.expired.add(id);
  if (G.proposals.some((x) => x.kind === 'bundle')) met.bundle.add(id);
  if (G.proposals.some((x) => x.stage === 'ratification')) met.ratification.add(id);
  for (const marker of markers.keys()) {
    const memo = G.memos.find((x) => x.text.includes(marker))!;
    if (memo.status === 'leaked') met.leakedMarker.add(id);
    if (memo.status === 'relayed')
      (memo.delivery!.text.includes(marker) ? met.deliveredMarker : met.struckMarker).add(id);
  }
}

const privacy: Check = (p) => {
  const G = p.t.G;
  if (G.step === 'over') return;
  const revealed = breakoutRevealed(G, p.t.scenario);
  tally(p, revealed);
  const step = `${G.round}/${G.step}`;
  const newStep = step !== p.lastStep;
  p.lastStep = step;
  const json = new Map<Seat | null, string>();
  for (const viewer of VIEWERS) {
    const v = viewFor(G, viewer);
    structure(G, viewer, v, revealed, newStep);
    json.set(viewer, JSON.stringify(v));
  }
  planted(p, json);
};

// Each property runs for seconds: allow for a loaded machine.
const LONG = { timeout: 120_000 };

describe('random legal play to the end of the match', () => {
  it('throws nothing, keeps every track in range and ends within its rounds', LONG, () => {
    const seen = { war: 0, rounds: 0, walkout: 0, scenarios: new Set<string>() };
    fc.assert(
      fc.property(planArb, (plan) => {
        const p = play(plan, inRange);
        ended(p);
        seen[p.t.G.final!.reason]++;
        seen.scenarios.add(plan.scenario);
      }),
      { numRuns: 700 },
    );
    expect(seen.rounds).toBeGreaterThan(0);
    expect(seen.scenarios.size).toBe(2);
  });

  it(
    'enumerates only legal moves, and the same ones on a seat view as on the full state',
    LONG,
    () => {
      fc.assert(
        fc.property(planArb, (plan) => {
          ended(play(plan, enumerationAgrees));
        }),
        { numRuns: 130 },
      );
    },
  );

  it('never shows a seat what it may not see, structurally or by planted secrets', LONG, () => {
    let markers = 0;
    fc.assert(
      fc.property(planArb, (plan) => {
        const p = play(plan, privacy);
        ended(p);
        markers += p.markers.size;
      }),
      { numRuns: 170 },
    );
    expect(markers).toBeGreaterThan(200);
    // The runs met the situations that matter (inspections that reveal breakout are rarer and
    // have their own test in view.test.ts).
    for (const [situation, matches] of Object.entries(met))
      if (situation !== 'revealed') expect(matches.size, situation).toBeGreaterThan(0);
  });
});
