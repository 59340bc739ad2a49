// A refusal is shown beside the control that caused it, not at the top of a tall desk: each
// control group carries a slot naming the moves it sends (`intentKey`), and the refusal goes into
// the slot that names its move. The announcer (announcer.ts) says it aloud as well.
import type { Refusal } from '../client/store';
import { h } from './dom';

/** A place for the refusal of any of these moves (e.g. `relay:m-1`, or `draftMemo`). */
export function refusalSlot(...keys: string[]): HTMLElement {
  return h('p', { class: 'refusal', 'data-refusal-for': keys.join(' '), hidden: true });
}

function slotFor(root: HTMLElement, key: string): HTMLElement | null {
  const slots = [...root.querySelectorAll<HTMLElement>('[data-refusal-for]')];
  const names = (el: HTMLElement) => (el.dataset.refusalFor ?? '').split(' ');
  const move = key.split(':')[0]!;
  return (
    slots.find((el) => names(el).includes(key)) ??
    slots.find((el) => names(el).includes(move)) ??
    slots.find((el) => names(el).includes('*')) ??
    null
  );
}

/** Shows the refusal in its slot under `root` (and clears every other); returns that slot. */
export function placeRefusal(root: HTMLElement, refusal: Refusal | null): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>('[data-refusal-for]')) {
    el.hidden = true;
    el.textContent = '';
  }
  if (!refusal) return null;
  const slot = slotFor(root, refusal.key);
  if (!slot) return null;
  slot.textContent = refusal.text;
  slot.hidden = false;
  const fold = slot.closest('details');
  if (fold) fold.open = true;
  if (typeof slot.scrollIntoView === 'function') slot.scrollIntoView({ block: 'nearest' });
  return slot;
}
