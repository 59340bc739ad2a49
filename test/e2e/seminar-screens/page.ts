// The seminar screens (projector, facilitator console, debrief) for fixed states handed in by the
// screenshot script (test/e2e/seminar-screens.ts): no server (the console's dashboard is answered
// here), nothing moving but the console's poll of the same dashboard.
import { makeTableStore, withView } from '../../../src/client/store';
import type { Dashboard } from '../../../src/client/seminar';
import type { MatchRecord } from '../../../src/game/record';
import type { SeatView } from '../../../src/game/types';
import { renderConsole } from '../../../src/ui/seminar/console';
import { debriefContent } from '../../../src/ui/seminar/debrief';
import { page } from '../../../src/ui/seminar/common';
import { projectorView } from '../../../src/ui/seminar/projector';
import '../../../src/ui/styles.css';

export type SeminarCase =
  | { kind: 'projector'; view: SeatView; now: number }
  | { kind: 'console'; dashboard: Dashboard }
  | { kind: 'debrief'; record: MatchRecord };

declare global {
  interface Window {
    showSeminar(c: SeminarCase): void;
  }
}

const root = document.getElementById('app')!;

window.showSeminar = (c) => {
  if (c.kind === 'projector') {
    const store = makeTableStore();
    store.setState({ ...withView(store.getState(), c.view, null, c.now), phase: 'playing' });
    const view = projectorView(() => c.now);
    view.render(store.getState());
    root.replaceChildren(view.element);
  } else if (c.kind === 'console') {
    localStorage.setItem(`backchannel.seminar.${c.dashboard.id}`, 'secret');
    window.fetch = (async (input: RequestInfo | URL) => {
      const path = new URL(String(input), window.location.href).pathname;
      const body = path === '/api/time' ? { now: Date.now() } : { ...c.dashboard, now: Date.now() };
      return new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch;
    root.replaceChildren(renderConsole(c.dashboard.id).element);
  } else {
    root.replaceChildren(page('Debrief', ...debriefContent(c.record)));
  }
};
