import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/facts/diagnostics.js';
import { readJsonFile } from '../../src/ingest/rest-definition.js';
import type { Agent } from '../../src/model/api-model.js';
import { agentsFromDefinitions } from '../../src/model/rest-definition-methods.js';

const noTwins = { method: () => undefined, types: () => undefined };

/** The resources an OpenAPI 3 definition of these paths gives, with the diagnostics. */
function resourcesOf(paths: Record<string, unknown>): { resources: Agent[]; diagnostics: Diagnostic[] } {
  const text = JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths, components: { schemas: {} } }, null, 1);
  const result = readJsonFile('d.json', text);
  if (result.facts.kind !== 'rest-definition') throw new Error('not read as a definition');
  const diagnostics: Diagnostic[] = [...result.diagnostics];
  const { resources } = agentsFromDefinitions([{ file: 'd.json', definition: result.facts.definition }], noTwins, diagnostics);
  return { resources: [...resources.values()], diagnostics };
}

const ok = { '200': { description: 'OK', content: { 'application/json': { schema: { type: 'integer', format: 'int32' } } } } };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', format: 'int32' } };

describe('entity-API operations become methods of the resource of their first tag', () => {
  const cases: Array<[string, { given: Record<string, unknown>; want: { methods: string[]; codes: string[]; resource?: string } }]> = [
    [
      'named by the operationId after its v1<Name>_ prefix',
      { given: { '/api/v1/Contact/{id}': { get: { tags: ['Contact'], operationId: 'v1ContactEntity_GetContactEntity', parameters: [idParam], responses: ok } } }, want: { methods: ['GetContactEntity'], codes: [] } },
    ],
    [
      'the same operationId twice: the second is numbered and reported',
      {
        given: {
          '/api/v1/Contact/{id}': { get: { tags: ['Contact'], operationId: 'v1ContactEntity_Get', parameters: [idParam], responses: ok } },
          '/api/v1/Contact/{id}/Simple': { get: { tags: ['Contact'], operationId: 'v1ContactEntity_Get', parameters: [idParam], responses: ok } },
        },
        want: { methods: ['Get', 'Get2'], codes: ['rest-definition-invalid'] },
      },
    ],
    [
      'no operationId: a name from the verb and path, reported',
      { given: { '/api/v1/Contact/default': { get: { tags: ['Contact'], responses: ok } } }, want: { methods: ['Get_api_v1_Contact_default'], codes: ['rest-definition-invalid'] } },
    ],
    [
      'a tag that is not an identifier: the resource gets one',
      { given: { '/api/v1/List/x': { get: { tags: ['List Item'], operationId: 'v1List_X', responses: ok } } }, want: { methods: ['X'], codes: ['rest-definition-invalid'], resource: 'List_Item' } },
    ],
    [
      'a path hole no parameter declares is taken as a string, and reported',
      { given: { '/api/v1/Contact/{id}': { get: { tags: ['Contact'], operationId: 'v1ContactEntity_Get', responses: ok } } }, want: { methods: ['Get'], codes: ['rest-definition-invalid'] } },
    ],
    [
      'no tag: not generated, reported once for the file',
      { given: { '/api/v1/Contact/default': { get: { operationId: 'v1ContactEntity_Default', responses: ok } } }, want: { methods: [], codes: ['rest-definition-unread'] } },
    ],
  ];
  test.each(cases)('%s', (_name, { given, want }) => {
    const { resources, diagnostics } = resourcesOf(given);
    expect(resources.flatMap((r) => r.methods.map((m) => m.name)).sort()).toEqual(want.methods);
    expect(diagnostics.map((d) => d.code)).toEqual(want.codes);
    if (want.resource) expect(resources.map((r) => r.name)).toEqual([want.resource]);
  });

  test('path, query and body parameters keep their names; the body is `body`; a 304 is among the documented statuses', () => {
    const { resources } = resourcesOf({
      '/api/v1/Contact/{id}': {
        put: {
          tags: ['Contact'],
          operationId: 'v1ContactEntity_Put',
          parameters: [idParam, { name: '$select', in: 'query', schema: { type: 'string' } }, { name: 'fk', in: 'query', schema: { type: 'boolean' } }],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { Name: { type: 'string' } } } } } },
          responses: { ...ok, '304': { description: 'Not Modified' }, '412': { description: 'Precondition Failed' } },
        },
      },
    });
    const put = resources[0]!.methods[0]!;
    expect(put.params.map((p) => [p.name, p.in, p.type, p.minOccurs])).toEqual([
      ['body', 'body', 'tns:PutBody', 1],
      ['id', 'path', 'xs:int', 1],
      ['fk', 'query', 'xs:boolean', 0],
    ]);
    expect(put.rest).toMatchObject({ verb: 'PUT', path: 'api/v1/Contact/{id}', body: 'value', select: true });
    expect(put.rest!.responses!.map((r) => r.status)).toEqual(['200', '304', '412']);
  });
});
