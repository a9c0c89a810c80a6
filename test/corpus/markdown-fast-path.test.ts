import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseCommonPage } from '../../src/ingest/markdown-fast-path.js';
import { parseWithRemark, scanFences } from '../../src/ingest/markdown-page.js';
import { listInputs } from '../../src/ingest/read-inputs.js';
import { corpusRoot, haveShared, inputDocs, seedsRoot, sharedSkipReason } from '../support/shared.js';

describe.skipIf(!haveShared)(`the markdown fast path over every page of ../shared${haveShared ? '' : ` (${sharedSkipReason})`}`, () => {
  test('gives remark\'s tree, node for node, wherever it answers, and answers for nearly all pages', () => {
    const pages = listInputs([corpusRoot, seedsRoot, inputDocs]).files.filter((f) => f.absolute.endsWith('.md'));
    const deferred: string[] = [];
    for (const page of pages) {
      const text = scanFences(readFileSync(page.absolute, 'utf8')).kept.join('\n');
      const tree = parseCommonPage(text);
      if (tree) expect(tree, page.name).toEqual(parseWithRemark(text));
      else deferred.push(page.name);
    }
    // The speed of a cold run rests on this: pages left to remark cost it about 2 ms each.
    expect(deferred.length / pages.length).toBeLessThan(0.05);
  });

  test('still gives remark\'s tree, or none, on pages with markup characters sprinkled in', () => {
    const pages = listInputs([corpusRoot]).files.filter((f) => f.absolute.endsWith('.md')).map((f) => scanFences(readFileSync(f.absolute, 'utf8')).kept.join('\n'));
    const withTables = pages.filter((p) => p.includes('\n|'));
    // A fixed linear congruential sequence: the same mutations on every run.
    let seed = 20261126;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    const pieces = ['*', '**', '_', '`', '[', ']', '(', ')', '<', '>', '&', '&amp;', '&#65;', '#', '# ', '\n', '\n\n', '|', '- ', '  ', '!', ':', '.', '=', '\n---\n', '1. ', '<b>', '</b>', '<a href="x">', '\u201c', '\u00a0', '[a](b)', '**a**', '`c`', '> ', '    ', '\n<para />', '\n<div>', '[x]', '[x] (y)', '[a [b]', '\n- ', '\n- ## '];
    let answered = 0;
    for (let n = 0; n < 3000; n++) {
      let text = pick(n % 2 === 0 ? pages : withTables);
      for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
        const at = Math.floor(random() * text.length);
        text = text.slice(0, at) + pick(pieces) + text.slice(at);
      }
      const tree = parseCommonPage(text);
      if (!tree) continue;
      answered++;
      expect(tree, JSON.stringify(text)).toEqual(parseWithRemark(text));
    }
    expect(answered).toBeGreaterThan(500);
  });
});
