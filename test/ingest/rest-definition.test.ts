import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import type { RestDefinitionFacts, RestSchema } from '../../src/facts/file-facts.js';
import { ingestFile, listInputs } from '../../src/ingest/read-inputs.js';
import { readJsonFile } from '../../src/ingest/rest-definition.js';
import { JsonNumber, JsonObjectNode, parseLocatedJson } from '../../src/parse/json-text.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/rest-definitions');

type Format = 'openapi' | 'swagger';

function read(text: string, file = 'd.json') {
  const result = readJsonFile(file, text);
  const definition = result.facts.kind === 'rest-definition' ? result.facts.definition : undefined;
  return { definition: definition!, diagnostics: result.diagnostics, all: result.diagnostics };
}

/** Facts without their sources, for the tests of shape; sources have tests of their own. */
function bare<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'source' ? undefined : v))) as T;
}

/** A definition of the given format holding `schemas` as its named schemas; `#/S/` in a `$ref` names that format's home. */
function withSchemas(format: Format, schemas: Record<string, unknown> | string): string {
  const home = format === 'openapi' ? '#/components/schemas/' : '#/definitions/';
  // As text: a JavaScript object would put a name like '10' first, and the order is under test.
  const named = (typeof schemas === 'string' ? schemas : JSON.stringify(schemas, null, 2)).replace(/#\/S\//g, home);
  return format === 'openapi'
    ? `{"openapi": "3.0.1", "info": {"title": "T"}, "paths": {}, "components": {"schemas": ${named}}}`
    : `{"swagger": "2.0", "info": {"title": "T"}, "paths": {}, "definitions": ${named}}`;
}

const src = { file: 'd.json' };

describe('named schemas read into one plain form, the same from both formats', () => {
  const cases: Array<[string, { given: Record<string, unknown> | string; want: Array<{ name: string; schema: unknown }> }]> = [
    [
      'scalars keep type and format',
      {
        given: {
          I: { type: 'integer', format: 'int32' },
          L: { type: 'integer', format: 'int64' },
          D: { type: 'number', format: 'double' },
          F: { type: 'number', format: 'float' },
          M: { type: 'number', format: 'decimal' },
          T: { type: 'string', format: 'date-time' },
          B: { type: 'string', format: 'byte' },
          Bin: { type: 'string', format: 'binary' },
          U: { type: 'string', format: 'uuid' },
          S: { type: 'string' },
          Y: { type: 'boolean' },
        },
        want: [
          { name: 'I', schema: { kind: 'scalar', type: 'integer', format: 'int32' } },
          { name: 'L', schema: { kind: 'scalar', type: 'integer', format: 'int64' } },
          { name: 'D', schema: { kind: 'scalar', type: 'number', format: 'double' } },
          { name: 'F', schema: { kind: 'scalar', type: 'number', format: 'float' } },
          { name: 'M', schema: { kind: 'scalar', type: 'number', format: 'decimal' } },
          { name: 'T', schema: { kind: 'scalar', type: 'string', format: 'date-time' } },
          { name: 'B', schema: { kind: 'scalar', type: 'string', format: 'byte' } },
          { name: 'Bin', schema: { kind: 'scalar', type: 'string', format: 'binary' } },
          { name: 'U', schema: { kind: 'scalar', type: 'string', format: 'uuid' } },
          { name: 'S', schema: { kind: 'scalar', type: 'string' } },
          { name: 'Y', schema: { kind: 'scalar', type: 'boolean' } },
        ],
      },
    ],
    [
      'nullable as OpenAPI writes it and as Swagger extensions write it',
      {
        given: { A: { type: 'string', nullable: true }, B: { type: 'integer', format: 'int32', 'x-nullable': true }, C: { type: 'string', nullable: false } },
        want: [
          { name: 'A', schema: { kind: 'scalar', type: 'string', nullable: true } },
          { name: 'B', schema: { kind: 'scalar', type: 'integer', format: 'int32', nullable: true } },
          { name: 'C', schema: { kind: 'scalar', type: 'string' } },
        ],
      },
    ],
    [
      'an object: properties in declaration order, required flags, descriptions on the property',
      {
        given: `{
          "Conn": {
            "type": "object",
            "description": "A connection",
            "required": ["Name"],
            "properties": {
              "Zeta": { "type": "integer", "format": "int32", "description": "Primary key" },
              "Name": { "type": "string", "readOnly": true },
              "10": { "type": "boolean" },
              "Alpha": { "$ref": "#/S/Other" }
            }
          },
          "Other": { "type": "object", "properties": {} }
        }`,
        want: [
          {
            name: 'Conn',
            schema: {
              kind: 'object',
              description: 'A connection',
              properties: [
                { name: 'Zeta', required: false, description: 'Primary key', schema: { kind: 'scalar', type: 'integer', format: 'int32' } },
                { name: 'Name', required: true, schema: { kind: 'scalar', type: 'string', readOnly: true } },
                { name: '10', required: false, schema: { kind: 'scalar', type: 'boolean' } },
                { name: 'Alpha', required: false, schema: { kind: 'ref', name: 'Other' } },
              ],
            },
          },
          { name: 'Other', schema: { kind: 'object', properties: [] } },
        ],
      },
    ],
    [
      'allOf: a base reference and own properties',
      {
        given: {
          Base: { type: 'object', properties: { Id: { type: 'integer', format: 'int32' } } },
          Derived: {
            allOf: [{ $ref: '#/S/Base' }, { type: 'object', properties: { Extra: { type: 'string' } } }],
            properties: { Own: { type: 'boolean' } },
          },
        },
        want: [
          { name: 'Base', schema: { kind: 'object', properties: [{ name: 'Id', required: false, schema: { kind: 'scalar', type: 'integer', format: 'int32' } }] } },
          {
            name: 'Derived',
            schema: {
              kind: 'object',
              base: 'Base',
              properties: [
                { name: 'Own', required: false, schema: { kind: 'scalar', type: 'boolean' } },
                { name: 'Extra', required: false, schema: { kind: 'scalar', type: 'string' } },
              ],
            },
          },
        ],
      },
    ],
    [
      'allOf of one reference, with a description and nullable beside it, is that reference',
      {
        given: { A: { type: 'string' }, B: { allOf: [{ $ref: '#/S/A' }], description: 'an A', nullable: true } },
        want: [
          { name: 'A', schema: { kind: 'scalar', type: 'string' } },
          { name: 'B', schema: { kind: 'ref', name: 'A', description: 'an A', nullable: true } },
        ],
      },
    ],
    [
      'arrays, maps and an inline object stay inline',
      {
        given: {
          Item: { type: 'object', properties: {} },
          List: { type: 'array', items: { $ref: '#/S/Item' } },
          Ids: { type: 'array', items: { type: 'integer', format: 'int64' } },
          Dict: { type: 'object', additionalProperties: { type: 'string' } },
          Bag: { type: 'object', additionalProperties: true },
          Mixed: { type: 'object', properties: { N: { type: 'string' } }, additionalProperties: { type: 'integer', format: 'int32' } },
          Holder: { type: 'object', properties: { Inner: { type: 'object', properties: { X: { type: 'array', items: { type: 'array', items: { $ref: '#/S/Item' } } } } } } },
        },
        want: [
          { name: 'Item', schema: { kind: 'object', properties: [] } },
          { name: 'List', schema: { kind: 'array', items: { kind: 'ref', name: 'Item' } } },
          { name: 'Ids', schema: { kind: 'array', items: { kind: 'scalar', type: 'integer', format: 'int64' } } },
          { name: 'Dict', schema: { kind: 'map', values: { kind: 'scalar', type: 'string' } } },
          { name: 'Bag', schema: { kind: 'map', values: { kind: 'any' } } },
          {
            name: 'Mixed',
            schema: {
              kind: 'object',
              properties: [{ name: 'N', required: false, schema: { kind: 'scalar', type: 'string' } }],
              additionalProperties: { kind: 'scalar', type: 'integer', format: 'int32' },
            },
          },
          {
            name: 'Holder',
            schema: {
              kind: 'object',
              properties: [
                {
                  name: 'Inner',
                  required: false,
                  schema: {
                    kind: 'object',
                    properties: [{ name: 'X', required: false, schema: { kind: 'array', items: { kind: 'array', items: { kind: 'ref', name: 'Item' } } } }],
                  },
                },
              ],
            },
          },
        ],
      },
    ],
    [
      'enums: values, names from x-enumNames or x-enum-varnames, numbers as written',
      {
        given: {
          Kind: { type: 'string', enum: ['Unknown', 'Contact', 'Person'] },
          Level: { type: 'integer', format: 'int32', enum: [0, 1, 2], 'x-enumNames': ['Low', 'Mid', 'High'] },
          Flag: { type: 'integer', enum: [1, 2], 'x-enum-varnames': ['A', 'B'] },
        },
        want: [
          { name: 'Kind', schema: { kind: 'enum', type: 'string', values: ['Unknown', 'Contact', 'Person'] } },
          { name: 'Level', schema: { kind: 'enum', type: 'integer', format: 'int32', values: [{ number: '0' }, { number: '1' }, { number: '2' }], names: ['Low', 'Mid', 'High'] } },
          { name: 'Flag', schema: { kind: 'enum', type: 'integer', values: [{ number: '1' }, { number: '2' }], names: ['A', 'B'] } },
        ],
      },
    ],
    [
      'a schema that refers to itself through a property, an item or a value stays a reference',
      {
        given: {
          Node: {
            type: 'object',
            properties: { Parent: { $ref: '#/S/Node' }, Children: { type: 'array', items: { $ref: '#/S/Node' } }, ByName: { type: 'object', additionalProperties: { $ref: '#/S/Node' } } },
          },
        },
        want: [
          {
            name: 'Node',
            schema: {
              kind: 'object',
              properties: [
                { name: 'Parent', required: false, schema: { kind: 'ref', name: 'Node' } },
                { name: 'Children', required: false, schema: { kind: 'array', items: { kind: 'ref', name: 'Node' } } },
                { name: 'ByName', required: false, schema: { kind: 'map', values: { kind: 'ref', name: 'Node' } } },
              ],
            },
          },
        ],
      },
    ],
    [
      'an empty schema is any; a name with / and ~ is referred to by its escaped pointer',
      {
        given: { Anything: {}, 'a/b~c': { type: 'string' }, User: { type: 'object', properties: { P: { $ref: '#/S/a~1b~0c' } } } },
        want: [
          { name: 'Anything', schema: { kind: 'any' } },
          { name: 'a/b~c', schema: { kind: 'scalar', type: 'string' } },
          { name: 'User', schema: { kind: 'object', properties: [{ name: 'P', required: false, schema: { kind: 'ref', name: 'a/b~c' } }] } },
        ],
      },
    ],
  ];
  for (const format of ['openapi', 'swagger'] as const) {
    test.each(cases)(`${format}: %s`, (_name, { given, want }) => {
      const { definition, diagnostics } = read(withSchemas(format, given));
      expect(diagnostics).toEqual([]);
      expect(bare(definition.schemas)).toEqual(want);
    });
  }

  test('an int64 default past 2^53 keeps its digits', () => {
    const { definition } = read('{"openapi":"3.0.0","paths":{},"components":{"schemas":{"Big":{"type":"integer","format":"int64","default":9007199254740993}}}}');
    expect(bare(definition.schemas)).toEqual([{ name: 'Big', schema: { kind: 'scalar', type: 'integer', format: 'int64', default: { number: '9007199254740993' } } }]);
  });
});

/** A definition with the given paths (and, for Swagger, document-level fields). */
function withPaths(format: Format, paths: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const doc = format === 'openapi' ? { openapi: '3.0.0', info: { title: 'T' }, paths, ...extra } : { swagger: '2.0', info: { title: 'T' }, paths, ...extra };
  return JSON.stringify(doc, null, 2);
}

describe('operations: parameters, body and responses, the same shape from both formats', () => {
  const cases: Array<[string, { format: Format; given: Record<string, unknown>; extra?: Record<string, unknown>; want: unknown[] }]> = [
    [
      'OpenAPI: tag, summary, description, parameters in path, query and header, a JSON body, responses by status',
      {
        format: 'openapi',
        given: {
          '/api/v1/Agents/ErpSync/SaveConnection': {
            post: {
              tags: ['ErpSync_Agent', 'Other'],
              summary: 'Saves a connection',
              description: 'Long text',
              operationId: 'v1ErpSyncAgent_SaveConnection',
              parameters: [
                { name: '$select', in: 'query', description: 'fields', required: false, schema: { type: 'string' } },
                { name: 'SO-Language', in: 'header', schema: { type: 'string' } },
              ],
              requestBody: {
                description: 'Connection',
                required: true,
                content: {
                  'application/json': { schema: { $ref: '#/components/schemas/Conn' } },
                  'text/json': { schema: { $ref: '#/components/schemas/Conn' } },
                },
              },
              responses: {
                '200': { description: 'OK', content: { 'application/json': { schema: { type: 'integer', format: 'int32' } }, 'text/json': { schema: { type: 'integer', format: 'int32' } } } },
                '204': { description: 'No Content' },
              },
            },
          },
          '/api/v1/Contact/{id}': {
            get: {
              tags: ['Contact'],
              operationId: 'v1ContactEntity_Get',
              parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer', format: 'int32' } }],
              responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Conn' } } } }, '404': { description: 'Not Found' } },
            },
          },
        },
        extra: { components: { schemas: { Conn: { type: 'object', properties: {} } } } },
        want: [
          {
            verb: 'POST',
            path: '/api/v1/Agents/ErpSync/SaveConnection',
            operationId: 'v1ErpSyncAgent_SaveConnection',
            tag: 'ErpSync_Agent',
            summary: 'Saves a connection',
            description: 'Long text',
            parameters: [
              { name: '$select', in: 'query', required: false, description: 'fields', schema: { kind: 'scalar', type: 'string' } },
              { name: 'SO-Language', in: 'header', required: false, schema: { kind: 'scalar', type: 'string' } },
            ],
            body: { description: 'Connection', required: true, contentTypes: ['application/json', 'text/json'], schema: { kind: 'ref', name: 'Conn' } },
            responses: [
              { status: '200', description: 'OK', contentTypes: ['application/json', 'text/json'], schema: { kind: 'scalar', type: 'integer', format: 'int32' } },
              { status: '204', description: 'No Content', contentTypes: [] },
            ],
          },
          {
            verb: 'GET',
            path: '/api/v1/Contact/{id}',
            operationId: 'v1ContactEntity_Get',
            tag: 'Contact',
            parameters: [{ name: 'id', in: 'path', required: true, schema: { kind: 'scalar', type: 'integer', format: 'int32' } }],
            responses: [
              { status: '200', description: 'OK', contentTypes: ['application/json'], schema: { kind: 'ref', name: 'Conn' } },
              { status: '404', description: 'Not Found', contentTypes: [] },
            ],
          },
        ],
      },
    ],
    [
      'Swagger: the body parameter with consumes, non-body parameters typed on themselves, responses with produces',
      {
        format: 'swagger',
        given: {
          '/api/v1/Agents/ErpSync/SaveConnection': {
            post: {
              tags: ['ErpSync_Agent'],
              operationId: 'v1ErpSyncAgent_SaveConnection',
              consumes: ['application/json', 'text/json'],
              produces: ['application/json'],
              parameters: [
                { name: 'request', in: 'body', description: 'Connection', required: true, schema: { $ref: '#/definitions/Conn' } },
                { name: '$select', in: 'query', description: 'fields', required: false, type: 'string' },
                { name: 'ids', in: 'query', type: 'array', items: { type: 'integer', format: 'int32' } },
                { name: 'mode', in: 'query', type: 'string', enum: ['A', 'B'] },
              ],
              responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/Conn' } }, '204': { description: 'No Content' } },
            },
          },
        },
        extra: { definitions: { Conn: { type: 'object', properties: {} } } },
        want: [
          {
            verb: 'POST',
            path: '/api/v1/Agents/ErpSync/SaveConnection',
            operationId: 'v1ErpSyncAgent_SaveConnection',
            tag: 'ErpSync_Agent',
            parameters: [
              { name: '$select', in: 'query', required: false, description: 'fields', schema: { kind: 'scalar', type: 'string' } },
              { name: 'ids', in: 'query', required: false, schema: { kind: 'array', items: { kind: 'scalar', type: 'integer', format: 'int32' } } },
              { name: 'mode', in: 'query', required: false, schema: { kind: 'enum', type: 'string', values: ['A', 'B'] } },
            ],
            body: { name: 'request', description: 'Connection', required: true, contentTypes: ['application/json', 'text/json'], schema: { kind: 'ref', name: 'Conn' } },
            responses: [
              { status: '200', description: 'OK', contentTypes: ['application/json'], schema: { kind: 'ref', name: 'Conn' } },
              { status: '204', description: 'No Content', contentTypes: [] },
            ],
          },
        ],
      },
    ],
    [
      'Swagger: formData parameters are an object body, a file binary; produces from the document',
      {
        format: 'swagger',
        given: {
          '/api/v1/Contact/{contactId}/Image': {
            put: {
              consumes: ['image/png', 'multipart/form-data'],
              parameters: [
                { name: 'contactId', in: 'path', required: true, type: 'integer', format: 'int32' },
                { name: 'image', in: 'formData', description: 'Bitmap', required: true, type: 'file' },
              ],
              responses: { '200': { description: 'blob id', schema: { type: 'integer', format: 'int32' } } },
            },
          },
        },
        extra: { produces: ['application/json', 'text/json'] },
        want: [
          {
            verb: 'PUT',
            path: '/api/v1/Contact/{contactId}/Image',
            parameters: [{ name: 'contactId', in: 'path', required: true, schema: { kind: 'scalar', type: 'integer', format: 'int32' } }],
            body: {
              required: true,
              contentTypes: ['multipart/form-data'],
              schema: { kind: 'object', properties: [{ name: 'image', required: true, description: 'Bitmap', schema: { kind: 'scalar', type: 'string', format: 'binary' } }] },
            },
            responses: [{ status: '200', description: 'blob id', contentTypes: ['application/json', 'text/json'], schema: { kind: 'scalar', type: 'integer', format: 'int32' } }],
          },
        ],
      },
    ],
    [
      'OpenAPI: path-level parameters merged, the operation redefining one; references to components followed',
      {
        format: 'openapi',
        given: {
          '/api/v1/Contact/{id}': {
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'integer', format: 'int32' } },
              { name: 'v', in: 'query', schema: { type: 'string' } },
            ],
            put: {
              parameters: [{ $ref: '#/components/parameters/Lang' }, { name: 'v', in: 'query', required: true, schema: { type: 'integer', format: 'int32' } }],
              requestBody: { $ref: '#/components/requestBodies/Contact' },
              responses: { '200': { $ref: '#/components/responses/Ok' } },
            },
            delete: { responses: { '204': { description: 'No Content' } } },
          },
        },
        extra: {
          components: {
            parameters: { Lang: { name: 'SO-Language', in: 'header', schema: { type: 'string' } } },
            requestBodies: { Contact: { required: true, content: { 'application/json': { schema: { type: 'string' } } } } },
            responses: { Ok: { description: 'OK' } },
          },
        },
        want: [
          {
            verb: 'PUT',
            path: '/api/v1/Contact/{id}',
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { kind: 'scalar', type: 'integer', format: 'int32' } },
              { name: 'SO-Language', in: 'header', required: false, schema: { kind: 'scalar', type: 'string' } },
              { name: 'v', in: 'query', required: true, schema: { kind: 'scalar', type: 'integer', format: 'int32' } },
            ],
            body: { required: true, contentTypes: ['application/json'], schema: { kind: 'scalar', type: 'string' } },
            responses: [{ status: '200', description: 'OK', contentTypes: [] }],
          },
          {
            verb: 'DELETE',
            path: '/api/v1/Contact/{id}',
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { kind: 'scalar', type: 'integer', format: 'int32' } },
              { name: 'v', in: 'query', required: false, schema: { kind: 'scalar', type: 'string' } },
            ],
            responses: [{ status: '204', description: 'No Content', contentTypes: [] }],
          },
        ],
      },
    ],
    [
      'OpenAPI: media types with different schemas keep the others as variants; a binary download',
      {
        format: 'openapi',
        given: {
          '/api/v1/Blob/{id}/Content': {
            get: {
              responses: {
                '200': {
                  description: 'bytes',
                  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } }, 'application/json': { schema: { type: 'string', format: 'byte' } } },
                },
              },
            },
          },
        },
        want: [
          {
            verb: 'GET',
            path: '/api/v1/Blob/{id}/Content',
            parameters: [],
            responses: [
              {
                status: '200',
                description: 'bytes',
                contentTypes: ['application/octet-stream', 'application/json'],
                schema: { kind: 'scalar', type: 'string', format: 'byte' },
                variants: [{ contentType: 'application/octet-stream', schema: { kind: 'scalar', type: 'string', format: 'binary' } }],
              },
            ],
          },
        ],
      },
    ],
  ];
  test.each(cases)('%s', (_name, { format, given, extra, want }) => {
    const { definition, diagnostics } = read(withPaths(format, given, extra));
    expect(diagnostics).toEqual([]);
    expect(bare(definition.operations)).toEqual(want);
  });
});

describe('every element names its file, line and JSON pointer', () => {
  // Lines by hand: the fixture is laid out one member per line.
  const openapi = readFileSync(path.join(fixtures, 'sources-openapi.json'), 'utf8');
  const swagger = readFileSync(path.join(fixtures, 'sources-swagger.json'), 'utf8');
  const at = (line: number, pointer: string, column?: number) => ({ ...src, line, ...(column === undefined ? {} : { column }), pointer });
  const cases: Array<[string, { given: string; pick: (d: RestDefinitionFacts) => unknown; want: unknown }]> = [
    ['an operation', { given: openapi, pick: (d) => d.operations[0]!.source, want: at(5, '/paths/~1api~1v1~1Agents~1ErpSync~1SaveConnection/post') }],
    ['its parameter', { given: openapi, pick: (d) => d.operations[0]!.parameters[0]!.source, want: at(9, '/paths/~1api~1v1~1Agents~1ErpSync~1SaveConnection/post/parameters/0') }],
    ['the parameter schema', { given: openapi, pick: (d) => d.operations[0]!.parameters[0]!.schema.source, want: at(13, '/paths/~1api~1v1~1Agents~1ErpSync~1SaveConnection/post/parameters/0/schema') }],
    ['its body', { given: openapi, pick: (d) => d.operations[0]!.body!.source, want: at(16, '/paths/~1api~1v1~1Agents~1ErpSync~1SaveConnection/post/requestBody') }],
    ['the body schema', { given: openapi, pick: (d) => d.operations[0]!.body!.schema.source, want: at(19, '/paths/~1api~1v1~1Agents~1ErpSync~1SaveConnection/post/requestBody/content/application~1json/schema') }],
    ['a response', { given: openapi, pick: (d) => d.operations[0]!.responses[0]!.source, want: at(24, '/paths/~1api~1v1~1Agents~1ErpSync~1SaveConnection/post/responses/204') }],
    ['a named schema', { given: openapi, pick: (d) => d.schemas[0]!.schema.source, want: at(33, '/components/schemas/Conn') }],
    ['a property, its name escaped', { given: openapi, pick: (d) => (d.schemas[0]!.schema as Extract<RestSchema, { kind: 'object' }>).properties[1]!.source, want: at(39, '/components/schemas/Conn/properties/a~1b~0c') }],
    ['an item schema', { given: openapi, pick: (d) => ((d.schemas[0]!.schema as Extract<RestSchema, { kind: 'object' }>).properties[1]!.schema as Extract<RestSchema, { kind: 'array' }>).items.source, want: at(41, '/components/schemas/Conn/properties/a~1b~0c/items') }],
    // A file on one line (the Swagger files of the docs repository): the column tells elements apart.
    ['Swagger on one line: the operation', { given: swagger, pick: (d) => d.operations[0]!.source, want: at(1, '/paths/~1a/post', 40) }],
    ['Swagger on one line: the body', { given: swagger, pick: (d) => d.operations[0]!.body!.source, want: at(1, '/paths/~1a/post/parameters/0', 55) }],
    ['Swagger on one line: a definition', { given: swagger, pick: (d) => d.schemas[0]!.schema.source, want: at(1, '/definitions/X', 186) }],
  ];
  test.each(cases)('%s', (_name, { given, pick, want }) => {
    const { definition, diagnostics } = read(given);
    expect(diagnostics).toEqual([]);
    expect(pick(definition)).toEqual(want);
  });

  test('the facts are plain data: they survive a structured clone (worker threads) and v8 serialisation (the cache) unchanged', () => {
    const { definition } = read(openapi);
    expect(structuredClone(definition)).toEqual(definition);
    expect(v8.deserialize(v8.serialize(definition))).toEqual(definition);
    expect(JSON.parse(JSON.stringify(definition))).toEqual(definition);
  });

  test('a well-formed definition reads without a diagnostic: the model decides what it generates', () => {
    expect(read(openapi).all).toEqual([]);
  });
});

interface Want {
  code: string;
  line: number;
  /** The JSON pointer of the value the diagnostic is about. */
  pointer: string;
  message: RegExp;
}

describe('bad input: reported at its line and pointer, the rest of the file read', () => {
  const deep = (levels: number) => {
    let schema = '{"type":"string"}';
    for (let i = 0; i < levels; i++) schema = `{"type":"array","items":${schema}}`;
    return schema;
  };
  // Each given has a good operation `/ok` (or a good schema `Good`) beside the bad part, which must still be read.
  const cases: Array<[string, { given: string; want: Want[]; check?: (d: RestDefinitionFacts) => void }]> = [
    [
      'a $ref to a schema the file does not have',
      {
        given: '{"openapi":"3.0.0","paths":{},\n"components":{"schemas":{\n"A":{"type":"object","properties":{\n"B":{"$ref":"#/components/schemas/Missing"}}},\n"Good":{"type":"string"}}}}',
        want: [{ code: 'rest-definition-invalid', line: 4, pointer: '/components/schemas/A/properties/B/$ref', message: /'#\/components\/schemas\/Missing' names no schema of this file: read as any/ }],
        check: (d) => expect(bare(d.schemas.map((s) => s.schema))).toEqual([{ kind: 'object', properties: [{ name: 'B', required: false, schema: { kind: 'any' } }] }, { kind: 'scalar', type: 'string' }]),
      },
    ],
    [
      "a Swagger $ref written the OpenAPI way (not this file's schemas)",
      {
        given: '{"swagger":"2.0","paths":{},\n"definitions":{"A":{"$ref":"#/components/schemas/A"},\n"Good":{"type":"string"}}}',
        want: [{ code: 'rest-definition-invalid', line: 2, pointer: '/definitions/A/$ref', message: /is not a schema under \/definitions of this file/ }],
      },
    ],
    [
      'a $ref to another file and one to a URL, never fetched',
      {
        given: '{"openapi":"3.0.0","paths":{},"components":{"schemas":{\n"A":{"$ref":"other.json#/components/schemas/A"},\n"B":{"$ref":"https://example.com/s.json"},\n"Good":{"type":"string"}}}}',
        want: [
          { code: 'unsupported-schema', line: 2, pointer: '/components/schemas/A/$ref', message: /'other\.json#\/components\/schemas\/A' refers to another file or a URL, which is never fetched/ },
          { code: 'unsupported-schema', line: 3, pointer: '/components/schemas/B/$ref', message: /refers to another file or a URL/ },
        ],
        check: (d) => expect(d.schemas.map((s) => s.schema.kind)).toEqual(['any', 'any', 'scalar']),
      },
    ],
    [
      'an inheritance cycle A → B → A through allOf: the edge closing it is cut',
      {
        given:
          '{"openapi":"3.0.0","paths":{},"components":{"schemas":{\n"A":{"allOf":[{"$ref":"#/components/schemas/B"}],"properties":{"a":{"type":"string"}}},\n"B":{"allOf":[{"$ref":"#/components/schemas/A"}],"properties":{"b":{"type":"string"}}},\n"Good":{"type":"string"}}}}',
        want: [{ code: 'rest-definition-invalid', line: 3, pointer: '/components/schemas/B', message: /inheritance cycle A → B → A: the base of 'B' is left out/ }],
        check: (d) => expect(d.schemas.map((s) => (s.schema.kind === 'object' ? s.schema.base ?? null : s.schema.kind))).toEqual(['B', null, 'scalar']),
      },
    ],
    [
      'a schema that is itself through aliases (A = B, B = A), and one that extends itself',
      {
        given:
          '{"swagger":"2.0","paths":{},"definitions":{\n"A":{"$ref":"#/definitions/B"},\n"B":{"$ref":"#/definitions/A"},\n"Self":{"allOf":[{"$ref":"#/definitions/Self"}],"properties":{"x":{"type":"string"}}},\n"Good":{"type":"string"}}}',
        want: [
          { code: 'rest-definition-invalid', line: 3, pointer: '/definitions/B', message: /\$ref cycle A → B → A: 'B' is read as any/ },
          { code: 'rest-definition-invalid', line: 4, pointer: '/definitions/Self', message: /inheritance cycle Self → Self/ },
        ],
        check: (d) => expect(d.schemas.map((s) => s.schema.kind)).toEqual(['ref', 'any', 'object', 'scalar']),
      },
    ],
    [
      'a schema nested 10,000 levels deep: cut at the bound, reported once',
      {
        given: `{"openapi":"3.0.0","paths":{},"components":{"schemas":{\n"Deep":${deep(10_000)},\n"Good":{"type":"string"}}}}`,
        want: [{ code: 'unsupported-schema', line: 2, pointer: `/components/schemas/Deep${'/items'.repeat(65)}`, message: /nested more than 64 levels deep: cut here/ }],
        check: (d) => expect(d.schemas[1]).toMatchObject({ name: 'Good', schema: { kind: 'scalar' } }),
      },
    ],
    [
      'an operation without responses',
      {
        given: '{"openapi":"3.0.0","paths":{\n"/a":{"get":{"operationId":"a"}},\n"/ok":{"get":{"responses":{"204":{"description":"No Content"}}}}}}',
        want: [{ code: 'rest-definition-invalid', line: 2, pointer: '/paths/~1a/get', message: /an operation without responses: read with none/ }],
        check: (d) => expect(d.operations.map((o) => [o.path, o.responses.length])).toEqual([['/a', 0], ['/ok', 1]]),
      },
    ],
    [
      'non-objects where objects belong: an operation, a parameter, properties, a schema, responses',
      {
        given: [
          '{"swagger":"2.0","paths":{',
          '"/a":{"get":"nope"},',
          '"/b":{"get":{"parameters":[42,{"name":"q","in":"query","type":"string"}],"responses":[]}},',
          '"/ok":{"get":{"responses":{"204":{"description":"No Content"}}}}},',
          '"definitions":{"P":{"type":"object","properties":["x"]},',
          '"Q":{"type":"object","properties":{"x":"string"}},',
          '"Good":{"type":"string"}}}',
        ].join('\n'),
        want: [
          { code: 'rest-definition-invalid', line: 2, pointer: '/paths/~1a/get', message: /the GET operation is a string, not an object: left out/ },
          { code: 'rest-definition-invalid', line: 3, pointer: '/paths/~1b/get/parameters/0', message: /a parameter is a number, not an object: left out/ },
          { code: 'rest-definition-invalid', line: 3, pointer: '/paths/~1b/get/responses', message: /'responses' is an array, not an object: left out/ },
          { code: 'rest-definition-invalid', line: 5, pointer: '/definitions/P/properties', message: /'properties' is an array, not an object: left out/ },
          { code: 'rest-definition-invalid', line: 6, pointer: '/definitions/Q/properties/x', message: /a schema is a string, not an object: read as any/ },
        ],
        check: (d) => {
          expect(d.operations.map((o) => [o.path, o.parameters.map((p) => p.name)])).toEqual([['/b', ['q']], ['/ok', []]]);
          expect(d.schemas.map((s) => s.name)).toEqual(['P', 'Q', 'Good']);
        },
      },
    ],
    [
      'paths that are not an object, a definition without paths',
      {
        given: '{"openapi":"3.0.0",\n"paths":[],"components":{"schemas":{"Good":{"type":"string"}}}}',
        want: [{ code: 'rest-definition-invalid', line: 2, pointer: '/paths', message: /'paths' is an array, not an object/ }],
        check: (d) => expect(d.schemas.map((s) => s.name)).toEqual(['Good']),
      },
    ],
    [
      'a parameter $ref to nothing, and oneOf (not read)',
      {
        given:
          '{"openapi":"3.0.0","paths":{"/ok":{"get":{\n"parameters":[{"$ref":"#/components/parameters/Nope"}],\n"responses":{"200":{"description":"OK","content":{"application/json":{"schema":{\n"oneOf":[{"type":"string"},{"type":"integer"}]}}}}}}}}}',
        want: [
          { code: 'rest-definition-invalid', line: 2, pointer: '/paths/~1ok/get/parameters/0/$ref', message: /'#\/components\/parameters\/Nope' names nothing in this file: a parameter left out/ },
          { code: 'unsupported-schema', line: 4, pointer: '/paths/~1ok/get/responses/200/content/application~1json/schema/oneOf', message: /'oneOf' is not read: the schema is read as any/ },
        ],
        check: (d) => expect(bare(d.operations[0]!.responses[0]!.schema)).toEqual({ kind: 'any' }),
      },
    ],
  ];
  test.each(cases)('%s', (_name, { given, want, check }) => {
    const started = performance.now();
    const { definition, diagnostics } = read(given);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(diagnostics.map((d) => ({ code: d.code, line: d.line, pointer: d.pointer }))).toEqual(
      want.map(({ code, line, pointer }) => ({ code, line, pointer })),
    );
    diagnostics.forEach((d, i) => {
      expect(d.file).toBe('d.json');
      expect(d.message).toMatch(want[i]!.message);
    });
    check?.(definition);
  });

  test('a definition file of 50 MB is refused by the input reader before any parse', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rest-definition-'));
    const file = path.join(dir, 'huge.json');
    const head = '{"openapi":"3.0.0","paths":{},"x-pad":"';
    writeFileSync(file, head + 'a'.repeat(50 * 1024 * 1024 - head.length - 2) + '"}');
    const started = performance.now();
    const result = await ingestFile(listInputs([file]).files[0]!);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.facts.kind).toBe('skipped');
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['file-too-large', 1]]);
  });

  test('JSON nested 10,000 levels deep that does not close is malformed-json, not a stack overflow', () => {
    const result = readJsonFile('d.json', `{"openapi":"3.0.0","paths":{},"x":${'['.repeat(10_000)}`);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['malformed-json']);
  });
});

describe('parseLocatedJson: one pass, values with their offsets', () => {
  test.each<[string, { given: string; want: unknown }]>([
    ['numbers as written', { given: '[9007199254740993, -0.5e10, 0]', want: [new JsonNumber('9007199254740993'), new JsonNumber('-0.5e10'), new JsonNumber('0')] }],
    ['escapes decoded', { given: '["a\\u0026b\\n", "\\"q\\""]', want: ['a&b\n', '"q"'] }],
  ])('%s', (_name, { given, want }) => {
    const parsed = parseLocatedJson(given);
    expect('problem' in parsed).toBe(false);
    if ('problem' in parsed) return;
    const value = parsed.value as { length: number; item(i: number): unknown };
    expect(Array.from({ length: value.length }, (_, i) => value.item(i))).toEqual(want);
  });

  test('members keep order and offsets; a repeated name answers its last value, as JSON.parse does', () => {
    const parsed = parseLocatedJson('{"b": 1,\n "a": {"x": true}, "b": "last"}');
    if ('problem' in parsed) throw new Error('not parsed');
    const node = parsed.value as JsonObjectNode;
    expect(node.keysList()).toEqual(['b', 'a', 'b']);
    expect(node.get('b')).toBe('last');
    expect(node.valueOffset(1)).toBe(15);
    expect((node.get('a') as JsonObjectNode).offset).toBe(15);
  });

  test('nesting 100,000 deep is read (the parser keeps its own stack)', () => {
    const parsed = parseLocatedJson('['.repeat(100_000) + ']'.repeat(100_000));
    expect('problem' in parsed).toBe(false);
  });

  test.each([
    ['{"a": 1,}', 1],
    ['{"a":\n "x\ny"}', 2],
    ['{"a":\n\n 01}', 3],
    ['[1 2]', 1],
    ['{"a": tru}', 1],
    ['"\t"', 1],
    ['{} x', 1],
    ['{"a": "\\x"}', 1],
  ])('%j is refused with its line', (given, line) => {
    const parsed = parseLocatedJson(given);
    expect('problem' in parsed && parsed.problem.line).toBe(line);
  });

  test('a byte order mark is skipped', () => {
    const parsed = parseLocatedJson('\uFEFF{"a": 1}');
    expect('problem' in parsed ? parsed.problem : (parsed.value as JsonObjectNode).keysList()).toEqual(['a']);
  });
});

