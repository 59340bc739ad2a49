// Keeps a running solo match's entry up to date (round, step) and, when the match ends, its record
// (solo-store.ts `finishSolo`): the Local master stores the final state just after it tells its
// clients, so the record is written once the stored copy is over too.
import { finishSolo, touchSolo } from './solo-store';
import type { TableStore } from './store';

export function keepSolo(
  store: TableStore,
  matchID: string,
  opts: { retryMs?: number; tries?: number; onFinished?: () => void } = {},
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finished = false;
  const finish = (left: number) => {
    timer = undefined;
    if (finishSolo(matchID)) {
      finished = true;
      opts.onFinished?.();
    } else if (left > 0) timer = setTimeout(() => finish(left - 1), opts.retryMs ?? 50);
  };
  const update = () => {
    const { model, gameover } = store.getState();
    if (!model || finished) return;
    touchSolo(matchID, { round: model.round, rounds: model.rounds, step: model.step });
    if ((gameover || model.over) && timer === undefined)
      timer = setTimeout(() => finish(opts.tries ?? 40), 0);
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.model !== prev.model || s.gameover !== prev.gameover) update();
  });
  update();
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
  };
}
