import type { Db } from './types.ts';

type BatchItems = Parameters<Db['batch']>[0];

interface Waiting {
  items: BatchItems;
  resolve: (results: readonly unknown[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Makes concurrent `batch()` calls share one transaction. With `synchronous=FULL` every
 * commit waits for the disk, so under load most of a write's time is its sync; batches that
 * arrive within the same tick are written together and pay for one. Each caller still gets
 * exactly its own results. If a shared transaction fails, it was rolled back whole, and each
 * caller's batch runs again on its own, so one bad write never fails another's.
 *
 * For a single process (the Node entry). Not for Workers, where one request must not
 * settle another request's promise.
 */
export function withGroupCommit(db: Db): Db {
  const single = db.batch.bind(db);
  let waiting: Waiting[] = [];

  const runAlone = (w: Waiting) => {
    single(w.items).then(w.resolve, w.reject);
  };

  const flush = async () => {
    const group = waiting;
    waiting = [];
    const [first] = group;
    if (group.length === 1 && first) {
      runAlone(first);
      return;
    }
    const [head, ...rest] = group.flatMap((w) => [...w.items]);
    if (!head) return;
    let results: readonly unknown[];
    try {
      results = await single([head, ...rest]);
    } catch {
      group.forEach(runAlone);
      return;
    }
    let offset = 0;
    for (const w of group) {
      w.resolve(results.slice(offset, offset + w.items.length));
      offset += w.items.length;
    }
  };

  const batch = (items: BatchItems) =>
    new Promise<readonly unknown[]>((resolve, reject) => {
      waiting.push({ items, resolve, reject });
      if (waiting.length === 1) setTimeout(() => void flush(), 0);
    });
  return Object.assign(db, { batch: batch as Db['batch'] });
}
