// The checkpoint thread: copies committed pages from the WAL into the database file on its own
// connection, so that work and its fsync stay off the writer thread's commits.
import { parentPort, workerData } from 'node:worker_threads';
import { Connection } from './connection.ts';
import { applyPragmas } from './pragmas.ts';

const port = parentPort;
if (!port) throw new Error('db/checkpoint-thread.ts runs as a worker thread');
const { url, intervalMs } = workerData as { url: string; intervalMs: number };
const connection = new Connection(url);
await applyPragmas(connection, 'file');

// PASSIVE never waits: it copies what readers no longer need and leaves the rest for the next
// round; when it has copied everything, the writer's next transaction starts the WAL over.
const timer = setInterval(() => {
  try {
    connection.execute('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // A busy or failed round changes nothing; the writer's own checkpoint is the backstop.
  }
}, intervalMs);

port.on('message', (message: unknown) => {
  if (message !== 'close') return;
  clearInterval(timer);
  connection.close();
  port.close();
});
port.postMessage({ ready: true });
