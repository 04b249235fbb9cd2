import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_DIR } from './child.js';

export type DataDir = { path: string; fsType: string; device: string };

const fsTypeOf = (dir: string): string =>
  execFileSync('df', ['--output=fstype', dir], { encoding: 'utf8' }).trim().split('\n').pop()?.trim() ?? '?';
const deviceOf = (dir: string): string =>
  execFileSync('df', ['--output=source', dir], { encoding: 'utf8' }).trim().split('\n').pop() ?? '?';

/**
 * A fresh directory for the benchmark databases on a real disk: the system temp dir unless it is a RAM
 * filesystem (fsync there costs nothing, so durability figures would be meaningless), then /var/tmp,
 * then bench/.data inside the project.
 */
export function makeDataDir(): DataDir {
  for (const base of [tmpdir(), '/var/tmp', join(BENCH_DIR, '.data')]) {
    try {
      execFileSync('mkdir', ['-p', base]);
      const fsType = fsTypeOf(base);
      if (fsType === 'tmpfs' || fsType === 'ramfs') continue;
      const path = mkdtempSync(join(base, 'jixiao-bench-'));
      return { path, fsType, device: deviceOf(path) };
    } catch {
      continue;
    }
  }
  throw new Error('no directory on a real disk for the benchmark data');
}
