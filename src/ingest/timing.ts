/** With SDKGEN_TIMING set, how long each part of a run took goes to stderr (for profiling, not for users). */
export const timingEnabled = Boolean(process.env['SDKGEN_TIMING']);

export function reportTiming(what: string, startedAt: number): void {
  if (timingEnabled) process.stderr.write(`${(performance.now() - startedAt).toFixed(0).padStart(6)} ms  ${what}\n`);
}
