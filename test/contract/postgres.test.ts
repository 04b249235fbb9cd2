/**
 * The event store contract against the real PostgreSQL of the machine, in a database of its own.
 * Without a reachable server the file skips with the reason (and fails under CI).
 */
import t from 'tap';
import { openPostgresEventStore } from '../../src/store/postgres-event-store.js';
import { freshDatabase } from '../helpers/postgres.js';
import { eventStoreContract } from './event-store-contract.js';

const db = await freshDatabase(t, 'contract');
if (db !== undefined) eventStoreContract(t, 'postgres', () => openPostgresEventStore(db.url));
