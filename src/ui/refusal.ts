// A refusal is shown beside the control that caused it, not at the top of a tall desk: each
// control that sends a move says so (`sends`, the key `intentKey` gives its move) and its group
// carries a slot naming those keys; the refusal goes into the slot that names its key (or its
// move). The announcer (announcer.ts) says it aloud as well.
import { keyMove, type IntentKey, type SlotKey } from '../client/intents';
import type { Refusal } from '../client/store';
import { h } from './dom';

/** A place for the refusal of any of these intents (e.g. `relay:m-1`, or `draftMemo`). */
export function refusalSlot(...keys: SlotKey[]): HTMLElement {
  return h('p', { class: 'refusal', 'data-refusal-for': keys.join(' '), hidden: true });
}

/** The attribute that marks a control as sending this intent (tests find its slot by it). */
export const sends = (key: IntentKey): { 'data-sends': IntentKey } => ({ 'data-sends': key });

const names = (el: HTMLElement) => (el.dataset.refusalFor ?? '').split(' ');

/** The slot that takes the refusal of `key` under `root`: its own, its move's, or the catch-all. */
export function slotFor(root: ParentNode, key: IntentKey): HTMLElement | null {
  const slots = [...root.querySelectorAll<HTMLElement>('[data-refusal-for]')];
  const move = keyMove(key);
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
