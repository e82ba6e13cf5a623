import type { Db } from './types.ts';

type BatchItems = Parameters<Db['batch']>[0];

interface Waiting {
  items: BatchItems;
  resolve: (results: readonly unknown[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Most batches one transaction takes. A group holds the write lock until its commit, and the
 * callers' answers wait for that commit; the cap bounds both (a group of 100-event batches stays
 * around a couple of thousand rows), while a busy server still pays one sync per group.
 */
export const MAX_GROUP_BATCHES = 16;

/**
 * Makes concurrent `batch()` calls share one transaction. With `synchronous=FULL` every
 * commit waits for the disk, so under load most of a write's time is its sync; batches that
 * arrive while the previous group commits are written together and pay for one. One group
 * runs at a time, of at most {@link MAX_GROUP_BATCHES}; between groups the event loop runs.
 * Each caller still gets exactly its own results. If a shared transaction fails, it was
 * rolled back whole, and each caller's batch runs again on its own, so one bad write never
 * fails another's.
 *
 * For a single process (the Node entry). Not for Workers, where one request must not
 * settle another request's promise.
 */
export function withGroupCommit(db: Db): Db {
  const single = db.batch.bind(db);
  let waiting: Waiting[] = [];
  let running = false;

  const runAlone = (w: Waiting) => single(w.items).then(w.resolve, w.reject);

  const runGroup = async (group: Waiting[]) => {
    const [first] = group;
    if (group.length === 1 && first) return runAlone(first);
    const [head, ...rest] = group.flatMap((w) => [...w.items]);
    if (!head) return;
    let results: readonly unknown[];
    try {
      results = await single([head, ...rest]);
    } catch {
      for (const w of group) await runAlone(w);
      return;
    }
    let offset = 0;
    for (const w of group) {
      w.resolve(results.slice(offset, offset + w.items.length));
      offset += w.items.length;
    }
  };

  const flush = async () => {
    running = true;
    const group = waiting.slice(0, MAX_GROUP_BATCHES);
    waiting = waiting.slice(group.length);
    await runGroup(group);
    running = false;
    // What arrived meanwhile forms the next group, after a turn of the event loop.
    if (waiting.length > 0) schedule();
  };
  // After the I/O callbacks of this turn of the event loop (the requests read in it join the
  // group), not after a timer: `setTimeout(…, 0)` waits at least a millisecond, which every write
  // paid again, and which left the writer idle between back-to-back groups.
  const schedule = () => {
    setImmediate(() => void flush());
  };

  const batch = (items: BatchItems) =>
    new Promise<readonly unknown[]>((resolve, reject) => {
      waiting.push({ items, resolve, reject });
      if (waiting.length === 1 && !running) schedule();
    });
  return Object.assign(db, { batch: batch as Db['batch'] });
}
