/**
 * The Node entry as the benchmark's server, in its own process so the load generator does
 * not share its event loop: `node tests/bench/serve.ts <file:db-url>`, started by server.ts
 * over IPC. Reports `{ origin }` once it listens and closes on the message `'stop'`.
 * The one file that knows how the Node entry is started.
 */
import { start } from '../../worker/node.ts';

const dbUrl = process.argv[2];
if (!dbUrl || !process.send) throw new Error('run by tests/bench/run.ts: node tests/bench/serve.ts <db-url>');

const server = await start({ dbUrl, port: 0, host: '127.0.0.1', rateLimitPerMinute: 1e9 });
process.on('message', (message) => {
  if (message !== 'stop') return;
  void server.close().then(() => {
    process.exit(0);
  });
});
process.send({ origin: server.origin });
