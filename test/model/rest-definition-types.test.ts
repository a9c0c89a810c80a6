import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/facts/diagnostics.js';
import type { RestDefinitionFacts, RestSchema } from '../../src/facts/file-facts.js';
import type { TypeDef } from '../../src/model/api-model.js';
import { cleanDescription, RestTypes, scalarRef } from '../../src/model/rest-definition-types.js';

const source = { file: 'd.json', line: 1, pointer: '/x' };
const scalar = (type: 'string' | 'integer' | 'number' | 'boolean', format?: string): RestSchema => ({ kind: 'scalar', type, ...(format ? { format } : {}), source });
const ref = (name: string): RestSchema => ({ kind: 'ref', name, source });
const object = (properties: Array<[string, RestSchema]>): RestSchema => ({
  kind: 'object',
  properties: properties.map(([name, schema]) => ({ name, required: false, schema, source })),
  source,
});
const definition = (schemas: Array<[string, RestSchema]>): RestDefinitionFacts => ({
  format: 'openapi',
  formatVersion: '3.0.1',
  title: 't',
  operations: [],
  schemas: schemas.map(([name, schema]) => ({ name, schema })),
});
const noTwins = () => undefined;

describe('JSON scalars as XML Schema types', () => {
  const cases: Array<[string, { given: [string, string | undefined]; want: string }]> = [
    ['int32', { given: ['integer', 'int32'], want: 'xs:int' }],
    ['int64 (a bigint, never rounded)', { given: ['integer', 'int64'], want: 'xs:long' }],
    ['an integer of no format holds any size', { given: ['integer', undefined], want: 'xs:long' }],
    ['double', { given: ['number', 'double'], want: 'xs:double' }],
    ['decimal', { given: ['number', 'decimal'], want: 'xs:decimal' }],
    ['date-time', { given: ['string', 'date-time'], want: 'xs:dateTime' }],
    ['byte (base64 in JSON)', { given: ['string', 'byte'], want: 'xs:base64Binary' }],
    ['uuid is text', { given: ['string', 'uuid'], want: 'xs:string' }],
    ['boolean', { given: ['boolean', undefined], want: 'xs:boolean' }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => expect(scalarRef(given[0], given[1])).toBe(want));
});

describe('named schemas become model types', () => {
  const build = (schemas: Array<[string, RestSchema]>, twins: (ref: string) => TypeDef | undefined = noTwins) => {
    const diagnostics: Diagnostic[] = [];
    const types = new RestTypes([{ file: 'd.json', definition: definition(schemas) }], twins, diagnostics);
    return { types, diagnostics, refOf: (name: string) => types.refOf('d.json', ref(name), name) };
  };

  test('a schema keeps its last name; two that end alike keep their carrier namespace too', () => {
    const { refOf } = build([
      ['SuperOffice.CRM.Services.ErpConnection', object([])],
      ['SuperOffice.WebApi.v1.Carriers.PersonCarriers.MoveRequest', object([])],
      ['SuperOffice.WebApi.v1.Carriers.AppointmentCarriers.MoveRequest', object([])],
    ]);
    expect(refOf('SuperOffice.CRM.Services.ErpConnection')).toBe('tns:ErpConnection');
    expect(refOf('SuperOffice.WebApi.v1.Carriers.PersonCarriers.MoveRequest')).toBe('tns:PersonCarriers_MoveRequest');
    expect(refOf('SuperOffice.WebApi.v1.Carriers.AppointmentCarriers.MoveRequest')).toBe('tns:AppointmentCarriers_MoveRequest');
  });

  test('nullability: silent definitions follow .NET (reference types may be null, value types not)', () => {
    const { types, refOf } = build([
      ['N.Thing', object([['Name', scalar('string')], ['Count', scalar('integer', 'int32')], ['When', scalar('string', 'date-time')], ['Items', { kind: 'array', items: scalar('string'), source }], ['Self', ref('N.Thing')]])],
    ]);
    const def = types.types.get(refOf('N.Thing'))!;
    expect(def.fields!.map((f) => [f.name, f.type, f.nillable])).toEqual([
      ['Name', 'xs:string', true],
      ['Count', 'xs:int', false],
      ['When', 'xs:dateTime', false],
      ['Items', 'tns:ArrayOfstring', true],
      // A schema that refers to itself is one type, not an endless one.
      ['Self', 'tns:Thing', true],
    ]);
  });

  test('the WSDL twin decides what the definition leaves open, and its flags type is kept for a string', () => {
    const flags: TypeDef = { ref: 'tns:ETableRight', name: 'ETableRight', namespace: 'urn:w', kind: 'flags', values: [{ name: 'Select', sources: [] }], sources: [] };
    const twin: TypeDef = {
      ref: 'tns:TableRight',
      name: 'TableRight',
      namespace: 'urn:w',
      kind: 'complex',
      fields: [
        { name: 'Mask', type: 'tns:ETableRight', minOccurs: 0, maxOccurs: 1, nillable: false, sources: [] },
        { name: 'Reason', type: 'xs:string', minOccurs: 0, maxOccurs: 1, nillable: false, sources: [] },
      ],
      sources: [],
    };
    const wsdl = new Map([flags, twin].map((t) => [t.ref, t]));
    const { types, refOf } = build([['SuperOffice.CRM.Security.TableRight', object([['Mask', scalar('string')], ['Reason', scalar('string')]])]], (r) => wsdl.get(r));
    const def = types.types.get(refOf('SuperOffice.CRM.Security.TableRight'))!;
    expect(def.fields!.map((f) => [f.name, f.type, f.nillable])).toEqual([
      ['Mask', 'tns:ETableRight', false],
      ['Reason', 'xs:string', false],
    ]);
    expect(types.types.get('tns:ETableRight')!.kind).toBe('flags');
  });

  test('inline enums: the same values under one name are one type, other values get a number', () => {
    const { types } = build([]);
    const a: RestSchema = { kind: 'enum', type: 'string', values: ['A', 'B'], source };
    const b: RestSchema = { kind: 'enum', type: 'string', values: ['A', 'C'], source };
    expect(types.refOf('d.json', a, 'Result', undefined)).toBe('tns:Result');
    expect(types.refOf('d.json', a, 'Result', undefined)).toBe('tns:Result');
    expect(types.refOf('d.json', b, 'Result', undefined)).toBe('tns:Result2');
  });

  test('the same schema in two files that differ: the first stands, what only the second has is added, the difference reported where the second says it', () => {
    const diagnostics: Diagnostic[] = [];
    const one = definition([['N.Thing', object([['A', scalar('string')]])]]);
    const two = definition([['N.Thing', object([['A', scalar('integer', 'int32')], ['B', scalar('string')]])]]);
    const types = new RestTypes([{ file: 'one.json', definition: one }, { file: 'two.json', definition: two }], noTwins, diagnostics);
    types.refOf('one.json', ref('N.Thing'), 'x');
    types.refOf('two.json', ref('N.Thing'), 'x');
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['source-disagreement', expect.stringMatching(/^schema N\.Thing differs from its definition at d\.json:1 \(property A is xs:int here, xs:string there; property B only here\); that one is kept, with B added from here$/)],
    ]);
    expect(types.types.get('tns:Thing')!.fields!.map((f) => [f.name, f.type])).toEqual([
      ['A', 'xs:string'],
      ['B', 'xs:string'],
    ]);
  });
});

describe('descriptions are .NET doc comments flattened: the text stays, the markup goes', () => {
  const cases: Array<[string, { given: string; want: string }]> = [
    ['paragraph breaks', { given: 'One.\r\n<para />Two.', want: 'One.\n\nTwo.' }],
    ['a see link keeps its text', { given: 'From the <see cref="T:SuperOffice.CRM.Services.IErpSyncAgent">ErpSync Agent</see>.', want: 'From the ErpSync Agent.' }],
    ['a bare see names the type', { given: 'See <see cref="T:SuperOffice.CRM.Services.Person" />.', want: 'See Person.' }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => expect(cleanDescription(given)).toBe(want));
});
