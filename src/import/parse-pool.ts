import { Worker } from 'node:worker_threads';
import { Refusal } from '../../commands/errors.js';
import { importTooLarge } from '../../commands/import/limits.js';
import type { ImportParams, ImportResult, ImportSource } from '../../commands/import/read-target-tables.js';
import type { ParseAnswer, ParseRequest } from './parse-job.js';

export type ParsePoolOptions = {
  /** Files read at once; more wait their turn. */
  size?: number;
  /** Heap of one worker: a file needing more is refused (413) instead of taking the server's memory. */
  heapMb?: number;
  /** Longest a file may take to read. */
  timeoutMs?: number;
};

export type ParsePool = {
  read(source: ImportSource, params: ImportParams): Promise<ImportResult>;
  close(): Promise<void>;
};

type Job = { request: ParseRequest; resolve: (r: ImportResult) => void; reject: (e: unknown) => void };
type Slot = { worker: Worker; ready: Promise<void>; job?: Job; timer?: NodeJS.Timeout };

const ENTRY = new URL('./parse-worker.mjs', import.meta.url);

/**
 * Reads import files in worker threads, so the event loop keeps answering other requests (/health,
 * commands) while a large file is parsed, and a file that needs too much memory or time ends its worker
 * rather than the server. Workers start on first use and are kept for the next file.
 */
export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  const size = options.size ?? 2;
  const heapMb = options.heapMb ?? 512;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const start = (): Slot => {
    // execArgv []: the parent's flags and loaders stay with it (under tap its coverage loader made a
    // worker's first file take 17 s instead of 2); parse-worker.mjs registers tsx when it needs it.
    const worker = new Worker(ENTRY, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    worker.unref();
    const slot: Slot = {
      worker,
      ready: new Promise((resolve, reject) => {
        worker.once('message', () => resolve());
        worker.once('error', reject);
      }),
    };
    slot.ready.catch(() => undefined);
    worker.on('message', (answer: ParseAnswer | 'ready') => {
      if (answer === 'ready' || slot.job?.request.id !== answer.id) return;
      const job = finish(slot);
      if (answer.ok) job.resolve(answer.result);
      else if (answer.refused) job.reject(new Refusal(answer.refused.kind, answer.refused.rule, answer.refused.message, answer.refused.errors));
      else job.reject(new Error(`import worker failed: ${answer.crash ?? 'unknown'}`));
      pump();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const job = slot.job && finish(slot);
      drop(slot);
      job?.reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? importTooLarge(`文件读取所需内存超过 ${heapMb} MB / reading the file needs more than ${heapMb} MB`)
          : error,
      );
      pump();
    });
    worker.on('exit', () => {
      const job = slot.job && finish(slot);
      drop(slot);
      job?.reject(new Error('import worker exited'));
      pump();
    });
    slots.push(slot);
    return slot;
  };

  const finish = (slot: Slot): Job => {
    const job = slot.job!;
    clearTimeout(slot.timer);
    delete slot.job;
    delete slot.timer;
    return job;
  };

  const drop = (slot: Slot) => {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
  };

  const pump = () => {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.job === undefined) ?? (slots.length < size ? start() : undefined);
      if (!slot) return;
      const job = queue.shift()!;
      slot.job = job;
      slot.timer = setTimeout(() => {
        const timedOut = finish(slot);
        drop(slot);
        void slot.worker.terminate();
        timedOut.reject(importTooLarge(`文件读取超过 ${timeoutMs / 1000} 秒，已停止 / reading the file took longer than ${timeoutMs / 1000} s`));
        pump();
      }, timeoutMs);
      slot.ready.then(
        () => {
          if (slot.job === job) slot.worker.postMessage(job.request);
        },
        () => undefined, // the 'error' handler rejects the job
      );
    }
  };

  return {
    read(source, params) {
      if (closed) return Promise.reject(new Error('parse pool closed'));
      const content = typeof source.content === 'string' ? Buffer.from(source.content, 'utf8') : source.content;
      const request: ParseRequest = { id: nextId++, fileName: source.fileName, content, params };
      return new Promise<ImportResult>((resolve, reject) => {
        queue.push({ request, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('parse pool closed'));
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
