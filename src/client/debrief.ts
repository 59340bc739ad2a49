// The debrief's record, in a zustand store like every other screen's state: read once, and while
// the match is still running (409) read again every `retryMs` until it ends.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MatchRecord } from '../game/record';
import { getRecord, type SeminarError } from './seminar';

export interface RecordState {
  phase: 'loading' | 'running' | 'ready' | 'error';
  record: MatchRecord | null;
  error: string | null;
}

export interface RecordLoader {
  store: StoreApi<RecordState>;
  start(): void;
  stop(): void;
}

export function makeRecordLoader(
  matchID: string,
  opts: { retryMs?: number; read?: typeof getRecord } = {},
): RecordLoader {
  const retryMs = opts.retryMs ?? 5000;
  const read = opts.read ?? getRecord;
  const store = createStore<RecordState>()(() => ({ phase: 'loading', record: null, error: null }));
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const load = () => {
    read(matchID)
      .then((record) => {
        if (!stopped) store.setState({ phase: 'ready', record, error: null });
      })
      .catch((err: unknown) => {
        if (stopped) return;
        const e = err as SeminarError;
        if (e.status === 409) {
          store.setState({ phase: 'running' });
          timer = setTimeout(load, retryMs);
        } else store.setState({ phase: 'error', error: e.message });
      });
  };
  return {
    store,
    start: () => {
      stopped = false;
      load();
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
