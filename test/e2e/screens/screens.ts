// The app's real table screen (DOM desk and Phaser table) for a fixed seat view handed in by the
// screenshot script (test/e2e/screens.ts): no server, no bots, nothing moving, so two runs of the
// same state draw the same pixels.
import { makeCheck } from '../../../src/client/check';
import { makeTableStore, withView, type Refusal } from '../../../src/client/store';
import type { SeatView, Seat } from '../../../src/game/types';
import { mountAnnouncer } from '../../../src/ui/announcer';
import { placeRefusal } from '../../../src/ui/refusal';
import { renderTable } from '../../../src/ui/table';
import { mountTable } from '../../../src/scenes/mount';
import '../../../src/ui/styles.css';

export interface ScreenCase {
  view: SeatView;
  seat: Seat | null;
  refusal?: Omit<Refusal, 'serial'>;
  /** Animate the table (couriers, headlines) instead of showing it still. */
  motion?: boolean;
}

const store = makeTableStore();
const root = document.getElementById('app')!;
const announcer = mountAnnouncer(store);
document.body.append(announcer.element);
const table = renderTable(store, () => {});
root.replaceChildren(table.element);
const mounted = mountTable(table.canvasHost, store);

declare global {
  interface Window {
    showCase(c: ScreenCase): void;
    /** The next view of the same seat (the table animates what changed, with `motion`). */
    showNext(view: SeatView): void;
    /** The table scene has drawn at least one frame since the last case. */
    sceneReady(): boolean;
  }
}

let frames = 0;
mounted.game.events.on('postrender', () => frames++);
window.sceneReady = () => mounted.game.isBooted && frames > 2;

window.showCase = (c) => {
  frames = 0;
  store.setState({
    // The view with its seat model, as the connection sets them (store.ts `withView`).
    ...withView({ model: null, seenAtStep: null, clockOffset: 0 }, c.view, c.seat),
    seat: c.seat,
    phase: 'playing',
    mode: 'solo',
    reducedMotion: c.motion !== true,
    refusal: null,
    check: makeCheck(() => store.getState().view, c.seat),
  });
  if (c.refusal) store.setState({ refusal: { ...c.refusal, serial: 1 } });
  const desk = table.element.querySelector<HTMLElement>('.desk');
  if (desk) placeRefusal(desk, store.getState().refusal);
};

window.showNext = (view) => {
  frames = 0;
  const state = store.getState();
  store.setState(withView(state, view, state.seat));
};
