import type { Db } from '../../db/types.ts';
import type { OrderHook } from './orders/hooks.ts';

/** What every service needs from its caller: the database, a clock and an id generator. */
export interface ServiceContext {
  db: Db;
  /**
   * The handle event ingestion writes through: commits that may trade power-loss durability
   * for speed (WAL with synchronous=NORMAL on an embedded file). Orders, tickets, identities
   * and everything else a client was promised write through `db`. Absent: `db`.
   */
  eventDb?: Db;
  /** Current time, epoch ms. */
  now: () => number;
  newId: () => string;
  /** PBKDF2 work factor for staff passwords; tests lower it, production keeps the default. */
  passwordIterations?: number;
  /**
   * Whether a read may run beside this context's writes and outlive the call that started it:
   * true in a Node process, which owns its database (the embedded file reads on this thread
   * and writes on the writer thread). Long walks then read their next page while the last one
   * is written. Never on Workers, where one invocation's I/O cannot be awaited by the next.
   */
  readAhead?: boolean;
  /** Statements other modules add to each new order's batch (offer conversions…). */
  orderHooks?: readonly OrderHook[];
}
