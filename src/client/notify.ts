// Never miss your turn (issue #12, item 2): while this seat must act, the tab's title leads with
// "● Your move" and the time left, and the favicon turns from a hollow square (waiting) into a
// solid disc with "!" (your move): shape as well as colour, for colour-blind players. Two opt-in
// toggles: a short beep (WebAudio, generated; off by default) and a browser notification
// (Notification API, asked for only when the player ticks it) when this seat becomes the one to
// act while the tab is hidden. Everything comes from the seat model the table renders; the clock
// is injected so tests move it.
import { countdownAt, type SeatModel } from '../game/seat-model';
import { h } from '../ui/dom';

export type Mark = 'act' | 'wait' | 'none';

const ICONS: Record<Exclude<Mark, 'none'>, string> = {
  // Your move: a solid orange disc with a white "!".
  act: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#d9480f"/><rect x="14" y="6" width="4" height="13" rx="1" fill="#fff"/><rect x="14" y="22" width="4" height="4" rx="1" fill="#fff"/></svg>',
  // Waiting: a hollow grey square.
  wait: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="5" y="5" width="22" height="22" rx="3" fill="none" stroke="#555" stroke-width="4"/></svg>',
};

/** The favicon for a mark, as a data URL (null: the page's own). */
export function faviconFor(mark: Mark): string | null {
  return mark === 'none' ? null : `data:image/svg+xml,${encodeURIComponent(ICONS[mark])}`;
}

/** The tab's title: the desk's page title, with the time left while this seat must act. */
export function tabTitle(pageTitle: string, model: SeatModel | null, now: number): string {
  if (!model || !model.acting || model.over || model.paused) return pageTitle;
  const c = countdownAt(model.countdown, now);
  if (!c.timed || c.msLeft === null) return pageTitle;
  return pageTitle.replace(/^● Your move/, `● Your move (${c.text})`);
}

export function markOf(model: SeatModel | null): Mark {
  if (!model || model.over || model.seat === null) return 'none';
  return model.acting && !model.paused ? 'act' : 'wait';
}

/** A short beep, generated (no sound file). */
export function beep(): void {
  const Ctx =
    (globalThis as { AudioContext?: typeof AudioContext }).AudioContext ??
    (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctx) return;
  const ctx = new Ctx();
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.frequency.value = 880;
  gain.gain.setValueAtTime(0.15, ctx.currentTime);
  gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.3);
  osc.connect(gain).connect(ctx.destination);
  osc.start();
  osc.stop(ctx.currentTime + 0.3);
  osc.onended = () => void ctx.close();
}

export interface NotifyDeps {
  /** Server time now (the local clock plus the store's offset). */
  now: () => number;
  doc?: Document;
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  sound?: () => void;
  /** Offer notifications (for online matches: a correspondence step lasts a day). */
  offerNotifications?: boolean;
  /** Shows a browser notification; null where the browser has none. */
  notification?: {
    permission(): NotificationPermission;
    request(): Promise<NotificationPermission>;
    show(title: string, body: string): void;
  } | null;
}

const browserNotification = (): NotifyDeps['notification'] =>
  typeof Notification === 'undefined'
    ? null
    : {
        permission: () => Notification.permission,
        request: () => Notification.requestPermission(),
        show: (title, body) => void new Notification(title, { body, tag: 'backchannel-turn' }),
      };

const SOUND_KEY = 'backchannel:sound';
const NOTIFY_KEY = 'backchannel:notify';

export interface Notifier {
  /** The toggles, for the table's header. */
  controls: HTMLElement;
  /** The table rendered this model: title, favicon, and the beep or notice on becoming pending. */
  show(pageTitle: string, model: SeatModel | null): void;
  /** The clock moved: the time left in the title. */
  tick(): void;
  stop(): void;
}

export function makeNotifier(deps: NotifyDeps): Notifier {
  const doc = deps.doc ?? document;
  const storage = deps.storage === undefined ? globalThis.localStorage : deps.storage;
  const sound = deps.sound ?? beep;
  const notification = deps.notification === undefined ? browserNotification() : deps.notification;
  let pageTitle = doc.title;
  let model: SeatModel | null = null;
  let wasActing: boolean | null = null;

  const toggle = (id: string, label: string, key: string) => {
    const input = h('input', { type: 'checkbox', id }) as HTMLInputElement;
    input.checked = storage?.getItem(key) === 'on';
    const wrap = h('span', { class: 'toggle' }, input, h('label', { for: id }, label));
    return { input, wrap };
  };
  const soundBox = toggle('turn-sound', 'Sound on my move', SOUND_KEY);
  const notifyBox = toggle('turn-notify', 'Notify me on my move', NOTIFY_KEY);
  const said = h('span', { class: 'visually-hidden', role: 'status' });
  soundBox.input.addEventListener('change', () => {
    storage?.setItem(SOUND_KEY, soundBox.input.checked ? 'on' : 'off');
    if (soundBox.input.checked) sound();
  });
  notifyBox.input.addEventListener('change', () => {
    const on = notifyBox.input.checked;
    storage?.setItem(NOTIFY_KEY, on ? 'on' : 'off');
    if (!on || !notification || notification.permission() === 'granted') return;
    // Asked only now, when the player opts in.
    void notification.request().then((p) => {
      if (p === 'granted') return;
      notifyBox.input.checked = false;
      storage?.setItem(NOTIFY_KEY, 'off');
      said.textContent = 'The browser did not allow notifications for this page.';
    });
  });
  const offer = Boolean(notification) && deps.offerNotifications !== false;
  const controls = h(
    'span',
    { class: 'turn-alerts' },
    soundBox.wrap,
    offer ? notifyBox.wrap : null,
    said,
  );

  const setIcon = (mark: Mark) => {
    const url = faviconFor(mark);
    let link = doc.querySelector<HTMLLinkElement>('link[rel="icon"][data-turn]');
    if (!url) {
      link?.remove();
      return;
    }
    if (!link) {
      link = doc.createElement('link');
      link.rel = 'icon';
      link.dataset.turn = '';
      doc.head.append(link);
    }
    if (link.href !== url) link.href = url;
    link.dataset.turn = mark;
  };
  const tick = () => {
    const title = tabTitle(pageTitle, model, deps.now());
    if (doc.title !== title) doc.title = title;
  };
  return {
    controls,
    show(title, next) {
      pageTitle = title;
      model = next;
      const acting = markOf(next) === 'act';
      if (wasActing === false && acting) {
        if (soundBox.input.checked) sound();
        if (notifyBox.input.checked && notification?.permission() === 'granted' && doc.hidden)
          notification.show(
            tabTitle(title, next, deps.now()).replace(/^● /, ''),
            `${next!.you}: ${next!.stepHelp}`,
          );
      }
      if (next) wasActing = acting;
      setIcon(markOf(next));
      tick();
    },
    tick,
    stop() {
      setIcon('none');
      model = null;
    },
  };
}
