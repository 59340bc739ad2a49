/**
 * The rules reference (`#/rules/<scenarioId>`, src/ui/rules.ts) and the desks' help next to each
 * control, built from a scenario file: every clause with its effect, giver, sizes and verification
 * time; every posture with its numbers; the round's steps and who acts; the seats and what each
 * sees; the broker's tools and their costs; incidents; press; scoring, agendas and mandates.
 *
 * Pure functions from a Scenario to sections of text. Every number is read from the scenario (or
 * from the rules' own constants), never restated here, so a rebalanced file changes the page and
 * the help with it (test/game/rules-reference.test.ts holds them against the files).
 */
import {
  BROKER,
  MAX_CLAUSES,
  MAX_MEMOS_PER_ROUND,
  MAX_NOTE,
  MAX_SPANS,
  MAX_TEXT,
  REDACTED,
} from '../constants';
import { HARDENED_MAX_GIVEN, dangerZones, mediationCosts } from '../facts';
import { seatsFor } from '../flow';
import { MAX_ROUNDS, MIN_ROUNDS, TIMED_STEPS, TIMER_PRESETS } from '../options';
import { DEFAULT_POSTURE_B } from '../incidents';
import { seatName } from '../names';
import { DEFAULT_SCENARIO, getScenario, scenarioIds } from '../scenario';
import {
  TRACK_NAMES,
  type ClauseDef,
  type ClauseSizeDef,
  type Scenario,
  type TrackName,
} from '../scenario/schema';
import { postureEffects, trackLabel } from '../seat-model';
import type { Enforcement, Enrichment, ProxyLeash, Seat, Step } from '../types';
import {
  DANGER_WORDS,
  ENFORCEMENT_WORDS,
  ENRICHMENT_WORDS,
  LEASH_WORDS,
  ROLE_NAMES,
  STEP_HELP,
  STEP_NAMES,
  TRACK_WORDS,
  plural,
  signed,
  signedPercent,
} from '../words';

/** One named item: a term and what it means. */
export interface RulesEntry {
  term: string;
  text: string;
}

/** A clause, a posture or a tool: a titled card of labelled lines (and a list, e.g. its sizes). */
export interface RulesCard {
  id: string;
  title: string;
  text: string;
  lines: RulesEntry[];
  list: RulesEntry[];
}

export type RulesBlock =
  | { kind: 'text'; text: string }
  | { kind: 'entries'; items: RulesEntry[] }
  | { kind: 'cards'; cards: RulesCard[] }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][] };

export interface RulesSection {
  id: string;
  title: string;
  blocks: RulesBlock[];
}

export interface RulesReference {
  scenarioId: string;
  name: string;
  summary: string;
  sections: RulesSection[];
}

/** A clause of the catalog as the reference and the composer's help describe it. */
export interface ClauseEntry {
  id: string;
  name: string;
  summary: string;
  giverName: string;
  /** The catalog's verification rounds, before any speed-up. */
  verifyRounds: number;
  verifyText: string;
  sizes: { id: string; label: string; effects: string; value: string }[];
  /** A scenario rule on some of its sizes ("needs a shipping corridor"), or null. */
  rule: string | null;
}

/** The broker's tools, in the order the desk shows them. */
export const BROKER_TOOLS = [
  'relay',
  'redact',
  'reframe',
  'hold',
  'leak',
  'bundle',
  'table',
] as const;
export type BrokerTool = (typeof BROKER_TOOLS)[number];

export interface ToolEntry {
  id: BrokerTool;
  name: string;
  /** What it does, with its cost in words. */
  text: string;
  /** Its cost in the broker's capital (0 when free), as the tunables set it. */
  capital: number;
  cost: string;
}

// ---------------------------------------------------------------------------------------------

const SEATS: readonly Seat[] = ['0', '1', '2'];
const STEPS: readonly Exclude<Step, 'over'>[] = ['drafting', 'mediation', 'response', 'press'];

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
/** Seconds as a person reads a timer: "2:30", "24 h". */
const clock = (seconds: number) =>
  seconds % 3600 === 0
    ? `${seconds / 3600} h`
    : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
const names = (list: string[]) =>
  list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;

function giverName(scenario: Scenario, giver: ClauseDef['giver']): string {
  return giver === 'both' ? 'both sides' : seatName(scenario, giver === 'A' ? '0' : '1');
}

function deltas(scenario: Scenario, tracks: Partial<Record<TrackName, number>> | undefined) {
  return TRACK_NAMES.flatMap((k) => {
    const d = tracks?.[k] ?? 0;
    if (d === 0) return [];
    // In a sentence: "escalation −1", "pressure on Tehran −1", "Doha’s capital −1".
    const label = trackLabel(scenario, k);
    const word = TRACK_WORDS[k].label.startsWith('{') ? label : lower(label);
    return [`${word} ${signed(d)}`];
  });
}

/** What one size of a clause does once its deal is verified, in words. */
export function sizeEffects(scenario: Scenario, size: ClauseSizeDef): string {
  const e = size.effects;
  const out = deltas(scenario, e.tracks);
  if (e.creditSigners) out.push(`credit ${signed(e.creditSigners)} to each principal that signed`);
  if (e.incidentOdds) out.push(`incident odds ${signedPercent(e.incidentOdds)} while it holds`);
  if (e.freezeBreakout) out.push('breakout cannot rise while it holds');
  if (e.revealBreakout)
    out.push(
      `the true breakout is shown to ${seatName(scenario, '0')} and ${seatName(scenario, BROKER)}`,
    );
  if (e.speedsUp) {
    const target = scenario.catalog.find((c) => c.id === e.speedsUp)?.name ?? e.speedsUp;
    out.push(
      `${/^[aeiou]/i.test(target) ? 'an' : 'a'} ${target.toLowerCase()} in the same deal or a later one verifies 1 round faster`,
    );
  }
  if (e.easesOilDependence)
    out.push(`${seatName(scenario, '1')}’s pressure no longer rises from a low oil leak`);
  if (e.blocksInterdictionRounds)
    out.push(
      `${seatName(scenario, '0')} cannot interdict for ${plural(e.blocksInterdictionRounds, 'round')}`,
    );
  return out.length ? sentence(out.join(', ')) : 'No effect on the tracks';
}

/** "Verified at the resolution of the round it is signed" / "… 2 rounds after it is signed". */
export function verifyWords(rounds: number): string {
  return rounds === 0
    ? 'Verified at the resolution of the round it is signed'
    : `Verified ${plural(rounds, 'round')} after it is signed (incidents may break it until then)`;
}

/** Every clause of the catalog, in the catalog's order. */
export function clauseEntries(scenario: Scenario): ClauseEntry[] {
  return scenario.catalog.map((c) => {
    const rules = scenario.rules.filter((r) => r.clause === c.id);
    return {
      id: c.id,
      name: c.name,
      summary: c.summary,
      giverName: giverName(scenario, c.giver),
      verifyRounds: c.verifyRounds,
      verifyText: verifyWords(c.verifyRounds),
      sizes: c.sizes.map((s) => ({
        id: s.id,
        label: s.label,
        effects: sizeEffects(scenario, s),
        value: `worth ${signed(s.value.A)} to ${seatName(scenario, '0')}, ${signed(s.value.B)} to ${seatName(scenario, '1')}`,
      })),
      rule: rules.length ? rules.map((r) => r.text).join(' ') : null,
    };
  });
}

/** A clause in brief: what it does, its giver and verification time (and a rule on it). */
export function clauseAbout(scenario: Scenario, id: string): string {
  const c = clauseEntries(scenario).find((x) => x.id === id);
  if (!c) return '';
  return `${c.summary} Given by ${c.giverName}. ${c.verifyText}.${c.rule ? ` ${c.rule}` : ''}`;
}

/** The composer's help for one clause: what it does, its giver, sizes and verification time. */
export function clauseHelp(scenario: Scenario, id: string): string {
  const c = clauseEntries(scenario).find((x) => x.id === id);
  if (!c) return '';
  const sizes = c.sizes.map((s) => `${s.label}: ${lower(s.effects)}`).join('; ');
  return `${c.summary} Given by ${c.giverName}. Sizes: ${sizes}. ${c.verifyText}.${c.rule ? ` ${c.rule}` : ''}`;
}

/** What each of the broker's tools does and costs, from the tunables. */
export function brokerTools(scenario: Scenario): ToolEntry[] {
  const m = scenario.tunables.mediation;
  const cost = mediationCosts(scenario);
  const capitalWord = (n: number) => (n === 0 ? 'free' : `${n} capital`);
  const A = seatName(scenario, '0');
  const B = seatName(scenario, '1');
  const turnaround = Math.floor(m.turnaroundHours / m.hoursPerRound);
  const tools: Omit<ToolEntry, 'cost'>[] = [
    {
      id: 'relay',
      name: 'Relay',
      capital: 0,
      text: `Deliver the memo to the other principal, with a note of up to ${MAX_NOTE} characters. If the recipient accepts, it goes back to its author to ratify in the next round. Relaying as written is free.`,
    },
    {
      id: 'redact',
      name: 'Strike (redact)',
      capital: 0,
      text: `Strike clauses or passages of text (up to ${MAX_SPANS} passages) before relaying; the recipient reads ${REDACTED}. A memo with no clause left arrives as a message: read, not answered. Free.`,
    },
    {
      id: 'reframe',
      name: 'Reframe',
      capital: cost.reframe,
      text: `Deliver a clause one size up or down (at most once per clause, not on a struck one); the recipient cannot tell. Costs ${capitalWord(cost.reframe)} per reframe, owed at the relay and paid when it comes out (ratification, a leak’s exposure or the end).`,
    },
    {
      id: 'hold',
      name: 'Hold',
      capital: 0,
      text: `Keep the memo for a later mediation step. A memo may wait ${plural(turnaround, 'round')} after the round it was written; at that limit it cannot be held, and one left on the desk expires (its author’s pressure ${signed(m.expiryPressure)}, capital ${signed(-m.expiryCapital)}, public). Holding is free.`,
    },
    {
      id: 'leak',
      name: 'Leak',
      capital: cost.leak,
      text: `Publish the memo as written: its author’s pressure ${signed(m.leakPressure)}, capital ${signed(-m.leakCapital)}${m.leakCredit ? `, the broker’s credit ${signed(m.leakCredit)} if it only demands, ${signed(-m.leakCredit)} if it makes a real offer` : ''}. Each earlier reframed relay of that author is exposed with probability ${percent(m.exposureChance)} (capital ${signed(-m.exposureCapital)} each). Cannot be undone.`,
    },
    {
      id: 'bundle',
      name: 'Bundle',
      capital: cost.bundle,
      text: `Combine 2 to ${MAX_CLAUSES} clauses from pending memos of both sides into one proposal sent to both ${A} and ${B}; both must accept in the same response step. Every memo used is consumed. Costs ${capitalWord(cost.bundle)}.`,
    },
    {
      id: 'table',
      name: 'Table a proposal',
      capital: cost.table,
      text: `A proposal of your own from the catalog (1 to ${MAX_CLAUSES} clauses), sent to both principals. Costs ${capitalWord(cost.table)}.`,
    },
  ];
  return tools.map((t) => ({ ...t, cost: capitalWord(t.capital) }));
}

/** What a broker's tool does, by id (for a desk's help). */
export function toolHelp(scenario: Scenario): Record<BrokerTool, ToolEntry> {
  return Object.fromEntries(brokerTools(scenario).map((t) => [t.id, t])) as Record<
    BrokerTool,
    ToolEntry
  >;
}

// ---------------------------------------------------------------------------------------------
// Sections

function overview(s: Scenario): RulesSection {
  return {
    id: 'overview',
    title: 'The match',
    blocks: [
      { kind: 'text', text: s.summary },
      {
        kind: 'entries',
        items: [
          {
            term: 'Length',
            text: `${plural(s.rounds, 'round')} (${MIN_ROUNDS} to ${MAX_ROUNDS} can be set for a match)`,
          },
          {
            term: 'A round',
            text: `${s.tunables.mediation.hoursPerRound} in-game hours`,
          },
          {
            term: 'Setting',
            text: s.fictional ? 'Fictional states and places' : 'Real states and places',
          },
          { term: 'Theatre', text: s.theatre.name },
        ],
      },
    ],
  };
}

const SEES: Record<Seat, string> = {
  '0': 'Its own postures, memos and secret agenda; the public board; the true breakout only while a verified deal shows it.',
  '1': 'Its own postures, memos and secret agenda; the public board; the true breakout; which incidents it directed.',
  '2': 'Every memo as written once drafting ends, how it handled each, its own secret mandate and ledger; the public board.',
};

function seats(s: Scenario): RulesSection {
  const actsIn = (seat: Seat) =>
    STEPS.filter((step) => seatsFor(step).includes(seat)).map((step) => STEP_NAMES[step]);
  return {
    id: 'seats',
    title: 'Seats and what each sees',
    blocks: [
      {
        kind: 'cards',
        cards: SEATS.map((seat) => {
          const info = seat === '0' ? s.seats.A : seat === '1' ? s.seats.B : s.seats.broker;
          return {
            id: `seat-${seat}`,
            title: `${info.name} (${ROLE_NAMES[seat]})`,
            text: info.title,
            lines: [
              { term: 'Acts in', text: names(actsIn(seat)) },
              { term: 'Sees', text: SEES[seat] },
            ],
            list: [],
          };
        }),
      },
      {
        kind: 'text',
        text: 'The public board (tracks, credit, the breakout estimate, incidents, deals, the public feed, the clock and who still has to act) is seen by every seat and by spectators. Everything is revealed when the match ends.',
      },
    ],
  };
}

function round(s: Scenario): RulesSection {
  const who = (step: Exclude<Step, 'over'>) =>
    names(seatsFor(step).map((seat) => seatName(s, seat)));
  return {
    id: 'round',
    title: 'A round, step by step',
    blocks: [
      {
        kind: 'table',
        caption: 'The steps of a round and who acts in each',
        head: ['Step', 'Who acts', 'What happens'],
        rows: [
          [
            'Incidents',
            'automatic',
            'Up to two incidents strike and strain unverified deals; the breakout estimate is drawn.',
          ],
          [STEP_NAMES.drafting, who('drafting'), STEP_HELP.drafting],
          [STEP_NAMES.mediation, who('mediation'), STEP_HELP.mediation],
          [STEP_NAMES.response, who('response'), STEP_HELP.response],
          [
            'Resolution',
            'automatic',
            'Proposals are settled, postures act, deals count down and verify, pressures drift.',
          ],
          [STEP_NAMES.press, who('press'), STEP_HELP.press],
        ],
      },
      {
        kind: 'entries',
        items: [
          {
            term: 'Memos',
            text: `Each principal may write up to ${MAX_MEMOS_PER_ROUND} memos a round, each with up to ${MAX_CLAUSES} clauses and ${MAX_TEXT} characters of text. Every memo goes to ${seatName(s, BROKER)}; there is no other channel.`,
          },
          {
            term: 'Ending a step',
            text: 'A seat may end its part early with Done; a step ends when every seat in it is done, or at its deadline.',
          },
          {
            term: 'Answers',
            text: 'A missing answer is a rejection; a principal still answering at the deadline is marked stalled in public.',
          },
        ],
      },
      {
        kind: 'table',
        caption: 'Timers: wall-clock time per step (matches are untimed unless set)',
        head: ['Preset', ...TIMED_STEPS.map((step) => STEP_NAMES[step])],
        rows: (Object.keys(TIMER_PRESETS) as (keyof typeof TIMER_PRESETS)[]).map((preset) => [
          preset,
          ...TIMED_STEPS.map((step) => clock(TIMER_PRESETS[preset][step])),
        ]),
      },
    ],
  };
}

function tracks(s: Scenario): RulesSection {
  const zones = dangerZones(s);
  const range = (k: TrackName) =>
    k === 'pressureA' || k === 'pressureB' ? s.tracks.pressure : s.tracks[k];
  const p = s.tunables.pressure;
  const zoneText = (k: TrackName) =>
    zones[k]
      .map((z) => {
        const at = z.from === z.to ? `at ${z.from}` : `${z.from}–${z.to}`;
        const who =
          z.kind === 'drift'
            ? k === 'escalation'
              ? `both principals’ pressure ${signed(p.drift)} a round`
              : `${seatName(s, z.raises ?? '0')}’s pressure ${signed(p.drift)} a round`
            : DANGER_WORDS[z.kind].note;
        return `${at}: ${who}`;
      })
      .join('; ') || '—';
  return {
    id: 'tracks',
    title: 'Tracks',
    blocks: [
      {
        kind: 'table',
        caption: 'Each track’s range, start and thresholds',
        head: ['Track', 'Range', 'Start', 'Thresholds'],
        rows: [
          ...TRACK_NAMES.map((k) => [
            trackLabel(s, k),
            `${range(k).min}–${range(k).max}`,
            String(range(k).start),
            zoneText(k),
          ]),
          [
            'Credit (each seat)',
            `${s.tracks.credit.min}–${s.tracks.credit.max}`,
            String(s.tracks.credit.start),
            '—',
          ],
        ],
      },
      {
        kind: 'entries',
        items: [
          {
            term: 'Hardened',
            text: `Pressure ${p.hardenedAt} or more: the principal may not accept a proposal in which it gives more than ${plural(HARDENED_MAX_GIVEN, 'clause')} (one given by both counts).`,
          },
          {
            term: 'Walkout',
            text: `Pressure ${p.walkoutAt} or more: the principal sends no memo in the next drafting step, and its pressure is set to ${p.walkoutResetTo}.`,
          },
          {
            term: 'Breakout crisis',
            text: `Breakout at ${s.tracks.breakout.max}: escalation ${signed(s.tunables.breakout.crisisEscalation)}, pressure on ${seatName(s, '0')} ${signed(s.tunables.breakout.crisisPressureA)}, breakout set back to ${s.tunables.breakout.resetTo}.`,
          },
          {
            term: 'Breakout estimate',
            text: `The public estimate is the true value ± up to ${s.tunables.breakout.estimateError}.`,
          },
          {
            term: 'War',
            text: `Escalation at ${s.tracks.escalation.max}: the match ends at once.`,
          },
        ],
      },
    ],
  };
}

function postures(s: Scenario): RulesSection {
  const fx = postureEffects(s);
  const words = (effects: { text: string }[]) =>
    effects.length ? sentence(effects.map((e) => e.text).join(', ')) : 'No change to the tracks';
  const option = (label: string, effects: { text: string }[]) => ({
    term: label,
    text: words(effects),
  });
  return {
    id: 'postures',
    title: 'Postures',
    blocks: [
      {
        kind: 'text',
        text: 'Principals set their postures in secret during drafting; the last setting counts and carries over. They act at each resolution (the leash also at the next round’s incidents).',
      },
      {
        kind: 'cards',
        cards: [
          {
            id: 'posture-enforcement',
            title: `${seatName(s, '0')}: sanctions enforcement`,
            text: `Starts at ${ENFORCEMENT_WORDS.hold.toLowerCase()}.`,
            lines: [],
            list: (Object.keys(ENFORCEMENT_WORDS) as Enforcement[]).map((v) =>
              option(ENFORCEMENT_WORDS[v], fx.enforcement(v)),
            ),
          },
          {
            id: 'posture-leash',
            title: `${seatName(s, '1')}: proxy leash`,
            text: `Starts at ${LEASH_WORDS[DEFAULT_POSTURE_B.proxyLeash].toLowerCase()}.`,
            lines: [],
            list: (Object.keys(LEASH_WORDS) as ProxyLeash[]).map((v) =>
              option(
                LEASH_WORDS[v],
                fx
                  .leash(v)
                  .map((e) => ({ text: e.text.replace(/by you$/, `by ${seatName(s, '1')}`) })),
              ),
            ),
          },
          {
            id: 'posture-enrichment',
            title: `${seatName(s, '1')}: enrichment`,
            text: `Starts at ${ENRICHMENT_WORDS[DEFAULT_POSTURE_B.enrichment].toLowerCase()}.`,
            lines: [],
            list: (Object.keys(ENRICHMENT_WORDS) as Enrichment[]).map((v) =>
              option(ENRICHMENT_WORDS[v], fx.enrichment(v)),
            ),
          },
        ],
      },
    ],
  };
}

function clauses(s: Scenario): RulesSection {
  return {
    id: 'clauses',
    title: 'Clauses',
    blocks: [
      {
        kind: 'text',
        text: 'A deal’s effects apply when it is verified; until then each incident may break it. A deal takes as long to verify as its slowest clause. Values are what each principal scores for the clause in a verified deal.',
      },
      {
        kind: 'cards',
        cards: clauseEntries(s).map((c) => ({
          id: `clause-${c.id}`,
          title: c.name,
          text: c.summary,
          lines: [
            { term: 'Given by', text: c.giverName },
            { term: 'Verification', text: c.verifyText },
            ...(c.rule ? [{ term: 'Rule', text: c.rule }] : []),
          ],
          list: c.sizes.map((z) => ({ term: z.label, text: `${z.effects}; ${z.value}` })),
        })),
      },
    ],
  };
}

function tools(s: Scenario): RulesSection {
  return {
    id: 'broker',
    title: `The broker’s tools (${seatName(s, BROKER)})`,
    blocks: [
      {
        kind: 'text',
        text: `In mediation ${seatName(s, BROKER)} handles every memo on its desk. Capital starts at ${s.tracks.capital.start} (of ${s.tracks.capital.max}); reframes, bundles and tabling are refused when capital less what is owed is short.`,
      },
      {
        kind: 'cards',
        cards: brokerTools(s).map((t) => ({
          id: `tool-${t.id}`,
          title: t.name,
          text: t.text,
          lines: [{ term: 'Cost', text: t.cost }],
          list: [],
        })),
      },
    ],
  };
}

function incidents(s: Scenario): RulesSection {
  const i = s.tunables.incidents;
  const st = s.tunables.strain;
  const leash = (Object.keys(LEASH_WORDS) as ProxyLeash[])
    .map((l) => `${l} ${signed(Math.round(i.leash[l] * 100))}%`)
    .join(', ');
  return {
    id: 'incidents',
    title: 'Incidents',
    blocks: [
      {
        kind: 'entries',
        items: [
          {
            term: 'First incident',
            text: `Probability ${percent(i.base)} + ${percent(i.perEscalation)} per point of escalation + the leash (${leash}) + the odds of verified deals, at most ${percent(i.max)}.`,
          },
          {
            term: 'Second incident',
            text: `If there was a first: the first’s probability × ${i.secondFactor}.`,
          },
          {
            term: 'Directed',
            text: `While ${seatName(s, '1')}’s leash is unleash, ${percent(i.directedShare)} of incidents are directed by ${seatName(s, '1')}; otherwise they are rogue.`,
          },
          {
            term: 'Strain',
            text: `Each incident strains every deal not yet verified: it survives with probability ${percent(st.integrity)} − ${percent(st.perEscalation)} per point of escalation${st.directedPenalty ? ` − ${percent(st.directedPenalty)} if directed` : ''}${st.creditShield ? ` + ${percent(st.creditShield)} per point of the lower principal’s credit` : ''}.`,
          },
        ],
      },
      {
        kind: 'table',
        caption: `The incident deck (${plural(s.incidents.length, 'card')})`,
        head: ['Incident', 'Where', 'Effects'],
        rows: s.incidents.map((c) => [
          c.headline,
          s.theatre.places.find((p) => p.id === c.place)?.name ?? '—',
          sentence(deltas(s, c.effects).join(', ')) || 'No change',
        ]),
      },
    ],
  };
}

function press(s: Scenario): RulesSection {
  const p = s.tunables.press;
  return {
    id: 'press',
    title: 'Press',
    blocks: [
      {
        kind: 'text',
        text: 'Each seat makes at most one statement a round, sealed until the step ends, then all are published together.',
      },
      {
        kind: 'entries',
        items: [
          {
            term: 'Claim',
            text: `A deal signed or verified this round, once per deal per seat: credit ${signed(p.claimCredit)}; a principal also sheds ${s.tunables.pressure.creditRelief} pressure. The broker’s first ${p.brokerFreeClaims} claims are free, each later one costs ${p.brokerClaimCapital} capital.`,
          },
          {
            term: 'Blame',
            text: `Another seat, only after an incident or a collapse this round: its credit ${signed(-p.blameCredit)}; a principal’s pressure ${signed(p.blamePressure)}.`,
          },
          {
            term: 'Silence',
            text: 'Published as “no comment”. Done or the deadline is silence too.',
          },
        ],
      },
    ],
  };
}

function scoring(s: Scenario): RulesSection {
  const sc = s.tunables.scoring;
  const o = s.tunables.outcome;
  const cards = (list: Scenario['mandates']) => list.map((c) => ({ term: c.title, text: c.text }));
  return {
    id: 'scoring',
    title: 'Scoring, agendas and mandates',
    blocks: [
      {
        kind: 'entries',
        items: [
          {
            term: 'A principal',
            text: `${sc.objective} per objective of its agenda met, plus its value of every clause in verified deals, −${sc.warPenalty} at war${sc.stonewall ? `, −${sc.stonewall} per response step in which it turned down everything it could accept` : ''}. Normalised: ÷ ${sc.principalMax}.`,
          },
          {
            term: 'The broker',
            text: `${sc.brokerPerDeal} per verified deal + ${sc.brokerCapital === 1 ? 'its capital' : `${sc.brokerCapital} per unit of capital it still holds`} + its credit + ${sc.mandate} if its mandate is met. Normalised: ÷ ${sc.brokerMax}.`,
          },
          { term: 'Winner', text: 'The highest normalised score wins; ties share the win.' },
          {
            term: 'Outcome',
            text: `War (escalation ${s.tracks.escalation.max}); collapse (a double walkout, every signed deal collapsed, or a walkout with no deal verified); durable deal (at least ${o.durableDeals} verified deals and escalation at most ${o.durableEscalation} at the end); otherwise a codified stalemate.`,
          },
        ],
      },
      // setup.ts deals two agenda cards to each principal and one mandate to the broker.
      { kind: 'text', text: `${seatName(s, '0')}’s agenda deck (two are dealt, secret):` },
      { kind: 'entries', items: cards(s.agendas.A) },
      { kind: 'text', text: `${seatName(s, '1')}’s agenda deck (two are dealt, secret):` },
      { kind: 'entries', items: cards(s.agendas.B) },
      { kind: 'text', text: `${seatName(s, BROKER)}’s mandates (one is dealt, secret):` },
      { kind: 'entries', items: cards(s.mandates) },
    ],
  };
}

/** The whole reference for one scenario. */
export function rulesReference(scenario: Scenario): RulesReference {
  return {
    scenarioId: scenario.id,
    name: scenario.name,
    summary: scenario.summary,
    sections: [
      overview(scenario),
      seats(scenario),
      round(scenario),
      tracks(scenario),
      postures(scenario),
      clauses(scenario),
      tools(scenario),
      incidents(scenario),
      press(scenario),
      scoring(scenario),
    ],
  };
}

/** The scenarios a reader may pick, by id and name. */
export function rulesScenarios(): { id: string; name: string }[] {
  return scenarioIds().map((id) => ({ id, name: getScenario(id).name }));
}

/** The reference for a scenario id (the default scenario for an unknown or missing id). */
export function rulesReferenceFor(id: string | null | undefined): RulesReference {
  const known = id && scenarioIds().includes(id) ? id : DEFAULT_SCENARIO;
  return rulesReference(getScenario(known));
}

/** Where the reference of a scenario lives. */
export const rulesHref = (scenarioId?: string | null): string =>
  scenarioId ? `#/rules/${encodeURIComponent(scenarioId)}` : '#/rules';
