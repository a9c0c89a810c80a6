import { describe, expect, test } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildModel } from '../../src/model/build-model.js';
import { typeCheck } from '../../src/emit/check-program.js';
import { emitSdk } from '../../src/emit/emit-sdk.js';
import { loadTemplates } from '../../src/emit/templates.js';
import { corpusRoot, haveShared, inputDocs, sharedSkipReason } from '../support/shared.js';

async function sdkOf(inputs: string[]) {
  const { results, listingDiagnostics } = await ingest(inputs, { threads: 1 });
  return emitSdk(buildModel(results, listingDiagnostics), loadTemplates(), { sourceRoots: inputs });
}

describe('the generated program type-checks under strict', () => {
  test('input-docs', async () => {
    const files = await sdkOf([inputDocs]);
    expect(typeCheck(files)).toEqual([]);
  });

  test.skipIf(!haveShared)('the whole corpus: three versions, every agent, REST', async () => {
    const files = await sdkOf([corpusRoot]);
    expect(files.filter((f) => f.path.endsWith('Agent.ts')).length).toBeGreaterThanOrEqual(170);
    expect(typeCheck(files)).toEqual([]);
  });
  if (!haveShared) test.skip(sharedSkipReason, () => {});

  test('a deliberate type error is caught (the check can fail)', async () => {
    const files = await sdkOf([inputDocs]);
    const broken = files.map((f) => (f.path === 'services88/ErpSyncAgent.ts' ? { ...f, content: f.content.replace('Promise<T.ErpConnection | null>', 'Promise<number>') } : f));
    expect(typeCheck(broken).join('\n')).toMatch(/services88\/ErpSyncAgent\.ts:\d+/);
  });
});
