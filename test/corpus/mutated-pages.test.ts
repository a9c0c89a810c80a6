import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { readInputFile } from '../../src/ingest/read-file.js';
import { buildModel } from '../../src/model/build-model.js';
import { diagnostic } from '../../src/facts/diagnostics.js';
import { corpusRoot, haveShared, sharedSkipReason } from '../support/shared.js';

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * Real pages, broken the ways files get broken (cut off, a stray fence, a hole, a stray `<`), go
 * through ingest and the model without an exception: every problem comes back as diagnostics.
 * The mutations are drawn from a fixed seed, so a failure reproduces.
 */
test.skipIf(!haveShared)('mutated corpus pages never crash the ingest or the model', () => {
  const all = walk(corpusRoot).sort();
  const files = all.filter((_, i) => i % 12 === 0);
  let seed = 20261126;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let runs = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (let k = 0; k < 4; k++) {
      const at = Math.floor(rand() * text.length);
      const mutated = [
        () => text.slice(0, at),
        () => `${text.slice(0, at)}\`\`\`${text.slice(at)}`,
        () => text.slice(0, at) + text.slice(at + Math.floor(rand() * 200)),
        () => `${text.slice(0, at)}<${text.slice(at)}`,
      ][k]!();
      const result = readInputFile(file, mutated, (target, from) => ({ error: diagnostic('include-missing', target, from) }));
      expect(() => buildModel([result])).not.toThrow();
      runs++;
    }
  }
  expect(runs).toBeGreaterThan(300);
});

if (!haveShared) test.skip(sharedSkipReason, () => {});
