import type { PoolClient } from 'pg';
import type { AppendResult, ExpectedRevision } from '../event-store.js';
import { WrongExpectedRevisionError } from '../errors.js';
import { satisfies } from '../expected-revision.js';
import { APPEND_LOCK } from './schema.js';

/** An append waiting for the next batch; events are already serialized. */
export type PendingAppend = {
  stream: string;
  expected: ExpectedRevision;
  rows: { id: string; type: string; data: string; metadata: string }[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
  result?: AppendResult;
  error?: unknown;
  /** Position and revision of each row this append wrote (absent when it wrote nothing). */
  written?: { position: bigint; revision: number }[];
};

/** An append reusing event ids that are stored already, other than as an exact retry of one earlier append. */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly stream: string,
    readonly ids: string[],
  ) {
    super(`stream ${stream}: event id ${ids.join(', ')} is already stored, and the append is not a retry of the one that stored it`);
  }
}

export const NOTIFY_CHANNEL = 'jixiao_events';

type Stored = { stream: string; revision: number; position: bigint };

/**
 * Writes a batch of appends in one transaction, under a transaction-level advisory lock that every
 * append to the database takes: positions are the head's successors, handed out and committed one
 * transaction after another. PostgreSQL makes a transaction visible before it releases its locks, so
 * when a reader sees position n committed, every position below it is committed too: a subscriber
 * reading `position > checkpoint` never skips an event still in flight (the trap of a sequence, whose
 * values are taken before commit).
 *
 * Each append is decided in JavaScript against what the database holds under the lock plus what the
 * batch wrote before it, so a refused append needs no savepoint: it simply adds no rows. Returns the
 * position before the batch's first row (its rows follow it densely), after COMMIT returned.
 */
export async function writeBatch(client: PoolClient, batch: PendingAppend[]): Promise<bigint> {
  await client.query(`BEGIN; SET LOCAL synchronous_commit = on; SELECT pg_advisory_xact_lock(${APPEND_LOCK})`);
  const headRows = await client.query<{ head: string }>('SELECT coalesce(max(position), 0)::text AS head FROM events');
  const before = BigInt(headRows.rows[0]!.head);
  const streams = [...new Set(batch.map((item) => item.stream))];
  const ids = batch.flatMap((item) => item.rows.map((row) => row.id));
  const revisionRows = await client.query<{ stream: string; revision: number | null }>(
    'SELECT s.stream, (SELECT max(e.revision) FROM events e WHERE e.stream = s.stream) AS revision FROM unnest($1::text[]) AS s(stream)',
    [streams],
  );
  const revisions = new Map<string, number | undefined>(revisionRows.rows.map((r) => [r.stream, r.revision ?? undefined]));
  const stored = new Map<string, Stored>();
  if (ids.length > 0) {
    const idRows = await client.query<{ id: string; stream: string; revision: number; position: string }>(
      'SELECT id, stream, revision, position::text AS position FROM events WHERE id = ANY($1::text[])',
      [ids],
    );
    for (const r of idRows.rows) stored.set(r.id, { stream: r.stream, revision: r.revision, position: BigInt(r.position) });
  }

  const insert = { position: [] as string[], stream: [] as string[], revision: [] as number[], id: [] as string[], type: [] as string[], data: [] as string[], metadata: [] as string[] };
  let head = before;
  for (const item of batch) {
    try {
      const retried = earlierAppend(item, stored);
      if (retried !== undefined) {
        item.result = retried;
        continue;
      }
      const actual = revisions.get(item.stream);
      if (!satisfies(item.expected, actual)) throw new WrongExpectedRevisionError(item.stream, item.expected, actual);
      if (item.rows.length === 0) {
        item.result = { nextRevision: actual ?? -1, position: actual === undefined ? 0n : await positionOf(client, item.stream, actual) };
        continue;
      }
      let revision = actual ?? -1;
      const written: NonNullable<PendingAppend['written']> = [];
      for (const row of item.rows) {
        revision += 1;
        head += 1n;
        written.push({ position: head, revision });
        stored.set(row.id, { stream: item.stream, revision, position: head });
        insert.position.push(head.toString());
        insert.stream.push(item.stream);
        insert.revision.push(revision);
        insert.id.push(row.id);
        insert.type.push(row.type);
        insert.data.push(row.data);
        insert.metadata.push(row.metadata);
      }
      revisions.set(item.stream, revision);
      item.written = written;
      item.result = { nextRevision: revision, position: head };
    } catch (error) {
      item.error = error;
    }
  }
  if (head > before) {
    await client.query(
      `INSERT INTO events (position, stream, revision, id, type, data, metadata)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::text[], $7::text[])`,
      [insert.position, insert.stream, insert.revision, insert.id, insert.type, insert.data, insert.metadata],
    );
    await client.query(`SELECT pg_notify('${NOTIFY_CHANNEL}', '${head}'); COMMIT`);
  } else {
    await client.query('COMMIT');
  }
  return before;
}

/**
 * The first result of an append these event ids were stored by: every id stored, in this stream, at
 * consecutive revisions in this order (a retry, answered as EventStoreDB does, whatever it expects now).
 * Undefined when none is stored; a DuplicateEventIdError when some are, otherwise.
 */
function earlierAppend(item: PendingAppend, stored: ReadonlyMap<string, Stored>): AppendResult | undefined {
  const found = item.rows.map((row) => stored.get(row.id));
  const distinct = new Set(item.rows.map((row) => row.id)).size === item.rows.length;
  if (distinct && found.every((s) => s === undefined)) return undefined;
  const first = found[0];
  const retry =
    distinct &&
    first !== undefined &&
    found.every((s, i) => s !== undefined && s.stream === item.stream && s.revision === first.revision + i);
  if (!retry) {
    throw new DuplicateEventIdError(
      item.stream,
      item.rows.filter((row, i) => found[i] !== undefined || item.rows.findIndex((r) => r.id === row.id) !== i).map((row) => row.id),
    );
  }
  const last = found[found.length - 1]!;
  return { nextRevision: last.revision, position: last.position };
}

async function positionOf(client: PoolClient, stream: string, revision: number): Promise<bigint> {
  const { rows } = await client.query<{ position: string }>(
    'SELECT position::text AS position FROM events WHERE stream = $1 AND revision = $2',
    [stream, revision],
  );
  return rows[0] ? BigInt(rows[0].position) : 0n;
}
