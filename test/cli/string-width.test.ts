import realStringWidth from 'string-width';
import { describe, expect, test } from 'vitest';
// The bundle's stand-in for string-width (scripts/bundle.js aliases it).
import stringWidth from '../../scripts/string-width.js';

describe('the bundled string-width measures help text as the package does', () => {
  const cases: Array<[string, string]> = [
    ['empty', ''],
    ['ASCII', '  --input, -i  Input folder or file (repeatable)  [array] [default: ["input-docs"]]'],
    ['Latin with accents', 'Utdata-mappe for æøå – «sitat»'],
    ['a combining mark', 'e\u0301tude'],
    ['CJK', '入力フォルダ'],
    ['full-width forms', 'ＡＢＣ'],
    ['a single emoji', 'fast ⚡ and 🚀'],
    ['ANSI colours', '\u001b[31mred\u001b[39m text'],
    ['control characters', 'a\u0007b\tc'],
    ['zero-width space', 'a\u200bb'],
  ];
  test.each(cases)('%s', (_name, text) => {
    expect(stringWidth(text)).toBe(realStringWidth(text));
  });

  test('keeps the options yargs and wrap-ansi pass', () => {
    expect(stringWidth('\u001b[31mred\u001b[39m', { countAnsiEscapeCodes: true })).toBe(realStringWidth('\u001b[31mred\u001b[39m', { countAnsiEscapeCodes: true }));
    expect(stringWidth('±§', { ambiguousIsNarrow: false })).toBe(realStringWidth('±§', { ambiguousIsNarrow: false }));
  });
});
