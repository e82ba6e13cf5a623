import { MAX_SEQ } from '../../worker/contract/constants.ts';
import { uuidv7 } from './ids.ts';
import type { Store } from './storage.ts';

/** Inactivity after which the next event starts a new session. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;

/** Highest `seq` the API accepts; a session that long simply starts over. */

export interface SessionState {
  id: string;
  seq: number;
  lastActivity: number;
}

/**
 * The browsing session, persisted so that moving between pages (and tabs) continues it.
 * Every read-modify-write happens synchronously, so tabs sharing it never reuse a `seq`.
 */
export class Session {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Session id and sequence number for the next event, rotating after inactivity. */
  next(now: number): { sessionId: string; seq: number } {
    const last = this.#store.get('session');
    const state: SessionState =
      last && now - last.lastActivity < SESSION_IDLE_MS && last.seq < MAX_SEQ
        ? { id: last.id, seq: last.seq + 1, lastActivity: now }
        : { id: uuidv7(now), seq: 0, lastActivity: now };
    this.#store.set('session', state);
    return { sessionId: state.id, seq: state.seq };
  }

  /** Forgets the session, so the next event starts a new one (after logout). */
  reset(): void {
    this.#store.remove('session');
  }
}
