/**
 * Turns character offsets into 1-based line and column numbers.
 * Built once per text; each lookup is a binary search, so WSDL files written on a single line
 * still get exact positions (through the column).
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string, private readonly lineOffset = 0) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1 + this.lineOffset, column: offset - this.starts[lo]! + 1 };
  }

  /** The 0-based index of the line holding `offset`, searching forward from the line at index `from`. */
  lineIndexAt(offset: number, from = 0): number {
    let index = from;
    while (index + 1 < this.starts.length && this.starts[index + 1]! <= offset) index++;
    return index;
  }

  /** The number of the line at a 0-based index, line offset included. */
  lineNumber(index: number): number {
    return index + 1 + this.lineOffset;
  }

  /** Offset of the first character of a line (0-based index, before any line offset). */
  lineStart(index: number): number {
    return this.starts[index]!;
  }
}

/**
 * The lines of a text ending in \n or \r\n, as `text.split(/\r?\n/)` gives them, without running a
 * regular expression over every page.
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (text.includes('\r')) {
    for (let i = 0; i < lines.length - 1; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  }
  return lines;
}
