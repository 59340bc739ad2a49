// #/class and #/class/<code>: a student types the code they were given and a display name (and
// picks a free seat with a table code), and is taken to their seat. The credentials are kept as
// any online seat's (lobby.ts), so a reload puts them back in the seat.
import { joinWithCode, lookUpCode, normaliseCode, type JoinInfo } from '../../client/seminar';
import { getScenario, hasScenario } from '../../game/scenario';
import type { Seat } from '../../game/types';
import { h, uid } from '../dom';
import { roleName, seatName } from '../format';
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
  let looked: JoinInfo | null = null;

  let lookedCode = '';
  const showInfo = (j: JoinInfo) => {
    looked = j;
    const scenario = hasScenario(j.scenario.id) ? getScenario(j.scenario.id) : null;
    const name = (s: Seat) =>
      scenario ? `${seatName(scenario, s)} · ${roleName(s)}` : roleName(s);
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

  const lookUp = async (): Promise<JoinInfo | null> => {
    const code = normaliseCode(codeInput.value);
    if (!code) return null;
    if (looked && lookedCode === code) return looked;
    try {
      const j = await lookUpCode(code);
      lookedCode = code;
      showInfo(j);
      return j;
    } catch (err) {
      looked = null;
      info.replaceChildren();
      seats.replaceChildren();
      status.textContent = `That code does not open a table: ${(err as Error).message}.`;
      return null;
    }
  };

  codeInput.addEventListener('change', () => {
    status.textContent = '';
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
    submit.disabled = true;
    status.textContent = 'Finding your table…';
    void (async () => {
      try {
        const j = await lookUp();
        if (!j) return;
        const picked = form.querySelector<HTMLInputElement>('input[name=class-seat]:checked');
        if (j.kind === 'table' && !picked) {
          status.textContent = j.free.length === 0 ? 'No seat is free here.' : 'Pick a seat first.';
          return;
        }
        const held = await joinWithCode(
          lookedCode,
          nameInput.value.trim(),
          picked ? (picked.value as Seat) : undefined,
        );
        status.textContent = 'Seated. Opening the table…';
        go(`#/play/${held.matchID}/${held.seat}`);
      } catch (err) {
        status.textContent = `Could not join: ${(err as Error).message}.`;
        looked = null;
        void lookUp();
      } finally {
        submit.disabled = false;
      }
    })();
  });

  if (initialCode) void lookUp();
  const el = page('Join a class', form);
  queueMicrotask(() => (initialCode ? nameInput : codeInput).focus());
  return el;
}
