/**
 * The event store contract against a real EventStoreDB / KurrentDB, when one is given:
 *   docker compose up -d eventstore
 *   EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' npx tap test/contract/eventstoredb.test.ts
 * Without it the file passes with a comment saying why nothing ran.
 */
import t from 'tap';
import { openEventStoreDbEventStore } from '../../src/store/eventstoredb-event-store.js';
import { eventStoreContract } from './event-store-contract.js';

const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;

if (connectionString === undefined || connectionString === '') {
  t.comment('skipped: EVENTSTORE_CONNECTION_STRING not set (e.g. esdb://localhost:2113?tls=false after `docker compose up -d eventstore`)');
  t.pass('nothing to run without an EventStoreDB');
} else {
  eventStoreContract(t, 'eventstoredb', () => openEventStoreDbEventStore(connectionString, { timeoutMs: 10_000 }));
}
