// #/seminar/new: the facilitator creates a session (scenario, rounds, timers, tables or a class
// list), then sees its secret once, with a warning to keep it.
import type { Created } from '../../client/seminar';
import { makeSeminarCreate, type SessionAsked } from '../../client/seminar-create';
import { TIMED_STEPS, TIMER_PRESETS, MIN_STEP_SECONDS } from '../../game/options';
import { getScenario, scenarioIds } from '../../game/scenario';
import { h } from '../dom';
import { STEP_NAMES } from '../../game/words';
import { copyField, page } from './common';

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = control.id;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    control,
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
  );
}

function selectEl(id: string, options: [string, string][], value: string): HTMLSelectElement {
  return h(
    'select',
    { id, name: id },
    ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
}

const presetText = (p: keyof typeof TIMER_PRESETS) =>
  TIMED_STEPS.map((s) => `${STEP_NAMES[s].toLowerCase()} ${TIMER_PRESETS[p][s]} s`).join(', ');

export function secretPanel(created: Pick<Created, 'id' | 'secret'>): HTMLElement {
  return h(
    'section',
    { class: 'card secret-card', 'aria-labelledby': 'secret-h' },
    h('h2', { id: 'secret-h' }, 'Keep your facilitator secret'),
    h(
      'p',
      { class: 'warning' },
      'Warning: this secret is shown only once. This browser keeps it, but copy it somewhere safe: without it, nobody can run, pause or delete this session from another browser.',
    ),
    copyField('Facilitator secret', created.secret, 'seminar-secret'),
    copyField('Session id', created.id, 'seminar-id'),
    h(
      'p',
      {},
      h(
        'a',
        { href: `#/seminar/${encodeURIComponent(created.id)}`, class: 'button-link' },
        'Open the facilitator console',
      ),
    ),
  );
}

export function renderSeminarNew(): HTMLElement {
  const scenarios = scenarioIds();
  const defaultScenario = scenarios.includes('doha-2026') ? 'doha-2026' : scenarios[0]!;
  const label = h('input', {
    id: 'sem-label',
    name: 'sem-label',
    maxlength: 80,
    placeholder: 'e.g. IR 204, Tuesday',
  });
  const scenario = selectEl(
    'sem-scenario',
    scenarios.map((id) => [id, getScenario(id).name]),
    defaultScenario,
  );
  const rounds = selectEl(
    'sem-rounds',
    [4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => [String(n), `${n} rounds`]),
    '8',
  );
  const timer = selectEl(
    'sem-timer',
    [
      ['seminar', `Seminar (${presetText('seminar')})`],
      ['blitz', `Blitz (${presetText('blitz')})`],
      ['untimed', 'Untimed'],
      ['correspondence', 'Correspondence (a day a step)'],
      ['custom', 'Custom: seconds for each step'],
    ],
    'seminar',
  );
  const custom = TIMED_STEPS.map((s) =>
    h('input', {
      id: `sem-secs-${s}`,
      name: `sem-secs-${s}`,
      type: 'number',
      min: MIN_STEP_SECONDS,
      max: 86400,
      step: 1,
      value: TIMER_PRESETS.seminar[s],
      inputmode: 'numeric',
    }),
  );
  const customBox = h(
    'fieldset',
    { class: 'custom-timer', hidden: true },
    h('legend', {}, 'Seconds for each step'),
    h('div', { class: 'row' }, ...TIMED_STEPS.map((s, i) => field(STEP_NAMES[s], custom[i]!))),
  );
  timer.addEventListener('change', () => (customBox.hidden = timer.value !== 'custom'));

  const tables = h('input', {
    id: 'sem-tables',
    name: 'sem-tables',
    type: 'number',
    min: 1,
    max: 10,
    value: 3,
    inputmode: 'numeric',
    'aria-describedby': 'sem-tables-hint',
  });
  const classList = h('textarea', {
    id: 'sem-class',
    name: 'sem-class',
    rows: 6,
    'aria-describedby': 'sem-class-hint',
    placeholder: 'Ada Lovelace\nAlan Turing\nGrace Hopper',
  });
  const status = h('p', { class: 'status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'big' }, 'Create the session');
  const result = h('div', { class: 'created' });

  const form = h(
    'form',
    { class: 'card primary seminar-form', 'aria-labelledby': 'sem-new-h' },
    h('h2', { id: 'sem-new-h' }, 'New seminar session'),
    h(
      'p',
      {},
      'One match a table, three seats a table. Every table starts paused: you start them from the console once students are seated.',
    ),
    field('Session label (optional)', label),
    h('div', { class: 'row' }, field('Scenario', scenario), field('Length', rounds)),
    field('Timers', timer),
    customBox,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Tables'),
      field(
        'Number of tables',
        tables,
        'From 1 to 10. Students take seats with the codes you give them.',
      ),
      field(
        'Or a class list (one name a line)',
        classList,
        'From 1 to 30 names; three seats a table, principals first. When given, it decides the number of tables.',
      ),
    ),
    submit,
    status,
  );
  const session = makeSeminarCreate();
  // The form's state is the store's: busy while creating, the secret panel once made.
  session.store.subscribe((st, before) => {
    status.textContent = st.status;
    submit.disabled = st.phase === 'creating';
    if (st.created && st.created !== before.created) {
      form.hidden = true;
      const panel = secretPanel(st.created);
      result.replaceChildren(panel);
      (panel.querySelector('h2') as HTMLElement).tabIndex = -1;
      (panel.querySelector('h2') as HTMLElement).focus();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void session.create({
      label: label.value,
      scenario: scenario.value,
      rounds: Number(rounds.value),
      timer: timer.value as SessionAsked['timer'],
      seconds: custom.map((c) => Number(c.value)),
      classList: classList.value,
      tables: Number(tables.value),
    });
  });

  return page('Run a seminar', form, result);
}
