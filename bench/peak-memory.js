// Peak memory growth of one call, for the runtime benchmarks: the kernel's peak resident size
// (a sampling timer misses the peak of a decode that never yields), from the resident size just
// before the call. Run in a fresh process that has done nothing heavier than load its code and read
// its input from a file, so that no earlier peak hides the call's.
export async function peakGrowth(call) {
  const before = process.memoryUsage().rss;
  const earlierPeak = process.resourceUsage().maxRSS * 1024;
  const result = await call();
  const peak = process.resourceUsage().maxRSS * 1024;
  if (peak <= earlierPeak) throw new Error(`the call never rose above the process's earlier peak (${((earlierPeak - before) / 2 ** 20).toFixed(1)} MiB above the start): its growth cannot be read`);
  return { growth: peak - before, result };
}
