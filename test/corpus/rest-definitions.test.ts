import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/facts/diagnostics.js';
import type { RestDefinitionFacts, RestSchema } from '../../src/facts/file-facts.js';
import { readJsonFile } from '../../src/ingest/rest-definition.js';
import { corpusRoot, haveShared, sharedSkipReason } from '../support/shared.js';

/**
 * Every REST definition of the corpus, read by the reader and, independently, with plain JSON.parse:
 * every operation (verb, path, operationId, parameters by name and place, whether it has a body, its
 * response statuses) and every named schema (property names in order) must be in the facts.
 */
const FAMILIES = ['docs-mintlify/agents-webapi', 'docs-mintlify/rest-webapi', 'docs-swagger/agent', 'docs-swagger/rest'];
const VERBS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

type Json = Record<string, unknown>;

interface Read {
  file: string;
  family: string;
  doc: Json;
  definition: RestDefinitionFacts;
  diagnostics: Diagnostic[];
}

const files = haveShared
  ? FAMILIES.flatMap((family) =>
      readdirSync(path.join(corpusRoot, family))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => ({ family, file: `${family}/${f}`, text: readFileSync(path.join(corpusRoot, family, f), 'utf8') })),
    )
  : [];

describe.skipIf(!haveShared)(`REST definitions of the corpus (${haveShared ? '' : sharedSkipReason})`, () => {
  const reads: Read[] = [];
  let ms = 0;
  beforeAll(() => {
    const started = performance.now();
    const results = files.map((f) => readJsonFile(f.file, f.text));
    ms = performance.now() - started;
    results.forEach((result, i) => {
      const f = files[i]!;
      if (result.facts.kind !== 'rest-definition') throw new Error(`${f.file} is not read as a definition`);
      reads.push({ file: f.file, family: f.family, doc: JSON.parse(f.text) as Json, definition: result.facts.definition, diagnostics: result.diagnostics });
    });
    const byFamily = FAMILIES.map((family) => {
      const of = reads.filter((r) => r.family === family);
      const operations = of.reduce((n, r) => n + r.definition.operations.length, 0);
      const schemas = of.reduce((n, r) => n + r.definition.schemas.length, 0);
      return `${family}: ${of.length} files, ${operations} operations, ${schemas} schemas`;
    });
    const megabytes = files.reduce((n, f) => n + f.text.length, 0) / 1e6;
    process.stdout.write(`REST definitions read in ${ms.toFixed(0)} ms (${megabytes.toFixed(1)} MB):\n  ${byFamily.join('\n  ')}\n`);
  });

  test('every file of every family is read', () => {
    expect(reads.map((r) => r.family).filter((f, i, all) => all.indexOf(f) === i)).toEqual(FAMILIES);
    expect(reads.length).toBe(files.length);
  });

  test('every operation: verb, path, operationId, parameters by name and place, body or none, response statuses', () => {
    for (const { file, doc, definition } of reads) {
      const swagger = doc['swagger'] === '2.0';
      const want: unknown[] = [];
      for (const [route, item] of Object.entries(doc['paths'] as Json)) {
        const pathItem = item as Json;
        const shared = ((pathItem['parameters'] as Json[] | undefined) ?? []).map((p) => deref(doc, p));
        for (const [verb, value] of Object.entries(pathItem)) {
          if (!VERBS.includes(verb)) continue;
          const op = value as Json;
          const own = ((op['parameters'] as Json[] | undefined) ?? []).map((p) => deref(doc, p));
          const ownKeys = new Set(own.map((p) => `${String(p['in'])} ${String(p['name'])}`));
          const params = [...shared.filter((p) => !ownKeys.has(`${String(p['in'])} ${String(p['name'])}`)), ...own];
          const inBody = (p: Json) => swagger && (p['in'] === 'body' || p['in'] === 'formData');
          want.push({
            verb: verb.toUpperCase(),
            path: route,
            operationId: op['operationId'],
            parameters: params.filter((p) => !inBody(p)).map((p) => `${String(p['in'])} ${String(p['name'])}`),
            body: swagger ? params.some(inBody) : op['requestBody'] !== undefined,
            statuses: Object.keys((op['responses'] as Json | undefined) ?? {}).sort(),
          });
        }
      }
      const got = definition.operations.map((o) => ({
        verb: o.verb,
        path: o.path,
        operationId: o.operationId,
        parameters: o.parameters.map((p) => `${p.in} ${p.name}`),
        body: o.body !== undefined,
        statuses: o.responses.map((r) => r.status).sort(),
      }));
      expect(got, file).toEqual(want);
    }
  });

  test('every named schema, with its property names in order', () => {
    for (const { file, doc, definition } of reads) {
      const named = (doc['swagger'] === '2.0' ? doc['definitions'] : (doc['components'] as Json | undefined)?.['schemas']) as Json | undefined;
      const want = Object.entries(named ?? {}).map(([name, schema]) => ({ name, properties: propertyNames(schema as Json) }));
      const got = definition.schemas.map((s) => ({ name: s.name, properties: s.schema.kind === 'object' ? s.schema.properties.map((p) => p.name) : [] }));
      expect(got, file).toEqual(want);
    }
  });

  test('every reference names a schema of its file', () => {
    for (const { file, definition } of reads) {
      const names = new Set(definition.schemas.map((s) => s.name));
      const dangling: string[] = [];
      const visit = (schema: RestSchema | undefined): void => {
        if (!schema) return;
        if (schema.kind === 'ref' && !names.has(schema.name)) dangling.push(schema.name);
        if (schema.kind === 'object') {
          if (schema.base !== undefined && !names.has(schema.base)) dangling.push(schema.base);
          schema.properties.forEach((p) => visit(p.schema));
          visit(schema.additionalProperties);
        }
        if (schema.kind === 'array') visit(schema.items);
        if (schema.kind === 'map') visit(schema.values);
      };
      definition.schemas.forEach((s) => visit(s.schema));
      for (const o of definition.operations) {
        o.parameters.forEach((p) => visit(p.schema));
        visit(o.body?.schema);
        o.responses.forEach((r) => visit(r.schema));
      }
      expect(dangling, file).toEqual([]);
    }
  });

  test('every source names its file, a line within it and a pointer to the element', () => {
    for (const { file, definition } of reads) {
      const lines = files.find((f) => f.file === file)!.text.split('\n').length;
      const sources = definition.operations.flatMap((o) => [o.source, ...o.parameters.map((p) => p.source), ...o.responses.map((r) => r.source), ...(o.body ? [o.body.source] : [])]);
      sources.push(...definition.schemas.map((s) => s.schema.source));
      const bad = sources.filter((s) => s.file !== file || s.line < 1 || s.line > lines || !/^\/(paths|components|definitions|parameters|responses)\//.test(s.pointer));
      expect(bad, file).toEqual([]);
      expect(sources.length, file).toBeGreaterThan(0);
    }
  });

  test('the corpus has one defect: Swagger-v1-Selection refers twice to a ContactPersonId it does not define', () => {
    const found = reads.flatMap((r) => r.diagnostics.map((d) => `${d.file} ${d.code} ${d.pointer}`));
    expect(found).toEqual([
      'docs-swagger/rest/Swagger-v1-Selection.json rest-definition-invalid /paths/~1api~1v1~1Selection~1{selectionId}~1Members~1AddPerson/post/parameters/1/schema/items/$ref',
      'docs-swagger/rest/Swagger-v1-Selection.json rest-definition-invalid /paths/~1api~1v1~1Selection~1{selectionId}~1Members~1RemovePerson/post/parameters/1/schema/items/$ref',
    ]);
  });
});

/** A parameter's `$ref` followed (the corpus has none; kept for honesty). */
function deref(doc: Json, p: Json): Json {
  const ref = p['$ref'];
  if (typeof ref !== 'string') return p;
  let at: unknown = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) at = (at as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return at as Json;
}

function propertyNames(schema: Json): string[] {
  const own = Object.keys((schema['properties'] as Json | undefined) ?? {});
  const fromAllOf = ((schema['allOf'] as Json[] | undefined) ?? []).flatMap((m) => (m['$ref'] === undefined ? Object.keys((m['properties'] as Json | undefined) ?? {}) : []));
  return [...own, ...fromAllOf];
}
