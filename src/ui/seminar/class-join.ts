// #/class and #/class/<code>: a student types the code they were given and a display name (and
// picks a free seat with a table code), and is taken to their seat. The credentials are kept as
// any online seat's (lobby.ts), so a reload puts them back in the seat.
import { makeClassJoin, type ClassJoinState } from '../../client/class-join';
import type { JoinInfo } from '../../client/seminar';
import { getScenario, hasScenario } from '../../game/scenario';
import type { Seat } from '../../game/types';
import { h, uid } from '../dom';
import { seatName } from '../../game/seat-model';
import { ROLE_NAMES } from '../../game/words';
import { errorBox, page } from './common';

const ROLE_HELP: Record<Seat, string> = {
  '0': 'Writes memos to the broker; answers what the broker delivers.',
  '1': 'Writes memos to the broker; answers what the broker delivers. Sets the proxies’ leash.',
  '2': 'Reads every memo and decides what each side hears, when and in what words.',
};

export function renderClassJoin(
  initialCode: string | null,
  go: (hash: string) => void,
): HTMLElement {
  const codeInput = h('input', {
    id: 'class-code',
    name: 'class-code',
    required: true,
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: false,
    maxlength: 12,
    class: 'code-input',
    'aria-describedby': 'class-code-hint',
    value: initialCode ?? '',
  });
  const nameInput = h('input', {
    id: 'class-name',
    name: 'class-name',
    required: true,
    maxlength: 32,
    autocomplete: 'nickname',
  });
  const seats = h('div', { class: 'class-seats' });
  const info = h('div', { class: 'class-info', 'aria-live': 'polite' });
  const status = h('p', { class: 'status', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'big' }, 'Take my seat');
  const ctl = makeClassJoin();

  const showInfo = (j: JoinInfo) => {
    const scenario = hasScenario(j.scenario.id) ? getScenario(j.scenario.id) : null;
    const name = (s: Seat) =>
      scenario ? `${seatName(scenario, s)} · ${ROLE_NAMES[s]}` : ROLE_NAMES[s];
    info.replaceChildren(
      h(
        'p',
        { class: 'join-info' },
        `${j.label ? `${j.label}: ` : ''}${j.scenario.name}, table ${j.table}. `,
        j.kind === 'seat' && j.seat !== undefined
          ? `This code gives you the seat ${name(j.seat)}.`
          : '',
      ),
    );
    if (j.over) {
      seats.replaceChildren(errorBox('The match at this table is over.'));
      return;
    }
    if (j.free.length === 0) {
      seats.replaceChildren(
        errorBox(
          j.kind === 'seat'
            ? 'This seat is already taken. Ask your facilitator.'
            : 'Every seat at this table is taken. Ask your facilitator.',
        ),
      );
      return;
    }
    if (j.kind === 'seat') {
      seats.replaceChildren();
      if (j.name && !nameInput.value) nameInput.value = j.name;
      return;
    }
    seats.replaceChildren(
      h(
        'fieldset',
        { class: 'seat-picker' },
        h('legend', {}, 'Pick a free seat'),
        ...j.free.map(({ seat: s }, i) => {
          const rid = uid('class-seat');
          return h(
            'div',
            { class: `seat-option seat-${s}` },
            h('input', { type: 'radio', id: rid, name: 'class-seat', value: s, checked: i === 0 }),
            h(
              'label',
              { for: rid },
              h('strong', {}, name(s)),
              h('span', { class: 'hint' }, ROLE_HELP[s]),
            ),
          );
        }),
      ),
    );
  };

  const render = (st: ClassJoinState, prev: ClassJoinState | null) => {
    if (st.status !== prev?.status) status.textContent = st.status;
    submit.disabled = st.busy;
    if (st.info === prev?.info) return;
    if (st.info) showInfo(st.info);
    else {
      info.replaceChildren();
      seats.replaceChildren();
    }
  };
  ctl.store.subscribe(render);
  const lookUp = () => ctl.lookUp(codeInput.value);

  codeInput.addEventListener('change', () => {
    ctl.store.setState({ status: '' });
    void lookUp();
  });

  const form = h(
    'form',
    { class: 'card primary class-form', 'aria-labelledby': 'class-h' },
    h('h2', { id: 'class-h' }, 'Join your class'),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'class-code' }, 'Code'),
      codeInput,
      h(
        'p',
        { class: 'hint', id: 'class-code-hint' },
        'Six letters and digits, from your facilitator: a table code lets you pick a seat; a seat code gives you one.',
      ),
    ),
    info,
    h('div', { class: 'field' }, h('label', { for: 'class-name' }, 'Your name'), nameInput),
    seats,
    submit,
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const picked = () =>
      form.querySelector<HTMLInputElement>('input[name=class-seat]:checked')?.value as
        Seat | undefined;
    void ctl.join(codeInput.value, nameInput.value, picked).then((held) => {
      if (held) go(`#/play/${held.matchID}/${held.seat}`);
    });
  });

  if (initialCode) void lookUp();
  const el = page('Join a class', form);
  queueMicrotask(() => (initialCode ? nameInput : codeInput).focus());
  return el;
}
