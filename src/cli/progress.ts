/** Phase messages: rewritten in place on a terminal, silent otherwise (logs get the summary lines only). */
export class Progress {
  private readonly live: boolean;
  private shown = false;
  /** With SDKGEN_TIMING set, each phase's duration goes to stderr (for profiling, not for users). */
  private readonly timing = Boolean(process.env['SDKGEN_TIMING']);
  private current: { text: string; started: number } | undefined;

  constructor(quiet: boolean, stream: NodeJS.WriteStream = process.stderr) {
    this.live = !quiet && stream.isTTY === true;
    this.stream = stream;
  }

  private readonly stream: NodeJS.WriteStream;

  phase(text: string): void {
    this.lap(text);
    if (!this.live) return;
    this.stream.write(`\r\x1b[K${text}`);
    this.shown = true;
  }

  done(): void {
    this.lap(undefined);
    if (this.live && this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  private lap(next: string | undefined): void {
    if (!this.timing) return;
    const now = performance.now();
    if (this.current) this.stream.write(`${(now - this.current.started).toFixed(0).padStart(6)} ms  ${this.current.text}\n`);
    this.current = next === undefined ? undefined : { text: next, started: now };
  }
}
