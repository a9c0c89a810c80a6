import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ApiModel, ApiVersion, Method, TypeDef } from '../../src/model/api-model.js';
import { readSoapSample } from '../../src/model/sample-check.js';
import { sampleToValue } from '../support/sample-values.js';
import { fullValue } from '../support/full-values.js';
import { generateForTest, recordingFetch } from '../support/generate-sdk.js';
import { corpusRoot, haveShared, sharedSkipReason } from '../support/shared.js';
import { envelopeParts, schemasOfWsdl } from '../support/wsdl-schemas.js';

const VERSIONS = ['Services86', 'Services87', 'Services88'];

/**
 * For every ErpSync operation of the corpus WSDL, what the generated client sends validates with
 * libxml2 against the official schemas inside that WSDL: with arguments from the doc samples, and
 * with every optional field set.
 */
describe.skipIf(!haveShared)('SOAP requests validate against the official WSDL schemas', () => {
  let model: ApiModel;
  let dir: string;
  beforeAll(async () => {
    const inputs = [
      ...VERSIONS.map((v) => path.join(corpusRoot, `wsdl/${v}/WSDL-${v}-ErpSync.xml`)),
      path.join(corpusRoot, 'docs-docfx/docs/en/api/reference/soap'),
      path.join(corpusRoot, 'docs-mintlify/Services88/ErpSync'),
    ];
    ({ model, dir } = await generateForTest('wire', inputs, { agents: ['ErpSync'], versions: VERSIONS }));
  });

  test.each(VERSIONS)('%s', async (versionName) => {
    const version = model.versions.find((v) => v.name === versionName)!;
    const agent = version.agents.find((a) => a.name === 'ErpSync')!;
    const defs = new Map(version.types.map((t) => [t.ref, t]));
    const lookup = (ref: string): TypeDef | undefined => defs.get(ref);
    const { fetch, requests } = recordingFetch(
      () => new Response('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body/></s:Envelope>', { status: 200, headers: { 'content-type': 'text/xml' } }),
    );
    const module = await import(path.join(dir, versionName.toLowerCase(), 'ErpSyncAgent.ts'));
    const client = new module.ErpSyncAgent({ baseUrl: 'https://host.invalid/Cust1/', fetch, ticket: '7T:abc', applicationToken: 'app', timeZone: { SoTimeZoneId: 1, SoTimeZoneLocationCode: 'UTC' } });

    const cases: Array<{ label: string; method: Method; args: Record<string, unknown> }> = [];
    for (const method of agent.methods) {
      cases.push({ label: `${method.name} (every optional field)`, method, args: Object.fromEntries(method.params.map((p) => [p.name, fullValue(p.type, lookup)])) });
      for (const sample of method.samples.filter((s) => s.kind === 'soap-request')) {
        const reading = readSoapSample(sample, method, version as ApiVersion, lookup);
        const args = reading.value === undefined ? {} : (sampleToValue(reading.value, lookup) as Record<string, unknown>);
        cases.push({ label: `${method.name} (sample ${path.basename(sample.source.file)}:${sample.source.line})`, method, args });
      }
    }
    const encodeErrors: string[] = [];
    for (const c of cases) {
      const before = requests.length;
      await client[c.method.name](c.args).catch((error: Error) => {
        if (requests.length === before) encodeErrors.push(`${c.label}: ${error.message}`);
      });
    }
    expect(encodeErrors).toEqual([]);
    expect(requests).toHaveLength(cases.length);
    expect(cases.filter((c) => c.label.includes('sample')).length).toBeGreaterThanOrEqual(agent.methods.length);

    const documents: Array<{ fileName: string; contents: string }> = [];
    requests.forEach((request, i) => {
      const c = cases[i]!;
      expect(request.url).toBe(`https://host.invalid/Cust1/Remote/${versionName}/ErpSync.svc`);
      expect(request.headers['soapaction']).toBe(`"${c.method.soap!.soapAction}"`);
      expect(request.headers['content-type']).toBe('text/xml; charset=utf-8');
      const parts = envelopeParts(request.body);
      expect(parts.headers.map((h) => /^<[\w]+:(\w+)/.exec(h)![1])).toEqual(['ApplicationToken', 'Credentials', 'TimeZone']);
      documents.push({ fileName: `${c.label} body`, contents: parts.body });
      parts.headers.forEach((h, k) => documents.push({ fileName: `${c.label} header ${k}`, contents: h }));
    });
    const schemas = schemasOfWsdl(readFileSync(path.join(corpusRoot, `wsdl/${versionName}/WSDL-${versionName}-ErpSync.xml`), 'utf8'));
    const result = await validateXML({ xml: documents, schema: [schemas.main], preload: schemas.preload });
    expect(result.errors.map((e) => `${e.loc?.fileName}: ${e.message}`)).toEqual([]);
    expect(result.valid).toBe(true);

    // The same check rejects a body with two fields swapped or a nil the schema does not allow.
    const save = documents.find((d) => d.fileName.startsWith('SaveConnection (every optional field) body'))!;
    const swapped = save.contents.replace(/(<tns:ErpConnectionId>[^<]*<\/tns:ErpConnectionId>)(<tns:ErpConnectorId>[^<]*<\/tns:ErpConnectorId>)/, '$2$1');
    const nilled = save.contents.replace(/<tns:Active>[^<]*<\/tns:Active>/, '<tns:Active xsi:nil="true"/>');
    expect(swapped).not.toBe(save.contents);
    expect(nilled).not.toBe(save.contents);
    const broken = await validateXML({ xml: [{ fileName: 'swapped', contents: swapped }, { fileName: 'nilled', contents: nilled }], schema: [schemas.main], preload: schemas.preload });
    expect(broken.valid).toBe(false);
    expect(new Set(broken.errors.map((e) => e.loc?.fileName).filter(Boolean))).toEqual(new Set(['swapped', 'nilled']));
  });
});

if (!haveShared) test.skip(sharedSkipReason, () => {});
