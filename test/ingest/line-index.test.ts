import { describe, expect, test } from 'vitest';
import { LineIndex, splitLines } from '../../src/parse/line-index.js';

describe('splitLines splits as /\\r?\\n/ does', () => {
  const cases: Array<[string, string]> = [
    ['empty', ''],
    ['one line', 'a'],
    ['LF', 'a\nb\n'],
    ['CRLF', 'a\r\nb\r\n'],
    ['mixed', 'a\r\nb\nc'],
    ['a lone CR stays', 'a\rb\r'],
    ['CR at the very end stays', 'a\nb\r'],
    ['blank lines', '\n\r\n\n'],
  ];
  test.each(cases)('%s', (_name, text) => {
    expect(splitLines(text)).toEqual(text.split(/\r?\n/));
  });
});

describe('LineIndex', () => {
  test('finds lines forward from a cursor as position() does', () => {
    const text = 'ab\ncd\n\nefg\n';
    const lines = new LineIndex(text, 10);
    let cursor = 0;
    for (let offset = 0; offset < text.length; offset++) {
      cursor = lines.lineIndexAt(offset, cursor);
      expect({ line: lines.lineNumber(cursor), column: offset - lines.lineStart(cursor) + 1 }).toEqual(lines.position(offset));
    }
  });
});
