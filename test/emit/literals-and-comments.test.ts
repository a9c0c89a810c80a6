import { describe, expect, test } from 'vitest';
import { jsdoc } from '../../src/emit/jsdoc.js';
import { stringLiteral } from '../../src/emit/safe-identifier.js';

describe('stringLiteral', () => {
  const cases: Array<[string, { given: string; want: string }]> = [
    ['plain', { given: 'tns:ErpConnection', want: '"tns:ErpConnection"' }],
    ['empty', { given: '', want: '""' }],
    ['quotes and backslashes', { given: 'a"b\\c', want: '"a\\"b\\\\c"' }],
    ['control characters', { given: 'a\nb\tc\u0000d\u001f', want: '"a\\nb\\tc\\u0000d\\u001f"' }],
    ['line and paragraph separators', { given: 'a\u2028b\u2029c', want: '"a\\u2028b\\u2029c"' }],
    ['a lone surrogate', { given: 'a\ud800b', want: '"a\\ud800b"' }],
    ['a surrogate pair stays', { given: 'a\ud83d\ude80b', want: '"a\ud83d\ude80b"' }],
    ['non-ASCII stays', { given: 'æøå – ✓', want: '"æøå – ✓"' }],
    ['a comment terminator is harmless in a string', { given: '*/ x', want: '"*/ x"' }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => {
    expect(stringLiteral(given)).toBe(want);
    // Whatever the text, the literal evaluates back to it.
    expect(new Function(`return ${stringLiteral(given)}`)()).toBe(given);
  });
});

describe('jsdoc', () => {
  const cases: Array<[string, { given: Parameters<typeof jsdoc>; want: string }]> = [
    ['nothing to say', { given: [[undefined, ''], [['returns', undefined]]], want: '' }],
    ['one line', { given: [['Saves it.']], want: '/** Saves it. */\n' }],
    ['indented', { given: [['Saves it.'], [], '  '], want: '  /** Saves it. */\n' }],
    ['paragraphs and tags', { given: [['First.', 'Second.'], [['see', 'a.md:3'], ['deprecated', '']]], want: '/**\n * First.\n *\n * Second.\n * @see a.md:3\n * @deprecated\n */\n' }],
    ['a comment terminator', { given: [['Ends */ here']], want: '/** Ends *\\/ here */\n' }],
    ['a line-leading tag', { given: [['x\n@internal y']], want: '/**\n * x\n * \\@internal y\n */\n' }],
    ['control characters and separators', { given: [['a\u0000b\u2028c']], want: '/** a b c */\n' }],
    ['CRLF and trailing space', { given: [['a  \r\nb\r']], want: '/**\n * a\n * b\n */\n' }],
    ['a tag text on one line', { given: [[], [['see', 'a\nb']]], want: '/** @see a b */\n' }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => {
    expect(jsdoc(...given)).toBe(want);
  });
});
