/**
 * What the DOM desks show beyond the seat model (seat-model.ts): the words of the table's header,
 * the composers' choices (clauses, sizes, reframes) with their costs, the broker's memo cards,
 * the press statements on offer, the tracks, deals and incidents in words, and the end screen's
 * scores and objectives. Built from the seat's view and its model by the rules' own facts and the
 * scenario's tunables, so a desk renders it and works no rule out.
 *
 * `deskModel(view, model)` is pure. Nothing here is secret beyond what the view already holds.
 */
import { actionLog, type LogLine } from './journal';
import { BROKER, MAX_CLAUSES, MAX_NOTE, MAX_TEXT, REDACTED, isPrincipal } from '../constants';
import { clauseSizes, mediationCosts, relativeGiver, sizeStep } from '../facts';
import type { RelativeGiver } from '../clauses';
import type { MoveArgs } from '../move-args';
import { getScenario } from '../scenario';
import type { Scenario } from '../scenario/schema';
import { objectiveMet } from '../scoring';
import {
  clauseAbout,
  clauseEntries,
  clauseHelp,
  toolHelp,
  type BrokerTool,
  type ToolEntry,
} from './rules-reference';
import {
  clauseModel,
  seatName,
  type DealModel,
  type Effect,
  type InboxItem,
  type MemoCard,
  type MemoModel,
  type ProposalCard,
  type SeatModel,
} from '../seat-model';
import type {
  BackchannelState,
  Clause,
  Giver,
  Memo,
  PrincipalSeat,
  Seat,
  SeatView,
  Statement,
} from '../types';

type StatementKind = Statement['kind'];
import { OUTCOME_NAMES, ROLE_NAMES, plural, signed } from '../words';

const SEATS: readonly Seat[] = ['0', '1', '2'];

/** A clause of the catalog as a composer offers it. */
export interface CatalogChoice<G extends string = Giver | RelativeGiver> {
  id: string;
  /** The option's text: "Ceasefire (you give)". */
  label: string;
  /** The giver to send: relative to the author for a memo, the catalog's own for a proposal. */
  giver: G;
  sizes: { id: string; label: string }[];
  /** What the clause does, its giver, sizes and verification time (the rules reference's words). */
  help: string;
  /** The same without the sizes: what it does, its giver and verification time. */
  about: string;
  /** Each size's effects once verified, by size id (the rules reference's words). */
  sizeHelp: Record<string, string>;
}

/** A broker's tool as the desk's help states it: its name, what it does, what it costs. */
export type ToolHelp = Pick<ToolEntry, 'name' | 'text' | 'cost'>;

export interface ComposerModel {
  heading: string;
  /** Why no memo can be written now (walked out, none left), or null when the form is open. */
  closed: string | null;
  hint: string;
  catalog: CatalogChoice<RelativeGiver>[];
  slots: number;
  maxText: number;
}

export interface ReframeChoice {
  /** 0: as written; 1: one size up; -1: one size down. */
  delta: 0 | 1 | -1;
  label: string;
}

export interface BrokerMemo {
  card: MemoCard;
  heading: string;
  clauses: { text: string; reframes: ReframeChoice[] }[];
  relayLabel: string;
  hold: { legal: boolean; label: string; reason: string | null };
  leakLabel: string;
  /**
   * The leak asks to be confirmed (it cannot be undone): what the confirming button says, with
   * every effect of this leak, the broker's credit included.
   */
  leakConfirm: string;
  /** At its turnaround limit: what letting it expire costs. */
  warning: string | null;
  /** The relay's cost in words for this many reframes ("Relay cost: 2 capital (you have 5)."). */
  relayCost: (reframes: number) => string;
  /** What the card's tools do and cost, for the help beside them (src/game/model/rules-reference.ts). */
  help: ToolHelp[];
}

export interface BundleModel {
  hint: string;
  /** Why no bundle can be sent now (the rules' words), or null. */
  reason: string | null;
  items: { memoId: string; clause: number; label: string }[];
  /** What a bundle does and costs (the rules reference's words). */
  help: ToolHelp;
}

export interface TableModel {
  summary: string;
  catalog: CatalogChoice<Giver>[];
  slots: number;
  /** What tabling does and costs (the rules reference's words). */
  help: ToolHelp;
}

export interface DeliveredItem {
  meta: string;
  clauses: string[];
  answers: string | null;
}

export interface PressOption {
  kind: StatementKind;
  label: string;
  args: MoveArgs<'statement'>;
}

export interface PressModel {
  /** Sealed or spoken: the words; null while the seat may still speak. */
  said: string | null;
  hint: string;
  options: PressOption[];
}

export interface IncidentLine {
  id: string;
  round: number;
  headline: string;
  place: string;
  effects: string;
  /** For B: it directed this one. */
  directed: boolean;
}

export interface EndModel {
  heading: string;
  rows: { seat: Seat; label: string; score: string; normalised: string; winner: boolean }[];
  result: string | null;
  objectives: { who: string; kind: 'agenda' | 'mandate'; title: string; met: boolean | null }[];
  incidents: string;
  seed: string;
  memos: {
    meta: string;
    written: string[];
    writtenText: string;
    delivered: { clauses: string[]; text: string; note: string } | null;
  }[];
}

/** A proposal in a principal's inbox, with how long it would take to verify if signed now. */
export interface InboxCard extends ProposalCard {
  verifyText: string | null;
  /** Once answered (or not this seat's to answer): its answer and where the card stands. */
  answerText: string | null;
}

function inboxCard(card: ProposalCard): InboxCard {
  const n = card.verifyRounds;
  const verifyText =
    !card.due || card.message
      ? null
      : n === 0
        ? 'If signed, it is verified at the next resolution.'
        : `If signed, it takes ${n === 1 ? 'one round' : `${n} rounds`} to verify.`;
  // A struck clause reads as ███ (its accessible name says "struck by the broker").
  const clauses = card.clauses.map((c) => (c.struck ? { ...c, text: REDACTED } : c));
  const you = card.yourAnswer === 'accept' ? 'accepted' : 'rejected';
  const answerText = card.due
    ? null
    : card.yourAnswer
      ? card.yourAnswer === 'reject' && card.stage === 'rejected'
        ? 'You rejected it.'
        : `You ${you} it; it is now ${card.stageWords}.`
      : card.message
        ? null
        : `It is ${card.stageWords}.`;
  return { ...card, clauses, verifyText, answerText };
}

export interface DeskModel {
  title: string;
  /**
   * The browser tab's title: it leads with "Your move" while this seat has something to do, so a
   * player in another tab (or coming back to a correspondence match) sees its turn at a glance.
   */
  pageTitle: string;
  status: string;
  /** The done control's label while this seat acts, else null. */
  done: string | null;
  waiting: string;
  reminder: string | null;
  postures: SeatModel['postures'];
  composer: ComposerModel | null;
  /** A principal's inbox, from mediation to press; null where the desk shows none. */
  inbox: InboxCard[] | null;
  brokerMemos: BrokerMemo[] | null;
  bundle: BundleModel | null;
  table: TableModel | null;
  delivered: DeliveredItem[] | null;
  press: PressModel | null;
  memos: MemoModel[] | null;
  brokerMemoList: MemoModel[] | null;
  /** The seat's own accepted moves, oldest first (src/game/model/journal.ts). */
  actions: LogLine[];
  objectives: { heading: string; items: { title: string; text: string }[] } | null;
  tracks: { label: string; value: string }[];
  deals: DealModel[];
  incidents: IncidentLine[];
  /** What changed since this seat's last look (seat-model.ts `changes`), in lines. */
  changes: { heading: string; text: string; effects: string; directed: boolean }[];
  /** The tracks' movement since then ("Escalation +1, oil price −1"), or null. */
  trackChanges: string | null;
  end: EndModel | null;
}

const effectsText = (effects: Effect[]) => effects.map((e) => e.text).join(', ');
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A clause's help and its sizes' effects, from the rules reference. */
function helpOf(
  scenario: Scenario,
  id: string,
): Pick<CatalogChoice, 'help' | 'about' | 'sizeHelp'> {
  const entry = clauseEntries(scenario).find((c) => c.id === id);
  return {
    help: clauseHelp(scenario, id),
    about: clauseAbout(scenario, id),
    sizeHelp: Object.fromEntries((entry?.sizes ?? []).map((s) => [s.id, s.effects])),
  };
}

function toolOf(scenario: Scenario, tool: BrokerTool): ToolHelp {
  const { name, text, cost } = toolHelp(scenario)[tool];
  return { name, text, cost };
}

function composerOf(view: SeatView, model: SeatModel, scenario: Scenario): ComposerModel | null {
  const seat = model.seat;
  if (!isPrincipal(seat) || model.step !== 'drafting' || !model.acting) return null;
  const broker = model.seats[BROKER].name;
  const sent = model.limits.memosPerRound - model.limits.memosLeft;
  const closed = model.seats[seat].walkedOut
    ? 'You walked out: you send no memo this round.'
    : model.limits.memosLeft === 0
      ? `You have sent ${plural(sent, 'memo')} this round, the most a round allows.`
      : null;
  const who = (g: Giver) => {
    const r = relativeGiver(seat, g);
    return r === 'both' ? 'both give' : r === 'self' ? 'you give' : 'they give';
  };
  return {
    heading: `Memo to ${broker}`,
    closed,
    hint: `Every memo goes to ${broker}, who decides what the other side hears. ${sent} of ${model.limits.memosPerRound} sent this round.`,
    catalog: scenario.catalog.map((c) => ({
      id: c.id,
      label: `${c.name} (${who(c.giver)})`,
      giver: relativeGiver(seat, c.giver),
      sizes: clauseSizes(scenario, c.id).map((s) => ({ id: s.id, label: s.label })),
      ...helpOf(scenario, c.id),
    })),
    slots: model.limits.clausesPerMemo,
    maxText: MAX_TEXT,
  };
}

function brokerMemoOf(
  view: SeatView,
  model: SeatModel,
  scenario: Scenario,
  card: MemoCard,
): BrokerMemo {
  const memo = view.memos.find((m) => m.id === card.id) as Memo;
  const t = scenario.tunables.mediation;
  const cost = mediationCosts(scenario);
  const capital = model.tracks.find((k) => k.key === 'capital');
  const capitalWord = (n: number) => `${model.seats[BROKER].name}’s capital ${signed(-n)}`;
  const pressureWord = (n: number) => `pressure on ${card.authorName} ${signed(n)}`;
  const other: PrincipalSeat = card.author === '0' ? '1' : '0';
  const hold = model.moves.hold.instances.some((i) => i.args[0] === card.id);
  const clauses = memo.clauses.map((c: Clause) => {
    const reframes: ReframeChoice[] = [
      { delta: 0, label: `as written: ${clauseModel(scenario, c).sizeLabel}` },
    ];
    const up = sizeStep(scenario, c, 1);
    const down = sizeStep(scenario, c, -1);
    const price = cost.reframe ? ` (${cost.reframe} capital)` : '';
    if (up) reframes.push({ delta: 1, label: `one size up: ${up.label}${price}` });
    if (down) reframes.push({ delta: -1, label: `one size down: ${down.label}${price}` });
    return { text: clauseModel(scenario, c).text, reframes };
  });
  return {
    card,
    heading: `From ${card.authorName}, round ${card.round}${card.heldSteps > 0 ? ` · held ${card.heldSteps}×` : ''}`,
    clauses,
    relayLabel: `Relay to ${seatName(scenario, other)}`,
    hold: {
      legal: hold,
      label: hold ? 'Hold' : 'Hold (limit reached)',
      reason: hold ? null : card.turnaround,
    },
    leakLabel: `Leak (${[capitalWord(t.leakCapital), pressureWord(t.leakPressure)].join(', ')})`,
    leakConfirm: leakConfirmOf(model, card),
    warning: card.lastChance
      ? `Deliver it now or it expires at the end of this step (${[
          capitalWord(t.expiryCapital),
          pressureWord(t.expiryPressure),
        ].join(', ')}, public).`
      : null,
    relayCost: (n) => `Relay cost: ${n * cost.reframe} capital (you have ${capital?.value ?? 0}).`,
    help: (['relay', 'redact', 'reframe', 'hold', 'leak'] as const).map((t) => toolOf(scenario, t)),
  };
}

function bundleOf(model: SeatModel, scenario: Scenario, cards: MemoCard[]): BundleModel | null {
  if (!cards.some((m) => m.author === '0') || !cards.some((m) => m.author === '1')) return null;
  const items = cards.flatMap((m) =>
    m.clauses.map((c, i) => ({ memoId: m.id, clause: i, label: `${m.authorName}: ${c.text}` })),
  );
  if (items.length < 2) return null;
  const cost = mediationCosts(scenario).bundle;
  return {
    hint: `Up to ${MAX_CLAUSES} clauses, at least one from each side, sent to both as one proposal. Cost: ${cost} capital. The memos used are consumed.`,
    reason: model.moves.bundle.reason,
    items,
    help: toolOf(scenario, 'bundle'),
  };
}

function tableOf(model: SeatModel, scenario: Scenario): TableModel | null {
  if (model.seat !== BROKER || model.step !== 'mediation' || !model.acting) return null;
  const cost = mediationCosts(scenario).table;
  return {
    summary: `Table a proposal of your own (${cost} capital)`,
    catalog: scenario.catalog.map((c) => ({
      id: c.id,
      label: c.name,
      giver: c.giver,
      sizes: clauseSizes(scenario, c.id).map((s) => ({ id: s.id, label: s.label })),
      ...helpOf(scenario, c.id),
    })),
    slots: MAX_CLAUSES,
    help: toolOf(scenario, 'table'),
  };
}

function deliveredOf(view: SeatView, model: SeatModel, scenario: Scenario): DeliveredItem[] | null {
  if (model.seat !== BROKER) return null;
  return [...model.proposals].reverse().map((p) => {
    const raw = view.proposals.find((x) => x.id === p.id);
    const what =
      p.proposalKind === 'table'
        ? 'Your proposal'
        : p.proposalKind === 'bundle'
          ? 'Your bundle'
          : `${raw?.author ? seatName(scenario, raw.author) : 'A principal'}’s memo, relayed`;
    const to = (raw?.recipients ?? []).map((s) => seatName(scenario, s)).join(' and ');
    // Each recipient's answer, and the author's once it was asked to ratify.
    const asked = raw
      ? [
          ...raw.recipients,
          ...(raw.author && (raw.answers[raw.author] || raw.stage === 'ratification')
            ? [raw.author]
            : []),
        ].filter((s, i, all) => all.indexOf(s) === i)
      : [];
    const answers = asked.map((s) => {
      const a = raw?.answers[s];
      const name = seatName(scenario, s);
      if (a) return `${name} ${a === 'accept' ? 'accepted' : 'rejected'}`;
      return p.stage === 'open' || p.stage === 'ratification'
        ? `${name} has not answered yet`
        : `${name} did not answer`;
    });
    return {
      meta: `Round ${p.round} · ${what} to ${to} · ${p.stageWords}`,
      clauses: p.clauses.map((c) => c.text),
      answers: p.stage !== 'message' && answers.length ? `${answers.join(' · ')}.` : null,
    };
  });
}

const SAID: Record<StatementKind, string> = {
  claim: 'you claim credit',
  blame: 'you lay blame',
  silence: 'no comment',
};

function pressOf(view: SeatView, model: SeatModel): PressModel | null {
  const seat = model.seat;
  if (seat === null || model.step !== 'press') return null;
  const sealed = view.sealedStatements[seat];
  const hint = 'One public statement, published when every seat has made one.';
  if (sealed)
    return { said: `Sealed until everyone has spoken: ${SAID[sealed.kind]}.`, hint, options: [] };
  if (!model.acting) return { said: 'You have spoken.', hint, options: [] };
  const options = model.moves.statement.instances.map((i) => {
    const fx = effectsText([...i.effects, ...i.cost]);
    return { kind: i.args[0].kind, label: fx ? `${i.label} (${fx})` : i.label, args: i.args };
  });
  return { said: null, hint, options };
}

function doneLabel(model: SeatModel): string | null {
  if (!model.acting || model.over) return null;
  if (model.step === 'response') return 'Done answering';
  if (model.step === 'press') return 'Say nothing';
  return `End my ${model.stepName.toLowerCase()}`;
}

/** What became of a memo, as the end screen reveals it to everyone. */
const END_FATE: Partial<Record<Memo['status'], string>> = {
  relayed: 'relayed',
  leaked: 'leaked',
  bundled: 'bundled',
  expired: 'expired undelivered',
  held: 'still held',
  pending: 'never handled',
  draft: 'never sent',
};

function endOf(view: SeatView, model: SeatModel, scenario: Scenario): EndModel | null {
  const final = view.final;
  if (!final) return null;
  const seat = model.seat;
  // At the end the view is the whole state (view.ts): every objective can be tested.
  const full = view.breakout.true !== undefined ? (view as BackchannelState) : null;
  const war = final.reason === 'war';
  const met = (test: Parameters<typeof objectiveMet>[2]) =>
    full ? objectiveMet(full, scenario, test, war) : null;
  const you = seat !== null && final.winners.includes(seat);
  const place = (s: Seat): string => {
    const mine = final.normalised[s];
    const above = SEATS.filter((x) => final.normalised[x] > mine);
    if (above.length > 0) return `behind ${above.map((x) => seatName(scenario, x)).join(' and ')}.`;
    return final.winners.length > 1
      ? 'tied for the best result at the table.'
      : 'the best result at the table: you win.';
  };
  const objectives: EndModel['objectives'] = [
    ...(['0', '1'] as const).flatMap((s) =>
      (view.agendas[s] ?? []).map((c) => ({
        who: seatName(scenario, s),
        kind: 'agenda' as const,
        title: c.title,
        met: met(c.test),
      })),
    ),
    ...(view.mandate
      ? [
          {
            who: seatName(scenario, BROKER),
            kind: 'mandate' as const,
            title: view.mandate.title,
            met: met(view.mandate.test),
          },
        ]
      : []),
  ];
  const attribution = (id: string) =>
    view.attributions[id] === 'directed'
      ? `directed by ${seatName(scenario, '1')}`
      : 'rogue: nobody directed it';
  const clauseWords = (cs: (Clause | null)[]) =>
    cs.map((c) => (c ? clauseModel(scenario, c).text : `Struck by the broker: ${REDACTED}`));
  return {
    heading: `${OUTCOME_NAMES[final.outcome]}${you ? ' · You win' : ''}`,
    rows: SEATS.map((s) => ({
      seat: s,
      label: `${seatName(scenario, s)} (${ROLE_NAMES[s]})${final.winners.includes(s) ? ' — winner' : ''}`,
      score: String(final.scores[s]),
      normalised: final.normalised[s].toFixed(2),
      winner: final.winners.includes(s),
    })),
    result:
      seat === null
        ? null
        : `${final.scores[seat]} points (${final.normalised[seat].toFixed(2)} of your role’s maximum): ${place(seat)}`,
    objectives,
    incidents:
      view.incidents.length === 0
        ? 'none'
        : view.incidents.map((i) => `${i.headline} (${attribution(i.id)})`).join('; '),
    seed: view.seed ?? '—',
    memos: view.memos.map((m) => {
      const fate = END_FATE[m.status] ?? 'never handled';
      const reframes = m.delivery?.reframes.length ?? 0;
      return {
        meta: `Round ${m.round}, from ${seatName(scenario, m.author)}: ${fate}${reframes ? `, ${plural(reframes, 'reframe')}` : ''}`,
        written: clauseWords(m.clauses),
        writtenText: m.text,
        delivered: m.delivery
          ? {
              clauses: clauseWords(m.delivery.clauses),
              text: m.delivery.text,
              note: m.delivery.note,
            }
          : null,
      };
    }),
  };
}

function statusOf(model: SeatModel): string {
  if (model.over) return 'The match is over.';
  const at = `Round ${model.round} of ${model.rounds} · ${model.stepName}`;
  return model.paused
    ? `Paused by the facilitator · ${at}: nobody can act until the table resumes.`
    : `${at}: ${model.stepHelp}`;
}

/** Everything a desk, the table's panels and the end screen show for this seat. */
export function deskModel(view: SeatView, model: SeatModel): DeskModel {
  const scenario = getScenario(view.options.scenario);
  const seat = model.seat;
  const you = seat === null ? 'Watching' : `You are ${model.you} (${ROLE_NAMES[seat]})`;
  const principal = isPrincipal(seat);
  const brokerCards =
    seat === BROKER && model.step === 'mediation' && model.acting
      ? model.inbox.filter((i): i is MemoCard => i.kind === 'memo')
      : null;
  const waitingFor = SEATS.filter((s) => model.seats[s].acting)
    .map((s) => model.seats[s].name)
    .join(', ');
  return {
    title: `${model.scenario.name} · ${you}`,
    pageTitle: pageTitleOf(model),
    status: statusOf(model),
    done: doneLabel(model),
    waiting: waitingFor ? `Waiting for ${waitingFor}.` : 'Waiting.',
    reminder: model.reminder,
    postures: principal && model.step === 'drafting' && model.acting ? model.postures : null,
    composer: composerOf(view, model, scenario),
    inbox:
      principal && ['mediation', 'response', 'press'].includes(model.step)
        ? model.inbox
            .filter((i: InboxItem): i is ProposalCard => i.kind === 'proposal')
            .map(inboxCard)
        : null,
    brokerMemos: brokerCards?.map((c) => brokerMemoOf(view, model, scenario, c)) ?? null,
    bundle: brokerCards ? bundleOf(model, scenario, brokerCards) : null,
    table: tableOf(model, scenario),
    delivered: deliveredOf(view, model, scenario),
    press: pressOf(view, model),
    memos: principal ? [...model.memos].reverse() : null,
    // The broker's memos of this round and the last, each with its fate (held, relayed, leaked…).
    brokerMemoList:
      seat === BROKER ? model.memos.filter((m) => m.round >= model.round - 1).reverse() : null,
    actions: actionLog(view, seat),
    objectives:
      model.objectives.length === 0
        ? null
        : {
            heading: seat === BROKER ? 'Your mandate (secret)' : 'Your agenda (secret)',
            items: model.objectives,
          },
    tracks: [
      ...model.tracks.map((t) => ({
        label:
          t.key === 'breakout' ? `${t.label} (${t.estimate ? 'estimate' : 'true value'})` : t.label,
        value: `${t.value} / ${t.max}${t.zone ? ` (${t.zone.note})` : ''}`,
      })),
      {
        label: 'Credit',
        value: SEATS.map((s) => `${model.seats[s].name} ${model.seats[s].credit}`).join(', '),
      },
    ],
    deals: model.deals,
    incidents: model.incidents
      .filter((i) => i.round >= model.round - 1)
      .reverse()
      .map((i) => ({
        id: i.id,
        round: i.round,
        headline: i.headline,
        place: i.place,
        effects: capitalise(effectsText(i.effects)) || 'No change to the tracks.',
        directed: i.directedByYou === true,
      })),
    changes: model.changes.map((c) => ({
      heading: c.heading,
      text: c.text,
      effects: capitalise(effectsText(c.effects)),
      directed: c.directedByYou === true,
    })),
    trackChanges: model.trackChanges.length ? capitalise(effectsText(model.trackChanges)) : null,
    end: endOf(view, model, scenario),
  };
}

export { MAX_NOTE };

/** "● Your move: Mediation · Backchannel", "Waiting: Response · Backchannel", "Match over · …". */
function pageTitleOf(model: SeatModel): string {
  const app = 'Backchannel';
  if (model.over) return `Match over · ${app}`;
  if (model.paused) return `Paused · ${app}`;
  if (model.acting) return `● Your move: ${model.stepName} · ${app}`;
  return `Waiting: ${model.stepName} · ${app}`;
}

/** "Confirm the leak: Tehran's memo goes public as written (…; your credit +1: …)". */
function leakConfirmOf(model: SeatModel, card: MemoCard): string {
  const leak = model.moves.leak.instances.find((i) => i.args[0] === card.id);
  const effects = leak?.cost.map((e) => e.text).join('; ');
  return `Confirm the leak: ${card.authorName}’s memo goes public as written${effects ? ` (${effects})` : ''}`;
}
