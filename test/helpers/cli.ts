import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import { fixedClock } from '../../src/clock.js';
import { runCli } from '../../src/cli/run-cli.js';

export type CliRun = (args: string[], stdin?: string) => Promise<{ code: number; stdout: string; stderr: string }>;

/** The jixiao command on a fresh store of its own (removed after the test), as `actor` at the clock's time. */
export function cliOnFreshStore(t: Test, now: string, actor = '李四'): CliRun {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return async (args, stdin = '') => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      readStdin: async () => stdin,
      env: { JIXIAO_DB: join(dir, 'jixiao.db'), JIXIAO_ACTOR: actor },
      clock: fixedClock(now),
    });
    return { code, stdout, stderr };
  };
}
