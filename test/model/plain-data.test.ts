import { describe, expect, test } from 'vitest';
import { copyPlain, sameWireShape } from '../../src/model/plain-data.js';

describe('copyPlain', () => {
  test('copies deeply, as structuredClone does, keeping properties set to undefined', () => {
    const given = { name: 'A', fields: [{ name: 'x', type: 'xs:int', description: undefined }], sources: [{ file: 'a.xml', line: 1 }], base: null };
    const copy = copyPlain(given);
    expect(copy).toStrictEqual(structuredClone(given));
    expect('description' in copy.fields[0]!).toBe(true);
    copy.fields[0]!.type = 'xs:string';
    copy.sources.push({ file: 'b.xml', line: 2 });
    expect(given.fields[0]!.type).toBe('xs:int');
    expect(given.sources).toHaveLength(1);
  });
});

describe('sameWireShape', () => {
  const field = { name: 'x', type: 'xs:int', minOccurs: 0, sources: [{ file: 'a.xml', line: 1 }] };
  const cases: Array<[string, { given: [unknown, unknown]; want: boolean }]> = [
    ['equal', { given: [field, { ...field }], want: true }],
    ['other sources and prose', { given: [field, { ...field, sources: [], description: 'Says so.' }], want: true }],
    ['a property set to undefined', { given: [field, { ...field, nillable: undefined }], want: true }],
    ['a changed value', { given: [field, { ...field, minOccurs: 1 }], want: false }],
    ['an extra property', { given: [field, { ...field, nillable: true }], want: false }],
    ['a missing property', { given: [{ ...field, nillable: true }, field], want: false }],
    ['fields in another order', { given: [[field, { ...field, name: 'y' }], [{ ...field, name: 'y' }, field]], want: false }],
    ['a shorter list', { given: [[field, field], [field]], want: false }],
    ['a list against an object', { given: [[field], { 0: field }], want: false }],
    ['an object against a list', { given: [{ 0: field }, [field]], want: false }],
    ['null against an object', { given: [{ base: null }, { base: {} }], want: false }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => {
    expect(sameWireShape(given[0], given[1])).toBe(want);
  });
});
