// The lobby screen of an online match (src/game/lobby.ts): the seats by role name, who holds each,
// presence and ready state, this seat's ready control, the creator's start, and invite links for
// the empty seats. Everything it shows comes from the lobby model (src/game/model/lobby.ts).
import { lobbyModel } from '../game/model/lobby';
import type { TableStore } from '../client/store';
import { h, renderKeyed } from './dom';
import { refusalSlot, placeRefusal } from './refusal';
import { offlineBanner } from './offline';
import { pointRulesLink, rulesLink } from './rules-link';

export interface LobbyRoom {
  element: HTMLElement;
  destroy(): void;
}

export function renderLobbyRoom(
  store: TableStore,
  opts: {
    link: (seat: '0' | '1' | '2' | null) => string;
    onLeave: () => void;
    /** Gives this seat up so someone else can take it (absent for a spectator). */
    onGiveUp?: () => Promise<void>;
  },
): LobbyRoom {
  const title = h('h1', { tabindex: -1 }, 'Waiting for the table');
  const about = h('p', { class: 'lobby-about' });
  // In a new tab: the lobby keeps its connection (src/ui/rules-link.ts).
  const rules = rulesLink({ label: 'Rules reference' });
  const status = h('p', { role: 'status', class: 'lobby-status' });
  const seats = h('ul', { class: 'lobby-seats', 'aria-label': 'Seats' });
  const controls = h('div', { class: 'lobby-controls' });
  const invites = h('section', { class: 'card lobby-invites', 'aria-labelledby': 'invite-h' });
  const offline = offlineBanner();
  const element = h(
    'div',
    { class: 'home lobby-room' },
    h(
      'header',
      { class: 'hero' },
      title,
      about,
      h('p', { class: 'hero-links' }, rules),
      offline.element,
    ),
    h(
      'section',
      { class: 'card primary', 'aria-labelledby': 'seats-h' },
      h('h2', { id: 'seats-h' }, 'Seats'),
      seats,
      status,
      controls,
    ),
    invites,
  );
  // Inside the seats card: on the page's dark background a secondary button would be unreadable.
  const giveUpStatus = h('p', { role: 'status' });
  const giveUp = opts.onGiveUp;
  element.querySelector('.card.primary')?.append(
    h(
      'p',
      { class: 'lobby-controls' },
      h(
        'button',
        { type: 'button', class: 'secondary', onclick: opts.onLeave },
        'Leave (keep my seat)',
      ),
      giveUp
        ? h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              onclick: () =>
                void giveUp().catch(
                  (err: unknown) => (giveUpStatus.textContent = (err as Error).message),
                ),
            },
            'Give up my seat',
          )
        : null,
    ),
    giveUpStatus,
  );
  let shown = store.getState().refusal;
  const render = () => {
    const s = store.getState();
    offline.show(s.online);
    if (!s.view?.lobby) {
      status.textContent =
        s.phase === 'error' ? (s.error ?? 'Something went wrong.') : 'Connecting to the table…';
      return;
    }
    const m = lobbyModel(s.view, s.seat, s.seats);
    pointRulesLink(rules, s.view.options.scenario);
    about.textContent = m.about;
    status.textContent = m.status;
    renderKeyed(seats, JSON.stringify(m.seats), () =>
      m.seats.map((l) =>
        h(
          'li',
          { class: `lobby-seat seat-${l.seat}${l.ready ? ' ready' : ''}` },
          h('strong', {}, l.role),
          ` · ${l.roleKind}`,
          l.you ? h('span', { class: 'you' }, ' (you)') : null,
          l.host ? h('span', { class: 'hint' }, ' · created the match') : null,
          h('br'),
          h('span', { class: 'player' }, l.player),
          ' — ',
          h('span', { class: `presence ${l.connected ? 'on' : 'off'}` }, l.connected ? '● ' : '○ '),
          l.state,
        ),
      ),
    );
    renderKeyed(controls, JSON.stringify([m.ready, m.start]), () =>
      [
        m.ready
          ? h(
              'button',
              {
                type: 'button',
                class: m.ready.value ? undefined : 'secondary',
                onclick: () => store.getState().send('ready', m.ready!.value),
              },
              m.ready.label,
            )
          : null,
        m.start
          ? h(
              'div',
              { class: 'lobby-start' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'secondary',
                  onclick: () => store.getState().send('start'),
                },
                m.start.label,
              ),
              h('p', { class: 'hint' }, m.start.hint),
            )
          : null,
        refusalSlot('done', '*'),
      ].filter((x): x is HTMLElement => x !== null),
    );
    const empty = m.seats.filter((l) => !l.joined);
    renderKeyed(invites, JSON.stringify(empty.map((l) => l.seat)), () =>
      (
        [
          h('h2', { id: 'invite-h' }, 'Invite players'),
          empty.length === 0 ? h('p', {}, 'Every seat is taken.') : null,
          ...empty.map((l) =>
            h(
              'div',
              { class: 'field' },
              h('label', { for: `invite-${l.seat}` }, `Link for ${l.role} (${l.roleKind})`),
              h('input', {
                id: `invite-${l.seat}`,
                readonly: true,
                value: opts.link(l.seat),
                onfocus: (e: Event) => (e.target as HTMLInputElement).select(),
              }),
            ),
          ),
          h(
            'div',
            { class: 'field' },
            h('label', { for: 'invite-watch' }, 'Link to watch'),
            h('input', { id: 'invite-watch', readonly: true, value: opts.link(null) }),
          ),
        ] as (HTMLElement | null)[]
      ).filter((x): x is HTMLElement => x !== null),
    );
    if (s.refusal !== shown) {
      shown = s.refusal;
      placeRefusal(controls, s.refusal);
    }
  };
  const unsubscribe = store.subscribe(render);
  render();
  return { element, destroy: unsubscribe };
}
