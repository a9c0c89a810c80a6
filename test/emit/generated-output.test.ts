import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildModel } from '../../src/model/build-model.js';
import { emitSdk } from '../../src/emit/emit-sdk.js';
import { loadTemplates } from '../../src/emit/templates.js';
import { checkOutput } from '../../src/emit/write-output.js';
import { projectRoot } from '../support/shared.js';

async function emitInputDocs(templates = loadTemplates()) {
  // The same command line as the README's `npm run generate`, so the paths in doc comments match.
  const cwd = process.cwd();
  process.chdir(projectRoot);
  try {
    const { results, listingDiagnostics } = await ingest(['input-docs'], { threads: 1 });
    return emitSdk(buildModel(results, listingDiagnostics), templates, { sourceRoots: ['input-docs'], tests: true });
  } finally {
    process.chdir(cwd);
  }
}

describe('generated/ as committed', () => {
  test('is exactly what generate makes from input-docs (run `npm run generate` when this fails)', async () => {
    const report = checkOutput(path.join(projectRoot, 'generated'), await emitInputDocs());
    expect(report).toEqual({ stale: [], missing: [], extra: [] });
  });

  test('the same input gives the same bytes', async () => {
    expect(await emitInputDocs()).toEqual(await emitInputDocs());
  });

  test('has one folder per version, each with an index, types and one module per agent (and per REST resource)', async () => {
    const paths = (await emitInputDocs()).map((f) => f.path).filter((p) => !p.startsWith('runtime/'));
    expect(paths).toEqual([
      'SAMPLE-ISSUES.md',
      'rest-v1/ContactRestApi.ts', 'rest-v1/ErpSyncAgent.samples.test.ts', 'rest-v1/ErpSyncAgent.ts', 'rest-v1/index.ts', 'rest-v1/types.ts',
      'services86/ErpSyncAgent.samples.test.ts', 'services86/ErpSyncAgent.ts', 'services86/index.ts', 'services86/types.ts',
      'services87/ErpSyncAgent.samples.test.ts', 'services87/ErpSyncAgent.ts', 'services87/index.ts', 'services87/types.ts',
      'services88/ErpSyncAgent.samples.test.ts', 'services88/ErpSyncAgent.ts', 'services88/index.ts', 'services88/types.ts',
    ]);
  });

  test('an agent module imports only the runtime and its version types (one agent does not pull the others)', async () => {
    for (const file of (await emitInputDocs()).filter((f) => f.path.endsWith('Agent.ts') && !f.path.includes('.samples.'))) {
      const imports = [...file.content.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      expect(imports.every((i) => i!.startsWith('../runtime/') || i === './types.js'), file.path).toBe(true);
      expect(file.content).toMatch(/import type \* as T from '.\/types.js'/);
    }
  });
});

describe('templates can be overridden', () => {
  test('a file of the same name in --templates replaces the built-in one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-templates-'));
    writeFileSync(path.join(dir, 'version-index.ts.hbs'), '// custom index for {{version}}\n{{#each agents}}export { {{className}} } from \'./{{file}}.js\';\n{{/each}}');
    const files = await emitInputDocs(loadTemplates(dir));
    expect(files.find((f) => f.path === 'services88/index.ts')!.content).toBe("// custom index for Services88\nexport { ErpSyncAgent } from './ErpSyncAgent.js';\n");
    expect(files.find((f) => f.path === 'services88/types.ts')!.content).toContain('export interface ErpConnection extends Carrier');
  });
});
