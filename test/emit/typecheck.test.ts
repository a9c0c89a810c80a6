import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildModel } from '../../src/model/build-model.js';
import { typeCheck } from '../../src/emit/check-program.js';
import { emitSdk } from '../../src/emit/emit-sdk.js';
import { loadTemplates } from '../../src/emit/templates.js';
import { corpusRoot, haveShared, inputDocs, projectRoot, sharedSkipReason } from '../support/shared.js';

// Where the files would be written: vitest, which the sample tests import, resolves from there.
const out = path.join(projectRoot, 'test/.generated/typecheck');

async function sdkOf(inputs: string[]) {
  const { results, listingDiagnostics } = await ingest(inputs, { threads: 1 });
  return emitSdk(buildModel(results, listingDiagnostics), loadTemplates(), { sourceRoots: inputs, tests: true });
}

describe('the generated program, sample tests included, type-checks under the strictest settings', () => {
  test('input-docs', async () => {
    const files = await sdkOf([inputDocs]);
    expect(typeCheck(files, out)).toEqual([]);
  });

  test.skipIf(!haveShared)('the whole corpus: three versions, every agent, REST', async () => {
    const files = await sdkOf([corpusRoot]);
    expect(files.filter((f) => f.path.endsWith('Agent.ts')).length).toBeGreaterThanOrEqual(170);
    expect(typeCheck(files, out)).toEqual([]);
  });
  if (!haveShared) test.skip(sharedSkipReason, () => {});

  test('a deliberate type error is caught (the check can fail)', async () => {
    const files = await sdkOf([inputDocs]);
    const broken = files.map((f) => (f.path === 'services88/ErpSyncAgent.ts' ? { ...f, content: f.content.replace('Promise<T.ErpConnection | null>', 'Promise<number>') } : f));
    expect(typeCheck(broken, out).join('\n')).toMatch(/services88\/ErpSyncAgent\.ts:\d+/);
  });

  test.each<[string, { given: string; want: RegExp | null }]>([
    ['files are ES modules: import.meta is fine', { given: 'export const here = import.meta.url;\n', want: null }],
    ['files are ES modules: a relative import needs its extension', { given: "export { x } from './other';\n", want: /extension|Cannot find module/ }],
    ['parameter properties are not erasable syntax', { given: 'export class A {\n  constructor(readonly a: number) {}\n}\n', want: /erasableSyntaxOnly|erasable/ }],
  ])('%s', (_name, { given, want }) => {
    const files = [{ path: 'extra/probe.ts', content: given }, { path: 'extra/other.ts', content: 'export const x = 1;\n' }];
    const problems = typeCheck(files, out).join('\n');
    if (want === null) expect(problems).toBe('');
    else expect(problems).toMatch(want);
  });
});
