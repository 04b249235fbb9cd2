/** Percentile (nearest rank) of samples in ms. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/** Times `fn` `iterations` times (after `warmup` untimed runs); returns per-call ms. */
export async function sample(iterations: number, warmup: number, fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = nowMs();
    await fn();
    out.push(nowMs() - t0);
  }
  return out;
}

export const latency = (samples: readonly number[]): { p50: number; p99: number } => ({
  p50: percentile(samples, 50),
  p99: percentile(samples, 99),
});

export const peakRssMb = (): number => process.resourceUsage().maxRSS / 1024; // maxRSS is in KiB

/** CPU seconds (user + system) this process has used: unlike wall time, barely moved by busy neighbours. */
export const cpuSeconds = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
