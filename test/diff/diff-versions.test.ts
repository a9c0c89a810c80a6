import { describe, expect, test } from 'vitest';
import type { ApiVersion, Method, TypeDef } from '../../src/model/api-model.js';
import { diffVersions } from '../../src/diff/diff-versions.js';
import { formatMarkdown } from '../../src/diff/format-markdown.js';

const at = [{ file: 'f', line: 1 }];
const param = (name: string, type = 'xs:int', minOccurs = 0, nillable = false) => ({ name, type, minOccurs, maxOccurs: 1, nillable, sources: at });
const method = (name: string, params = [param('Id')], returns: string | null = 'xs:boolean', extra: Partial<Method> = {}): Method => ({
  name,
  params,
  returns: returns ? { name: 'Response', type: returns, minOccurs: 0, nillable: false, position: 0, sources: at } : null,
  outParams: [],
  docPages: [],
  samples: [],
  sources: at,
  ...extra,
});
const complex = (name: string, fields: Array<[string, string, number?, boolean?]>, base?: string): TypeDef => ({
  ref: `tns:${name}`,
  name,
  namespace: 'urn:x',
  kind: 'complex',
  ...(base ? { base } : {}),
  fields: fields.map(([n, t, min = 0, nil = false]) => ({ name: n, type: t, minOccurs: min, maxOccurs: 1, nillable: nil, sources: at })),
  sources: at,
});
const enumType = (name: string, values: string[]): TypeDef => ({ ref: `tns:${name}`, name, namespace: 'urn:x', kind: 'enum', values: values.map((v) => ({ name: v, sources: at })), sources: at });
const version = (methods: Method[], types: TypeDef[] = [], agents = ['A']): ApiVersion => ({
  name: 'Services90',
  kind: 'soap',
  namespaces: {},
  agents: agents.map((a) => ({ name: a, path: 'p', methods, sources: at })),
  types,
});

type Want = Array<Record<string, unknown>>;
const cases: Array<[string, { given: [ApiVersion, ApiVersion]; want: Want }]> = [
  ['nothing changed', { given: [version([method('M')]), version([method('M')])], want: [] }],
  ['agent added and removed', { given: [version([], [], ['A']), version([], [], ['B'])], want: [{ change: 'removed', what: 'agent', agent: 'A', breaking: true }, { change: 'added', what: 'agent', agent: 'B', breaking: false }] }],
  ['method added is safe, removed breaks', { given: [version([method('Old')]), version([method('New')])], want: [{ change: 'added', what: 'method', name: 'New', breaking: false }, { change: 'removed', what: 'method', name: 'Old', breaking: true }] }],
  ['optional parameter added', { given: [version([method('M')]), version([method('M', [param('Id'), param('Extra')])])], want: [{ change: 'added', what: 'param', name: 'M.Extra', breaking: false }] }],
  ['required parameter added', { given: [version([method('M')]), version([method('M', [param('Id'), param('Extra', 'xs:int', 1)])])], want: [{ change: 'added', what: 'param', name: 'M.Extra', breaking: true }] }],
  ['parameter removed', { given: [version([method('M', [param('Id'), param('Gone')])]), version([method('M')])], want: [{ change: 'removed', what: 'param', name: 'M.Gone', breaking: true }] }],
  ['parameter type changed', { given: [version([method('M')]), version([method('M', [param('Id', 'xs:long')])])], want: [{ change: 'changed', what: 'param', aspect: 'type', from: 'xs:int', to: 'xs:long', breaking: true }] }],
  ['parameters reordered: the SDK takes an object', { given: [version([method('M', [param('A'), param('B')])]), version([method('M', [param('B'), param('A')])])], want: [{ change: 'changed', what: 'param', aspect: 'order', from: 'A, B', to: 'B, A', breaking: false }] }],
  ['parameter made required', { given: [version([method('M')]), version([method('M', [param('Id', 'xs:int', 1)])])], want: [{ change: 'changed', what: 'param', aspect: 'optional', breaking: true }] }],
  ['parameter made nillable', { given: [version([method('M')]), version([method('M', [param('Id', 'xs:int', 0, true)])])], want: [{ change: 'changed', what: 'param', aspect: 'optional', breaking: false }] }],
  ['return type changed', { given: [version([method('M')]), version([method('M', [param('Id')], 'xs:int')])], want: [{ change: 'changed', what: 'return', from: 'xs:boolean', to: 'xs:int', breaking: true }] }],
  ['method now returns nothing', { given: [version([method('M')]), version([method('M', [param('Id')], null)])], want: [{ change: 'changed', what: 'return', to: 'void', breaking: true }] }],
  ['type added, removed', { given: [version([], [complex('Old', [])]), version([], [complex('New', [])])], want: [{ change: 'added', what: 'type', type: 'New', breaking: false }, { change: 'removed', what: 'type', type: 'Old', breaking: true }] }],
  ['base type changed', { given: [version([], [complex('T', [], 'tns:A')]), version([], [complex('T', [], 'tns:B')])], want: [{ change: 'changed', what: 'type', aspect: 'base', from: 'tns:A', to: 'tns:B', breaking: true }] }],
  ['optional field added', { given: [version([], [complex('T', [['F', 'xs:int']])]), version([], [complex('T', [['F', 'xs:int'], ['G', 'xs:string']])])], want: [{ change: 'added', what: 'field', type: 'T', name: 'G', to: 'xs:string', breaking: false }] }],
  ['required field added', { given: [version([], [complex('T', [])]), version([], [complex('T', [['G', 'xs:int', 1]])])], want: [{ change: 'added', what: 'field', name: 'G', breaking: true }] }],
  ['field removed', { given: [version([], [complex('T', [['F', 'xs:int']])]), version([], [complex('T', [])])], want: [{ change: 'removed', what: 'field', name: 'F', breaking: true }] }],
  ['field type changed', { given: [version([], [complex('T', [['F', 'xs:int']])]), version([], [complex('T', [['F', 'xs:string']])])], want: [{ change: 'changed', what: 'field', aspect: 'type', breaking: true }] }],
  ['field made nillable', { given: [version([], [complex('T', [['F', 'xs:int']])]), version([], [complex('T', [['F', 'xs:int', 0, true]])])], want: [{ change: 'changed', what: 'field', aspect: 'nillable', breaking: true }] }],
  ['enum value added and removed', { given: [version([], [enumType('E', ['A', 'B'])]), version([], [enumType('E', ['A', 'C'])])], want: [{ change: 'removed', what: 'enum-value', type: 'E', name: 'B', breaking: true }, { change: 'added', what: 'enum-value', type: 'E', name: 'C', breaking: false }] }],
  ...restCases(),
];

/** A REST version with an agent `Contact` of one method and entity resources of these names and methods. */
function withResource(names: string[], methods = ['Get']): ApiVersion {
  const v = version([method('M')], [], ['Contact']);
  v.kind = 'rest';
  v.resources = names.map((name) => ({ name, path: `api/v1/${name}`, methods: methods.map((m) => method(m, [{ ...param('id', 'xs:int', 1), in: 'path' } as Method['params'][number]])), sources: at }));
  return v;
}

/** REST methods: the wire the SDK hides (verb, path, where a parameter travels) against the arguments it shapes. */
function restCases(): Array<[string, { given: [ApiVersion, ApiVersion]; want: Want }]> {
  const rest = (binding: Partial<NonNullable<Method['rest']>> = {}, params: Method['params'] = [{ ...param('Id'), in: 'body' }]) =>
    version([method('M', params, 'xs:boolean', { rest: { verb: 'POST', path: 'api/v1/Agents/A/M', body: 'object', select: false, ...binding } })]);
  const query = (wireName?: string): Method['params'] => [{ ...param('Id'), in: 'query', ...(wireName ? { wireName } : {}) }];
  return [
    ['REST: nothing changed', { given: [rest(), rest()], want: [] }],
    ['REST: the endpoint moved (the SDK calls the new one)', { given: [rest(), rest({ verb: 'PUT', path: 'api/v1/Agents/A/M2' })], want: [{ what: 'method', aspect: 'endpoint', from: 'POST api/v1/Agents/A/M', to: 'PUT api/v1/Agents/A/M2', breaking: false }] }],
    ['REST: the body became the value itself (the arguments change)', { given: [rest(), rest({ body: 'value' })], want: [{ what: 'method', aspect: 'body', from: 'object', to: 'value', breaking: true }] }],
    ['REST: $select taken away breaks, offered does not', { given: [rest({ select: true }), rest()], want: [{ what: 'method', aspect: 'select', from: '$select', to: 'none', breaking: true }] }],
    ['REST: $select offered', { given: [rest(), rest({ select: true })], want: [{ what: 'method', aspect: 'select', breaking: false }] }],
    ['REST: a parameter moved from the body to the query string', { given: [rest(), rest({ body: 'object' }, query())], want: [{ what: 'param', aspect: 'wire', name: 'M.Id', from: 'body', to: 'query Id', breaking: false }] }],
    ['REST: a query parameter renamed on the wire', { given: [rest({}, query()), rest({}, query('id'))], want: [{ what: 'param', aspect: 'wire', from: 'query Id', to: 'query id', breaking: false }] }],
    ['REST: the answer became raw bytes', { given: [rest(), rest({ response: 'binary' })], want: [{ what: 'return', aspect: 'format', from: 'json', to: 'binary', breaking: true }] }],
    ['REST: declared headers changed', { given: [rest({ headers: ['SO-AppToken'] }), rest({ headers: ['SO-AppToken', 'SO-Language'] })], want: [{ what: 'method', aspect: 'headers', breaking: false }] }],
    ['REST entity API: a resource removed breaks, under its class name', { given: [withResource(['Contact']), withResource([])], want: [{ change: 'removed', what: 'resource', agent: 'ContactRestApi', breaking: true }] }],
    ['REST entity API: a resource added', { given: [withResource([]), withResource(['Contact'])], want: [{ change: 'added', what: 'resource', agent: 'ContactRestApi', breaking: false }] }],
    [
      'REST entity API: an operation of a resource removed, apart from the agent of the same name',
      { given: [withResource(['Contact'], ['Get', 'Put']), withResource(['Contact'], ['Get'])], want: [{ change: 'removed', what: 'method', agent: 'ContactRestApi', name: 'Put', breaking: true }] },
    ],
  ];
}

describe('diffVersions', () => {
  test.each(cases)('%s', (_name, { given, want }) => {
    const changes = diffVersions(given[0], given[1]);
    expect(changes).toHaveLength(want.length);
    want.forEach((w, i) => expect(changes[i]).toMatchObject(w));
  });

  test('description changes only with --docs, never breaking', () => {
    const a = version([method('M', [param('Id')], 'xs:boolean', { description: 'old' })]);
    const b = version([method('M', [param('Id')], 'xs:boolean', { description: 'new' })]);
    expect(diffVersions(a, b)).toEqual([]);
    expect(diffVersions(a, b, { docs: true })).toEqual([{ change: 'changed', what: 'method', agent: 'A', name: 'M', aspect: 'description', from: 'old', to: 'new', breaking: false }]);
  });

  test('markdown lists changes per agent and types, marking breaking ones', () => {
    const md = formatMarkdown({ from: 'X', to: 'Y', changes: diffVersions(version([method('Old')]), version([method('New')])) });
    expect(md).toBe('# API changes: X → Y\n\n2 changes, 1 breaking.\n\n## Agent A\n\n### Added\n\n- method `New` added\n\n### Removed\n\n- **breaking** method `Old` removed\n');
  });
});
