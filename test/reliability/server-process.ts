/**
 * The HTTP API as a separate process, for tests that must kill it: argv[2] is the SQLite file (the read
 * models only, when argv[3] gives an event store connection string such as postgres://…).
 * Listens on an ephemeral port on 127.0.0.1 and prints `{"port": N}` on one stdout line once ready.
 * Run with `node --import tsx test/reliability/server-process.ts <db>`.
 */
import { systemClock } from '../../src/clock.js';
import { buildApp } from '../../src/http/app.js';
import { openRuntime } from '../../src/runtime.js';

const dbPath = process.argv[2];
if (!dbPath) {
  console.error('usage: server-process.ts <db file>');
  process.exit(2);
}
const runtime = await openRuntime({ dbPath, eventStoreConnectionString: process.argv[3] });
const app = await buildApp({ ...runtime, clock: systemClock });
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error(`unexpected server address ${String(address)}`);
process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
