import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { looksLikeJson, parseJsonTree } from '../../src/parse/json-text.js';
import { ingestFile, listInputs } from '../../src/ingest/read-inputs.js';

const openapi = JSON.stringify({
  openapi: '3.0.1',
  info: { title: 'Widgets' },
  paths: {
    '/api/v1/Agents/Widget/Spin': { post: { operationId: 'v1WidgetAgent_Spin', responses: { '204': { description: 'No Content' } } } },
    '/api/v1/Widget/{id}': { get: { responses: { '204': { description: 'No Content' } } }, delete: { operationId: 'v1Widget_Delete', responses: { '204': { description: 'No Content' } } } },
  },
});
const swagger = JSON.stringify({ swagger: '2.0', info: { title: 'Widgets' }, paths: { '/api/v1/Agents/Widget/Spin': { post: { responses: { '204': { description: 'No Content' } } } } } });

async function read(name: string, text: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'json-input-'));
  writeFileSync(path.join(dir, name), text);
  const { files } = listInputs([dir]);
  return ingestFile(files[0]!);
}

describe('JSON inputs are classified by content, never read as markdown', () => {
  test.each<[string, { name: string; text: string; kind: string; codes: string[]; line?: number }]>([
    ['an OpenAPI 3.0 definition', { name: 'a.json', text: openapi, kind: 'rest-definition', codes: [] }],
    ['a Swagger 2.0 definition under another extension', { name: 'a.txt', text: swagger, kind: 'rest-definition', codes: [] }],
    ['OpenAPI 3.1 (not a format read here)', { name: 'a.json', text: '{"openapi":"3.1.0","paths":{}}', kind: 'skipped', codes: ['unrecognised-file'] }],
    ['other JSON', { name: 'package.json', text: '{"name":"x"}', kind: 'skipped', codes: ['unrecognised-file'] }],
    ['a JSON array', { name: 'list.json', text: '[1, 2]', kind: 'skipped', codes: ['unrecognised-file'] }],
    ['truncated JSON', { name: 'a.json', text: '{\n  "openapi": "3.0.0",\n  "paths": {', kind: 'skipped', codes: ['malformed-json'], line: 3 }],
    ['a .json file holding markdown', { name: 'a.json', text: '# Title\n\nText', kind: 'skipped', codes: ['malformed-json'], line: 1 }],
  ])('%s', async (_name, { name, text, kind, codes, line }) => {
    const result = await read(name, text);
    expect(result.facts.kind).toBe(kind);
    expect(result.diagnostics.map((d) => d.code)).toEqual(codes);
    if (line !== undefined) expect(result.diagnostics[0]!.line).toBe(line);
  });

  // What a definition reads into is pinned in rest-definition.test.ts; here only that it is read.
  test('a definition lists its operations with verb, path and operationId', async () => {
    const { facts } = await read('a.json', openapi);
    const definition = facts.kind === 'rest-definition' ? facts.definition : undefined;
    expect(definition && { ...definition, operations: definition.operations.map(({ verb, path, operationId }) => ({ verb, path, ...(operationId ? { operationId } : {}) })) }).toEqual({
      format: 'openapi',
      formatVersion: '3.0.1',
      title: 'Widgets',
      schemas: [],
      operations: [
        { verb: 'POST', path: '/api/v1/Agents/Widget/Spin', operationId: 'v1WidgetAgent_Spin' },
        { verb: 'GET', path: '/api/v1/Widget/{id}' },
        { verb: 'DELETE', path: '/api/v1/Widget/{id}', operationId: 'v1Widget_Delete' },
      ],
    });
  });

  test.each([
    ['{"a":1}', true],
    ['  [ {"a":1} ]', true],
    ['[]', true],
    ['[!include[sample](x.md)]', false],
    ['[a link](x.md)', false],
    ['[1]: https://example.invalid', false],
    ['[2024 notes](x.md)', false],
    ['# heading', false],
  ])('looksLikeJson(%j) is %s', (text, want) => expect(looksLikeJson(text)).toBe(want));
});

describe('JSON trees keep numbers as written', () => {
  test.each<[string, { given: string; want: unknown }]>([
    ['int64 past 2^53', { given: '{"n": 9007199254740993}', want: { type: 'object', entries: [['n', { type: 'number', text: '9007199254740993' }]] } }],
    ['a long decimal', { given: '[12345678901234567890.125]', want: { type: 'array', items: [{ type: 'number', text: '12345678901234567890.125' }] } }],
    ['duplicate keys both kept, in order', { given: '{"a":true,"a":null}', want: { type: 'object', entries: [['a', { type: 'boolean', value: true }], ['a', { type: 'null' }]] } }],
    ['escapes decoded', { given: '"a\\u0026b"', want: { type: 'string', value: 'a&b' } }],
  ])('%s', (_name, { given, want }) => expect(parseJsonTree(given)).toEqual({ tree: want }));

  test.each([
    ['{"a": 1,}', 1],
    ['{"a":\n // c\n 1}', 2],
    ['[1 2]', 1],
  ])('%j is refused with its line', (given, line) => {
    const result = parseJsonTree(given);
    expect('problem' in result && result.problem.line).toBe(line);
  });

  test('objects nested thousands deep are refused before the recursive parser sees them', () => {
    const result = parseJsonTree('{"a":'.repeat(6000) + '1' + '}'.repeat(6000));
    expect('problem' in result && result.problem.message).toMatch(/nested more than/);
  });

  test('a broken .json nested thousands deep is malformed-json with its line, not a crash', async () => {
    const result = await read('deep.json', '\n' + '{"a":'.repeat(8000) + '1');
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['malformed-json', 2]]);
  });

  test('nesting past the bound is a problem, not a stack overflow', () => {
    const result = parseJsonTree('['.repeat(600) + ']'.repeat(600));
    expect('problem' in result && result.problem.message).toMatch(/nested more than/);
  });
});
