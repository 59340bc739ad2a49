// The home screen: play solo (one click, sensible defaults), create an online match, or join one.
import { BOT_LEVELS, PERSONAS, type BotLevel } from '../bots';
import type { BotSeat } from '../client/connection';
import { getScenario, scenarioIds } from '../game/scenario';
import { rulesLink } from './rules-link';
import type { SetupData } from '../game/options';
import type { Seat } from '../game/types';
import { h, uid } from './dom';
import { seatName } from '../game/seat-model';
import { ROLE_NAMES } from '../game/words';
import { GUIDED_MATCH } from '../game/model/guide';
import type { MyMatch, Rematch } from '../client/my-matches';

export interface SoloChoice {
  seat: Seat;
  setupData: SetupData;
  bots: Partial<Record<Seat, BotSeat>>;
  /** Multiplies the bots' human-like pauses: 1 human-like, 0 instant. */
  pace: number;
  /** A guided first match (src/game/model/guide.ts): the table shows the guide. */
  guide?: boolean;
  /** A fixed seed for the rules and the bots. */
  seed?: string;
}

/** The guided first match in a seat: the guide's own short, seeded match with gentle bots. */
export function guidedChoice(seat: Seat): SoloChoice {
  return {
    seat,
    setupData: { scenario: GUIDED_MATCH.scenario, rounds: GUIDED_MATCH.rounds },
    bots: GUIDED_MATCH.bots(seat),
    pace: 0.5,
    guide: true,
    seed: GUIDED_MATCH.seed,
  };
}

export interface OnlineChoice {
  name: string;
  seat: Seat;
  setupData: SetupData;
  bots: Partial<Record<Seat, BotSeat>>;
}

export interface HomeActions {
  solo(choice: SoloChoice): void;
  create(choice: OnlineChoice): Promise<void>;
  join(input: string): void;
  /** This browser's own matches (src/client/my-matches.ts), newest first. */
  matches?: readonly MyMatch[];
  /** A rematch of one of them: the same setup, a new seed. */
  rematch?(rematch: Rematch): void;
}

/** How many of "My matches" show before the rest fold away. */
const MATCHES_SHOWN = 5;

function matchItem(m: MyMatch, rematch: HomeActions['rematch']): HTMLElement {
  const titleId = uid('my-match');
  // Each control names its match too: a list of "Resume" links must say which.
  const which = () => h('span', { class: 'visually-hidden' }, `: ${m.title}`);
  return h(
    'li',
    { class: `my-match ${m.finished ? 'finished' : 'running'}`, 'data-match': m.id },
    h(
      'p',
      { class: 'my-match-title' },
      h('strong', { id: titleId }, m.title),
      h('span', { class: 'my-match-status' }, ` · ${m.status}`),
    ),
    h(
      'p',
      { class: 'link-row' },
      m.resume ? h('a', { href: m.resume, class: 'button-link' }, 'Resume', which()) : null,
      m.debrief
        ? h('a', { href: m.debrief, class: 'button-link' }, 'Debrief and replay', which())
        : null,
      m.rematch && rematch
        ? h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => rematch(m.rematch!) },
            'Rematch',
            which(),
          )
        : null,
    ),
  );
}

/** "My matches": resume, debrief, rematch. Nothing when this browser has none. */
function myMatchesSection(actions: HomeActions): HTMLElement | null {
  const matches = actions.matches ?? [];
  if (matches.length === 0) return null;
  const items = matches.map((m) => matchItem(m, actions.rematch));
  const older = items.slice(MATCHES_SHOWN);
  return h(
    'section',
    { class: 'my-matches', 'aria-labelledby': 'my-matches-title' },
    h('h2', { id: 'my-matches-title' }, 'My matches'),
    h('ul', { class: 'my-match-list' }, ...items.slice(0, MATCHES_SHOWN)),
    older.length
      ? h(
          'details',
          {},
          h('summary', {}, `Older matches (${older.length})`),
          h('ul', { class: 'my-match-list' }, ...older),
        )
      : null,
  );
}

const ROLE_HELP: Record<Seat, string> = {
  '0': 'Writes memos to the broker; answers what the broker delivers.',
  '1': 'Writes memos to the broker; answers what the broker delivers. Sets the proxies’ leash.',
  '2': 'Reads every memo and decides what each side hears, when and in what words.',
};

function select(
  label: string,
  id: string,
  options: [string, string][],
  value: string,
): HTMLElement {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, name: id },
      ...options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
  );
}

function seatPicker(
  name: string,
  legend: string,
  scenarioId: string,
  selected: Seat,
): HTMLFieldSetElement {
  const scenario = getScenario(scenarioId);
  const names = {
    '0': seatName(scenario, '0'),
    '1': seatName(scenario, '1'),
    '2': seatName(scenario, '2'),
  };
  return h(
    'fieldset',
    { class: 'seat-picker' },
    h('legend', {}, legend),
    ...(['0', '1', '2'] as const).map((seat) => {
      const id = uid(`${name}-seat`);
      return h(
        'div',
        { class: `seat-option seat-${seat}` },
        h('input', { type: 'radio', id, name, value: seat, checked: seat === selected }),
        h(
          'label',
          { for: id },
          h('strong', {}, names[seat]),
          ` · ${ROLE_NAMES[seat]}`,
          h('span', { class: 'hint' }, ROLE_HELP[seat]),
        ),
      );
    }),
  );
}

const scenarioOptions = (): [string, string][] =>
  scenarioIds().map((id) => [id, getScenario(id).name]);
const roundOptions = (): [string, string][] =>
  [4, 5, 6, 7, 8, 9, 10, 11, 12].map((n) => [String(n), `${n} rounds`]);

function value(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name);
  if (el instanceof RadioNodeList) return el.value;
  return el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el.value : '';
}

function botsFor(
  form: HTMLFormElement,
  human: Seat,
  prefix: string,
): Partial<Record<Seat, BotSeat>> {
  const bots: Partial<Record<Seat, BotSeat>> = {};
  for (const seat of ['0', '1', '2'] as const) {
    if (seat === human) continue;
    const level = value(form, `${prefix}-bot-${seat}`);
    if (level === 'none' || level === '') continue;
    const persona = value(form, `${prefix}-persona-${seat}`);
    bots[seat] = {
      level: level as BotLevel,
      ...(persona && persona !== 'any' ? { persona: persona as BotSeat['persona'] & string } : {}),
    };
  }
  return bots;
}

/** The player's own seat, when a bot plays it while the player watches. */
function selfBot(form: HTMLFormElement, seat: Seat): Partial<Record<Seat, BotSeat>> {
  const level = value(form, 'solo-self');
  return (BOT_LEVELS as readonly string[]).includes(level)
    ? { [seat]: { level: level as BotLevel } }
    : {};
}

function botFields(prefix: string, allowNone: boolean): HTMLElement {
  const levels: [string, string][] = [
    ...(allowNone ? ([['none', 'A person (share a link)']] as [string, string][]) : []),
    ...BOT_LEVELS.map((l): [string, string] => [l, `Bot: ${l}`]),
  ];
  return h(
    'fieldset',
    { class: 'bots' },
    h('legend', {}, 'The other seats'),
    h('p', { class: 'hint' }, 'Your own seat is ignored here.'),
    ...(['0', '1', '2'] as const).map((seat) =>
      h(
        'div',
        { class: 'row' },
        select(ROLE_NAMES[seat], `${prefix}-bot-${seat}`, levels, allowNone ? 'none' : 'normal'),
        seat === '2'
          ? null
          : select(
              'Persona',
              `${prefix}-persona-${seat}`,
              [['any', 'balanced'], ...PERSONAS.map((p): [string, string] => [p, p])],
              'any',
            ),
      ),
    ),
  );
}

export function renderHome(actions: HomeActions): HTMLElement {
  const defaultScenario = scenarioIds().includes('doha-2026') ? 'doha-2026' : scenarioIds()[0]!;

  const soloForm = h(
    'form',
    { class: 'card primary', 'aria-labelledby': 'solo-title' },
    h('h2', { id: 'solo-title' }, 'Play solo'),
    h('p', {}, 'Take one seat; bots play the other two. Everything runs in your browser.'),
    seatPicker('solo-seat', 'Your seat', defaultScenario, '0'),
    h(
      'details',
      {},
      h('summary', {}, 'Scenario, length and bots'),
      select('Scenario', 'solo-scenario', scenarioOptions(), defaultScenario),
      select('Length', 'solo-rounds', roundOptions(), '8'),
      select(
        'Bot speed',
        'solo-pace',
        [
          ['1', 'Human-like pauses'],
          ['0.3', 'Quick'],
          ['0', 'Instant'],
        ],
        '1',
      ),
      select(
        'Who plays your seat',
        'solo-self',
        [
          ['you', 'You'],
          ...BOT_LEVELS.map((l): [string, string] => [l, `Bot: ${l} (you watch it play)`]),
        ],
        'you',
      ),
      botFields('solo', false),
    ),
    h('button', { type: 'submit', class: 'big' }, 'Start a solo match'),
  );
  soloForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const seat = value(soloForm, 'solo-seat') as Seat;
    actions.solo({
      seat,
      setupData: {
        scenario: value(soloForm, 'solo-scenario'),
        rounds: Number(value(soloForm, 'solo-rounds')),
      },
      bots: { ...botsFor(soloForm, seat, 'solo'), ...selfBot(soloForm, seat) },
      pace: Number(value(soloForm, 'solo-pace')),
    });
  });

  const status = h('p', { class: 'status', role: 'status' });
  const createForm = h(
    'form',
    { class: 'card', 'aria-labelledby': 'create-title' },
    h('h2', { id: 'create-title' }, 'Create an online match'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'create-name' }, 'Your name'),
      h('input', {
        id: 'create-name',
        name: 'create-name',
        required: true,
        maxlength: 32,
        autocomplete: 'nickname',
      }),
    ),
    seatPicker('create-seat', 'Your seat', defaultScenario, '2'),
    select('Scenario', 'create-scenario', scenarioOptions(), defaultScenario),
    select('Length', 'create-rounds', roundOptions(), '8'),
    select(
      'Timers',
      'create-timers',
      [
        ['seminar', 'Seminar (8 rounds in an hour)'],
        ['blitz', 'Blitz (about a minute a step)'],
        ['correspondence', 'Correspondence (a day a step)'],
        ['untimed', 'Untimed'],
      ],
      'seminar',
    ),
    botFields('create', true),
    h('button', { type: 'submit' }, 'Create the match'),
    status,
  );
  createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const seat = value(createForm, 'create-seat') as Seat;
    status.textContent = 'Creating the match…';
    const button = createForm.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    actions
      .create({
        name: value(createForm, 'create-name'),
        seat,
        setupData: {
          scenario: value(createForm, 'create-scenario'),
          rounds: Number(value(createForm, 'create-rounds')),
          timers: value(createForm, 'create-timers') as 'seminar',
        },
        bots: botsFor(createForm, seat, 'create'),
      })
      .catch((err: unknown) => {
        status.textContent = `Could not create the match: ${(err as Error).message}`;
      })
      .finally(() => (button.disabled = false));
  });

  const joinForm = h(
    'form',
    { class: 'card', 'aria-labelledby': 'join-title' },
    h('h2', { id: 'join-title' }, 'Join a match'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'join-input' }, 'Link or code'),
      h('input', {
        id: 'join-input',
        name: 'join-input',
        required: true,
        placeholder: 'e.g. AbC123xyz/1',
      }),
    ),
    h('button', { type: 'submit' }, 'Join'),
  );
  joinForm.addEventListener('submit', (event) => {
    event.preventDefault();
    actions.join(value(joinForm, 'join-input'));
  });

  // One click to a first match, above the fold on any screen: the easier principal's seat (A),
  // normal bots in the other two, the default scenario and length, human-like bot pauses.
  const firstSeat = seatName(getScenario(defaultScenario), '0');
  const quickStart = h(
    'button',
    {
      type: 'button',
      class: 'big quick-start',
      onclick: () =>
        actions.solo({
          seat: '0',
          setupData: { scenario: defaultScenario, rounds: 8 },
          bots: botsFor(soloForm, '0', 'solo'),
          pace: 1,
        }),
    },
    `Play now as ${firstSeat}`,
  );

  // Learn by playing: a guided first match as principal A, or in the broker's seat.
  const learn = h(
    'button',
    {
      type: 'button',
      class: 'big quick-start learn',
      onclick: () => actions.solo(guidedChoice('0')),
    },
    'Learn by playing',
  );
  const learnBroker = h(
    'button',
    {
      type: 'button',
      class: 'secondary learn-broker',
      onclick: () => actions.solo(guidedChoice('2')),
    },
    `Learn as the broker (${seatName(getScenario(defaultScenario), '2')})`,
  );

  // A <div>: the page's one <main> is the app's container (index.html).
  return h(
    'div',
    { id: 'home', class: 'home' },
    h(
      'header',
      { class: 'hero' },
      h('h1', {}, 'Backchannel'),
      h(
        'p',
        { class: 'tagline' },
        'Two sides in an armed standoff negotiate only through you, or through a broker who decides what each side hears, when, and in what words.',
      ),
      h(
        'p',
        { class: 'quick-start-row' },
        learn,
        quickStart,
        learnBroker,
        h(
          'span',
          { class: 'quick-start-note' },
          `Learn by playing: a short guided match as ${firstSeat}, one step at a time. Play now: a solo match against bots, ${getScenario(defaultScenario).name}, 8 rounds. Or choose your seat below.`,
        ),
      ),
      h(
        'p',
        { class: 'hero-links' },
        rulesLink({ newTab: false, label: 'Rules reference: every clause, posture and step' }),
      ),
    ),
    myMatchesSection(actions),
    h('div', { class: 'cards' }, soloForm, createForm, joinForm),
    h(
      'section',
      { class: 'seminar-links', 'aria-labelledby': 'seminar-title' },
      h('h2', { id: 'seminar-title' }, 'In a classroom'),
      h(
        'p',
        {},
        'An instructor runs several tables at once from one console; students join with a code.',
      ),
      h(
        'p',
        { class: 'link-row' },
        h('a', { href: '#/class', class: 'button-link' }, 'Join a class with a code'),
        h('a', { href: '#/seminar/new', class: 'button-link secondary' }, 'Run a seminar'),
      ),
    ),
  );
}
