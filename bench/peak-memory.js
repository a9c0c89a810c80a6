// Peak memory growth of one call, for the runtime benchmarks: the kernel's peak resident size
// (a sampling timer misses the peak of a decode that never yields), from the resident size just
// before the call. Run in a fresh process that has done nothing heavier than load its code and read
// its input from a file. Where the call never rises above a peak the process reached before it
// (loading code leaves one), its growth is at most that earlier peak's height: `bound` says so.
export async function peakGrowth(call) {
  const before = process.memoryUsage().rss;
  const earlierPeak = process.resourceUsage().maxRSS * 1024;
  const result = await call();
  const peak = process.resourceUsage().maxRSS * 1024;
  return { growth: Math.max(peak, earlierPeak) - before, bound: peak <= earlierPeak, result };
}

/** `12 MiB`, or `≤ 15 MiB` for an upper bound. */
export function formatGrowth({ growth, bound }) {
  return `${bound ? '≤ ' : ''}${(growth / 2 ** 20).toFixed(0)} MiB`;
}
