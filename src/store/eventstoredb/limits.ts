import type { EventData } from '@eventstore/db-client';

/**
 * The bytes an append carries, as the client serializes it: each event's JSON data and metadata, its
 * type and id. The server refuses an append over its MaxAppendSize (1 MiB by default) as a whole, so
 * it is checked before sending.
 */
export function appendBytes(events: readonly EventData[]): number {
  let bytes = 0;
  for (const event of events) {
    bytes += Buffer.byteLength(JSON.stringify(event.data ?? null), 'utf8');
    if (event.metadata !== undefined) bytes += Buffer.byteLength(JSON.stringify(event.metadata), 'utf8');
    bytes += Buffer.byteLength(event.type, 'utf8') + 36;
  }
  return bytes;
}

/**
 * KurrentDB's schemes (`kurrentdb://`, `kdb://`, and their `+discover` forms) name the same gRPC
 * protocol, but @eventstore/db-client 6.2.1 parses only `esdb://` and `esdb+discover://`: they are
 * rewritten to those.
 */
export function clientConnectionString(connectionString: string): string {
  return connectionString.trim().replace(/^(?:kurrentdb|kdb)(\+discover)?:\/\//i, (_, discover: string | undefined) => `esdb${discover ?? ''}://`);
}
