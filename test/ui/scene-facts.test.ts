// What the Phaser table states without drawing (src/game/model/scene.ts, read by the widgets):
// real states of fixed-seed matches of both scenarios, through the seat model, to what each widget
// will draw. A deal's verification is counted as the rules count it (an inspections clause speeds
// up the enrichment cap it is signed with), a pressure in its hardened or walkout zone says so, the
// dial's steps take the match's step lengths (a 24-hour-step preset included) and its hand keeps
// its place while paused, and the couriers and headlines are the seat's own memos, proposals and
// this round's incidents.
import { describe, expect, it } from 'vitest';
import { makePrng } from '../../src/bots/engine';
import type { Rules } from '../../src/game/context';
import { applyFacilitate } from '../../src/game/facilitation';
import { dangerZones } from '../../src/game/facts';
import { dealsOf, dialAt, dialOf, gaugesOf, mapOf, sceneModel } from '../../src/game/model/scene';
import { TIMER_PRESETS } from '../../src/game/options';
import { getScenario } from '../../src/game/scenario';
import { seatModel, type SeatModel } from '../../src/game/seat-model';
import { setupMatch } from '../../src/game/setup';
import type { BackchannelState, Seat, SeatView } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { capitalPoints, makeProjection } from '../../src/scenes/mapArt';
import { incidentPoint } from '../../src/scenes/widgets/board';
import { looksInternal } from '../../src/game/words';
import { capWithInspections, midMatch } from './scene-states';
import { SCENARIOS, allDone, randomSeatViews, rebalanced } from './states';

const model = (view: SeatView, seat: Seat | null, now = 0): SeatModel =>
  seatModel(view, seat, () => now);

describe.each(SCENARIOS)('%s: the deals panel', (id) => {
  const m = midMatch(id);

  it('an inspections clause signed with the enrichment cap verifies a round sooner', () => {
    const s = getScenario(id);
    const [cap] = capWithInspections(id);
    const base = s.catalog.find((c) => c.id === cap!.id)!.verifyRounds;
    for (const seat of ['0', '1', '2'] as const) {
      const deals = dealsOf(model(m.signed[seat], seat));
      expect(deals.counts).toEqual({ verifying: 1, verified: 0, collapsed: 0 });
      const [row] = deals.rows;
      // The catalog alone says 2 rounds for the cap; the rules, one fewer with inspections.
      expect(base).toBe(2);
      expect(row!.pips).toBe(base - 1);
      expect(row!.done).toBe(row!.pips - m.signed[seat].deals[0]!.verifyLeft);
      // The model's words for it: it verifies at the next resolution (not "at this one").
      expect(row!.statusText).toBe('Verifies at the next resolution');
      expect(row!.title).toMatch(/^Enrichment cap, .+ \+ Inspections, .+$/);
      expect(looksInternal(row!.title)).toBe(false);
    }
  });
});

describe.each(SCENARIOS)('%s: the gauges', (id) => {
  const s = getScenario(id);
  const zones = dangerZones(s);
  const hardenedAt = zones.pressureA.find((z) => z.kind === 'hardened')!.from;
  const walkoutAt = zones.pressureA.find((z) => z.kind === 'walkout')!.from;

  it('a hardened pressure says so, and its zones are hatched from where the rule bites', () => {
    const found = randomSeatViews(6, `ui-scene-${id}`, 3).find(
      (v) =>
        v.view.options.scenario === id &&
        v.view.tracks.pressureA >= hardenedAt &&
        v.view.tracks.pressureA < walkoutAt,
    );
    expect(found, 'a real state with A hardened').toBeDefined();
    const gauges = gaugesOf(model(found!.view, found!.seat));
    const a = gauges.find((g) => g.key === 'pressureA')!;
    expect(a.value).toBe(found!.view.tracks.pressureA);
    expect(a.note).toBe('hardened');
    expect(a.alarm).toBe(false);
    expect(a.zones.map((z) => [z.kind, z.from])).toEqual([
      ['hardened', hardenedAt],
      ['walkout', walkoutAt],
    ]);
  });

  it('a walkout pressure warns, and each gauge has the model’s value and range', () => {
    // Pressure pushed into the walkout zone, as leaks and blame do.
    const r = midMatch(id);
    const view = {
      ...r.incident['2'],
      tracks: { ...r.incident['2'].tracks, pressureB: walkoutAt },
    };
    const gauges = gaugesOf(model(view, '2'));
    const b = gauges.find((g) => g.key === 'pressureB')!;
    expect(b.note).toBe('walks out');
    expect(b.alarm).toBe(true);
    for (const g of gauges) {
      const t = s.tracks[g.key === 'pressureA' || g.key === 'pressureB' ? 'pressure' : g.key];
      expect([g.min, g.max]).toEqual([t.min, t.max]);
      expect(looksInternal(`${g.label} ${g.short} ${g.note}`)).toBe(false);
    }
  });

  it('breakout: an estimate is marked as one; a seat that sees the true value gets the estimate as a tick', () => {
    const m = midMatch(id);
    const broker = gaugesOf(model(m.incident['2'], '2')).find((g) => g.key === 'breakout')!;
    expect(broker.text).toBe(`≈${m.incident['2'].breakout.estimate}`);
    expect(broker.label).toMatch(/\(estimate\)$/);
    expect(broker.marker).toBeNull();
    const tehran = gaugesOf(model(m.incident['1'], '1')).find((g) => g.key === 'breakout')!;
    expect(tehran.text).toBe(String(m.incident['1'].breakout.true));
    expect(tehran.marker).toBe(m.incident['1'].breakout.estimate);
    expect(tehran.note).toBe(`est. ${m.incident['1'].breakout.estimate}`);
  });
});

/** A timed match at the start of drafting, and a hand on its clock (ms). */
function timedMatch(id: string, timers: 'seminar' | 'correspondence') {
  let now = 1_000;
  const G: BackchannelState = setupMatch(
    { scenario: id, timers },
    makePrng(`ui-dial-${id}`),
    () => now,
  );
  const r: Rules = {
    G,
    scenario: getScenario(id),
    prng: makePrng(`ui-dial-${id}`),
    now: () => now,
  };
  return { r, at: (t: number) => (now = t) };
}

describe('the round’s dial', () => {
  it.each([...SCENARIOS, ...SCENARIOS.map(rebalanced)])('%s: hours from the scenario', (id) => {
    const hours = getScenario(id).tunables.mediation.hoursPerRound;
    const { r } = timedMatch(id, 'seminar');
    allDone(r);
    const dial = dialOf(model(viewFor(r.G, '2'), '2'), viewFor(r.G, '2'));
    expect(dial.roundHours).toBe(hours);
    expect(dial.steps[dial.current]!.step).toBe('mediation');
    // A tick every six in-game hours, a major one at each day: the round's own, not 72 hours'.
    expect(dial.ticks).toHaveLength(hours / 6);
    expect(dial.ticks.filter((t) => t.major).map((t) => t.at * hours)).toEqual(
      Array.from({ length: hours / 24 }, (_, d) => d * 24),
    );
  });

  it.each(SCENARIOS)('%s: a 24-hour-step preset: equal steps, a day’s countdown', (id) => {
    const { r } = timedMatch(id, 'correspondence');
    const view = viewFor(r.G, '0');
    const day = TIMER_PRESETS.correspondence.drafting * 1000;
    expect(day).toBe(24 * 3600 * 1000);
    // Half the drafting day gone.
    const now = view.clock.deadline! - day / 2;
    const dial = dialOf(model(view, '0', now), view);
    expect(dial.steps.map((s) => [s.name, s.seconds, s.from])).toEqual([
      ['Drafting', 86400, 0],
      ['Mediation', 86400, 0.25],
      ['Response', 86400, 0.5],
      ['Press', 86400, 0.75],
    ]);
    const t = dialAt(dial, now);
    expect(t.stepFraction).toBeCloseTo(0.5);
    expect(t.roundFraction).toBeCloseTo(0.125);
    expect(t.hour).toBe(Math.floor(0.125 * getScenario(id).tunables.mediation.hoursPerRound));
    expect(t.text).toBe('12:00:00 left');
    expect(t.short).toBe('12:00:00');
    // A day later the step's clock has run out, the countdown with it.
    expect(dialAt(dial, now + day).text).toBe('0:00 left');
  });

  it.each(SCENARIOS)('%s: a preset’s unequal steps take their share of the round', (id) => {
    const { r } = timedMatch(id, 'seminar');
    const view = viewFor(r.G, '1');
    const dial = dialOf(model(view, '1'), view);
    const p = TIMER_PRESETS.seminar;
    const total = p.drafting + p.mediation + p.response + p.press;
    expect(dial.steps[1]!.from).toBeCloseTo(p.drafting / total);
    expect(dial.steps[3]!.from).toBeCloseTo((p.drafting + p.mediation + p.response) / total);
    expect(dial.waiting).toBe(`Waiting for ${getScenario(id).seats.A.name}, you`);
  });

  it.each(SCENARIOS)('%s: paused mid-step, the hand keeps its place and says paused', (id) => {
    const { r, at } = timedMatch(id, 'seminar');
    const step = TIMER_PRESETS.seminar.drafting * 1000;
    const half = r.G.clock.deadline! - step / 2;
    at(half);
    applyFacilitate(r, { kind: 'pause' });
    const view = viewFor(r.G, '2');
    const dial = dialOf(model(view, '2', half + 60_000), view);
    const t = dialAt(dial, half + 60_000);
    expect(t.stepFraction).toBeCloseTo(0.5);
    expect(t.text).toBe('paused · 1:15');
    expect(t.short).toBe('paused');
    // Resumed a minute later: the hand goes on from where it stood.
    at(half + 60_000);
    applyFacilitate(r, { kind: 'resume' });
    const resumed = viewFor(r.G, '2');
    const after = dialAt(dialOf(model(resumed, '2', half + 60_000), resumed), half + 60_000);
    expect(after.stepFraction).toBeCloseTo(0.5);
  });
});

describe.each(SCENARIOS)('%s: what moves on the map', (id) => {
  const m = midMatch(id);

  it('both memos travel to the broker, and the broker sees both; a principal only its own', () => {
    const broker = mapOf(model(m.mediation['2'], '2'), m.mediation['2']);
    const inbound = broker.trips.filter((t) => t.key.startsWith('memo:'));
    expect(inbound.map((t) => [t.from, t.to])).toEqual(
      expect.arrayContaining([
        ['0', '2'],
        ['1', '2'],
      ]),
    );
    expect(broker.inHand).toBe(2);
    const a = mapOf(model(m.mediation['0'], '0'), m.mediation['0']);
    expect(a.trips.every((t) => t.from === '0' || t.to === '0')).toBe(true);
    expect(a.inHand).toBe(0);
    // A spectator is told of no memo.
    const watcher = m.mediation.spectator;
    expect(mapOf(model(watcher, null), watcher).trips).toEqual([]);
  });

  it('a relayed memo travels from the broker to the side it was delivered to', () => {
    const b = mapOf(model(m.response['1'], '1'), m.response['1']);
    const before = new Set(
      mapOf(model(m.mediation['1'], '1'), m.mediation['1']).trips.map((t) => t.key),
    );
    const fresh = b.trips.filter((t) => !before.has(t.key));
    expect(fresh.map((t) => [t.from, t.to, t.leg])).toEqual([['2', '1', 1]]);
  });

  it('this round’s incident strikes where it happened, once, and stays marked', () => {
    const view = m.incident['1'];
    const s = sceneModel(model(view, '1'), view);
    const inc = view.incidents.filter((i) => i.round === view.round);
    expect(inc.length).toBeGreaterThan(0);
    expect(s.map.strikes.map((x) => x.id)).toEqual(inc.map((i) => i.id));
    expect(s.map.strikes[0]!.placeId).toBe(inc[0]!.place);
    expect(s.map.strikes[0]!.headline).toBe(inc[0]!.headline);
    expect(s.map.marks.filter((x) => x.current).length).toBe(inc.length);
    // Seen at the start of the step, it is no longer among what changed: no second strike.
    const seen = model(view, '1').seen;
    expect(
      mapOf(
        seatModel(view, '1', () => 0, seen),
        view,
      ).strikes,
    ).toEqual([]);
  });
});

describe.each(SCENARIOS)('%s: where an incident is starred', (id) => {
  it('beside a capital’s mark, clear of the names; elsewhere on its place', () => {
    const s = getScenario(id);
    const unit = 12;
    const proj = makeProjection({ x: 0, y: 0, w: 420, h: 420 }, unit);
    const capitals = capitalPoints(s, proj);
    // A name just up and to the left of B's capital: the star takes another diagonal.
    const [bx, by] = capitals['1'];
    const theatre = { proj, capitals, taken: [{ x: bx - 30, y: by - 30, w: 25, h: 25 }] };
    const star = incidentPoint(s, theatre, s.seats.B.capital, unit)!;
    expect(Math.hypot(star[0] - bx, star[1] - by)).toBeGreaterThan(unit);
    expect(star[0] < bx && star[1] < by).toBe(false);
    const sea = s.theatre.places.find(
      (p) => !Object.values(s.seats).some((seat) => seat.capital === p.id),
    )!;
    expect(incidentPoint(s, theatre, sea.id, unit)).toEqual(proj.at(sea.at));
  });
});
