import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import type { ApiModel, ApiVersion, TypeDef } from '../../src/model/api-model.js';
import { buildModel } from '../../src/model/build-model.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { stableJson } from '../../src/model/model-json.js';
import { plainWsdlParser } from '../support/plain-wsdl.js';
import { corpusRoot, haveShared, projectRoot, seedsRoot, sharedSkipReason } from '../support/shared.js';

/**
 * Facts checked against the WSDL read here, independently of the code under test: a plain
 * fast-xml-parser reading (grouped by tag, which keeps the order of same-named siblings) and the
 * prefix conventions spelled out again.
 */
const plain = plainWsdlParser;

interface Expected {
  version: string;
  agent: string;
  operations: Array<{ name: string; params: string[]; returns: string | null; outParams: string[] }>;
  complexTypes: Array<{ ref: string; fields: string[] }>;
  /** Operations whose response elements are neither none, nor one `Response`, nor pinned below. */
  unpinned: string[];
}

/**
 * Which response element is the result, read off the corpus WSDL files by hand for every operation
 * whose response wrapper holds something other than nothing (no result) or a single `Response`
 * element: the element names in wire order, and the one that is the result (`null`: none is, all are
 * out parameters). Any other shape fails the test, so a new one is looked at rather than guessed.
 */
const PINNED_RESULTS: Record<string, { elements: string; result: string | null }> = {
  'BlobManager.ReadBlob': { elements: 'Length,Response', result: 'Response' },
  'BlobManager.ReadBlobPart': { elements: 'Response,Length', result: 'Response' },
  'FileManager.ReadFilePart': { elements: 'Response,Length', result: 'Response' },
  'FileManager.ReadFile': { elements: 'FileName,Length,Response', result: 'Response' },
  'FileManager.BeginReadFilePart': { elements: 'FileName,Length', result: null },
  'SoPrincipal.GetSystemInfo': { elements: 'SystemInfo', result: 'SystemInfo' },
  'SoPrincipal.AuthenticateImplicit': { elements: 'Response,Credentials,AuthenticationSucceeded', result: 'Response' },
  'SoPrincipal.AuthenticateUsernamePassword': { elements: 'Response,Credentials,AuthenticationSucceeded', result: 'Response' },
  'SoPrincipal.AuthenticateGeneric': { elements: 'Response,Credentials,AuthenticationSucceeded', result: 'Response' },
  'SoPrincipal.AuthenticateWithAccessToken': { elements: 'Response,Credentials,AuthenticationSucceeded', result: 'Response' },
};

/**
 * `{namespace}local`. The parser above drops namespace declarations, so prefixes are resolved from the
 * raw text: WCF numbers its `qN` prefixes uniquely per file, `xs` is XML Schema, and `tns` is rebound by
 * each inline schema to its own target namespace.
 */
function refOf(qname: string, prefixes: Map<string, string>, schemaNs: string): string {
  const [prefix, local] = qname.includes(':') ? qname.split(':') : ['', qname];
  const ns = prefix === 'tns' ? schemaNs : prefix === 'xs' ? 'http://www.w3.org/2001/XMLSchema' : prefixes.get(prefix!) ?? '';
  return `{${ns}}${local}`;
}

function expectedOf(file: string): Expected {
  const text = readFileSync(file, 'utf8');
  const doc = plain.parse(text)['wsdl:definitions'];
  const prefixes = new Map([...text.matchAll(/xmlns:(\w+)="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const version = /Services\d+$/.exec(doc['@targetNamespace'])![0];
  const schemas = doc['wsdl:types']['xs:schema'] as Array<Record<string, any>>;
  const elements = new Map<string, any>();
  const complexTypes: Expected['complexTypes'] = [];
  for (const schema of schemas) {
    const targetNs = schema['@targetNamespace'];
    for (const el of schema['xs:element'] ?? []) elements.set(el['@name'], el);
    for (const ct of schema['xs:complexType'] ?? []) {
      const holder = ct['xs:complexContent']?.['xs:extension'] ?? ct;
      const fields = (holder['xs:sequence']?.['xs:element'] ?? []).map((e: any) => `${e['@name']}:${e['@type'] ? refOf(e['@type'], prefixes, targetNs) : 'entry'}`);
      complexTypes.push({ ref: `{${targetNs}}${ct['@name']}`, fields });
    }
  }
  const sequence = (name: string) =>
    ((elements.get(name)?.['xs:complexType']?.[0]?.['xs:sequence']?.['xs:element'] ?? []) as any[]).map((e) => `${e['@name']}:${refOf(e['@type'], prefixes, schemas[0]!['@targetNamespace'])}`);
  const messages = new Map((doc['wsdl:message'] as any[]).map((m) => [m['@name'], m['wsdl:part'][0]['@element'].split(':')[1]]));
  const agent = doc['wsdl:portType']['@name'];
  const unpinned: string[] = [];
  const nameOf = (element: string) => element.slice(0, element.indexOf(':'));
  const operations = (doc['wsdl:portType']['wsdl:operation'] as any[]).map((op) => {
    // Follow the output message: a response element may be shared (SoPrincipal's AuthenticateResponse).
    const response = sequence(messages.get(op['wsdl:output']['@message'].split(':')[1]));
    const elements = response.map(nameOf).join();
    let resultName: string | null = null;
    if (elements === 'Response') resultName = 'Response';
    else if (elements !== '') {
      const pin = PINNED_RESULTS[`${agent}.${op['@name']}`];
      if (pin?.elements === elements) resultName = pin.result;
      else unpinned.push(`${agent}.${op['@name']}: ${elements}`);
    }
    const result = response.find((r) => nameOf(r) === resultName);
    return {
      name: op['@name'],
      params: sequence(messages.get(op['wsdl:input']['@message'].split(':')[1])),
      returns: result ? result.slice(result.indexOf(':') + 1) : null,
      outParams: response.filter((r) => r !== result),
    };
  });
  return { version, agent, operations, complexTypes, unpinned };
}

/** The model's `prefix:Name` as `{namespace}Name`, through the version's own prefix table. */
function clark(ref: string, v: ApiVersion): string {
  const colon = ref.indexOf(':');
  return `{${v.namespaces[ref.slice(0, colon)]}}${ref.slice(colon + 1)}`;
}

function fieldsOf(def: TypeDef, v: ApiVersion): string[] {
  if (def.kind === 'array') return [`${def.item!.elementName}:${clark(def.item!.type, v)}`];
  if (def.kind === 'dictionary') return [`${def.entry!.elementName}:entry`];
  return (def.fields ?? []).map((f) => `${f.name}:${clark(f.type, v)}`);
}

describe.skipIf(!haveShared)('the model over all of ../shared/corpus and the seeds', () => {
  let model: ApiModel;
  let kinds: Map<string, string>;
  beforeAll(async () => {
    const { results, listingDiagnostics } = await ingest([corpusRoot, seedsRoot], { threads: 1 });
    kinds = new Map(results.map((r) => [r.facts.file, r.facts.kind]));
    model = buildModel(results, listingDiagnostics);
  });
  const version = (name: string): ApiVersion => model.versions.find((v) => v.name === name)!;

  test('every file is read and classified; only the corpus manifest is not a doc page', () => {
    expect(model.summary.filesRead).toBeGreaterThan(1200);
    const skipped = [...kinds].filter(([, kind]) => kind === 'skipped').map(([file]) => path.basename(file));
    expect(skipped).toEqual(['MANIFEST.tsv']);
    // Every REST definition is recognised by its content, whatever its folder or name.
    const definitions = [...kinds].filter(([, kind]) => kind === 'rest-definition').map(([file]) => path.basename(file));
    const jsonFiles = ['docs-mintlify/agents-webapi', 'docs-mintlify/rest-webapi', 'docs-swagger/agent', 'docs-swagger/rest'].flatMap((d) =>
      readdirSync(path.join(corpusRoot, d)).filter((f) => f.endsWith('.json')),
    );
    expect(definitions.sort()).toEqual(jsonFiles.sort());
    expect(model.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['include-missing', 'include-missing']);
  });

  const wsdlFiles = haveShared
    ? ['Services86', 'Services87', 'Services88'].flatMap((v) =>
        readdirSync(path.join(corpusRoot, 'wsdl', v)).map((f) => path.join(corpusRoot, 'wsdl', v, f)),
      )
    : [];

  test(`every WSDL operation and complexType of ${wsdlFiles.length} WSDL files is in the model, in order`, () => {
    let operations = 0;
    let types = 0;
    const pinnedSeen = new Set<string>();
    const byClark = new Map(model.versions.map((v) => [v.name, new Map(v.types.map((t) => [clark(t.ref, v), t]))]));
    for (const file of wsdlFiles) {
      const want = expectedOf(file);
      expect(want.unpinned, `${file}: response shapes to pin`).toEqual([]);
      const v = version(want.version);
      const agent = v.agents.find((a) => a.name === want.agent);
      expect(agent, `${want.version} ${want.agent}`).toBeDefined();
      for (const op of want.operations) {
        const m = agent!.methods.find((x) => x.name === op.name);
        expect(m, `${want.agent}.${op.name}`).toBeDefined();
        expect(m!.params.map((p) => `${p.name}:${clark(p.type, v)}`), `${file} ${op.name}`).toEqual(op.params);
        expect(m!.returns ? clark(m!.returns.type, v) : null, `${file} ${op.name} returns`).toBe(op.returns);
        expect(m!.outParams.map((p) => `${p.name}:${clark(p.type, v)}`), `${file} ${op.name} out parameters`).toEqual(op.outParams);
        if (op.outParams.length > 0) pinnedSeen.add(`${want.agent}.${op.name}`);
        operations++;
      }
      for (const ct of want.complexTypes) {
        const def = byClark.get(v.name)!.get(ct.ref);
        expect(def, `${file} ${ct.ref}`).toBeDefined();
        expect(fieldsOf(def!, v), `${file} ${ct.ref}`).toEqual(ct.fields);
        types++;
      }
    }
    expect(operations).toBeGreaterThan(4500);
    // Every pinned shape but GetSystemInfo's lone element has out parameters, and each was met.
    expect([...pinnedSeen].sort()).toEqual(Object.keys(PINNED_RESULTS).filter((k) => k !== 'SoPrincipal.GetSystemInfo').sort());
    expect(types).toBeGreaterThan(4_000);
  });

  test('every SOAP method page is joined to its WSDL operation', () => {
    const pages = [...kinds].filter(([, kind]) => kind === 'soap-method-page').map(([file]) => file);
    const joined = new Set(model.versions.flatMap((v) => v.agents.flatMap((a) => a.methods.flatMap((m) => m.docPages.map((p) => p.file)))));
    expect(pages.length).toBeGreaterThan(900);
    expect(pages.filter((p) => !joined.has(p))).toEqual([]);
    expect(model.diagnostics.filter((d) => d.code === 'page-without-operation' && d.file.includes('/soap/'))).toEqual([]);
  });

  test('every REST ErpSync page yields a method whose request and response types are fully resolved', () => {
    const rest = version('v1');
    const erp = rest.agents.find((a) => a.name === 'ErpSync')!;
    const restPages = [...kinds].filter(([file, kind]) => kind === 'rest-method-page' && file.includes('ErpSync_Agent')).length;
    expect(erp.methods.length).toBe(restPages);
    const known = new Set(rest.types.map((t) => t.ref));
    const resolved = (ref: string) => ref.startsWith('xs:') || known.has(ref);
    for (const m of erp.methods) {
      for (const p of m.params) expect(resolved(p.type), `${m.name}(${p.name}: ${p.type})`).toBe(true);
      if (m.returns) expect(resolved(m.returns.type), `${m.name} returns ${m.returns.type}`).toBe(true);
    }
    for (const t of rest.types) {
      const refs = [t.base, ...(t.fields ?? []).map((f) => f.type), t.item?.type, t.entry?.keyType, t.entry?.valueType].filter((r): r is string => !!r);
      for (const ref of refs) expect(resolved(ref), `${t.ref} uses ${ref}`).toBe(true);
    }
    const save = erp.methods.find((m) => m.name === 'SaveConnection')!;
    expect(save.params.map((p) => `${p.name}:${p.type}`)).toEqual(['Connection:tns:ErpConnection']);
  });

  test('ErpSync is one REST agent from all four sources (pages, OpenAPI 3, Swagger 2, the WSDL twin), and their disagreements are listed', () => {
    const rest = version('v1');
    expect(rest.agents.filter((a) => a.name === 'ErpSync')).toHaveLength(1);
    const erp = rest.agents.find((a) => a.name === 'ErpSync')!;
    // Read independently: the operations of both definitions of ErpSync, by plain JSON.
    const operations = (file: string) =>
      Object.keys((JSON.parse(readFileSync(path.join(corpusRoot, file), 'utf8')) as { paths: Record<string, unknown> }).paths)
        .filter((p) => p.startsWith('/api/v1/Agents/ErpSync/'))
        .map((p) => p.slice('/api/v1/Agents/ErpSync/'.length));
    const openapi = operations('docs-mintlify/agents-webapi/openapi-v3-ErpSyncAgent.json');
    const swagger = operations('docs-swagger/agent/Swagger-v1-ErpSyncAgent.json');
    expect(erp.methods.map((m) => m.name)).toEqual([...new Set([...openapi, ...swagger])].sort());
    const kindOf = (file: string) =>
      file.includes('/openapi-v3-') ? 'openapi' : file.includes('/Swagger-v1-') ? 'swagger' : file.includes('/wsdl/') || /\/Services\d+-\w+\.md$/.test(file) ? 'wsdl' : file.includes('/restful/') ? 'page' : 'other';
    const save = erp.methods.find((m) => m.name === 'SaveConnection')!;
    expect([...new Set(save.sources.map((s) => kindOf(s.file)))].sort()).toEqual(['openapi', 'page', 'swagger', 'wsdl']);
    for (const m of erp.methods) {
      const kinds = new Set(m.sources.map((s) => kindOf(s.file)));
      expect(kinds.has('openapi') || kinds.has('swagger'), m.name).toBe(true);
    }
    // Every disagreement about ErpSync's REST wire names its file and where in it.
    const about = model.diagnostics.filter((d) => /ErpSync/.test(d.file) && (d.code === 'source-disagreement' || d.code === 'rest-type-mismatch'));
    for (const d of about) {
      if (d.file.endsWith('.json')) expect(d.pointer, d.message).toMatch(/^\//);
      expect(d.line).toBeGreaterThan(0);
    }
    expect(about.map((d) => `${path.basename(d.file)}: ${d.message}`)).toContain(
      "v1ErpSyncAgent_CreateErpActorFromCrm.md: parameter ErpFieldKeyValues is 'PersonEntity' on the page but tns:DictionaryOfstring in the REST definition",
    );
  });

  test('the corpus model validates against the JSON Schema kept in the repo', () => {
    const schema = JSON.parse(readFileSync(path.join(projectRoot, 'schema/model.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: false, strict: false }).compile(schema);
    validate(JSON.parse(stableJson(model)));
    expect(validate.errors ?? []).toEqual([]);
  });

  test('the built command line, which shares the pages out to a worker thread, builds the same model', () => {
    // dist/ is built by `npm test` before vitest runs; the bundle and the worker split are what users run.
    const json = execFileSync(process.execPath, [path.join(projectRoot, 'dist/cli/main.js'), 'model', '-i', corpusRoot, '-i', seedsRoot, '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 28, cwd: projectRoot });
    expect(json === stableJson(model)).toBe(true);
  }, 120_000);

  test('the seeds, one per format generation, each land in the model', () => {
    const seeds = [...kinds].filter(([file]) => file.includes('/seeds/'));
    expect(seeds.map(([, kind]) => kind).sort()).toEqual(['rest-method-page', 'rest-method-page', 'soap-method-page', 'soap-method-page', 'soap-method-page']);
  });
});

if (!haveShared) test.skip(sharedSkipReason, () => {});
