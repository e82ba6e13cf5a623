// The writer thread: owns the connection every write of the embedded database goes through,
// so statements, commits and their fsync run here and never block the main thread's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from '@libsql/client';
import { applyPragmas } from './pragmas.ts';
import {
  toPlain,
  type Durability,
  type PlainError,
  type WriterRequest,
  type WriterResponse,
} from './writer-protocol.ts';

const port = parentPort;
if (!port) throw new Error('db/writer-thread.ts runs as a worker thread');
const { url } = workerData as { url: string };
const client = createClient({ url, concurrency: 1 });
await applyPragmas(client, 'file');
let durability: Durability = 'full';

/**
 * Sets the connection's synchronous level for the next transaction. It is per connection and
 * this thread runs one request at a time, so it covers exactly that transaction; a FULL commit
 * after relaxed ones syncs the WAL with their frames too.
 */
async function syncFor(wanted: Durability) {
  if (wanted === durability) return;
  await client.execute(`PRAGMA synchronous = ${wanted === 'full' ? 'FULL' : 'NORMAL'}`);
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

async function run(request: Exclude<WriterRequest, { op: 'close' }>) {
  switch (request.op) {
    case 'execute':
      await syncFor('full');
      return [await client.execute(request.stmt)];
    case 'batch':
      await syncFor(request.durability);
      return client.batch(request.stmts, request.mode);
    case 'migrate':
      await syncFor('full');
      return client.migrate(request.stmts);
    case 'executeMultiple':
      await syncFor('full');
      await client.executeMultiple(request.sql);
      return [];
  }
}

// One request at a time, in the order sent: the driver is synchronous underneath anyway, and
// the order keeps a close behind the writes sent before it.
let queue = Promise.resolve();
port.on('message', (request: WriterRequest) => {
  queue = queue.then(async () => {
    if (request.op === 'close') {
      client.close();
      port.close();
      return;
    }
    let response: WriterResponse;
    try {
      response = { id: request.id, ok: true, results: (await run(request)).map(toPlain) };
    } catch (error) {
      response = { id: request.id, ok: false, error: plainError(error) };
    }
    port.postMessage(response);
  });
});
port.postMessage({ ready: true });
