// Composition root of the browser app: the store, the route (home, a seat of an online match,
// watching), the connection that feeds the store, the DOM panels and the Phaser table.
import { startOnline, startSolo, type Connection } from './client/connection';
import {
  getMatch,
  heldSeat,
  heldSeats,
  joinMatch,
  leaveMatch,
  parseJoinInput,
  type HeldSeat,
  parseRoute,
  seatLink,
  type Route,
} from './client/lobby';
import { initialTableState, makeTableStore } from './client/store';
import type { Seat } from './game/types';
import { mountAnnouncer } from './ui/announcer';
import { h } from './ui/dom';
import { renderHome, type OnlineChoice, type SoloChoice } from './ui/home';
import { renderTable } from './ui/table';
import { renderLobbyRoom } from './ui/lobby-room';
import { getScenario } from './game/scenario';
import { seatName } from './game/seat-model';
import { ROLE_NAMES } from './game/words';
import { mountGuide } from './ui/guide';
import { createMatch } from './client/lobby';
import type { Screen } from './ui/seminar/console';
import {
  newSolo,
  settleSolo,
  soloMasterKey,
  soloMatch,
  soloMatches,
  type SoloStart,
} from './client/solo-store';
import { keepSolo } from './client/solo-keeper';
import { keepSeen, loadSeen, seenAtStepOf } from './client/last-seen';
import { myMatches, type Rematch } from './client/my-matches';
import { mountSince } from './ui/since';
import './ui/styles.css';

const server = window.location.origin;
const root = document.getElementById('app')!;
// The announcer is the one live region: the whole app must not be read out at every redraw.
root.removeAttribute('aria-live');
const store = makeTableStore();
const announcer = mountAnnouncer(store);
document.body.append(announcer.element);

let connection: Connection | null = null;
let teardown: (() => void) | null = null;

function clear(): void {
  connection?.stop();
  connection = null;
  teardown?.();
  teardown = null;
  store.setState({ ...initialTableState(), reducedMotion: store.getState().reducedMotion });
}

function showTable(extra?: Node): void {
  const table = renderTable(store, () => {
    window.location.hash = '';
    goHome();
  });
  if (extra) table.element.querySelector('.table-header')?.after(extra);
  root.replaceChildren(table.element);
  let destroyed = false;
  let unmount: (() => void) | null = null;
  // Phaser loads on demand: the home screen stays light.
  void import('./scenes/mount').then(({ mountTable }) => {
    if (destroyed) return;
    const mounted = mountTable(table.canvasHost, store);
    unmount = () => mounted.destroy();
  });
  teardown = () => {
    destroyed = true;
    unmount?.();
    table.destroy();
  };
  (root.querySelector('h1') as HTMLElement | null)?.focus();
}

function goHome(): void {
  clear();
  settleSolo();
  root.replaceChildren(
    renderHome({
      solo: (choice: SoloChoice) => startNewSolo(choice),
      matches: myMatches(soloMatches(), heldSeats(), loadSeen),
      rematch: (r: Rematch) => void rematch(r),
      create: async (choice: OnlineChoice) => {
        // An online match waits in its lobby until its seats are ready (docs/RULES.md).
        const setupData = { ...choice.setupData, bots: choice.bots, lobby: { host: choice.seat } };
        const matchID = await createMatch(server, setupData);
        await joinMatch(server, matchID, choice.seat, choice.name);
        window.location.hash = `#/play/${matchID}/${choice.seat}`;
      },
      join: (input: string) => {
        const route = parseJoinInput(input);
        if (route.kind === 'home') {
          alertOnHome('That is not a match link or code.');
          return;
        }
        window.location.hash =
          route.kind === 'watch'
            ? `#/watch/${route.matchID}`
            : `#/play/${route.matchID}/${route.seat}`;
      },
    }),
  );
}

/** A new solo match, kept in this browser: its own route (#/solo/<id>) plays it. */
function startNewSolo(start: SoloStart): void {
  const entry = newSolo(start);
  window.location.hash = `#/solo/${encodeURIComponent(entry.matchID)}`;
}

/** A connection that also stops the keepers started beside it. */
const alongside = (conn: Connection, ...stops: (() => void)[]): Connection => ({
  stop: () => {
    stops.forEach((s) => s());
    conn.stop();
  },
});

/** The summary of what changed since this seat's last look, when there was one (src/ui/since.ts). */
function returning(matchID: string, seat: Seat) {
  const point = loadSeen(matchID, seat);
  store.setState({ seenAtStep: seenAtStepOf(point) });
  return point ? mountSince(store, point, undefined, announcer.say) : null;
}

/** #/solo/<matchID>: a solo match kept in this browser, resumed where it was (its bots carry on). */
function playSolo(matchID: string): void {
  clear();
  const entry = soloMatch(matchID);
  if (!entry) {
    goHome();
    alertOnHome('That solo match is not kept in this browser.');
    return;
  }
  if (entry.finished) {
    window.location.replace(`#/review/${encodeURIComponent(matchID)}`);
    return;
  }
  const since = returning(matchID, entry.seat);
  const solo = startSolo(store, { ...entry, storageKey: soloMasterKey(matchID) });
  connection = alongside(solo, keepSolo(store, matchID), keepSeen(store, matchID, entry.seat), () =>
    since?.destroy(),
  );
  const guide = entry.guide ? mountGuide(store, announcer.say) : null;
  const extras = document.createDocumentFragment();
  extras.append(...[since?.element, guide?.element].filter((e): e is HTMLElement => !!e));
  showTable(extras);
  const leave = teardown;
  if (guide)
    teardown = () => {
      guide.destroy();
      leave?.();
    };
}

/** A rematch from "My matches": the same setup, a new seed (the server seeds an online one). */
async function rematch(r: Rematch): Promise<void> {
  if (r.kind === 'solo') return startNewSolo(r.start);
  try {
    const old = await getMatch(server, r.matchID);
    const setupData = { ...old.setupData, lobby: { host: r.seat } };
    const matchID = await createMatch(server, setupData);
    await joinMatch(server, matchID, r.seat, r.name);
    window.location.hash = `#/play/${matchID}/${r.seat}`;
  } catch (err) {
    alertOnHome(`Could not start the rematch: ${(err as Error).message}`);
  }
}

function alertOnHome(message: string): void {
  const existing = root.querySelector('.home-alert');
  existing?.remove();
  root.querySelector('.hero')?.append(h('p', { class: 'home-alert', role: 'alert' }, message));
}

/** "Washington (Principal A)": a seat as the match's scenario names it. */
function roleOf(scenario: string | undefined, seat: Seat): string {
  let name: string;
  try {
    name = seatName(getScenario(scenario ?? 'doha-2026'), seat);
  } catch {
    name = ROLE_NAMES[seat];
  }
  return `${name} (${ROLE_NAMES[seat]})`;
}

/** The lobby screen while the match waits for its players, then the table (src/ui/lobby-room.ts). */
function showLobbyThenTable(matchID: string, extra?: Node, held?: HeldSeat): void {
  const room = renderLobbyRoom(store, {
    link: (s) => seatLink(server, matchID, s),
    ...(held
      ? {
          onGiveUp: async () => {
            await leaveMatch(server, held);
            window.location.hash = '';
            goHome();
          },
        }
      : {}),
    onLeave: () => {
      window.location.hash = '';
      goHome();
    },
  });
  root.replaceChildren(room.element);
  (root.querySelector('h1') as HTMLElement | null)?.focus();
  const unsubscribe = store.subscribe((s) => {
    if (!s.view || s.view.lobby) return;
    unsubscribe();
    room.destroy();
    showTable(extra);
  });
  teardown = () => {
    unsubscribe();
    room.destroy();
  };
}

function invitePanel(matchID: string, own: Seat, scenario?: string): HTMLElement {
  const links = (['0', '1', '2'] as const).filter((s) => s !== own);
  return h(
    'details',
    { class: 'invite' },
    h('summary', {}, 'Invite players'),
    h(
      'ul',
      {},
      ...links.map((s) => {
        const link = seatLink(server, matchID, s);
        return h(
          'li',
          {},
          h(
            'label',
            {},
            `${roleOf(scenario, s)}: `,
            h('input', {
              readonly: true,
              value: link,
              size: 48,
              onfocus: (e: Event) => (e.target as HTMLInputElement).select(),
            }),
          ),
        );
      }),
      h(
        'li',
        {},
        h(
          'label',
          {},
          'Watch: ',
          h('input', { readonly: true, value: seatLink(server, matchID, null), size: 48 }),
        ),
      ),
    ),
  );
}

async function playSeat(matchID: string, seat: Seat): Promise<void> {
  clear();
  const held = heldSeat(matchID, seat);
  if (held) {
    const since = returning(matchID, seat);
    connection = alongside(
      startOnline(store, { server, matchID, seat, credentials: held.credentials }),
      keepSeen(store, matchID, seat),
      () => since?.destroy(),
    );
    // A seminar's students are seated by the facilitator's codes: invite links would not open.
    const scenario = (await getMatch(server, matchID).catch(() => null))?.setupData?.scenario;
    const extras = document.createDocumentFragment();
    if (since) extras.append(since.element);
    if (!held.seminar) extras.append(invitePanel(matchID, seat, scenario));
    showLobbyThenTable(matchID, extras, held.seminar ? undefined : held);
    return;
  }
  let match;
  try {
    match = await getMatch(server, matchID);
  } catch (err) {
    goHome();
    alertOnHome(`Could not open match ${matchID}: ${(err as Error).message}`);
    return;
  }
  const role = roleOf(match.setupData?.scenario, seat);
  const taken = match.players.find((p) => String(p.id) === seat)?.name;
  if (taken) {
    goHome();
    alertOnHome(
      `The seat of ${role} in this match is taken by ${taken}. You can watch it instead: ${seatLink(server, matchID, null)}`,
    );
    return;
  }
  const input = h('input', {
    id: 'join-name',
    required: true,
    maxlength: 32,
    autocomplete: 'nickname',
  });
  const status = h('p', { role: 'status' });
  const form = h(
    'form',
    { class: 'card primary join-card' },
    h('h2', {}, `Take your seat: ${role}`),
    h('div', { class: 'field' }, h('label', { for: 'join-name' }, 'Your name'), input),
    h('button', { type: 'submit' }, 'Join the match'),
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    joinMatch(server, matchID, seat, input.value)
      .then(() => playSeat(matchID, seat))
      .catch((err: unknown) => (status.textContent = (err as Error).message));
  });
  root.replaceChildren(
    h('div', { class: 'home' }, h('header', { class: 'hero' }, h('h1', {}, 'Backchannel')), form),
  );
  input.focus();
}

/** The seminar's screens (docs/SEMINAR.md), loaded on demand: the home screen stays light. */
type SeminarRoute =
  | { kind: 'seminar-new' }
  | { kind: 'seminar'; id: string }
  | { kind: 'class'; code: string | null }
  | { kind: 'projector'; matchID: string }
  | { kind: 'debrief'; matchID: string };

function parseSeminarRoute(hash: string): SeminarRoute | null {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  if (parts[0] === 'seminar')
    return !parts[1] || parts[1] === 'new'
      ? { kind: 'seminar-new' }
      : { kind: 'seminar', id: parts[1] };
  if (parts[0] === 'class') return { kind: 'class', code: parts[1] ?? null };
  if (parts[0] === 'projector' && parts[1]) return { kind: 'projector', matchID: parts[1] };
  if (parts[0] === 'debrief' && parts[1]) return { kind: 'debrief', matchID: parts[1] };
  return null;
}

let routeCount = 0;
async function seminarRoute(r: SeminarRoute): Promise<void> {
  clear();
  const mine = ++routeCount;
  const ui = await import('./ui/seminar');
  // Another route was taken while the module loaded.
  if (mine !== routeCount) return;
  let screen: Screen;
  if (r.kind === 'seminar-new') screen = { element: ui.renderSeminarNew(), destroy: () => {} };
  else if (r.kind === 'seminar') screen = ui.renderConsole(r.id);
  else if (r.kind === 'class')
    screen = {
      element: ui.renderClassJoin(r.code, (hash) => (window.location.hash = hash)),
      destroy: () => {},
    };
  else if (r.kind === 'projector') screen = ui.renderProjector(server, r.matchID);
  else screen = ui.renderDebrief(r.matchID);
  teardown = () => screen.destroy();
  root.replaceChildren(screen.element);
  const focusable = screen.element.querySelector<HTMLElement>('h1');
  if (r.kind !== 'class') focusable?.focus();
}

/** #/review/<matchID>: a finished match's debrief and replay (src/ui/review.ts), loaded on demand. */
async function reviewRoute(matchID: string): Promise<void> {
  clear();
  const mine = ++routeCount;
  const ui = await import('./ui/review');
  if (mine !== routeCount) return;
  const screen = ui.renderReviewRoute(matchID, ui.storedRecord);
  teardown = () => screen.destroy();
  root.replaceChildren(screen.element);
  screen.element.querySelector<HTMLElement>('h1')?.focus();
}

/** #/rules[/<scenarioId>]: the rules reference (src/ui/rules.ts), loaded on demand. */
async function rulesRoute(scenarioId: string | null): Promise<void> {
  clear();
  const mine = ++routeCount;
  const ui = await import('./ui/rules');
  if (mine !== routeCount) return;
  const screen = ui.renderRules(scenarioId);
  teardown = () => screen.destroy();
  root.replaceChildren(screen.element);
  screen.element.querySelector<HTMLElement>('h1')?.focus();
}

function route(r: Route): void {
  const rules = /^#\/rules(?:\/([^/]+))?\/?$/.exec(window.location.hash);
  if (rules) {
    void rulesRoute(rules[1] ? decodeURIComponent(rules[1]) : null);
    return;
  }
  const solo = /^#\/solo\/([^/]+)/.exec(window.location.hash);
  if (solo) {
    routeCount++;
    playSolo(decodeURIComponent(solo[1]!));
    return;
  }
  const review = /^#\/review\/([^/]+)/.exec(window.location.hash);
  if (review) {
    void reviewRoute(decodeURIComponent(review[1]!));
    return;
  }
  const seminar = parseSeminarRoute(window.location.hash);
  if (seminar) {
    void seminarRoute(seminar);
    return;
  }
  routeCount++;
  if (r.kind === 'play') void playSeat(r.matchID, r.seat);
  else if (r.kind === 'watch') {
    clear();
    connection = startOnline(store, { server, matchID: r.matchID, seat: null });
    showLobbyThenTable(r.matchID);
  } else goHome();
}

window.addEventListener('hashchange', () => route(parseRoute(window.location.hash)));
route(parseRoute(window.location.hash));
