import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export type ServerChild = {
  child: ChildProcess;
  base: string;
  /** Resolves with the exit signal (or code) once the process is gone. */
  exited: Promise<NodeJS.Signals | number | null>;
};

/**
 * Starts test/reliability/server-process.ts on `dbPath` (with the events in the store `connectionString`
 * names, when given) and waits for the port it prints.
 */
export async function startServerChild(dbPath: string, timeoutMs = 30_000, connectionString?: string): Promise<ServerChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, dbPath, ...(connectionString ? [connectionString] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server child did not report its port within ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        child.kill('SIGKILL');
        reject(new Error(`unexpected first line from server child: ${line}`));
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`server child exited (${String(how)}) before listening\n${stderr}`));
    });
  });
  return { child, base: `http://127.0.0.1:${port}`, exited };
}
