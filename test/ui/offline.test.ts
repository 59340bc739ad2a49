// @vitest-environment happy-dom
// The offline banner (#12): on the table and in the lobby, shown while the socket is down (an
// alert, in words), hidden while it is up and in a solo match (which has no socket).
import { afterEach, describe, expect, it } from 'vitest';
import { makeTableStore } from '../../src/client/store';
import { renderLobbyRoom } from '../../src/ui/lobby-room';
import { renderSeat, type Rendered } from './render';
import { freshMatch, viewFor } from './states';

let shown: Rendered | null = null;
afterEach(() => shown?.destroy());

const banner = (root: ParentNode) => root.querySelector<HTMLElement>('.offline-banner')!;

describe('the offline banner', () => {
  it('on the table: hidden online and solo, said as an alert while offline', () => {
    shown = renderSeat(viewFor(freshMatch('doha-2026').G, '0'), '0');
    const el = banner(shown.root);
    expect(el.getAttribute('role')).toBe('alert');
    expect(el.hidden).toBe(true);
    shown.store.setState({ online: true });
    expect(el.hidden).toBe(true);
    shown.store.setState({ online: false });
    expect(el.hidden).toBe(false);
    expect(el.textContent).toMatch(/^Offline\. The connection to the table is lost/);
    shown.store.setState({ online: true });
    expect(el.hidden).toBe(true);
  });

  it('in the lobby too', () => {
    const store = makeTableStore();
    const room = renderLobbyRoom(store, { link: () => 'http://x', onLeave: () => {} });
    expect(banner(room.element).hidden).toBe(true);
    store.setState({ online: false });
    expect(banner(room.element).hidden).toBe(false);
    room.destroy();
  });
});
