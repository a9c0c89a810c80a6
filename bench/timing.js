// Timing helpers of the runtime benchmarks.
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median milliseconds of `fn` (sync or async) over `runs` runs, after one to warm up. */
export async function timeAsync(fn, runs = 7) {
  await fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(ms);
}

/**
 * Two clients side by side: A B A B, round by round, the median of each; on a noisy machine one
 * client timed in a block after the other would carry the other's GC and the machine's drift.
 */
export async function alternate(a, b, rounds = 7) {
  await a();
  await b();
  const times = [[], []];
  for (let i = 0; i < rounds; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const started = process.hrtime.bigint();
      await fn();
      times[k].push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return times.map(median);
}
