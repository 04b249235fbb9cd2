import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { DataDir } from './datadir.js';

const sh = (cmd: string, args: string[]): string => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
};

/** The machine a run was made on, as RESULTS.md records it. */
export function describeMachine(data: DataDir): string[] {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '?';
  const mem = sh('free', ['-h']).split('\n').find((l) => l.startsWith('Mem:'))?.split(/\s+/)[1] ?? '?';
  const dev = data.device.replace(/^\/dev\//, '');
  let disk = data.device;
  try {
    const rotational = readFileSync(`/sys/block/${dev}/queue/rotational`, 'utf8').trim();
    disk += rotational === '1' ? ' (virtio block, reports rotational)' : ' (non-rotational)';
  } catch {
    /* not a plain block device */
  }
  const require = createRequire(import.meta.url);
  const sqliteVersion = (require('better-sqlite3/package.json') as { version: string }).version;
  return [
    `cpu: ${cpu} × ${sh('nproc', [])} (nproc)`,
    `memory: ${mem} (free -h)`,
    `node ${process.version}, better-sqlite3 ${sqliteVersion}`,
    `data dir: ${data.path} on ${disk}, ${data.fsType}`,
  ];
}
