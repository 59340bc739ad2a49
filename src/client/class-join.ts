// A student joining a class with a code: what the code opens (looked up once per code), what is
// being done and what went wrong, in a zustand store like every other screen's state. The screen
// (src/ui/seminar/class-join.ts) renders it and calls these actions.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Seat } from '../game/types';
import { serverReason, sessionScenario } from '../game/model/seminar';
import type { HeldSeat } from './lobby';
import { joinWithCode, lookUpCode, normaliseCode, type JoinInfo } from './seminar';

export interface ClassJoinState {
  /** The code looked up last (normalised), and what it opens. */
  code: string;
  info: JoinInfo | null;
  /** A sentence on what is going on, or what went wrong. */
  status: string;
  busy: boolean;
}

export interface ClassJoin {
  store: StoreApi<ClassJoinState>;
  /** Looks the code up (once per code); null when it opens no table. */
  lookUp(code: string): Promise<JoinInfo | null>;
  /**
   * Takes a seat with the code; the seat held, or null (the status says why). `seat` is asked
   * once the code is looked up, as the seats to pick from appear then.
   */
  join(code: string, name: string, seat: () => Seat | undefined): Promise<HeldSeat | null>;
}

export function makeClassJoin(
  api: { lookUpCode: typeof lookUpCode; joinWithCode: typeof joinWithCode } = {
    lookUpCode,
    joinWithCode,
  },
): ClassJoin {
  const store = createStore<ClassJoinState>()(() => ({
    code: '',
    info: null,
    status: '',
    busy: false,
  }));

  async function lookUp(raw: string): Promise<JoinInfo | null> {
    const code = normaliseCode(raw);
    if (!code) return null;
    const s = store.getState();
    if (s.info && s.code === code) return s.info;
    try {
      const info = await api.lookUpCode(code);
      store.setState({ code, info });
      return info;
    } catch (err) {
      store.setState({
        code: '',
        info: null,
        status: `That code does not open a table: ${serverReason((err as Error).message)}.`,
      });
      return null;
    }
  }

  async function join(raw: string, name: string, pick: () => Seat | undefined) {
    store.setState({ busy: true, status: 'Finding your table…' });
    try {
      const info = await lookUp(raw);
      if (!info) return null;
      const seat = pick();
      if (info.kind === 'table' && seat === undefined) {
        store.setState({
          status: info.free.length === 0 ? 'No seat is free here.' : 'Pick a seat first.',
        });
        return null;
      }
      const held = await api.joinWithCode(store.getState().code, name.trim(), seat);
      store.setState({ status: 'Seated. Opening the table…' });
      return held;
    } catch (err) {
      // Look the code up again: the seat may have been taken meanwhile.
      const scenario = store.getState().info?.scenario.id;
      store.setState({
        info: null,
        status: `Could not join: ${serverReason((err as Error).message, scenario ? sessionScenario(scenario) : undefined)}.`,
      });
      void lookUp(raw);
      return null;
    } finally {
      store.setState({ busy: false });
    }
  }

  return { store, lookUp, join };
}
