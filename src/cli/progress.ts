import { reportTiming, timingEnabled } from '../ingest/timing.js';

/** Phase messages: rewritten in place on a terminal, silent otherwise (logs get the summary lines only). */
export class Progress {
  private readonly live: boolean;
  private shown = false;
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

  /** Ends the timing of the current phase (see SDKGEN_TIMING) and starts the next one's. */
  private lap(next: string | undefined): void {
    if (!timingEnabled) return;
    if (this.current) reportTiming(this.current.text, this.current.started);
    this.current = next === undefined ? undefined : { text: next, started: performance.now() };
  }
}
