import { describe, expect, test } from 'vitest';
import { JsonNumber, parseJson } from '../../src/runtime/json.js';
import { callRest, encodeRestRequest, fromJson, restHeaders, toJson, type RestOperation } from '../../src/runtime/rest.js';
import type { WireSchema } from '../../src/runtime/schema.js';

const schema: WireSchema = {
  ns: {},
  types: {
    'tns:Thing': ['c', '', [['Id', 'xs:int', 1], ['Big', 'xs:long', 1], ['Money', 'xs:decimal', 1], ['When', 'xs:dateTime', 1], ['Flags', 'tns:F', 1], ['Bytes', 'xs:base64Binary', 3], ['Map', 'tns:D', 3]]],
    'tns:F': ['f'],
    'tns:D': ['d', 'P', 'Key', 'xs:string', 'Value', 'xs:int', 2],
  },
};

describe('JSON keeps numbers exact', () => {
  test.each([
    ['big integers', '9007199254740993', new JsonNumber('9007199254740993')],
    ['decimals', '[0.1, -1e5]', [new JsonNumber('0.1'), new JsonNumber('-1e5')]],
    ['escapes', '"a\\u00e9\\n\\"b"', 'aé\n"b'],
    ['objects', '{"a": {"b": [true, null]}}', { a: { b: [true, null] } }],
  ])('%s', (_name, text, want) => expect(parseJson(text)).toEqual(want));
  test.each(['{', '[1,]', '"\u0001"', '01', '{"a":1} x', 'nul'])('rejects %j', (text) => expect(() => parseJson(text)).toThrow(/malformed JSON/));
  test('__proto__ keys stay plain data', () => {
    const value = parseJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(value)).toEqual(['__proto__']);
  });
});

describe('REST bodies by wire type', () => {
  const thing = { Id: 1, Big: 9007199254740993n, Money: '12345678901234567890.125', When: new Date('2026-01-02T03:04:05Z'), Flags: ['A', 'B'], Bytes: new Uint8Array([1, 2, 3]), Map: { k: 4 } };
  const text = '{"Id":1,"Big":9007199254740993,"Money":12345678901234567890.125,"When":"2026-01-02T03:04:05.000Z","Flags":"A, B","Bytes":"AQID","Map":{"k":4}}';
  test('encodes bigints and decimals as exact number text', () => expect(toJson(schema, thing, 'tns:Thing', 0, 'x')).toBe(text));
  test('decodes them back to the same values', () => expect(fromJson(schema, { value: parseJson(text), marked: false }, 'tns:Thing', 'x')).toEqual(thing));

  const op: RestOperation = {
    verb: 'POST',
    path: 'api/v1/Agents/A/M',
    body: 'object',
    params: [['Id', 'xs:int', 1, 'q', 'id'], ['Thing', 'tns:Thing', 3, 'b', 'Thing']],
    result: null,
    resultFlags: 0,
    select: true,
  };
  test('query parameters, $select and the body object', () => {
    expect(encodeRestRequest(schema, op, { Id: 5, Thing: { Id: 2 }, $select: ['Name', 'Id'] })).toEqual({ path: 'api/v1/Agents/A/M?id=5&$select=Name%2CId', body: '{"Thing":{"Id":2}}' });
    expect(encodeRestRequest(schema, { ...op, body: 'value' }, { Thing: { Id: 2 } })).toEqual({ path: 'api/v1/Agents/A/M', body: '{"Id":2}' });
  });
  test.each([
    [{ accessToken: 'tok' }, 'Bearer tok'],
    [{ ticket: '7T:x' }, 'SoTicket 7T:x'],
    [{ basicAuth: { username: 'ü', password: 'p:w' } }, `Basic ${Buffer.from('ü:p:w').toString('base64')}`],
  ])('Authorization for %j', (auth, want) => expect(restHeaders({ baseUrl: 'x', ...auth }, false)['Authorization']).toBe(want));
});

describe('an answer is read exactly where its type can hold an xs:long or xs:decimal, and by JSON.parse alone elsewhere', () => {
  const nested: WireSchema = {
    ns: {},
    types: {
      'tns:Outer': ['c', '', [['Items', 'tns:ArrayOfInner', 3], ['Count', 'xs:int', 1]]],
      'tns:ArrayOfInner': ['a', 'Inner', 'tns:Inner', 3],
      'tns:Inner': ['c', '', [['Totals', 'tns:Totals', 3]]],
      'tns:Totals': ['d', 'P', 'Key', 'xs:string', 'Value', 'tns:Amount', 2],
      'tns:Amount': ['s', 'xs:decimal'],
      'tns:Plain': ['c', '', [['Count', 'xs:int', 1], ['Ratio', 'xs:double', 1], ['Name', 'xs:string', 3]]],
    },
  };
  const call = (result: string, answer: string) => {
    const op: RestOperation = { verb: 'POST', path: 'api/v1/Agents/A/M', body: 'none', params: [], result, resultFlags: 2, select: false };
    const fetch = (async () => new Response(answer, { status: 200, headers: { 'content-type': 'application/json' } })) as typeof globalThis.fetch;
    return callRest({ baseUrl: 'http://x', fetch }, nested, op, {}, undefined);
  };
  test.each<[string, { type: string; given: string; want: unknown }]>([
    ['a decimal as a simple type in a dictionary of an array item keeps its digits', { type: 'tns:Outer', given: '{"Items":[{"Totals":{"a":12345678901234567890.125,"b":0.1000000000000000055}}],"Count":1}', want: { Items: [{ Totals: { a: '12345678901234567890.125', b: '0.1000000000000000055' } }], Count: 1 } }],
    ['a type of ints, doubles and strings reads as JSON.parse does', { type: 'tns:Plain', given: '{"Count":-0,"Ratio":0.1,"Name":"\\u00e6"}', want: { Count: 0, Ratio: 0.1, Name: 'æ' } }],
    ['a string with a NUL escape in such a type stays the string', { type: 'tns:Plain', given: '{"Name":"\\u0000123"}', want: { Name: '\u0000123' } }],
  ])('%s', async (_name, { type, given, want }) => {
    expect(await call(type, given)).toEqual(want);
  });
});
