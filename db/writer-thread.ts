// The writer thread: owns the connection every write of the embedded database goes through,
// so statements, commits and their fsync run here and never block the main thread's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { Connection } from './connection.ts';
import { applyPragmas } from './pragmas.ts';
import type {
  Durability,
  PlainError,
  PlainResultSet,
  WriterRequest,
  WriterResponse,
} from './writer-protocol.ts';

/** WAL pages past which a commit on this connection checkpoints after all. */
const BACKSTOP_CHECKPOINT_PAGES = 10_000;

const port = parentPort;
if (!port) throw new Error('db/writer-thread.ts runs as a worker thread');
const { url } = workerData as { url: string };
const connection = new Connection(url);
await applyPragmas(connection, 'file');
// The checkpoint thread copies the WAL into the database file as it goes; this connection
// checkpoints only if the WAL still grows past this many pages (40 MB), so the WAL stays
// bounded even when that thread cannot keep up or has failed.
connection.execute(`PRAGMA wal_autocheckpoint = ${String(BACKSTOP_CHECKPOINT_PAGES)}`);
let durability: Durability = 'full';

/**
 * Sets the connection's synchronous level for the next transaction. It is per connection and
 * this thread runs one request at a time, so it covers exactly that transaction; a FULL commit
 * after relaxed ones syncs the WAL with their frames too.
 */
function syncFor(wanted: Durability) {
  if (wanted === durability) return;
  connection.execute(`PRAGMA synchronous = ${wanted === 'full' ? 'FULL' : 'NORMAL'}`);
  durability = wanted;
}

function plainError(error: unknown): PlainError {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, extendedCode, rawCode } = error as {
    code?: unknown;
    extendedCode?: unknown;
    rawCode?: unknown;
  };
  return {
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof extendedCode === 'string' ? { extendedCode } : {}),
    ...(typeof rawCode === 'number' ? { rawCode } : {}),
  };
}

function run(request: Exclude<WriterRequest, { op: 'close' }>): PlainResultSet[] {
  switch (request.op) {
    case 'execute':
      syncFor('full');
      return [connection.execute(request.stmt)];
    case 'batch':
      syncFor(request.durability);
      return connection.batch(request.stmts, request.mode);
    case 'migrate':
      syncFor('full');
      return connection.migrate(request.stmts);
    case 'executeMultiple':
      syncFor('full');
      connection.executeMultiple(request.sql);
      return [];
  }
}

// One request at a time, in the order messages arrive: the driver is synchronous, and the
// order keeps a close behind the writes sent before it.
port.on('message', (request: WriterRequest) => {
  if (request.op === 'close') {
    connection.close();
    port.close();
    return;
  }
  let response: WriterResponse;
  try {
    response = { id: request.id, ok: true, results: run(request) };
  } catch (error) {
    response = { id: request.id, ok: false, error: plainError(error) };
  }
  port.postMessage(response);
});
port.postMessage({ ready: true });
