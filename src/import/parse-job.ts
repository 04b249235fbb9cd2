import { parentPort } from 'node:worker_threads';
import { Refusal } from '../../commands/errors.js';
import { readTargetTables, type ImportParams } from '../../commands/import/read-target-tables.js';

/** The worker side of parse-pool.ts: reads one file per message, answers its result or its refusal. */
export type ParseRequest = { id: number; fileName: string; content: Uint8Array; params: ImportParams };
export type ParseAnswer =
  | { id: number; ok: true; result: Awaited<ReturnType<typeof readTargetTables>> }
  | { id: number; ok: false; refused?: { kind: Refusal['kind']; rule: string; message: string; errors: Refusal['errors'] }; crash?: string };

const port = parentPort;
if (!port) throw new Error('parse-job runs in a worker thread');

port.on('message', (request: ParseRequest) => {
  const content = Buffer.from(request.content.buffer, request.content.byteOffset, request.content.byteLength);
  readTargetTables({ fileName: request.fileName, content }, request.params).then(
    (result) => port.postMessage({ id: request.id, ok: true, result } satisfies ParseAnswer),
    (error: unknown) => {
      const answer: ParseAnswer =
        error instanceof Refusal
          ? { id: request.id, ok: false, refused: { kind: error.kind, rule: error.rule, message: error.message, errors: error.errors } }
          : { id: request.id, ok: false, crash: error instanceof Error ? (error.stack ?? error.message) : String(error) };
      port.postMessage(answer);
    },
  );
});
port.postMessage('ready');
