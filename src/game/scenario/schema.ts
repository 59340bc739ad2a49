// The scenario file format. Everything a table plays on (names, tracks, the clause catalog with
// its effects and valuations, the incident deck, agenda and mandate decks and every tunable number)
// is data validated here, so an instructor can copy a scenario and change it without touching code.
import { z } from 'zod';

const int = z.number().int();
const probability = z.number().min(0).max(1);
const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'a lower-case identifier (letters, digits, "_" or "-")');

const range = z
  .object({ min: int, max: int, start: int })
  .strict()
  .superRefine((r, ctx) => {
    if (r.min > r.max)
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `must be at least min (${r.min}), got ${r.max}`,
      });
    else if (r.start < r.min || r.start > r.max)
      ctx.addIssue({
        code: 'custom',
        path: ['start'],
        message: `must lie between min and max (${r.min} to ${r.max}), got ${r.start}`,
      });
  });

export const TRACK_NAMES = [
  'escalation',
  'breakout',
  'oilLeak',
  'oilPrice',
  'pressureA',
  'pressureB',
  'capital',
] as const;
export type TrackName = (typeof TRACK_NAMES)[number];

const trackDeltas = z
  .object({
    escalation: int.optional(),
    breakout: int.optional(),
    oilLeak: int.optional(),
    oilPrice: int.optional(),
    pressureA: int.optional(),
    pressureB: int.optional(),
    capital: int.optional(),
  })
  .strict();

const clauseEffects = z
  .object({
    tracks: trackDeltas.optional(),
    /** Credit to each principal that signed the deal. */
    creditSigners: int.min(0).optional(),
    /** Added to the per-incident probability while the deal holds (negative lowers it). */
    incidentOdds: z.number().min(-1).max(0).optional(),
    /** Breakout cannot rise while the deal holds. */
    freezeBreakout: z.boolean().optional(),
    /** The true breakout value is shown to A and the broker while the deal holds. */
    revealBreakout: z.boolean().optional(),
    /** This clause, verified or signed in the same deal, makes the named clause verify one round faster. */
    speedsUp: identifier.optional(),
    /** B's pressure no longer rises from a low oilLeak while the deal holds. */
    easesOilDependence: z.boolean().optional(),
    /** A cannot choose the `interdict` posture for this many rounds after verification. */
    blocksInterdictionRounds: int.min(0).optional(),
  })
  .strict();

const clauseSize = z
  .object({
    id: identifier,
    label: z.string().min(1).max(40),
    /** Summed by `clauseTotal` objectives: billions of dollars, days, percent, lanes… */
    magnitude: z.number().min(0),
    effects: clauseEffects,
    /** What this clause, verified, is worth to each principal (its valuation table). */
    value: z.object({ A: z.number(), B: z.number() }).strict(),
  })
  .strict();

const clause = z
  .object({
    id: identifier,
    name: z.string().min(1).max(60),
    summary: z.string().min(1).max(200),
    giver: z.enum(['A', 'B', 'both']),
    sizes: z.array(clauseSize).min(1).max(4),
    verifyRounds: int.min(0).max(6),
  })
  .strict();

const scenarioRule = z
  .object({
    kind: z.literal('requires'),
    clause: identifier,
    sizes: z.array(identifier).min(1),
    needs: identifier,
    text: z.string().min(1).max(200),
  })
  .strict();

const comparison = z.enum(['atMost', 'atLeast']);

const objective = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('track'),
      track: z.enum(TRACK_NAMES),
      op: comparison,
      value: int,
    })
    .strict(),
  z
    .object({
      kind: z.literal('clauseTotal'),
      clause: identifier,
      op: comparison,
      value: z.number().min(0),
      byRound: int.min(1).optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('noVerifiedGiving'),
      giver: z.enum(['A', 'B']),
      beforeRound: int.min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal('verifiedDeals'),
      op: comparison,
      value: int.min(0),
      byRound: int.min(1).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('noWar') }).strict(),
]);

const objectiveCard = z
  .object({
    id: identifier,
    title: z.string().min(1).max(60),
    text: z.string().min(1).max(240),
    test: objective,
  })
  .strict();

const point = z.tuple([z.number().min(0).max(1), z.number().min(0).max(1)]);

const place = z.object({ id: identifier, name: z.string().min(1).max(60), at: point }).strict();

const seatInfo = z
  .object({
    name: z.string().min(1).max(40),
    /** Who speaks for the seat, shown on the desk ("The White House", "The Amiri Diwan"). */
    title: z.string().min(1).max(60),
    /** The id of the seat's capital among `theatre.places`. */
    capital: identifier,
  })
  .strict();

const incidentCard = z
  .object({
    id: identifier,
    headline: z.string().min(1).max(120),
    /** Where it strikes: an id among `theatre.places`. */
    place: identifier,
    effects: trackDeltas,
  })
  .strict();

/** A seminar inject: an event the facilitator may send to a table (docs/SEMINAR.md). */
const injectCard = z
  .object({
    id: identifier,
    headline: z.string().min(1).max(140),
    summary: z.string().min(1).max(300).optional(),
    effects: trackDeltas,
  })
  .strict();

const postureTable = <K extends string>(keys: readonly [K, ...K[]]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, int])) as Record<K, typeof int>).strict();

const tunables = z
  .object({
    incidents: z
      .object({
        base: probability,
        perEscalation: probability,
        leash: z.object({ restrain: z.number(), loose: z.number(), unleash: z.number() }).strict(),
        /** The second incident's probability is the first one's times this factor. */
        secondFactor: probability,
        max: probability,
        /** Share of incidents that are directed while B's leash is `unleash`. */
        directedShare: probability,
      })
      .strict(),
    strain: z
      .object({
        /** Chance that an unverified deal survives one incident. */
        integrity: probability,
        perEscalation: probability,
        directedPenalty: probability,
        /**
         * Standing at home holds a deal together: survival rises by this much for each point of
         * credit of the less-credited principal (both signed it). 0 (the default) leaves it out.
         */
        creditShield: probability.default(0),
      })
      .strict(),
    postures: z
      .object({
        enforcementLeak: postureTable(['relax', 'hold', 'tighten', 'interdict'] as const),
        leashLeak: postureTable(['restrain', 'loose', 'unleash'] as const),
        enrichment: postureTable(['pause', 'steady', 'advance'] as const),
        interdiction: z.object({ oilPrice: int, escalation: int }).strict(),
      })
      .strict(),
    pressure: z
      .object({
        hardenedAt: int,
        walkoutAt: int,
        walkoutResetTo: int,
        escalationAbove: int,
        oilPriceAbove: int,
        oilLeakBelow: int,
        drift: int,
        creditRelief: int,
      })
      .strict(),
    breakout: z
      .object({
        estimateError: int.min(0),
        crisisEscalation: int,
        crisisPressureA: int,
        resetTo: int,
      })
      .strict(),
    mediation: z
      .object({
        hoursPerRound: int.min(1),
        turnaroundHours: int.min(1),
        reframeCost: int.min(0),
        bundleCost: int.min(0),
        tableCost: int.min(0),
        leakCapital: int.min(0),
        leakPressure: int.min(0),
        expiryCapital: int.min(0),
        expiryPressure: int.min(0),
        exposureChance: probability,
        exposureCapital: int.min(0),
        /**
         * Broker credit a leak moves: + when the leaked memo gives nothing of its author's (it
         * exposes posturing), − when it gives something (the table sees a real offer burned).
         * 0 (the default) leaves credit alone.
         */
        leakCredit: int.min(0).default(0),
      })
      .strict(),
    press: z
      .object({
        claimCredit: int.min(0),
        blameCredit: int.min(0),
        blamePressure: int.min(0),
        brokerFreeClaims: int.min(0),
        brokerClaimCapital: int.min(0),
      })
      .strict(),
    scoring: z
      .object({
        objective: int.min(0),
        warPenalty: int.min(0),
        brokerPerDeal: int.min(0),
        mandate: int.min(0),
        principalMax: z.number().positive(),
        brokerMax: z.number().positive(),
        /**
         * Points a principal loses at the end for each response step in which it turned down
         * everything put to it that it could accept (stonewalling). 0 (the default) leaves it out.
         */
        stonewall: int.min(0).default(0),
        /**
         * Broker points for each unit of capital it still holds at the end (1, the default: at
         * face value). Below 1, capital is worth more spent on mediation than hoarded.
         */
        brokerCapital: z.number().min(0).max(1).default(1),
      })
      .strict(),
    outcome: z.object({ durableDeals: int.min(1), durableEscalation: int }).strict(),
  })
  .strict();

export const ScenarioSchema = z
  .object({
    id: identifier,
    name: z.string().min(1).max(80),
    summary: z.string().min(1).max(600),
    fictional: z.boolean(),
    rounds: int.min(4).max(12),
    seats: z.object({ A: seatInfo, B: seatInfo, broker: seatInfo }).strict(),
    theatre: z
      .object({
        name: z.string().min(1).max(80),
        places: z.array(place).min(3),
        lanes: z
          .array(
            z
              .object({
                id: identifier,
                name: z.string().min(1).max(60),
                path: z.array(point).min(2),
              })
              .strict(),
          )
          .min(1),
      })
      .strict(),
    tracks: z
      .object({
        escalation: range,
        breakout: range,
        oilLeak: range,
        oilPrice: range,
        pressure: range,
        capital: range,
        credit: range,
      })
      .strict(),
    catalog: z.array(clause).min(3),
    rules: z.array(scenarioRule),
    incidents: z.array(incidentCard).min(3),
    agendas: z
      .object({ A: z.array(objectiveCard).min(2), B: z.array(objectiveCard).min(2) })
      .strict(),
    mandates: z.array(objectiveCard).min(1),
    /** The facilitator's inject library; a scenario without one has none. */
    injects: z.array(injectCard).max(40).default([]),
    tunables,
  })
  .strict()
  .superRefine((s, ctx) => {
    // Cross-references the type system cannot see: every id a scenario names must exist.
    const clauseIds = new Set(s.catalog.map((c) => c.id));
    const placeIds = new Set(s.theatre.places.map((p) => p.id));
    const dupes = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });

    for (const id of dupes(s.catalog.map((c) => c.id)))
      issue(['catalog'], `clause id "${id}" appears twice`);
    for (const id of dupes(s.incidents.map((c) => c.id)))
      issue(['incidents'], `incident id "${id}" appears twice`);
    for (const id of dupes(s.injects.map((c) => c.id)))
      issue(['injects'], `inject id "${id}" appears twice`);
    s.catalog.forEach((c, i) => {
      for (const id of dupes(c.sizes.map((z) => z.id)))
        issue(['catalog', i, 'sizes'], `size id "${id}" appears twice`);
      c.sizes.forEach((size, j) => {
        const target = size.effects.speedsUp;
        if (target !== undefined && !clauseIds.has(target))
          issue(
            ['catalog', i, 'sizes', j, 'effects', 'speedsUp'],
            `names clause "${target}", which is not in the catalog`,
          );
      });
    });
    s.rules.forEach((r, i) => {
      const subject = s.catalog.find((c) => c.id === r.clause);
      if (!subject) issue(['rules', i, 'clause'], `names clause "${r.clause}", not in the catalog`);
      if (!clauseIds.has(r.needs))
        issue(['rules', i, 'needs'], `names clause "${r.needs}", not in the catalog`);
      for (const size of r.sizes)
        if (subject && !subject.sizes.some((z) => z.id === size))
          issue(['rules', i, 'sizes'], `clause "${r.clause}" has no size "${size}"`);
    });
    for (const [seat, info] of Object.entries(s.seats))
      if (!placeIds.has(info.capital))
        issue(['seats', seat, 'capital'], `names place "${info.capital}", not in theatre.places`);
    s.incidents.forEach((card, i) => {
      if (!placeIds.has(card.place))
        issue(['incidents', i, 'place'], `names place "${card.place}", not in theatre.places`);
    });
    const cards = [
      ...s.agendas.A.map((c, i) => ({ c, path: ['agendas', 'A', i] })),
      ...s.agendas.B.map((c, i) => ({ c, path: ['agendas', 'B', i] })),
      ...s.mandates.map((c, i) => ({ c, path: ['mandates', i] })),
    ];
    for (const { c, path } of cards) {
      if (c.test.kind === 'clauseTotal' && !clauseIds.has(c.test.clause))
        issue([...path, 'test', 'clause'], `names clause "${c.test.clause}", not in the catalog`);
    }
    if (s.tunables.pressure.walkoutResetTo >= s.tunables.pressure.walkoutAt)
      issue(['tunables', 'pressure', 'walkoutResetTo'], 'must be below walkoutAt');
    if (
      s.tunables.breakout.resetTo < s.tracks.breakout.min ||
      s.tunables.breakout.resetTo >= s.tracks.breakout.max
    )
      issue(['tunables', 'breakout', 'resetTo'], 'must lie in the breakout range, below its max');
  });

export type Scenario = z.infer<typeof ScenarioSchema>;
export type ClauseDef = Scenario['catalog'][number];
export type ClauseSizeDef = ClauseDef['sizes'][number];
export type ClauseEffects = ClauseSizeDef['effects'];
export type TrackDeltas = NonNullable<ClauseEffects['tracks']>;
export type ObjectiveCard = Scenario['mandates'][number];
export type Objective = ObjectiveCard['test'];
export type IncidentCard = Scenario['incidents'][number];
export type Tunables = Scenario['tunables'];
