/**
 * The EventStoreDB subscription loop against a scripted client: what the server
 * would send is written into a stream by the test, so the rules of delivery are
 * checked without a server.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import t from 'tap';
import { UnavailableError, type EventStoreDBClient, type SubscribeToAllOptions } from '@eventstore/db-client';
import type { RecordedEvent } from '../../src/store/event-store.js';
import { EventStoreDbSubscription, type SubscriptionDeps } from '../../src/store/eventstoredb/subscription.js';

class ScriptedSubscription extends PassThrough {
  unsubscribed = false;
  constructor() {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
  /** What the server sends for one event of stream `stream` at `position`. */
  send(stream: string, position: bigint, type = 'Recorded'): void {
    const event = {
      streamId: stream,
      id: randomUUID(),
      isJson: true,
      revision: 0n,
      type,
      created: new Date(0),
      data: { at: Number(position) },
      metadata: { actor: 'a', recordedAt: 'r', correlationId: 'c', causationId: 'c' },
      position: { commit: position, prepare: position },
    };
    this.write({ event, commitPosition: position });
  }
}

function scriptedClient() {
  const calls: SubscribeToAllOptions[] = [];
  const subscriptions: ScriptedSubscription[] = [];
  const client = {
    subscribeToAll(options: SubscribeToAllOptions) {
      calls.push(options);
      const subscription = new ScriptedSubscription();
      subscriptions.push(subscription);
      return subscription;
    },
  };
  return { calls, subscriptions, client: client as unknown as EventStoreDBClient };
}

async function eventually(check: () => boolean, ms = 2000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup(backlogHead: bigint, extra: Partial<SubscriptionDeps> = {}) {
  const scripted = scriptedClient();
  const warnings: object[] = [];
  const errors: object[] = [];
  const deps: SubscriptionDeps = {
    client: () => scripted.client,
    backlogHead: async () => backlogHead,
    logger: { error: (obj) => void errors.push(obj), warn: (obj) => void warnings.push(obj) },
    retryDelayMs: { first: 5, max: 10 },
    ...extra,
  };
  return { ...scripted, deps, warnings, errors };
}

const positions = (events: RecordedEvent[]) => events.map((e) => e.position);

t.test('from a checkpoint the server starts at it (inclusive); the event at the checkpoint is not redelivered', async (t) => {
  const s = setup(400n);
  const received: RecordedEvent[] = [];
  const sub = new EventStoreDbSubscription(s.deps, (e) => void received.push(e), { fromPosition: 200n, streamPrefixes: ['project-'] }, () => {});
  await eventually(() => s.subscriptions.length === 1);
  t.same(s.calls[0]?.fromPosition, { commit: 200n, prepare: 200n });
  t.match(s.calls[0]?.filter, { filterOn: 'streamName', prefixes: ['project-'] }, 'filtered by prefix on the server');
  const server = s.subscriptions[0]!;
  server.send('project-a', 200n);
  server.send('project-a', 300n);
  server.send('target-a', 350n); // the server filter would not send it; skipped if it does
  server.send('project-b', 400n);
  await sub.caughtUp;
  t.same(positions(received), [300n, 400n]);
  await sub.stop();
  t.ok(server.unsubscribed, 'stop() unsubscribes');
});

t.test('without prefixes system events are excluded by the server filter and skipped here', async (t) => {
  const s = setup(20n);
  const received: RecordedEvent[] = [];
  const sub = new EventStoreDbSubscription(s.deps, (e) => void received.push(e), {}, () => {});
  await eventually(() => s.subscriptions.length === 1);
  t.equal(s.calls[0]?.fromPosition, 'start');
  t.match(s.calls[0]?.filter, { filterOn: 'eventType', regex: '^[^$].*' });
  s.subscriptions[0]!.send('$stats-1', 10n, '$statsCollected');
  s.subscriptions[0]!.send('project-a', 20n);
  await sub.caughtUp;
  t.same(positions(received), [20n]);
  await sub.stop();
});

t.test('events reach the handler one at a time, in order; caughtUp waits for the backlog to be handled', async (t) => {
  const s = setup(300n);
  const received: bigint[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const sub = new EventStoreDbSubscription(
    s.deps,
    async (e) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await pause(5);
      received.push(e.position);
      inFlight--;
    },
    {},
    () => {},
  );
  await eventually(() => s.subscriptions.length === 1);
  for (const p of [100n, 200n, 300n, 400n]) s.subscriptions[0]!.send('project-a', p);
  await sub.caughtUp;
  t.same(received.slice(0, 3), [100n, 200n, 300n], 'the backlog (up to 300) was handled before caughtUp');
  await eventually(() => received.length === 4);
  t.equal(maxInFlight, 1, 'never two handlers at once');
  await sub.stop();
});

t.test("the server's caught-up signal resolves caughtUp once what came before it is handled", async (t) => {
  // The backlog head read at subscribe time was deleted since: only the server signal can tell.
  const s = setup(10_000n);
  const received: bigint[] = [];
  const sub = new EventStoreDbSubscription(
    s.deps,
    async (e) => {
      await pause(10);
      received.push(e.position);
    },
    {},
    () => {},
  );
  await eventually(() => s.subscriptions.length === 1);
  const server = s.subscriptions[0]!;
  server.send('project-a', 100n);
  server.send('project-a', 200n);
  server.emit('caughtUp');
  await sub.caughtUp;
  t.same(received, [100n, 200n]);
  await sub.stop();
});

t.test('nothing to catch up: caughtUp resolves before any event', async (t) => {
  const empty = setup(0n);
  const a = new EventStoreDbSubscription(empty.deps, () => {}, {}, () => {});
  await a.caughtUp;
  t.pass('empty store');
  await a.stop();

  const idle = setup(500n);
  const b = new EventStoreDbSubscription(idle.deps, () => {}, { fromPosition: 500n }, () => {});
  await b.caughtUp;
  t.pass('checkpoint at the last matching event');
  await b.stop();
});

t.test('a dropped subscription resubscribes from the last delivered position, without duplicates', async (t) => {
  const s = setup(200n);
  const received: bigint[] = [];
  const sub = new EventStoreDbSubscription(s.deps, (e) => void received.push(e.position), {}, () => {});
  await eventually(() => s.subscriptions.length === 1);
  s.subscriptions[0]!.send('project-a', 100n);
  s.subscriptions[0]!.send('project-a', 200n);
  await sub.caughtUp;
  s.subscriptions[0]!.destroy(new UnavailableError());
  await eventually(() => s.subscriptions.length === 2);
  t.same(s.calls[1]?.fromPosition, { commit: 200n, prepare: 200n }, 'from the last delivered position');
  t.match(s.warnings[0], { position: '200' }, 'the drop is logged');
  const again = s.subscriptions[1]!;
  again.send('project-a', 200n); // inclusive start: redelivered by the server
  again.send('project-a', 300n);
  await eventually(() => received.length >= 3);
  t.same(received, [100n, 200n, 300n], 'each event exactly once');

  again.end(); // the server ended the call without an error: also a drop
  await eventually(() => s.subscriptions.length === 3);
  t.same(s.calls[2]?.fromPosition, { commit: 300n, prepare: 300n });
  await sub.stop();
  t.equal(sub.position, 300n);
});

t.test('a failing handler stops the subscription, is logged, and rejects caughtUp and done', async (t) => {
  const s = setup(300n);
  const seen: bigint[] = [];
  let ended = false;
  const sub = new EventStoreDbSubscription(
    s.deps,
    (e) => {
      seen.push(e.position);
      if (e.position === 200n) throw new Error('projection broke');
    },
    {},
    () => (ended = true),
  );
  await eventually(() => s.subscriptions.length === 1);
  for (const p of [100n, 200n, 300n]) s.subscriptions[0]!.send('project-a', p);
  await t.rejects(sub.caughtUp, /projection broke/);
  await t.rejects(sub.done, /projection broke/);
  t.same(seen, [100n, 200n], 'nothing after the failed event');
  t.match(s.errors, [{ err: { message: 'projection broke' }, position: '100' }]);
  t.ok(ended, 'removed from the store');
  t.equal(s.subscriptions.length, 1, 'no resubscription');
  await sub.stop(); // harmless after a failure
});

t.test('stop() before catching up rejects caughtUp; nothing is delivered after stop', async (t) => {
  const s = setup(1_000n);
  const received: bigint[] = [];
  const sub = new EventStoreDbSubscription(s.deps, (e) => void received.push(e.position), {}, () => {});
  await eventually(() => s.subscriptions.length === 1);
  s.subscriptions[0]!.send('project-a', 100n);
  await eventually(() => received.length === 1);
  await sub.stop();
  await t.rejects(sub.caughtUp, /stopped before it caught up/);
  await sub.done;
  t.equal(s.subscriptions.length, 1, 'no resubscription after stop');
  t.same(received, [100n]);
});

t.test('a backlog head that cannot be read yet is retried', async (t) => {
  let attempts = 0;
  const s = setup(0n, {
    backlogHead: async () => {
      attempts++;
      if (attempts < 3) throw new UnavailableError();
      return 0n;
    },
  });
  const sub = new EventStoreDbSubscription(s.deps, () => {}, {}, () => {});
  await sub.caughtUp;
  t.equal(attempts, 3);
  t.equal(s.warnings.length, 2);
  await sub.stop();
});
