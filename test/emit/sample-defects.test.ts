import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateForTest } from '../support/generate-sdk.js';
import { runSampleTests } from '../support/sample-test-runner.js';
import { inputDocs, projectRoot } from '../support/shared.js';

/**
 * Two classes of sample defect that made generated tests fail on pages outside the corpus: only
 * whitespace inside an element of a complex type, and an empty array deep inside a request. Each,
 * as a SOAP and a REST sample (fixtures written for this project, on the input-docs WSDL), must give
 * tests that pass against the runtime and an entry in SAMPLE-ISSUES.md at its line.
 */
const fixtures = path.join(projectRoot, 'test/fixtures/sample-defects');
const wsdl = path.join(inputDocs, 'wsdl/Services88/WSDL-Services88-ErpSync.xml');

/** The n-th line of a fixture holding `text` (or, for a REST body, the n-th line that is just `{`). */
function lineOf(file: string, text: string, nth = 0): number {
  const lines = readFileSync(path.join(fixtures, file), 'utf8').split('\n');
  const hits = lines.flatMap((l, i) => ((text === '{' ? l === text : l.includes(text)) ? [i + 1] : []));
  expect(hits.length, `'${text}' in ${file}`).toBeGreaterThan(nth);
  return hits[nth]!;
}

describe('sample defects become passing tests and SAMPLE-ISSUES.md entries, never failing or weakened tests', () => {
  test.each<[string, { folder: string; file: string; entries: Array<{ code: string; text: string; nth?: number }> }]>([
    ['SOAP: whitespace in a complex element', { folder: 'soap-whitespace', file: 'SaveConnection.md', entries: [{ code: 'sample-empty-value', text: '<ErpSync:TableRight>' }, { code: 'sample-empty-value', text: '<ErpSync:TableRight>', nth: 1 }] }],
    ['SOAP: an empty array inside a request', { folder: 'soap-empty-array', file: 'SaveConnection.md', entries: [{ code: 'sample-empty-value', text: '<ErpSync:UserGroupAccessIds' }, { code: 'sample-empty-value', text: '<ErpSync:UserGroupAccessIds', nth: 1 }] }],
    ['REST: whitespace where an object belongs', { folder: 'rest-whitespace', file: 'v1ErpSyncAgent_SaveConnection.md', entries: [{ code: 'sample-value', text: '{' }, { code: 'sample-value', text: '{', nth: 1 }] }],
    ['REST: an empty array inside a request', { folder: 'rest-empty-array', file: 'v1ErpSyncAgent_SaveConnection.md', entries: [{ code: 'sample-empty-value', text: '{' }, { code: 'sample-empty-value', text: '{', nth: 1 }] }],
  ])('%s', async (_name, { folder, file, entries }) => {
    const { dir } = await generateForTest(`sample-defects/${folder}`, [wsdl, path.join(fixtures, folder)], { tests: true });
    const run = runSampleTests(dir);
    expect(run.failures).toEqual([]);
    expect(run.total).toBeGreaterThanOrEqual(1);
    const issues = readFileSync(path.join(dir, 'SAMPLE-ISSUES.md'), 'utf8');
    for (const { code, text, nth } of entries) {
      // A REST body's defects are reported at the line where its JSON starts.
      const line = lineOf(path.join(folder, file), text, nth);
      const section = issues.split(`## ${code}`)[1]?.split('\n## ')[0] ?? '';
      expect(section, `${code} at ${folder}/${file}:${line}`).toContain(`- ${file}:${line}:`);
    }
  });
});
