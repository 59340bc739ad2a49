// Creating a seminar session: what the facilitator asked for, what is being done, what went wrong
// and the session made (its secret shown once), in a zustand store like every other screen's
// state. The screen (src/ui/seminar/create.ts) reads its fields, renders this and calls `create`.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { MIN_STEP_SECONDS, TIMED_STEPS } from '../game/options';
import { serverReason } from '../game/model/seminar';
import { createSeminar, type CreateSeminar, type Created, type TimerChoice } from './seminar';

export interface SessionAsked {
  label: string;
  scenario: string;
  rounds: number;
  /** A preset's name, or 'custom' with the seconds of each timed step in `seconds`. */
  timer: Exclude<TimerChoice, object> | 'custom';
  seconds: number[];
  /** The class list's text (one name a line); when it has a name it decides the tables. */
  classList: string;
  tables: number;
}

export interface SeminarCreateState {
  phase: 'editing' | 'creating' | 'created';
  /** A sentence on what is going on, or what went wrong. */
  status: string;
  created: Created | null;
}

export interface SeminarCreate {
  store: StoreApi<SeminarCreateState>;
  /** Creates the session; refuses a custom timer with a step under the rules' minimum. */
  create(asked: SessionAsked): Promise<Created | null>;
}

/** The API body for what was asked, or the reason it cannot be sent. */
export function sessionBody(asked: SessionAsked): CreateSeminar | string {
  const names = asked.classList
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  let timer: TimerChoice;
  if (asked.timer === 'custom') {
    const secs = asked.seconds;
    if (
      secs.length !== TIMED_STEPS.length ||
      secs.some((n) => !Number.isInteger(n) || n < MIN_STEP_SECONDS)
    )
      return `Each step needs a whole number of seconds, at least ${MIN_STEP_SECONDS}.`;
    timer = { drafting: secs[0]!, mediation: secs[1]!, response: secs[2]!, press: secs[3]! };
  } else timer = asked.timer;
  return {
    ...(asked.label.trim() ? { label: asked.label.trim() } : {}),
    scenario: asked.scenario,
    rounds: asked.rounds,
    timer,
    ...(names.length > 0 ? { classList: names } : { tables: asked.tables }),
  };
}

export function makeSeminarCreate(
  api: { createSeminar: typeof createSeminar } = { createSeminar },
): SeminarCreate {
  const store = createStore<SeminarCreateState>()(() => ({
    phase: 'editing',
    status: '',
    created: null,
  }));

  async function create(asked: SessionAsked): Promise<Created | null> {
    if (store.getState().phase !== 'editing') return store.getState().created;
    const body = sessionBody(asked);
    if (typeof body === 'string') {
      store.setState({ status: body });
      return null;
    }
    store.setState({ phase: 'creating', status: 'Creating the session…' });
    try {
      const created = await api.createSeminar(body);
      store.setState({
        phase: 'created',
        created,
        status: `Session created with ${created.tables.length} ${created.tables.length === 1 ? 'table' : 'tables'}.`,
      });
      return created;
    } catch (err) {
      store.setState({
        phase: 'editing',
        status: `Could not create the session: ${serverReason((err as Error).message)}.`,
      });
      return null;
    }
  }

  return { store, create };
}
