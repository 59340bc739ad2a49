// The guide of a guided first match (#12): a labelled region under the table's header with the
// current prompt (src/game/model/guide.ts), a button that takes focus to the control it is about,
// Next for a step that is read, and a way to close it. The control is outlined on the table. A new
// prompt is said once through the app's announcer; the region itself is not a live region.
import type { TableStore } from '../client/store';
import {
  advanceGuide,
  closeGuide,
  guidePrompt,
  nextGuide,
  startGuide,
  type GuidePrompt,
  type GuideTarget,
} from '../game/model/guide';
import { h } from './dom';

/** Where each control the guide names is on the table (the desks' own headings and buttons). */
const TARGETS: Record<GuideTarget, string> = {
  tracks: '#tracks-h',
  objectives: '#obj-h',
  posture: '#posture-h',
  composer: '#memo-h',
  done: '.desk button.done',
  memos: '#sent-h',
  inbox: '#inbox-h',
  press: '#press-h',
  changes: '#changes-h',
  deals: '#deals-h',
  'broker-memos': '#desk-h',
  delivered: '#delivered-h',
};

function findTarget(root: ParentNode, target: GuideTarget | null): HTMLElement | null {
  if (!target) return null;
  const el = root.querySelector<HTMLElement>(TARGETS[target]);
  if (!el) return null;
  return el.matches('button') ? el : (el.closest<HTMLElement>('section') ?? el);
}

/** The first control inside a target, or the target itself (its heading made focusable). */
function focusTarget(el: HTMLElement): void {
  const control = el.matches('button, input, select, textarea')
    ? el
    : // A radio group is entered at its checked radio (arrows then change it).
      // Else its first control that can be used (not a scrolling list that merely holds them).
      (el.querySelector<HTMLElement>('input[type=radio]:checked') ??
      el.querySelector<HTMLElement>(
        'input:not([disabled]), select:not([disabled]), textarea, button:not([disabled])',
      ) ??
      el.querySelector<HTMLElement>('[tabindex="0"]'));
  if (control) {
    control.focus();
    return;
  }
  const heading = el.querySelector<HTMLElement>('h2, h3') ?? el;
  heading.tabIndex = -1;
  heading.focus();
}

export function mountGuide(
  store: TableStore,
  say: (text: string) => void,
): { element: HTMLElement; destroy(): void } {
  let progress = startGuide();
  let shown = '';
  let prompt: GuidePrompt | null = null;
  const heading = h('h2', { id: 'guide-h', tabindex: -1 });
  const text = h('p', { class: 'guide-text' });
  const todo = h('p', { class: 'guide-todo' });
  const actions = h('div', { class: 'actions wrap' });
  const element = h(
    'section',
    { class: 'guide', 'aria-labelledby': 'guide-h' },
    heading,
    text,
    todo,
    actions,
  );
  const page = () => element.closest('.table-screen') ?? document;
  const highlight = () => {
    page()
      .querySelectorAll('.guide-target')
      .forEach((el) => el.classList.remove('guide-target'));
    findTarget(page(), prompt?.target ?? null)?.classList.add('guide-target');
  };
  const focusLost = () =>
    !document.activeElement ||
    document.activeElement === document.body ||
    !document.activeElement.isConnected;

  const render = () => {
    const model = store.getState().model;
    if (!model) return;
    progress = advanceGuide(progress, model);
    prompt = guidePrompt(progress, model);
    const key = JSON.stringify(prompt);
    if (key === shown) {
      setTimeout(() => {
        highlight();
        // A move redrew the desk under the focus: give it back to the prompt.
        if (prompt && focusLost()) heading.focus();
      }, 0);
      return;
    }
    const fresh =
      prompt?.number !== (shown ? (JSON.parse(shown) as GuidePrompt | null)?.number : undefined);
    shown = key;
    if (!prompt) {
      element.remove();
      highlight();
      return;
    }
    element.dataset.step = prompt.id;
    heading.textContent = `Learning by playing · step ${prompt.number} of ${prompt.total}: ${prompt.title}`;
    text.textContent = prompt.text;
    todo.replaceChildren(h('strong', {}, 'What to do: '), prompt.todo);
    const buttons: HTMLElement[] = [];
    if (prompt.target)
      buttons.push(
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              const el = findTarget(page(), prompt?.target ?? null);
              if (el) {
                el.scrollIntoView({ block: 'center' });
                focusTarget(el);
              }
            },
          },
          'Show me',
        ),
      );
    if (prompt.next)
      buttons.push(
        h(
          'button',
          {
            type: 'button',
            class: 'guide-next',
            onclick: () => {
              const m = store.getState().model;
              if (m) progress = nextGuide(progress, m);
              render();
              if (progress.closed) return;
              heading.focus();
            },
          },
          prompt.next,
        ),
      );
    buttons.push(
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            progress = closeGuide(progress);
            render();
            say('The guide is closed.');
            (document.querySelector('.match-title') as HTMLElement | null)?.focus();
          },
        },
        'Close the guide',
      ),
    );
    actions.replaceChildren(...buttons);
    if (fresh) say(`Guide, step ${prompt.number}: ${prompt.title}. ${prompt.todo}`);
    // A new prompt takes the focus (the learner follows the prompts: the next one is where the
    // keyboard is), once the desk has redrawn under the move that finished the last one; a changed
    // prompt takes it back when a move redrew the desk under it.
    setTimeout(() => {
      if (prompt && element.isConnected && (fresh || focusLost())) heading.focus();
    }, 0);
    setTimeout(highlight, 0);
  };
  const unsubscribe = store.subscribe(render);
  render();
  return {
    element,
    destroy: () => {
      unsubscribe();
      element.remove();
    },
  };
}
