import { describe, expect, test } from 'vitest';
import { DecodeError, NetServerError } from '../../src/runtime/errors.js';
import type { SoapOperation, WireSchema } from '../../src/runtime/schema.js';
import { decodeResponse } from '../../src/runtime/soap.js';

/**
 * The streaming reader where it is bounded or safer than the tree decoder it replaced: the
 * differential test pins everything else against that decoder.
 */
const schema: WireSchema = {
  ns: { tns: 'urn:tns' },
  types: {
    'tns:Node': ['c', '', [['Name', 'xs:string', 3], ['Child', 'tns:Node', 3]]],
    'tns:Odd': ['c', '', [['constructor', 'xs:string', 3], ['__proto__', 'xs:string', 3], ['toString', 'xs:int', 1]]],
    'tns:Map': ['d', 'Pair', 'Key', 'xs:string', 'Value', 'xs:int', 2],
    'tns:Two': ['c', '', [['A', 'xs:int', 1], ['B', 'xs:int', 1]]],
  },
};
const op = (type: string): SoapOperation => ({
  action: 'urn:tns/Get',
  request: 'tns:Get',
  params: [],
  response: 'tns:GetResponse',
  results: [['Response', type, 3]],
  result: 'Response',
  headers: [],
});
const answer = (body: string, header = '') =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><s:Header>${header}</s:Header><s:Body><GetResponse xmlns="urn:tns">${body}</GetResponse></s:Body></s:Envelope>`;
const failure = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('bounded: deep nesting and big texts', () => {
  test('a known type nested 10,000 deep is a DecodeError naming where, not a stack overflow', () => {
    const xml = answer(`<Response>${'<Child>'.repeat(10_000)}${'</Child>'.repeat(10_000)}</Response>`);
    const error = failure(() => decodeResponse(schema, op('tns:Node'), xml, 200));
    expect(error).toBeInstanceOf(DecodeError);
    // Envelope, Body, GetResponse and Response are four levels: the 509th Child is the 513th.
    expect(error.message).toMatch(/^GetResponse\.Response(\.Child){509}: nested more than 512 elements deep$/);
  });

  test('unknown elements nested 10,000 deep are skipped', () => {
    const xml = answer(`<Response><Name>n</Name>${'<X>'.repeat(10_000)}${'</X>'.repeat(10_000)}</Response>`);
    expect(decodeResponse(schema, op('tns:Node'), xml, 200)).toEqual({ Name: 'n' });
  });

  test('an ExceptionInfo nested 10,000 deep is read, its inner exceptions cut at 32', () => {
    const inner = `${'<InnerException><Message>m</Message>'.repeat(10_000)}${'</InnerException>'.repeat(10_000)}`;
    const error = failure(() => decodeResponse(schema, op('tns:Node'), answer('', `<ExceptionInfo xmlns="urn:tns"><Message>top</Message>${inner}</ExceptionInfo>`), 200));
    expect(error).toBeInstanceOf(NetServerError);
    let depth = 0;
    for (let e = (error as NetServerError).inner; e; e = e.inner) depth++;
    expect(depth).toBe(32);
  });

  test('a tag of 20,000 attributes before a long text is read in one pass (no scan per attribute)', () => {
    const xml = answer(`<Response ${'a="1" '.repeat(20_000)}><Name>${'x'.repeat(2 ** 20)}</Name></Response>`);
    expect((decodeResponse(schema, op('tns:Node'), xml, 200) as { Name: string }).Name.length).toBe(2 ** 20);
  });

  test('a 50 MB text node is one string value', () => {
    const big = 'abcdefghijklmnopqrstuvwxyz&amp;'.repeat((50 * 2 ** 20) / 31);
    const value = decodeResponse(schema, op('tns:Node'), answer(`<Response><Name>${big}</Name></Response>`), 200) as { Name: string };
    expect(value.Name.length).toBe((big.length / 31) * 27);
    expect(value.Name.slice(0, 30)).toBe('abcdefghijklmnopqrstuvwxyz&abc');
  });

  test('a text cut off inside a 50 MB text node is malformed, at the end', () => {
    const xml = `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetResponse xmlns="urn:tns"><Response><Name>${'x'.repeat(50 * 2 ** 20)}`;
    expect(failure(() => decodeResponse(schema, op('tns:Node'), xml, 200)).message).toBe(`malformed XML at offset ${xml.length}: <Name> is never closed`);
  });
});

describe('names and keys that are Object.prototype members stay data', () => {
  test.each<[string, { given: string; want: Array<[string, unknown]> }]>([
    ['fields named constructor, __proto__ and toString', { given: '<constructor>c</constructor><__proto__>p</__proto__><toString>3</toString>', want: [['constructor', 'c'], ['__proto__', 'p'], ['toString', 3]] }],
    ['the first of two such fields counts', { given: '<constructor>c</constructor><constructor>d</constructor>', want: [['constructor', 'c']] }],
  ])('%s', (_name, { given, want }) => {
    const value = decodeResponse(schema, op('tns:Odd'), answer(`<Response>${given}</Response>`), 200) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.entries(value)).toEqual(want);
  });

  test('a dictionary key __proto__ is an entry, not a prototype', () => {
    const value = decodeResponse(schema, op('tns:Map'), answer('<Response><Pair><Key>__proto__</Key><Value>1</Value></Pair><Pair><Key>b</Key><Value>2</Value></Pair></Response>'), 200) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'b']);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe(1);
  });
});

describe('where a value does not fit', () => {
  test('of two values that do not fit, the earlier field in the schema is reported, wherever the text puts it', () => {
    const error = failure(() => decodeResponse(schema, op('tns:Two'), answer('<Response><B>x</B><A>y</A></Response>'), 200));
    expect(error.message).toBe("GetResponse.Response.A: 'y' is not an integer of xs:int");
  });

  test.each<[string, { given: string; want: string }]>([
    ['a field', { given: '<Child><Child><Name i:nil="true"/></Child></Child>', want: '' }],
    ['a dictionary value whose key comes after it', { given: '<Pair><Value>x</Value><Key>late</Key></Pair>', want: `GetResponse.Response["late"]: 'x' is not an integer of xs:int` }],
    ['an entry without a key, whatever its value', { given: '<Pair><Value>x</Value></Pair>', want: 'GetResponse.Response: dictionary entry without <Key>' }],
  ])('%s', (_name, { given, want }) => {
    const type = given.startsWith('<Pair>') ? 'tns:Map' : 'tns:Node';
    const run = () => decodeResponse(schema, op(type), answer(`<Response>${given}</Response>`), 200);
    if (want === '') expect(run()).toEqual({ Child: { Child: { Name: null } } });
    else expect(failure(run).message).toBe(want);
  });
});
