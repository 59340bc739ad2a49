// A small DOM builder: text always goes in as text (never as HTML), so nothing a player writes
// can become markup.
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'class') {
      el.className = String(value);
    } else if (value === true) {
      el.setAttribute(key, '');
    } else {
      el.setAttribute(key, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Replaces a container's content only when `key` changed since the last call. */
export function renderKeyed(
  container: HTMLElement,
  key: string,
  render: () => Node | Node[],
): void {
  if (container.dataset.key === key) return;
  const focused = document.activeElement;
  const hadFocus = focused instanceof HTMLElement && container.contains(focused);
  const focusId = hadFocus ? focused.id : '';
  container.dataset.key = key;
  const content = render();
  container.replaceChildren(...(Array.isArray(content) ? content : [content]));
  if (!hadFocus) return;
  const again = focusId ? document.getElementById(focusId) : null;
  if (again && container.contains(again)) again.focus();
  else {
    // The focused control is gone: keep focus in the redrawn panel rather than drop it to <body>.
    if (!container.hasAttribute('tabindex')) container.tabIndex = -1;
    container.focus();
  }
}

let counter = 0;
export const uid = (prefix: string) => `${prefix}-${++counter}`;

type Kid = Child | Child[];

/** A desk panel: a section named by its heading. */
export function panel(
  id: string,
  title: string,
  attrs: { class?: string; level?: 'h2' | 'h3' } = {},
  ...children: Kid[]
): HTMLElement {
  return h(
    'section',
    { class: attrs.class ?? 'panel', 'aria-labelledby': id },
    h(attrs.level ?? 'h3', { id }, title),
    ...children,
  );
}

/** A labelled form field: the label, then the control it names. */
export function field(
  id: string,
  label: string,
  control: HTMLElement,
  cls = 'field',
  ...after: Kid[]
): HTMLElement {
  return h('div', { class: cls }, h('label', { for: id }, label), control, ...after);
}
