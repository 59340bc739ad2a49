// The banner that says the connection to the server is lost (an alert, said at once), shown on the
// table and in the lobby while the socket is down, gone when the page has resynced.
import { h } from './dom';

export function offlineBanner(): { element: HTMLElement; show(online: boolean | null): void } {
  const element = h(
    'p',
    { class: 'offline-banner', role: 'alert', hidden: true },
    h('strong', {}, 'Offline. '),
    'The connection to the table is lost; the page reconnects by itself. Nothing you do is sent until it is back.',
  );
  return { element, show: (online) => (element.hidden = online !== false) };
}
