// The table screen: header (round, step, countdown), the Phaser table, and the DOM panels for this
// seat: its objectives, its desk for the current step, the press, the public feed, the tracks and
// deals in words, and the end screen. Everything it shows comes from the seat model the store
// carries (src/game/seat-model.ts) and the desk's share of it (src/game/model/desk.ts). Panels
// re-render only when what they show changes, so nothing a person is typing is lost.
import { deskModel, type DeskModel, type IncidentLine, type PressModel } from '../game/model/desk';
import { countdownAt, type DealModel } from '../game/seat-model';
import type { SeatView } from '../game/types';
import type { Intents } from '../client/intents';
import type { TableState, TableStore } from '../client/store';
import { h, renderKeyed } from './dom';
import { brokerDesk, deliveredPanel } from './desk-broker';
import { inbox, memoComposer, postureForm, sentMemos } from './desk-principal';
import { endScreen } from './end';
import { makeNotifier } from '../client/notify';
import { placeRefusal, refusalSlot, sends } from './refusal';
import { offlineBanner } from './offline';
import { presenceLine } from '../game/model/lobby';
import { pointRulesLink, rulesLink } from './rules-link';

function objectives(desk: DeskModel): HTMLElement | null {
  if (!desk.objectives) return null;
  return h(
    'section',
    { class: 'panel objectives', 'aria-labelledby': 'obj-h' },
    h('h3', { id: 'obj-h' }, desk.objectives.heading),
    h(
      'ul',
      {},
      ...desk.objectives.items.map((c) => h('li', {}, h('strong', {}, c.title), ' — ', c.text)),
    ),
  );
}

function pressPanel(press: PressModel, act: Intents): HTMLElement {
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'press-h' },
    h('h3', { id: 'press-h' }, 'Press statement'),
  );
  if (press.said) {
    section.append(h('p', {}, press.said));
    return section;
  }
  section.append(
    h('p', { class: 'hint' }, press.hint),
    h(
      'div',
      { class: 'actions wrap' },
      ...press.options.map((o) =>
        h(
          'button',
          {
            type: 'button',
            class: o.kind === 'claim' ? undefined : 'secondary',
            onclick: () => act.send('statement', ...o.args),
            ...sends('statement'),
          },
          o.label,
        ),
      ),
    ),
    refusalSlot('statement'),
  );
  return section;
}

/** Where this seat finished, in a sentence, and the way home. */
function resultPanel(desk: DeskModel): HTMLElement {
  return h(
    'section',
    { class: 'panel result', 'aria-labelledby': 'result-h' },
    h('h2', { id: 'result-h' }, 'Your result'),
    desk.end?.result ? h('p', { class: 'result-line' }, desk.end.result) : null,
    h(
      'p',
      {},
      'With the board: the outcome, every seat’s score, what each side was hiding, and every memo as written beside the version delivered.',
    ),
    h('p', {}, h('a', { href: '#/' }, 'Back to the home page (play again)')),
  );
}

function deskFor(desk: DeskModel, seated: boolean, over: boolean, act: Intents): HTMLElement[] {
  if (!seated) return [h('p', { class: 'panel' }, 'You are watching: public information only.')];
  if (over) return [resultPanel(desk)];
  const done = desk.done
    ? h(
        'button',
        { type: 'button', class: 'done', onclick: () => act.send('done'), ...sends('done') },
        desk.done,
      )
    : h('p', { class: 'waiting' }, desk.waiting);
  // A word about the step beside the done control: e.g. nothing to answer, but still say done.
  const reminder = desk.reminder
    ? h('p', { class: 'reminder', role: 'note' }, desk.reminder)
    : null;
  const parts: (HTMLElement | null)[] = [];
  if (desk.postures) parts.push(postureForm(desk.postures, act));
  if (desk.composer) parts.push(memoComposer(desk.composer, act));
  if (desk.brokerMemos) parts.push(...brokerDesk(desk.brokerMemos, desk.bundle, desk.table, act));
  if (desk.inbox) parts.push(inbox(desk.inbox, act));
  if (desk.press) parts.push(pressPanel(desk.press, act));
  if (desk.delivered) parts.push(deliveredPanel(desk.delivered));
  if (desk.memos) parts.push(sentMemos(desk.memos, 'Your memos', 'sent-h', false, act));
  if (desk.brokerMemoList)
    parts.push(sentMemos(desk.brokerMemoList, 'Memos this round and last', 'handled-h', true));
  // The done button's slot also takes any refusal whose control is no longer on the desk.
  const doneSlot = refusalSlot('done', '*');
  return [done, doneSlot, reminder, ...parts].filter((x): x is HTMLElement => x !== null);
}

function tracksText(desk: DeskModel): HTMLElement {
  return h(
    'section',
    { class: 'panel tracks', 'aria-labelledby': 'tracks-h' },
    h('h3', { id: 'tracks-h' }, 'Tracks'),
    h('dl', {}, ...desk.tracks.flatMap((r) => [h('dt', {}, r.label), h('dd', {}, r.value)])),
  );
}

function dealsText(deals: DealModel[]): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'deals-h' },
    h('h3', { id: 'deals-h' }, 'Deals'),
    deals.length === 0
      ? h('p', {}, 'None signed yet.')
      : h(
          'ul',
          {},
          ...deals.map((d) =>
            h(
              'li',
              { class: `deal ${d.status}` },
              h('strong', {}, `${d.name}: `),
              `signed in round ${d.signedRound}, ${d.text}`,
              h('ul', {}, ...d.clauses.map((c) => h('li', {}, c.text))),
            ),
          ),
        ),
  );
}

/** This round's and the last round's incidents, with what each did to the tracks. */
function incidentsPanel(incidents: IncidentLine[]): HTMLElement | null {
  if (incidents.length === 0) return null;
  return h(
    'section',
    { class: 'panel incidents', 'aria-labelledby': 'incidents-h' },
    h('h3', { id: 'incidents-h' }, 'Incidents'),
    h(
      'ul',
      {},
      ...incidents.map((i) =>
        h(
          'li',
          {},
          h('span', { class: 'meta' }, `Round ${i.round}${i.place ? ` · ${i.place}` : ''}`),
          ' ',
          h('strong', {}, i.headline),
          h('br'),
          i.effects,
          // Principal B knows which incidents it directed (GAME.md, "Who sees what").
          i.directed ? h('span', { class: 'directed' }, ' Directed by you.') : null,
        ),
      ),
    ),
  );
}

/** What changed since this seat last looked: incidents with their effects, deals, reframes. */
function changesPanel(desk: DeskModel): HTMLElement | null {
  if (desk.changes.length === 0 && !desk.trackChanges) return null;
  return h(
    'section',
    { class: 'panel changes', 'aria-labelledby': 'changes-h' },
    h('h3', { id: 'changes-h' }, 'Since your last step'),
    desk.trackChanges ? h('p', {}, h('strong', {}, 'Tracks: '), desk.trackChanges) : null,
    desk.changes.length
      ? h(
          'ul',
          {},
          ...desk.changes.map((c) =>
            h(
              'li',
              {},
              h('strong', {}, `${c.heading}: `),
              c.text,
              c.effects ? ` (${c.effects})` : '',
              c.directed ? h('span', { class: 'directed' }, ' Directed by you.') : null,
            ),
          ),
        )
      : null,
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

/** The seat's own accepted moves, newest first, folded away until opened. */
function actionsPanel(lines: DeskModel['actions']): HTMLElement | null {
  if (lines.length === 0) return null;
  const time = (at: number) =>
    new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return h(
    'details',
    { class: 'panel actions-log' },
    h('summary', { id: 'actions-h' }, `Your actions (${lines.length})`),
    h(
      'ol',
      { reversed: true, tabindex: 0, 'aria-labelledby': 'actions-h' },
      ...[...lines]
        .reverse()
        .map((l) =>
          h(
            'li',
            {},
            h('span', { class: 'meta' }, `R${l.round} ${l.stepName} · ${time(l.at)}`),
            ' ',
            l.text,
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
  // Each seat's player and presence (src/game/model/lobby.ts).
  const presence = h('ul', { class: 'seat-presence', 'aria-label': 'Players' });
  const countdown = h('span', { class: 'countdown', role: 'timer', 'aria-live': 'off' });
  const canvasHost = h('div', { class: 'board', 'aria-hidden': 'true' });
  const desk = h('div', { class: 'desk' });
  const side = h('div', { class: 'side' });
  const end = h('div', { class: 'end' });
  const offline = offlineBanner();
  const motion = h('input', { type: 'checkbox', id: 'reduced-motion' });
  // In a new tab: the match goes on in this one (src/ui/rules-link.ts).
  const rules = rulesLink();
  motion.checked = store.getState().reducedMotion;
  motion.addEventListener('change', () => store.setState({ reducedMotion: motion.checked }));
  // The tab's title and favicon say when this seat must act; a beep and a notice, if asked for.
  const notifier = makeNotifier({
    now: () => Date.now() + store.getState().clockOffset,
    offerNotifications: store.getState().mode !== 'solo',
  });
  const element = h(
    'div',
    { class: 'table-screen' },
    h(
      'header',
      { class: 'table-header' },
      h('div', {}, title, status, presence, offline.element),
      h(
        'div',
        { class: 'header-tools' },
        countdown,
        notifier.controls,
        h(
          'span',
          { class: 'toggle' },
          motion,
          h('label', { for: 'reduced-motion' }, 'Reduce motion'),
        ),
        rules,
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
    offline.show(s.online);
    element.classList.toggle('is-offline', s.online === false);
    const view = s.view;
    const model = s.model;
    if (!view || !model) {
      title.textContent = 'Backchannel';
      status.textContent =
        s.phase === 'error' ? (s.error ?? 'Something went wrong.') : 'Connecting to the table…';
      return;
    }
    const d = deskModel(view, model);
    pointRulesLink(rules, view.options.scenario);
    title.textContent = d.title;
    notifier.show(d.pageTitle, model);
    status.textContent = d.status;
    const players = presenceLine(view, s.seats);
    renderKeyed(presence, JSON.stringify(players), () =>
      players.map((p) => h('li', { class: p.connected ? 'on' : 'off' }, p.text)),
    );
    element.classList.toggle('paused', model.paused);
    const act: Intents = {
      send: (move, ...args) => store.getState().send(move, ...args),
      check: (move, ...args) => store.getState().check(move, ...args),
    };
    const deskKey = desk.dataset.key;
    renderKeyed(
      desk,
      JSON.stringify([
        model.round,
        model.step,
        // While this seat acts, others finishing must not redraw its desk (and lose its typing).
        model.acting ? 'acting' : view.pending,
        model.seat,
        model.memos.map((m) => m.fate),
        model.inbox.map((i) => (i.kind === 'proposal' ? [i.id, i.stage, i.yourAnswer] : i.id)),
        model.proposals.map((p) => [p.stage, p.answers]),
        view.sealedStatements,
        view.tracks.capital,
        model.deals.length,
        model.reminder,
      ]),
      () => deskFor(d, model.seat !== null, model.over, act),
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
        d.tracks,
        d.deals,
        d.objectives,
        d.incidents,
        d.changes,
        d.trackChanges,
        model.seat,
        view.journal,
        model.memos.length,
      ]),
      () =>
        [
          changesPanel(d),
          objectives(d),
          tracksText(d),
          dealsText(d.deals),
          incidentsPanel(d.incidents),
          feedPanel(view),
          actionsPanel(d.actions),
        ].filter((x): x is HTMLElement => x !== null),
    );
    renderKeyed(end, JSON.stringify([Boolean(d.end)]), () =>
      d.end ? endScreen(d.end, s.matchID) : [],
    );
  };
  const tick = () => {
    const state = store.getState();
    const model = state.model;
    const c = model ? countdownAt(model.countdown, Date.now() + state.clockOffset) : null;
    countdown.textContent = c && (c.timed || c.paused) && !model?.over ? c.text : '';
    countdown.classList.toggle('urgent', c?.urgent ?? false);
    notifier.tick();
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
      notifier.stop();
      document.title = 'Backchannel';
    },
  };
}
