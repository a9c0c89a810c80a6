import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { corpusRoot, haveShared, projectRoot, sharedSkipReason } from '../support/shared.js';
import { generateInto } from '../support/generate-sdk.js';

/** What a bundler keeps of the SDK when an app imports one class: minified ESM, tree-shaken. */
async function bundled(entry: string, dir: string): Promise<string> {
  const result = await build({ stdin: { contents: entry, resolveDir: dir, loader: 'ts' }, bundle: true, minify: true, format: 'esm', write: false, platform: 'neutral' });
  return result.outputFiles[0]!.text;
}

describe('importing one REST class bundles only its own wire metadata (input-docs)', () => {
  const sdk = path.join(projectRoot, 'generated');

  test('ContactRestApi alone carries no agent, ErpSyncAgent alone no entity operation', async () => {
    const resource = await bundled(`export { ContactRestApi } from './rest-v1/ContactRestApi.js';`, sdk);
    const agent = await bundled(`export { ErpSyncAgent } from './rest-v1/ErpSyncAgent.js';`, sdk);
    expect(resource).toContain('api/v1/Contact/{id}');
    expect(resource).not.toContain('api/v1/Agents/');
    expect(resource).not.toContain('ErpConnection');
    expect(agent).toContain('api/v1/Agents/ErpSync/SaveConnection');
    expect(agent).not.toContain('api/v1/Contact/');
    // Through the version's index the same: the other classes are shaken off.
    const viaIndex = await bundled(`import { ContactRestApi } from './rest-v1/index.js'; console.log(ContactRestApi);`, sdk);
    expect(viaIndex).not.toContain('api/v1/Agents/');
  });
});

describe.skipIf(!haveShared)('the corpus SDK: ContactRestApi against all of rest-v1', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'bundle-size-'));
    await generateInto(dir, [corpusRoot], { versions: ['v1'] });
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('ContactRestApi alone is a small part of the whole REST SDK', async () => {
    const one = await bundled(`export { ContactRestApi } from './rest-v1/ContactRestApi.js';`, dir);
    const all = await bundled(`export * from './rest-v1/index.js';`, dir);
    expect(one).not.toContain('api/v1/Agents/');
    // README, "Using the generated SDK": 45 KiB minified of 1.15 MiB for the corpus (86 operations).
    expect(one.length).toBeLessThan(64 * 1024);
    expect(one.length / all.length).toBeLessThan(0.1);
  });
});

if (!haveShared) test.skip(sharedSkipReason, () => {});
