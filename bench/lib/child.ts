import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Measurements a benchmark child reports: name → number. */
export type Measurements = Record<string, number>;

const MARK = 'BENCH-RESULT ';
export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));

/** In a child: hands the measurements to the parent (one marked line on stdout). */
export function report(m: Measurements): void {
  process.stdout.write(`${MARK}${JSON.stringify(m)}\n`);
}

export type ChildOptions = {
  /** Profile the child with `node --cpu-prof` into this directory. */
  cpuProfDir?: string | undefined;
  timeoutMs?: number;
  /** Extra node flags. */
  nodeArgs?: string[];
};

/**
 * Runs `bench/<file>` in a fresh node process (through tsx) and returns what it reported.
 * Its other output goes to our stderr, so the table on stdout stays clean.
 */
export function runChild(file: string, args: string[], options: ChildOptions = {}): Promise<Measurements> {
  const nodeArgs = [...(options.nodeArgs ?? []), '--import', 'tsx'];
  if (options.cpuProfDir) nodeArgs.unshift('--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`);
  const env = options.cpuProfDir ? { ...process.env, BENCH_CPU_PROF_DIR: options.cpuProfDir } : process.env;
  const child = spawn(process.execPath, [...nodeArgs, join(BENCH_DIR, file), ...args], { stdio: ['ignore', 'pipe', 'inherit'], env });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    out += chunk;
    for (const line of chunk.split('\n')) if (line && !line.startsWith(MARK)) process.stderr.write(`  [${file}] ${line}\n`);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20 * 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith(MARK));
      if (code !== 0 || !line) return reject(new Error(`${file} ${args.join(' ')} ended with ${signal ?? code} and no result`));
      resolve(JSON.parse(line.slice(MARK.length)) as Measurements);
    });
  });
}

/** Runs `main` as a benchmark child: reports its measurements, or prints the error and exits 1. */
export function childMain(main: () => Promise<Measurements>): void {
  main().then(
    (m) => {
      report(m);
      process.exit(0); // do not wait for lingering handles (servers, timers)
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** `--name=value` from argv. */
export function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

export const numberArg = (name: string, fallback: number): number => {
  const v = arg(name);
  return v === undefined ? fallback : Number(v);
};

export function requiredArg(name: string): string {
  const v = arg(name);
  if (v === undefined) throw new Error(`missing --${name}=`);
  return v;
}

/** Node flags that profile a grandchild (a server) too, when the benchmark is being profiled. */
export const profileFlags = (): string[] => {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
};
