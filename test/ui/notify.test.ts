// @vitest-environment happy-dom
// Never miss your turn (src/client/notify.ts, issue #12 item 2): when this seat becomes the one to
// act, the tab's title says so with the time left (on an injected clock), the favicon changes
// shape, the beep sounds only if asked for, and a notification shows only when opted in, allowed
// and the tab is hidden.
import { describe, expect, it } from 'vitest';
import { makeNotifier } from '../../src/client/notify';
import { deskModel } from '../../src/game/model/desk';
import { replayModel } from '../../src/game/model/replay';
import { seatModel } from '../../src/game/seat-model';
import type { BackchannelState, Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { playedRecord } from '../game/played-record';

const replay = replayModel(playedRecord('notify'));
const seat: Seat = '2';
// A blitz match: the broker waits while the principals draft, then mediates.
const waiting = replay.frame(1).state;
const frames = Array.from({ length: replay.steps }, (_, i) => replay.frame(i).state);
const acting = frames.find((G) => G.step === 'mediation' && G.pending.includes(seat))!;

function modelAt(G: BackchannelState, now: number) {
  const view = viewFor(G, seat);
  const model = seatModel(view, seat, () => now);
  return { model, title: deskModel(view, model).pageTitle };
}

describe('the turn alerts', () => {
  it('change the title and favicon when the seat becomes pending, with the time left', async () => {
    let now = acting.clock.startedAt;
    const beeps: number[] = [];
    const notices: string[] = [];
    let hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    let permission: NotificationPermission = 'default';
    const storage = new Map<string, string>();
    const n = makeNotifier({
      now: () => now,
      storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => storage.set(k, v) },
      sound: () => beeps.push(now),
      notification: {
        permission: () => permission,
        request: async () => (permission = 'granted'),
        show: (title, body) => notices.push(`${title} | ${body}`),
      },
    });
    document.body.replaceChildren(n.controls);
    const icon = () => document.querySelector<HTMLLinkElement>('link[rel="icon"][data-turn]');

    const w = modelAt(waiting, now);
    expect(w.model.acting).toBe(false);
    n.show(w.title, w.model);
    expect(document.title).toBe('Waiting: Drafting · Backchannel');
    expect(icon()?.dataset.turn).toBe('wait');
    const waitIcon = icon()!.href;

    // Sound and notifications are off until the player opts in; opting in asks the browser.
    const sound = document.querySelector<HTMLInputElement>('#turn-sound')!;
    const notify = document.querySelector<HTMLInputElement>('#turn-notify')!;
    expect(sound.checked).toBe(false);
    expect(notify.checked).toBe(false);
    expect(permission).toBe('default');
    sound.click();
    expect(beeps).toHaveLength(1); // a sample, so the player hears it
    notify.click();
    await Promise.resolve();
    expect(permission).toBe('granted');
    expect(storage.get('backchannel:sound')).toBe('on');

    // The step moves on: the seat must act, the tab is hidden.
    hidden = true;
    now = acting.clock.deadline! - 45_000;
    const a = modelAt(acting, now);
    expect(a.model.acting).toBe(true);
    n.show(a.title, a.model);
    expect(document.title).toBe('● Your move (0:45 left): Mediation · Backchannel');
    expect(icon()?.dataset.turn).toBe('act');
    expect(icon()!.href).not.toBe(waitIcon);
    expect(decodeURIComponent(icon()!.href)).toContain('<circle');
    expect(beeps).toHaveLength(2);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Your move \(0:45 left\): Mediation/);

    // The clock moves: the title follows; a redraw of the same step does not beep again.
    now += 30_000;
    n.tick();
    expect(document.title).toBe('● Your move (0:15 left): Mediation · Backchannel');
    n.show(a.title, a.model);
    expect(beeps).toHaveLength(2);
    expect(notices).toHaveLength(1);

    n.stop();
    expect(icon()).toBeNull();
  });

  it('stay quiet when not asked, and do not notify a visible tab', () => {
    let now = acting.clock.startedAt;
    const beeps: number[] = [];
    const notices: string[] = [];
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    const n = makeNotifier({
      now: () => now,
      storage: null,
      sound: () => beeps.push(now),
      notification: {
        permission: () => 'granted',
        request: async () => 'granted',
        show: (t) => notices.push(t),
      },
    });
    const w = modelAt(waiting, now);
    n.show(w.title, w.model);
    now = acting.clock.deadline! - 10_000;
    const a = modelAt(acting, now);
    n.show(a.title, a.model);
    expect(document.title).toBe('● Your move (0:10 left): Mediation · Backchannel');
    expect(beeps).toHaveLength(0);
    expect(notices).toHaveLength(0);
  });
});
