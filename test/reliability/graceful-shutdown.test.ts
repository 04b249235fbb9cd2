import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/http/app.js';
import { openRuntime } from '../../src/runtime.js';
import { fixedClock } from '../../src/clock.js';
import type { EventStore } from '../../src/store/event-store.js';
import { register } from '../helpers/worked-example.js';

t.test('shutdown finishes in-flight commands before closing the store', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-shutdown-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const dbPath = join(dir, 'jixiao.db');
  const runtime = await openRuntime({ dbPath, eventStoreConnectionString: undefined });
  // A slow disk: every append takes 300 ms.
  const slow: EventStore = Object.create(runtime.store);
  let appendStarted!: () => void;
  const started = new Promise<void>((resolve) => (appendStarted = resolve));
  slow.append = async (...args) => {
    appendStarted();
    await new Promise((r) => setTimeout(r, 300));
    return runtime.store.append(...args);
  };
  const app = await buildApp({ ...runtime, store: slow, clock: fixedClock('2022-03-01T09:00:00') });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as { port: number };
  const inFlight = fetch(`http://127.0.0.1:${address.port}/api/projects`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(register),
  });
  await started; // the command is now waiting on its append (a fixed wait was too short on a loaded machine)
  // The same sequence as src/server.ts on SIGTERM.
  const closed = app.close().then(() => runtime.close());
  const res = await inFlight;
  t.equal(res.status, 201, 'the in-flight command was answered');
  await closed;

  const reopened = await openRuntime({ dbPath, eventStoreConnectionString: undefined });
  t.teardown(() => reopened.close());
  const events = await reopened.store.readStream(`project-${register.code}-2022`);
  t.same(events.map((e) => e.type), ['ProjectRegistered'], 'and its event is on disk');
});
