import type { Config } from '../config.js';

/** The event store the configuration names, for messages: its kind and address, credentials left out. */
export function describeStore(config: Pick<Config, 'dbPath' | 'eventStoreConnectionString'>): string {
  const connection = config.eventStoreConnectionString;
  if (!connection) return `SQLite ${config.dbPath}`;
  const name = /^postgres(ql)?:\/\//.test(connection) ? 'PostgreSQL' : 'EventStoreDB';
  return `${name} ${connection.replace(/\/\/[^@/]*@/, '//***@').replace(/\?.*$/, '')}`;
}
