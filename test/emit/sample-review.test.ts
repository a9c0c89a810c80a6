import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateForTest } from '../support/generate-sdk.js';
import { runSampleTests } from '../support/sample-test-runner.js';
import { inputDocs, projectRoot } from '../support/shared.js';

/**
 * Samples on which the expectations once disagreed with the runtime, or never exercised it: record
 * keys that JavaScript reorders (array indexes first), a response header that says the call failed,
 * and `$select` in a REST request line. The generated tests must pass and must really check each.
 */
describe('generated sample tests on the shapes a review found', () => {
  test('pass against the runtime, and check what they claim', async () => {
    const fixtures = path.join(projectRoot, 'test/fixtures/sample-review');
    const { dir } = await generateForTest('sample-review', [path.join(inputDocs, 'wsdl/Services88/WSDL-Services88-ErpSync.xml'), fixtures], { tests: true });
    const run = runSampleTests(dir);
    expect(run.failures).toEqual([]);
    expect(run.total).toBe(2);
    const soap = readFileSync(path.join(dir, 'services88/ErpSyncAgent.samples.test.ts'), 'utf8');
    // Record order: '2' and '10' before 'b', whatever the sample's order.
    const keys = [...soap.matchAll(/tns:StringKeyValuePair\/tns:Key = \\"([^\\]*)\\"/g)].map((m) => m[1]);
    expect(keys).toEqual(['2', '10', 'b']);
    expect(soap).toContain('expect(error).toBeInstanceOf(NetServerError);');
    const rest = readFileSync(path.join(dir, 'rest-v1/ErpSyncAgent.samples.test.ts'), 'utf8');
    expect(rest).toContain('$select: "DisplayName,Active"');
    // ... and the query the client sent is expected to carry it.
    expect(rest).toMatch(/queryOf\(request.url\)\).toEqual\(\{\n\s+\$select: "DisplayName,Active",/);
  });
});
