/** Phase messages: rewritten in place on a terminal, silent otherwise (logs get the summary lines only). */
export class Progress {
  private readonly live: boolean;
  private shown = false;

  constructor(quiet: boolean, stream: NodeJS.WriteStream = process.stderr) {
    this.live = !quiet && stream.isTTY === true;
    this.stream = stream;
  }

  private readonly stream: NodeJS.WriteStream;

  phase(text: string): void {
    if (!this.live) return;
    this.stream.write(`\r\x1b[K${text}`);
    this.shown = true;
  }

  done(): void {
    if (this.live && this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
  }
}
