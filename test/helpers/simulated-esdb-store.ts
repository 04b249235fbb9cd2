import type { EventStoreDBClient } from '@eventstore/db-client';
import { EventStoreDbEventStore, type EventStoreDbOptions } from '../../src/store/eventstoredb-event-store.js';
import type { SimulatedServer } from '../store/simulated-eventstoredb.js';

/** The EventStoreDB adapter over a client of the imitated server; a replaced client is another client of it. */
export function storeOver(server: SimulatedServer, options: EventStoreDbOptions = {}, client: { throwOnAppendFailure?: boolean } = {}): EventStoreDbEventStore {
  const connect = () => server.client(client) as unknown as EventStoreDBClient;
  return new EventStoreDbEventStore('esdb://simulated:2113?tls=false', connect(), {
    retryDelayMs: { first: 10, max: 50 },
    ...options,
    connect,
  });
}
