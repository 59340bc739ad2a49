// The console's controls for several tables at once: the clock buttons (of one table or all), the
// inject form and the bot form. They call the controller's actions (src/client/console.ts) and
// keep nothing of their own but what is being typed.
import { BOT_LEVELS, PERSONAS } from '../../bots';
import type { ConsoleController } from '../../client/console';
import type { BotSpec, Dashboard, SeminarTable } from '../../client/seminar';
import { trackChangeWords } from '../../game/model/seminar';
import { TRACK_NAMES, type Scenario } from '../../game/scenario/schema';
import { trackLabel } from '../../game/seat-model';
import { field, h } from '../dom';

/** Start, pause, add time and end the step, for one table (`t3`) or for `all`. */
export function tableButtons(
  ctl: ConsoleController,
  prefix: string,
  target: () => SeminarTable[],
): HTMLElement {
  const nums = () => {
    const ts = target();
    const all = ctl.store.getState().dashboard?.tables.length;
    return ts.length === all ? ('all' as const) : ts.map((t) => t.table);
  };
  const scope = prefix === 'all' ? 'all tables' : `table ${prefix.slice(1)}`;
  const button = (id: string, cls: string | undefined, label: string, onclick: () => void) =>
    h('button', { type: 'button', id: `${prefix}-${id}`, class: cls, onclick }, label);
  return h(
    'div',
    { class: 'actions wrap', role: 'group', 'aria-label': `Clock of ${scope}` },
    button(
      'resume',
      undefined,
      '▶ Start / resume',
      () => void ctl.run(`Start or resume ${scope}`, nums(), { kind: 'resume' }),
    ),
    button(
      'pause',
      'secondary',
      '‖ Pause',
      () => void ctl.run(`Pause ${scope}`, nums(), { kind: 'pause' }),
    ),
    button(
      'extend',
      'secondary',
      '+60 s',
      () => void ctl.run(`Add 60 s on ${scope}`, nums(), { kind: 'extend', seconds: 60 }),
    ),
    button(
      'end-step',
      'danger',
      'End step now…',
      () => void ctl.endStep(target(), (q) => window.confirm(q)),
    ),
  );
}

/** A scenario inject, or a custom headline with track changes. */
export function injectForm(
  ctl: ConsoleController,
  dashboard: Dashboard,
  scenario: Scenario,
): HTMLElement {
  const target = h(
    'select',
    { id: 'inject-target' },
    h('option', { value: 'all' }, 'All tables'),
    ...dashboard.tables.map((t) => h('option', { value: String(t.table) }, `Table ${t.table}`)),
  );
  const which = h(
    'select',
    { id: 'inject-which' },
    ...scenario.injects.map((i) => h('option', { value: i.id }, i.headline)),
    h('option', { value: '__custom' }, 'A custom headline…'),
  );
  const describe = h('p', { class: 'hint', id: 'inject-summary' });
  const headline = h('input', { id: 'inject-headline', maxlength: 140 });
  const effects = TRACK_NAMES.map((k) =>
    h('input', {
      id: `inject-${k}`,
      type: 'number',
      min: -3,
      max: 3,
      step: 1,
      value: 0,
      class: 'effect',
      inputmode: 'numeric',
    }),
  );
  const custom = h(
    'div',
    { class: 'inject-custom' },
    field('inject-headline', 'Custom headline (1–140 characters)', headline),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Track changes (−3 to +3)'),
      h(
        'div',
        { class: 'effects' },
        ...TRACK_NAMES.map((k, i) => field(`inject-${k}`, trackLabel(scenario, k), effects[i]!)),
      ),
    ),
  );
  const sync = () => {
    const card = scenario.injects.find((i) => i.id === which.value);
    custom.hidden = which.value !== '__custom';
    describe.textContent = card
      ? `${card.summary ?? ''} Effects: ${trackChangeWords(scenario, card.effects)}.`
      : '';
  };
  which.addEventListener('change', sync);
  sync();
  const form = h(
    'form',
    { class: 'inject-form', 'aria-labelledby': 'inject-h' },
    h('h3', { id: 'inject-h' }, 'Send an inject'),
    h(
      'div',
      { class: 'row' },
      field('inject-target', 'To', target),
      field('inject-which', 'Inject', which, 'field grow'),
    ),
    describe,
    custom,
    h('button', { type: 'submit', id: 'inject-send' }, 'Send the inject'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const tables = target.value === 'all' ? ('all' as const) : [Number(target.value)];
    if (which.value !== '__custom') {
      void ctl.run('Inject', tables, { kind: 'inject', inject: which.value });
      return;
    }
    const text = headline.value.trim();
    if (!text) {
      ctl.say('A custom inject needs a headline.');
      headline.focus();
      return;
    }
    const fx: Record<string, number> = {};
    TRACK_NAMES.forEach((k, i) => {
      const v = Math.round(Number(effects[i]!.value));
      if (v) fx[k] = Math.max(-3, Math.min(3, v));
    });
    void ctl.run('Custom inject', tables, { kind: 'inject', headline: text, effects: fx });
  });
  return form;
}

/** The bot level and persona (kept in the controller's store), and filling open seats. */
export function fillForm(ctl: ConsoleController): HTMLElement {
  const bot = ctl.store.getState().bot;
  const level = h(
    'select',
    { id: 'bot-level' },
    ...BOT_LEVELS.map((l) => h('option', { value: l, selected: l === bot.level }, l)),
  );
  const persona = h(
    'select',
    { id: 'bot-persona' },
    h('option', { value: 'any' }, 'balanced'),
    ...PERSONAS.map((p) => h('option', { value: p, selected: p === bot.persona }, p)),
  );
  const choose = () =>
    ctl.setBot({
      level: level.value as BotSpec['level'],
      ...(persona.value !== 'any'
        ? { persona: persona.value as NonNullable<BotSpec['persona']> }
        : {}),
    });
  level.addEventListener('change', choose);
  persona.addEventListener('change', choose);
  const form = h(
    'form',
    { class: 'fill-form', 'aria-labelledby': 'fill-h' },
    h('h3', { id: 'fill-h' }, 'Bots'),
    h(
      'p',
      { class: 'hint' },
      'The level and persona used to fill open seats and to replace a student.',
    ),
    h(
      'div',
      { class: 'row' },
      field('bot-level', 'Bot level', level),
      field('bot-persona', 'Bot persona', persona),
    ),
    h('button', { type: 'submit', id: 'fill-seats' }, 'Fill every open seat with bots'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void ctl.fill();
  });
  return form;
}
