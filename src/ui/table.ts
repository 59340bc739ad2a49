// The table screen: header (round, step, countdown), the Phaser table, and the DOM panels for this
// seat: its objectives, its desk for the current step, the press, the public feed, the tracks and
// deals in words, and the end screen. Panels re-render only when what they show changes, so
// nothing a person is typing is lost.
import { isPrincipal } from '../game/constants';
import { getScenario } from '../game/scenario';
import type { Scenario } from '../game/scenario/schema';
import type { SeatView, Seat, Statement } from '../game/types';
import type { Intents } from '../client/intents';
import { timeLeft, type TableState, type TableStore } from '../client/store';
import { h, renderKeyed } from './dom';
import { brokerDesk, deliveredPanel } from './desk-broker';
import { inbox, memoComposer, postureForm, sentMemos } from './desk-principal';
import { endScreen } from './end';
import { placeRefusal, refusalSlot } from './refusal';
import { trackRows } from './seminar/common';
import {
  breakoutLabel,
  clauseText,
  countdownText,
  trackChanges,
  isUrgent,
  roleName,
  seatName,
  STEP_HELP,
  STEP_NAMES,
} from './format';

function objectives(view: SeatView, seat: Seat | null): HTMLElement | null {
  const cards =
    seat === '2' ? (view.mandate ? [view.mandate] : []) : seat ? (view.agendas[seat] ?? []) : [];
  if (cards.length === 0) return null;
  return h(
    'section',
    { class: 'panel objectives', 'aria-labelledby': 'obj-h' },
    h('h3', { id: 'obj-h' }, seat === '2' ? 'Your mandate (secret)' : 'Your agenda (secret)'),
    h('ul', {}, ...cards.map((c) => h('li', {}, h('strong', {}, c.title), ' — ', c.text))),
  );
}

const STATEMENT_WORDS: Record<Statement['kind'], string> = {
  claim: 'you claim credit',
  blame: 'you lay blame',
  silence: 'no comment',
};

function pressPanel(view: SeatView, scenario: Scenario, seat: Seat, act: Intents): HTMLElement {
  const sealed = view.sealedStatements[seat];
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'press-h' },
    h('h3', { id: 'press-h' }, 'Press statement'),
  );
  if (sealed || !view.pending.includes(seat)) {
    section.append(
      h(
        'p',
        {},
        sealed
          ? `Sealed until everyone has spoken: ${STATEMENT_WORDS[sealed.kind]}.`
          : 'You have spoken.',
      ),
    );
    return section;
  }
  // The statements the rules would take now (their own check), so none is offered in vain.
  const claims = view.deals
    .map((d) => d.id)
    .filter((d) => act.check('statement', { kind: 'claim', target: d }) === null);
  const others = (['0', '1', '2'] as const).filter(
    (s) => s !== seat && act.check('statement', { kind: 'blame', target: s }) === null,
  );
  section.append(
    h('p', { class: 'hint' }, 'One public statement, published when every seat has made one.'),
    h(
      'div',
      { class: 'actions wrap' },
      ...claims.map((d) =>
        h(
          'button',
          { type: 'button', onclick: () => act.send('statement', { kind: 'claim', target: d }) },
          `Claim credit for deal ${d}`,
        ),
      ),
      ...others.map((s) =>
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => act.send('statement', { kind: 'blame', target: s }),
          },
          `Blame ${seatName(scenario, s)}`,
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => act.send('statement', { kind: 'silence' }),
        },
        'No comment',
      ),
    ),
    refusalSlot('statement'),
  );
  return section;
}

/** Where this seat finished, in a sentence, and the way home. */
function resultPanel(view: SeatView, scenario: Scenario, seat: Seat): HTMLElement {
  const final = view.final;
  const place = (): string => {
    if (!final) return '';
    const mine = final.normalised[seat];
    const above = (['0', '1', '2'] as const).filter((s) => final.normalised[s] > mine);
    if (above.length > 0) return `behind ${above.map((s) => seatName(scenario, s)).join(' and ')}.`;
    return final.winners.length > 1
      ? 'tied for the best result at the table.'
      : 'the best result at the table: you win.';
  };
  return h(
    'section',
    { class: 'panel result', 'aria-labelledby': 'result-h' },
    h('h2', { id: 'result-h' }, 'Your result'),
    final
      ? h(
          'p',
          { class: 'result-line' },
          `${final.scores[seat]} points (${final.normalised[seat].toFixed(2)} of your role's maximum): ${place()}`,
        )
      : null,
    h(
      'p',
      {},
      'With the board: the outcome, every seat’s score, what each side was hiding, and every memo as written beside the version delivered.',
    ),
    h('p', {}, h('a', { href: '#/' }, 'Back to the home page (play again)')),
  );
}

function deskFor(
  view: SeatView,
  scenario: Scenario,
  seat: Seat | null,
  act: Intents,
): HTMLElement[] {
  if (seat === null)
    return [h('p', { class: 'panel' }, 'You are watching: public information only.')];
  if (view.step === 'over') return [resultPanel(view, scenario, seat)];
  const acting = view.pending.includes(seat);
  const waitingFor = view.pending.map((s) => seatName(scenario, s)).join(', ');
  const done = acting
    ? h(
        'button',
        { type: 'button', class: 'done', onclick: () => act.send('done') },
        view.step === 'response'
          ? 'Done answering'
          : view.step === 'press'
            ? 'Say nothing'
            : `End my ${STEP_NAMES[view.step].toLowerCase()}`,
      )
    : h('p', { class: 'waiting' }, waitingFor ? `Waiting for ${waitingFor}.` : 'Waiting.');
  const parts: (HTMLElement | null)[] = [];
  if (view.step === 'drafting' && isPrincipal(seat) && acting)
    parts.push(postureForm(view, scenario, seat, act), memoComposer(view, scenario, seat, act));
  if (view.step === 'mediation' && seat === '2' && acting)
    parts.push(...brokerDesk(view, scenario, act));
  if (
    isPrincipal(seat) &&
    (view.step === 'response' || view.step === 'press' || view.step === 'mediation')
  )
    parts.push(inbox(view, scenario, seat, act));
  if (view.step === 'press') parts.push(pressPanel(view, scenario, seat, act));
  if (seat === '2') parts.push(deliveredPanel(view, scenario));
  if (isPrincipal(seat)) parts.push(sentMemos(view, scenario, seat));
  // The done button's slot also takes any refusal whose control is no longer on the desk.
  const doneSlot = refusalSlot('done', '*');
  return [done, doneSlot, ...parts].filter((x): x is HTMLElement => x !== null);
}

function tracksText(view: SeatView, scenario: Scenario): HTMLElement {
  const estimate = view.breakout.true === undefined;
  const rows = trackRows(
    scenario,
    view.tracks,
    view.breakout.true ?? view.breakout.estimate,
    breakoutLabel(estimate),
  );
  const row = (label: string, value: string) => [h('dt', {}, label), h('dd', {}, value)];
  return h(
    'section',
    { class: 'panel tracks', 'aria-labelledby': 'tracks-h' },
    h('h3', { id: 'tracks-h' }, 'Tracks'),
    h(
      'dl',
      {},
      ...rows.flatMap((r) => row(r.label, `${r.value} / ${r.max}`)),
      ...row(
        'Credit',
        (['0', '1', '2'] as const)
          .map((s) => `${seatName(scenario, s)} ${view.credit[s]}`)
          .join(', '),
      ),
    ),
  );
}

function dealsText(view: SeatView, scenario: Scenario): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'deals-h' },
    h('h3', { id: 'deals-h' }, 'Deals'),
    view.deals.length === 0
      ? h('p', {}, 'None signed yet.')
      : h(
          'ul',
          {},
          ...view.deals.map((d) =>
            h(
              'li',
              { class: `deal ${d.status}` },
              h('strong', {}, `${d.id}: `),
              d.status === 'verifying'
                ? `signed round ${d.signedRound}, verifies in ${d.verifyLeft + 1} resolution${d.verifyLeft ? 's' : ''}`
                : d.status === 'verified'
                  ? `verified round ${d.verifiedRound}`
                  : `collapsed round ${d.collapsedRound}`,
              h('ul', {}, ...d.clauses.map((c) => h('li', {}, clauseText(scenario, c)))),
            ),
          ),
        ),
  );
}

/** This round's and the last round's incidents, with what each did to the tracks. */
function incidentsPanel(view: SeatView, scenario: Scenario, seat: Seat | null): HTMLElement | null {
  const recent = view.incidents.filter((i) => i.round >= view.round - 1).reverse();
  if (recent.length === 0) return null;
  return h(
    'section',
    { class: 'panel incidents', 'aria-labelledby': 'incidents-h' },
    h('h3', { id: 'incidents-h' }, 'Incidents'),
    h(
      'ul',
      {},
      ...recent.map((i) =>
        h(
          'li',
          {},
          h('span', { class: 'meta' }, `Round ${i.round}`),
          ' ',
          h('strong', {}, i.headline),
          h('br'),
          trackChanges(scenario, i.effects) || 'No change to the tracks.',
          // Principal B knows which incidents it directed (GAME.md, "Who sees what").
          seat === '1' && view.attributions[i.id] === 'directed'
            ? h('span', { class: 'directed' }, ' Directed by you.')
            : null,
        ),
      ),
    ),
  );
}

function feedPanel(view: SeatView): HTMLElement {
  const entries = [...view.feed].reverse().slice(0, 60);
  return h(
    'section',
    { class: 'panel feed', 'aria-labelledby': 'feed-h' },
    h('h3', { id: 'feed-h' }, 'Public feed'),
    h(
      'ol',
      // It scrolls (styles.css), so it takes focus: keyboard users can scroll it too.
      { reversed: true, tabindex: 0, 'aria-labelledby': 'feed-h' },
      ...entries.map((e) =>
        h(
          'li',
          { class: `feed-${e.kind}` },
          h('span', { class: 'meta' }, `R${e.round}`),
          ' ',
          e.text,
          e.memo ? h('blockquote', {}, e.memo.text) : null,
        ),
      ),
    ),
  );
}

export interface TableScreen {
  element: HTMLElement;
  canvasHost: HTMLElement;
  destroy(): void;
}

export function renderTable(store: TableStore, onLeave: () => void): TableScreen {
  // Focusable by script (not by Tab), so focus lands on the table's title when it opens.
  const title = h('h1', { class: 'match-title', tabindex: -1 });
  const status = h('p', { class: 'status-line' });
  const countdown = h('span', { class: 'countdown', role: 'timer', 'aria-live': 'off' });
  const canvasHost = h('div', { class: 'board', 'aria-hidden': 'true' });
  const desk = h('div', { class: 'desk' });
  const side = h('div', { class: 'side' });
  const end = h('div', { class: 'end' });
  const motion = h('input', { type: 'checkbox', id: 'reduced-motion' });
  motion.checked = store.getState().reducedMotion;
  motion.addEventListener('change', () => store.setState({ reducedMotion: motion.checked }));
  const element = h(
    'div',
    { class: 'table-screen' },
    h(
      'header',
      { class: 'table-header' },
      h('div', {}, title, status),
      h(
        'div',
        { class: 'header-tools' },
        countdown,
        h(
          'span',
          { class: 'toggle' },
          motion,
          h('label', { for: 'reduced-motion' }, 'Reduce motion'),
        ),
        h('button', { type: 'button', class: 'secondary', onclick: onLeave }, 'Leave'),
      ),
    ),
    // A <div>: the page's one <main> is the app's container (index.html).
    h(
      'div',
      { class: 'table-main' },
      h('div', { class: 'left' }, canvasHost, end, side),
      h('div', { class: 'right', 'aria-label': 'Your desk' }, desk),
    ),
  );

  let shownRefusal: TableState['refusal'] = null;
  const render = () => {
    const s = store.getState();
    const view = s.view;
    if (!view) {
      title.textContent = 'Backchannel';
      status.textContent =
        s.phase === 'error' ? (s.error ?? 'Something went wrong.') : 'Connecting to the table…';
      return;
    }
    const scenario = getScenario(view.options.scenario);
    const you =
      s.seat === null ? 'Watching' : `You are ${seatName(scenario, s.seat)} (${roleName(s.seat)})`;
    title.textContent = `${scenario.name} · ${you}`;
    status.textContent =
      view.step === 'over'
        ? 'The match is over.'
        : view.paused
          ? `Paused by the facilitator · Round ${view.round} of ${view.options.rounds} · ${STEP_NAMES[view.step]}: nobody can act until the table resumes.`
          : `Round ${view.round} of ${view.options.rounds} · ${STEP_NAMES[view.step]}: ${STEP_HELP[view.step]}`;
    element.classList.toggle('paused', Boolean(view.paused));
    const act: Intents = {
      send: (move, ...args) => store.getState().send(move, ...args),
      check: (move, ...args) => store.getState().check(move, ...args),
    };
    const deskKey = desk.dataset.key;
    renderKeyed(
      desk,
      JSON.stringify([
        view.round,
        view.step,
        // While this seat acts, others finishing must not redraw its desk (and lose its typing).
        s.seat !== null && view.pending.includes(s.seat) ? 'acting' : view.pending,
        s.seat,
        view.memos.length,
        view.memos.map((m) => m.status),
        view.proposals.map((p) => [p.stage, p.answers]),
        view.sealedStatements,
        view.tracks.capital,
        view.deals.length,
      ]),
      () => deskFor(view, scenario, s.seat, act),
    );
    // A redrawn desk has empty slots: put the refusal back beside its control.
    if (s.refusal !== shownRefusal || desk.dataset.key !== deskKey) {
      shownRefusal = s.refusal;
      placeRefusal(desk, s.refusal);
    }
    renderKeyed(
      side,
      JSON.stringify([
        view.feed.length,
        view.tracks,
        view.breakout,
        view.deals,
        view.credit,
        view.agendas,
        view.mandate,
        view.incidents.length,
        view.attributions,
        s.seat,
      ]),
      () =>
        [
          objectives(view, s.seat),
          tracksText(view, scenario),
          dealsText(view, scenario),
          incidentsPanel(view, scenario, s.seat),
          feedPanel(view),
        ].filter((x): x is HTMLElement => x !== null),
    );
    renderKeyed(end, JSON.stringify([Boolean(view.final)]), () =>
      view.final ? endScreen(view, scenario, s.seat, s.mode === 'online' ? s.matchID : null) : [],
    );
  };
  const tick = () => {
    const state = store.getState();
    const paused = state.view?.paused;
    const left = timeLeft(state);
    countdown.textContent = state.view ? countdownText(paused, left, '') : '';
    countdown.classList.toggle('urgent', isUrgent(paused, left));
  };
  const unsubscribe = store.subscribe(render);
  const timer = setInterval(tick, 250);
  render();
  tick();
  return {
    element,
    canvasHost,
    destroy: () => {
      unsubscribe();
      clearInterval(timer);
    },
  };
}
