// #/seminar/<id>: the facilitator console. Its state, polling and actions are the controller's
// (src/client/console.ts, a zustand store like every other screen's); this screen renders that
// state: each table's card is redrawn only when what it shows changed (focus stays where it was),
// countdowns tick locally from the server's clock, and only the facilitator's own actions and
// tables ending are announced.
import { makeConsole, type ConsoleState } from '../../client/console';
import type { Dashboard } from '../../client/seminar';
import { clockWords, sessionScenario, type TableModel } from '../../game/model/seminar';
import { countdownAt } from '../../game/seat-model';
import { h, renderKeyed } from '../dom';
import { errorBox, page, type Screen } from './common';
import { classSummary, tableCard } from './console-cards';
import { fillForm, injectForm, tableButtons } from './console-controls';

export type { Screen };

function timerText(timer: Dashboard['options']['timer']): string {
  if (timer === null || timer === 'untimed') return 'untimed';
  if (typeof timer === 'string') return `${timer} timers`;
  return `custom timers (${timer.drafting}, ${timer.mediation}, ${timer.response} and ${timer.press} s a step)`;
}

export function renderConsole(id: string): Screen {
  const ctl = makeConsole(id);
  const status = h('p', { class: 'console-status', role: 'status' });
  const errorHost = h('div', { class: 'console-error' });
  const header = h('div', { class: 'console-summary' });
  const controls = h('section', { class: 'console-controls', 'aria-labelledby': 'all-h' });
  const cards = h('div', { class: 'table-cards' });
  const summary = h('section', { class: 'class-summary', 'aria-labelledby': 'summary-h' });
  const danger = h('section', { class: 'console-danger', 'aria-labelledby': 'danger-h' });
  const body = h('div', { class: 'console-body' });

  const dangerZone = (): HTMLElement[] => [
    h('h2', { id: 'danger-h' }, 'End of the session'),
    h(
      'p',
      {},
      'Deleting removes every match of this session, their records and every name. It cannot be undone: download the records you want first.',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        id: 'delete-session',
        onclick: () => void ctl.deleteSession((q) => window.confirm(q)),
      },
      'Delete the session…',
    ),
  ];

  const secretForm = (message?: string): HTMLElement => {
    const input = h('input', {
      id: 'paste-secret',
      required: true,
      autocomplete: 'off',
      spellcheck: false,
    });
    const form = h(
      'form',
      { class: 'card', 'aria-labelledby': 'paste-h' },
      h('h2', { id: 'paste-h' }, 'Facilitator secret needed'),
      message ? errorBox(message) : null,
      h(
        'p',
        {},
        'This browser does not hold the secret of this session. Paste the secret you were shown when it was created.',
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'paste-secret' }, 'Facilitator secret'),
        input,
      ),
      h('button', { type: 'submit' }, 'Open the console'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      ctl.submitSecret(input.value.trim());
    });
    return form;
  };

  const draw = (d: Dashboard, models: Record<number, TableModel>) => {
    const scenario = sessionScenario(d.options?.scenario);
    renderKeyed(header, JSON.stringify([d.label, d.options, d.tables.length]), () => [
      h(
        'p',
        { class: 'lede' },
        h('strong', {}, d.label ? `${d.label}: ` : ''),
        `${scenario.name}, ${d.tables.length} table${d.tables.length === 1 ? '' : 's'}, ${d.options.rounds} rounds, ${timerText(d.options.timer)}. Session ${d.id}.`,
      ),
      h(
        'p',
        { class: 'hint' },
        'Students join at ',
        h('a', { href: '#/class' }, `${window.location.origin}/#/class`),
        ' with a table code (they pick a free seat) or a seat code.',
      ),
    ]);
    renderKeyed(controls, JSON.stringify([d.tables.map((t) => t.table), scenario.id]), () => [
      h('h2', { id: 'all-h' }, 'All tables'),
      tableButtons(ctl, 'all', () =>
        (ctl.store.getState().dashboard?.tables ?? []).filter((t) => !t.final),
      ),
      h('div', { class: 'control-forms' }, injectForm(ctl, d, scenario), fillForm(ctl)),
    ]);
    // Cards: one keyed container a table, so one table's change redraws only its card.
    const existing = new Map(
      [...cards.children].map((c) => [(c as HTMLElement).dataset.table, c as HTMLElement]),
    );
    const wanted = d.tables.map((t) => {
      let el = existing.get(String(t.table));
      if (!el) {
        el = h('section', {
          class: 'table-card',
          'data-table': String(t.table),
          'aria-labelledby': `table-${t.table}-h`,
        });
      }
      const model = models[t.table] ?? null;
      // Redrawn when what it shows changes (not the countdown, which the ticker keeps).
      renderKeyed(
        el,
        JSON.stringify({ ...t, feed: t.feed?.length ?? 0, model: { ...model, countdown: null } }),
        () => tableCard(ctl, scenario, t, model),
      );
      el.classList.toggle('is-paused', Boolean(model?.paused));
      el.classList.toggle('is-ended', Boolean(model?.outcome));
      return el;
    });
    if (wanted.some((el, i) => cards.children[i] !== el)) cards.replaceChildren(...wanted);
    const ended = Object.values(models).filter((m) => m.outcome);
    renderKeyed(
      summary,
      JSON.stringify(ended.map((m) => [m.table, m.outcome, m.tracks, m.deals])),
      () => classSummary(scenario, d, models),
    );
    summary.hidden = ended.length === 0;
    tick();
  };

  /** Each card's countdown, re-read from its table's model by the server's clock. */
  const tick = () => {
    const { offset, tables } = ctl.store.getState();
    for (const el of cards.querySelectorAll<HTMLElement>('.countdown[data-table]')) {
      const model = tables[Number(el.dataset.table)];
      if (!model) continue;
      const c = countdownAt(model.countdown, Date.now() + offset);
      el.textContent = clockWords(c, model.over).time;
      el.classList.toggle('urgent', c.urgent);
    }
  };

  const render = (s: ConsoleState, prev: ConsoleState | null) => {
    if (s.message && s.message.serial !== prev?.message?.serial) {
      // Re-set even when equal, so the same message is announced again.
      const text = s.message.text;
      status.textContent = '';
      setTimeout(() => (status.textContent = text), 50);
    }
    if (s.phase === 'need-secret') {
      if (s.phase !== prev?.phase || s.secretProblem !== prev.secretProblem)
        body.replaceChildren(secretForm(s.secretProblem ?? undefined));
      return;
    }
    if (s.phase === 'missing') {
      body.replaceChildren(
        errorBox(`There is no session ${id} on this server (it may have been deleted).`),
        h('p', {}, h('a', { href: '#/seminar/new' }, 'Run a new seminar')),
      );
      return;
    }
    if (s.phase === 'deleted') {
      body.replaceChildren(
        h('p', { class: 'card', role: 'status' }, 'The session and all its data are deleted.'),
        h('p', {}, h('a', { href: '#/seminar/new' }, 'Run another seminar')),
      );
      return;
    }
    // Keep the last dashboard on screen, with the error above it.
    if (s.error !== prev?.error) errorHost.replaceChildren(...(s.error ? [errorBox(s.error)] : []));
    if (!s.dashboard) {
      body.replaceChildren(
        s.error ? errorHost : h('p', { role: 'status' }, 'Loading the dashboard…'),
      );
      return;
    }
    if (!body.contains(cards))
      body.replaceChildren(header, controls, status, cards, summary, danger);
    if (s.dashboard !== prev?.dashboard || s.tables !== prev?.tables) draw(s.dashboard, s.tables);
  };

  renderKeyed(danger, 'danger', dangerZone);
  const element = page('Facilitator console', errorHost, body);
  const unsubscribe = ctl.store.subscribe(render);
  render(ctl.store.getState(), null);
  ctl.start();
  const ticker = setInterval(tick, 250);
  return {
    element,
    destroy: () => {
      unsubscribe();
      ctl.stop();
      clearInterval(ticker);
    },
  };
}
