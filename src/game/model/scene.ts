// What the Phaser table draws, from the seat model (src/game/seat-model.ts) and the match options:
// the tracks as gauges with their danger zones and notes, the round's dial with each step's share
// of the round and its countdown, the deals with their verification as the rules count it, and
// the events that move on the map (memo couriers, incidents). The scene renders this and works
// nothing out itself; like `seatModel`, it is pure and is tested without a canvas.
import { clauseDef } from '../clauses';
import { BROKER, isPrincipal } from '../constants';
import { TIMED_STEPS } from '../options';
import { getScenario } from '../scenario';
import type { TrackName } from '../scenario/schema';
import {
  countdownAt,
  formatCountdown,
  type ClauseModel,
  type Countdown,
  type SeatModel,
} from '../seat-model';
import type { DangerKind } from '../facts';
import type { DealStatus, PrincipalSeat, Seat, SeatView, TimedStep } from '../types';
import { OUTCOME_NAMES, STEP_NAMES } from '../words';

// ---------------------------------------------------------------------------------------------
// Gauges
// ---------------------------------------------------------------------------------------------

export interface GaugeModel {
  key: TrackName;
  label: string;
  short: string;
  value: number;
  min: number;
  max: number;
  /** The number to print: "5", or "≈8" for an estimate. */
  text: string;
  /** A word beside the number: the danger zone the value is in, else the estimate beside a true value. */
  note: string;
  /** The note warns of the worst (war, a walkout, a crisis). */
  alarm: boolean;
  /** Where the public estimate lies, for a seat that sees the true value; else null. */
  marker: number | null;
  /** The stretches where a rule bites, each hatched on the bar. */
  zones: { kind: DangerKind; from: number; to: number; note: string }[];
}

const ALARMS: readonly DangerKind[] = ['war', 'walkout', 'crisis'];

/** Each track as the gauges draw it, in the model's order. */
export function gaugesOf(model: SeatModel): GaugeModel[] {
  return model.tracks.map((t): GaugeModel => {
    const breakoutTrue = t.key === 'breakout' && t.trueValue !== null;
    const zoneNote = t.zone?.note ?? '';
    return {
      key: t.key,
      label: t.estimate ? `${t.label} (estimate)` : t.label,
      short: t.short,
      value: t.value,
      min: t.min,
      max: t.max,
      text: t.estimate ? `≈${t.value}` : String(t.value),
      note: zoneNote || (breakoutTrue && t.estimateValue !== null ? `est. ${t.estimateValue}` : ''),
      alarm: t.zone !== null && ALARMS.includes(t.zone.kind),
      marker: breakoutTrue ? t.estimateValue : null,
      zones: t.zones.map((z) => ({ kind: z.kind, from: z.from, to: z.to, note: z.note })),
    };
  });
}

/** Whether the bar's segment that reaches `level` lies in one of the gauge's danger zones. */
export function inZone(g: GaugeModel, level: number): DangerKind | null {
  return g.zones.find((z) => level >= z.from && level <= z.to)?.kind ?? null;
}

// ---------------------------------------------------------------------------------------------
// The round's dial
// ---------------------------------------------------------------------------------------------

export interface DialStep {
  step: TimedStep;
  name: string;
  /** The step's wall-clock length in this match; null when untimed. */
  seconds: number | null;
  /** Its share of the round's dial, as fractions of the turn. */
  from: number;
  to: number;
  past: boolean;
  current: boolean;
}

export interface DialModel {
  round: number;
  rounds: number;
  over: boolean;
  /** "Round 2 of 8", or "Match over". */
  title: string;
  /** The step's name, or the outcome once the match is over. */
  stepLine: string;
  steps: DialStep[];
  /** The current step's index in `steps`; -1 once the match is over. */
  current: number;
  /** In-game hours a round lasts (the scenario's). */
  roundHours: number;
  /** Ticks round the dial every six in-game hours, the major ones at each day. */
  ticks: { at: number; major: boolean }[];
  /** "Waiting for Washington, you", "Step closing", or nothing once over. */
  waiting: string;
  countdown: Countdown;
}

/** A tick every six in-game hours (at least four round the dial), a major one at each day. */
function dialTicks(hours: number): { at: number; major: boolean }[] {
  const n = Math.max(4, Math.round(hours / 6));
  return Array.from({ length: n }, (_, k) => {
    const hour = (k * hours) / n;
    return { at: k / n, major: Number.isInteger(hour) && hour % 24 === 0 };
  });
}

/** The dial of the round: the steps (with the match's step lengths), the countdown, who acts. */
export function dialOf(model: SeatModel, view: Pick<SeatView, 'options' | 'final'>): DialModel {
  const secs = view.options.stepSeconds;
  const weights = TIMED_STEPS.map((s) => (secs ? Math.max(1, secs[s]) : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const current = model.over ? -1 : TIMED_STEPS.indexOf(model.step as TimedStep);
  let acc = 0;
  const steps = TIMED_STEPS.map((step, i): DialStep => {
    const from = acc / total;
    acc += weights[i]!;
    return {
      step,
      name: STEP_NAMES[step],
      seconds: secs ? secs[step] : null,
      from,
      to: acc / total,
      past: model.over || (current >= 0 && i < current),
      current: i === current,
    };
  });
  const who = (Object.values(model.seats) as SeatModel['seats'][Seat][])
    .filter((s) => s.acting)
    .map((s) => (s.you ? 'you' : s.name));
  return {
    round: model.round,
    rounds: model.rounds,
    over: model.over,
    title: model.over ? STEP_NAMES.over : `Round ${model.round} of ${model.rounds}`,
    stepLine: model.over ? (view.final ? OUTCOME_NAMES[view.final.outcome] : '') : model.stepName,
    steps,
    current,
    roundHours: model.countdown.roundHours,
    ticks: dialTicks(model.countdown.roundHours),
    waiting: model.over ? '' : who.length ? `Waiting for ${who.join(', ')}` : 'Step closing',
    countdown: model.countdown,
  };
}

export interface DialTime {
  countdown: Countdown;
  /** How far through the current step its clock is (0 when untimed). */
  stepFraction: number;
  /** How far through the round the hand stands. */
  roundFraction: number;
  /** The in-game hour of the round the hand points at. */
  hour: number;
  /** What the countdown shows: "1:05 left", "paused · 1:05", "untimed", "" once over. */
  text: string;
  /** The same, short, for a phone: "1:05", "paused", "". */
  short: string;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/**
 * The dial at `now` (server time): the countdown re-read from the model's, and the hand's place,
 * from the time left of the step's whole length (with the facilitator's extensions). A paused
 * step keeps its place; an untimed step shows the hand at the step's start.
 */
export function dialAt(dial: DialModel, now: number): DialTime {
  const countdown = countdownAt(dial.countdown, now);
  const seg = dial.steps[dial.current];
  let stepFraction = 0;
  if (dial.over) stepFraction = 1;
  else if (countdown.msLeft !== null && countdown.stepSeconds !== null) {
    const span = Math.max(1, (countdown.stepSeconds + countdown.extendedSeconds) * 1000);
    stepFraction = clamp(1 - countdown.msLeft / span, 0, 1);
  }
  const roundFraction = dial.over || !seg ? 1 : seg.from + (seg.to - seg.from) * stepFraction;
  const hour = Math.min(dial.roundHours, Math.floor(roundFraction * dial.roundHours));
  const text = dial.over
    ? ''
    : countdown.paused
      ? countdown.msLeft === null
        ? 'paused'
        : `paused · ${formatCountdown(countdown.msLeft)}`
      : countdown.timed
        ? countdown.text
        : 'untimed';
  const short = dial.over
    ? ''
    : countdown.paused
      ? 'paused'
      : countdown.timed
        ? countdown.text.replace(/ left$/, '')
        : '';
  return { countdown, stepFraction, roundFraction, hour, text, short };
}

// ---------------------------------------------------------------------------------------------
// Deals
// ---------------------------------------------------------------------------------------------

export interface DealRow {
  id: string;
  status: DealStatus;
  /** Its clauses in few words: "Enrichment cap, cap + Inspections, limited". */
  title: string;
  /** The same, names only, for a narrow panel: "Enrichment cap + Inspections". */
  short: string;
  /** The model's words for where it stands: "Verifies at the next resolution". */
  statusText: string;
  /** Rounds of verification in all (the rules' count, with any inspections speed-up). */
  pips: number;
  /** Of which passed. */
  done: number;
  signedRound: number;
}

export interface DealsModel {
  /** Verifying first, then verified, then collapsed; newest first within each. */
  rows: DealRow[];
  counts: Record<DealStatus, number>;
}

const ORDER: Record<DealStatus, number> = { verifying: 0, verified: 1, collapsed: 2 };

/** A clause in few words: its name, and its size where the clause has more than one. */
function clauseWords(scenarioId: string, c: ClauseModel): string {
  const def = clauseDef(getScenario(scenarioId), c.id);
  if (!def || def.sizes.length < 2) return c.name;
  const size = /^[A-Z][a-z]/.test(c.sizeLabel)
    ? c.sizeLabel[0]!.toLowerCase() + c.sizeLabel.slice(1)
    : c.sizeLabel;
  return `${c.name}, ${size}`;
}

/** The deals as the panel lists them, from the model's deals. */
export function dealsOf(model: SeatModel): DealsModel {
  const counts: Record<DealStatus, number> = { verifying: 0, verified: 0, collapsed: 0 };
  for (const d of model.deals) counts[d.status] += 1;
  const rows = model.deals
    .map((d): DealRow => ({
      id: d.id,
      status: d.status,
      title: d.clauses.map((c) => clauseWords(model.scenario.id, c)).join(' + '),
      short: d.clauses.map((c) => c.name).join(' + '),
      statusText: d.text.charAt(0).toUpperCase() + d.text.slice(1),
      pips: d.status === 'verifying' ? d.verifyTotal : 0,
      done: Math.max(0, d.verifyTotal - d.verifyLeft),
      signedRound: d.signedRound,
    }))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.signedRound - a.signedRound);
  return { rows, counts };
}

// ---------------------------------------------------------------------------------------------
// What moves on the map
// ---------------------------------------------------------------------------------------------

/** A courier's trip: every word goes through the broker (principal ▶ broker ▶ principal). */
export interface Trip {
  /** Names the event, so it is animated once. */
  key: string;
  from: Seat;
  to: Seat;
  carrier: Seat;
  /** 0: to the broker; 1: from the broker. */
  leg: 0 | 1;
}

export interface Strike {
  key: string;
  id: string;
  round: number;
  headline: string;
  /** The place in the scenario's theatre. */
  placeId: string;
}

export interface MarkModel {
  placeId: string;
  /** Struck this round (else the round before, drawn fainter). */
  current: boolean;
}

export interface MapModel {
  /** The seat this browser plays, ringed on the map. */
  you: Seat | null;
  /** Every trip this seat knows of, sent or delivered (the scene animates the new ones). */
  trips: Trip[];
  /** This round's incidents among what changed since the seat last looked (each shown once). */
  strikes: Strike[];
  /** This round's incidents (and the last round's) where they struck. */
  marks: MarkModel[];
  /** For the broker: memos in hand (new and held); 0 for the others. */
  inHand: number;
}

/** What moves and stays on the map, for this seat. */
export function mapOf(model: SeatModel, view: Pick<SeatView, 'proposals' | 'incidents'>): MapModel {
  const trips: Trip[] = [];
  for (const memo of model.memos) {
    if (memo.fate === 'draft') continue;
    // Every memo that left its author went to the broker, and only there.
    trips.push({
      key: `memo:${memo.id}:sent`,
      from: memo.author,
      to: BROKER,
      carrier: memo.author,
      leg: 0,
    });
  }
  const principal = isPrincipal(model.seat) ? model.seat : null;
  if (principal) {
    // A principal: what reached it this round (delivered, or back to it to ratify), its answer.
    for (const card of model.inbox) {
      if (card.kind !== 'proposal') continue;
      const to = { from: BROKER, to: principal, carrier: BROKER, leg: 1 } as const;
      trips.push({ key: `proposal:${card.id}:${principal}`, ...to });
      if (card.yourAnswer)
        trips.push({
          key: `proposal:${card.id}:answer:${principal}`,
          from: principal,
          to: BROKER,
          carrier: principal,
          leg: 0,
        });
    }
  } else if (model.seat === BROKER) {
    // The broker: each of its proposals to its recipients (and, accepted, back to the memo's
    // author to ratify), and each answer back to it. Who received it is in the view the model
    // was built from.
    const byId = new Map(view.proposals.map((p) => [p.id, p]));
    for (const bp of model.proposals) {
      const p = byId.get(bp.id);
      if (!p) continue;
      for (const s of p.recipients)
        trips.push({ key: `proposal:${p.id}:${s}`, from: BROKER, to: s, carrier: BROKER, leg: 1 });
      if (p.kind === 'relay' && p.author && bp.stage === 'ratification')
        trips.push({
          key: `proposal:${p.id}:ratify`,
          from: BROKER,
          to: p.author,
          carrier: BROKER,
          leg: 1,
        });
      for (const s of Object.keys(p.answers) as PrincipalSeat[])
        trips.push({
          key: `proposal:${p.id}:answer:${s}`,
          from: s,
          to: BROKER,
          carrier: s,
          leg: 0,
        });
    }
  }
  const placeOf = new Map(view.incidents.map((i) => [i.id, i.place]));
  const strikes: Strike[] = model.changes.flatMap((c): Strike[] => {
    const inc =
      c.kind === 'incident' ? model.incidents.find((i) => i.id === c.incidentId) : undefined;
    const placeId = inc ? placeOf.get(inc.id) : undefined;
    return inc && placeId && inc.round === model.round
      ? [
          {
            key: `incident:${inc.id}`,
            id: inc.id,
            round: inc.round,
            headline: inc.headline,
            placeId,
          },
        ]
      : [];
  });
  const marks = model.incidents.flatMap((i): MarkModel[] => {
    const placeId = placeOf.get(i.id);
    return placeId && i.round >= model.round - 1
      ? [{ placeId, current: i.round === model.round }]
      : [];
  });
  const inHand =
    model.seat === BROKER
      ? model.memos.filter((m) => m.fate === 'pending' || m.fate === 'held').length
      : 0;
  return { you: model.seat, trips, strikes, marks, inHand };
}

// ---------------------------------------------------------------------------------------------
// The whole table
// ---------------------------------------------------------------------------------------------

export interface SceneModel {
  scenarioId: string;
  gauges: GaugeModel[];
  dial: DialModel;
  deals: DealsModel;
  map: MapModel;
}

/** Everything the table draws for this seat, from its model and the view it was built from. */
export function sceneModel(model: SeatModel, view: SeatView): SceneModel {
  return {
    scenarioId: model.scenario.id,
    gauges: gaugesOf(model),
    dial: dialOf(model, view),
    deals: dealsOf(model),
    map: mapOf(model, view),
  };
}
