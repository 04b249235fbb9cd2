import type { PoolClient, QueryResult } from 'pg';
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
  /** Times another server wrote to the stream between this append's decision and its insert. */
  overtaken?: number;
  /** Decided on a read of the stream (not on the revision it expects): set once its assumption was refuted. */
  checked?: boolean;
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

/** What a batch did: the position before its first row (undefined: it wrote none), and the appends to decide again. */
export type BatchOutcome = { after: bigint | undefined; again: PendingAppend[] };

/**
 * Writes a batch of appends in one or two round trips.
 *
 * 1. Decide: an append that expects a revision (or no stream), alone on its stream in the batch, is
 *    decided on that assumption. For the others, read each stream's revision and the events already
 *    stored under their ids, and decide in JavaScript (an exact retry of stored ids answers the first
 *    result; a revision that does not match is refused; the others get their revisions).
 * 2. Insert, in one transaction sent as one message: take the transaction-level advisory lock that every
 *    append to the database takes, then insert the decided rows of each stream whose revision is still the
 *    one decided on and whose ids are still unused, positions following the head densely, then commit.
 *    Streams another server wrote to meanwhile come back in `again`, to be decided anew.
 *
 * Positions are handed out and committed one transaction after another, and PostgreSQL makes a
 * transaction visible before it releases its locks: when a reader sees position n, every position below
 * it is committed too, so a subscriber reading `position > checkpoint` never skips an event still in
 * flight (the trap of a sequence, whose values are taken before commit). The lock is held only while the
 * server inserts and commits, with no round trip to the client in between.
 */
export async function writeBatch(client: PoolClient, batch: PendingAppend[]): Promise<BatchOutcome> {
  // Appends that name the revision they expect (every command does) are decided on it without a read:
  // the insert's guard checks it under the lock, and one it refutes is decided again on a read.
  const counts = new Map<string, number>();
  for (const item of batch) counts.set(item.stream, (counts.get(item.stream) ?? 0) + 1);
  const assumed = (item: PendingAppend) =>
    !item.checked && item.rows.length > 0 && counts.get(item.stream) === 1 && (item.expected === 'no_stream' || typeof item.expected === 'number');
  const toCheck = batch.filter((item) => !assumed(item));
  const revisions = new Map<string, number | undefined>();
  const stored = new Map<string, Stored>();
  if (toCheck.length > 0) {
    const found = await client.query<{ kind: 'stream' | 'id'; stream: string; revision: number | null; id: string | null; position: string | null }>(
      `SELECT 'stream' AS kind, s.stream, (SELECT max(e.revision) FROM events e WHERE e.stream = s.stream) AS revision, NULL AS id, NULL AS position
         FROM unnest($1::text[]) AS s(stream)
       UNION ALL
       SELECT 'id', stream, revision, id, position::text FROM events WHERE id = ANY($2::text[])`,
      [[...new Set(toCheck.map((item) => item.stream))], toCheck.flatMap((item) => item.rows.map((row) => row.id))],
    );
    for (const r of found.rows) {
      if (r.kind === 'stream') revisions.set(r.stream, r.revision ?? undefined);
      else stored.set(r.id!, { stream: r.stream, revision: r.revision!, position: BigInt(r.position!) });
    }
  }
  for (const item of batch) {
    if (assumed(item)) revisions.set(item.stream, item.expected === 'no_stream' ? undefined : (item.expected as number));
  }
  /** The revision each written-to stream was decided on (-1: absent). */
  const base = new Map<string, number>();
  /** Appends repeating one earlier in the batch: answered as it is. */
  const repeats = new Map<PendingAppend, PendingAppend>();
  const inBatch = new Map<string, PendingAppend>();
  const writing: PendingAppend[] = [];
  for (const item of batch) {
    try {
      const first = item.rows.length > 0 ? inBatch.get(item.rows[0]!.id) : undefined;
      if (first !== undefined && isRepeat(item, first)) {
        repeats.set(item, first);
        continue;
      }
      if (item.rows.some((row) => inBatch.has(row.id))) throw new DuplicateEventIdError(item.stream, item.rows.filter((r) => inBatch.has(r.id)).map((r) => r.id));
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
      if (!base.has(item.stream)) base.set(item.stream, actual ?? -1);
      let revision = actual ?? -1;
      item.written = item.rows.map(() => ({ position: 0n, revision: (revision += 1) }));
      revisions.set(item.stream, revision);
      for (const row of item.rows) inBatch.set(row.id, item);
      writing.push(item);
    } catch (error) {
      item.error = error;
    }
  }
  if (writing.length === 0) {
    for (const [item, first] of repeats) answerAs(item, first);
    return { after: undefined, again: [] };
  }

  const q = (value: string) => client.escapeLiteral(value);
  const values: string[] = [];
  let ord = 0;
  for (const item of writing) {
    item.rows.forEach((row, i) => {
      values.push(`(${(ord += 1)}, ${q(item.stream)}, ${item.written![i]!.revision}, ${q(row.id)}, ${q(row.type)}, ${q(row.data)}, ${q(row.metadata)})`);
    });
  }
  const bases = [...base].map(([stream, revision]) => `(${q(stream)}, ${revision})`);
  // Each statement of a simple query takes its own snapshot: the INSERT sees every commit made before the lock was granted.
  const results = (await client.query(`BEGIN; SET LOCAL synchronous_commit = on; SELECT pg_advisory_xact_lock(${APPEND_LOCK});
    WITH input (ord, stream, revision, id, type, data, metadata) AS (VALUES ${values.join(', ')}),
    base (stream, revision) AS (VALUES ${bases.join(', ')}),
    still AS (
      SELECT b.stream FROM base b
       WHERE coalesce((SELECT max(e.revision) FROM events e WHERE e.stream = b.stream), -1) = b.revision
         AND NOT EXISTS (SELECT 1 FROM input i JOIN events e ON e.id = i.id WHERE i.stream = b.stream)
    ),
    head AS (SELECT coalesce(max(position), 0) AS position FROM events)
    INSERT INTO events (position, stream, revision, id, type, data, metadata)
    SELECT head.position + row_number() OVER (ORDER BY i.ord), i.stream, i.revision, i.id, i.type, i.data, i.metadata
      FROM input i JOIN still ON still.stream = i.stream CROSS JOIN head
    RETURNING position::text, id;
    SELECT pg_notify('${NOTIFY_CHANNEL}', (SELECT max(position)::text FROM events));
    COMMIT`)) as unknown as QueryResult<{ position: string; id: string }>[];
  const inserted = new Map(results[3]!.rows.map((r) => [r.id, BigInt(r.position)]));

  const again: PendingAppend[] = [];
  let after: bigint | undefined;
  for (const item of writing) {
    const positions = item.rows.map((row) => inserted.get(row.id));
    if (positions.some((p) => p === undefined)) {
      // The stream is not at the revision decided on (another server wrote to it after the read, or the
      // expected revision was assumed and is wrong), or one of the ids is stored: decide again, on a read.
      item.written = undefined;
      if (item.checked) item.overtaken = (item.overtaken ?? 0) + 1;
      item.checked = true;
      again.push(item);
      continue;
    }
    item.written!.forEach((w, i) => (w.position = positions[i]!));
    item.result = { nextRevision: item.written![item.written!.length - 1]!.revision, position: positions[positions.length - 1]! };
    const before = positions[0]! - 1n;
    if (after === undefined || before < after) after = before;
  }
  for (const [item, first] of repeats) {
    if (again.includes(first)) again.push(item);
    else answerAs(item, first);
  }
  return { after, again: batch.filter((item) => again.includes(item)) };
}

/** A repeat gets the answer of the append it repeats, result or error. */
function answerAs(item: PendingAppend, first: PendingAppend): void {
  if (first.result !== undefined) item.result = first.result;
  else item.error = first.error;
}

/** The same events again, in the same stream: an append made twice before either was written. */
function isRepeat(item: PendingAppend, first: PendingAppend): boolean {
  return item.stream === first.stream && item.rows.length === first.rows.length && item.rows.every((row, i) => row.id === first.rows[i]!.id);
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
