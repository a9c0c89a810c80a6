import { afterEach, describe, expect, test } from 'vitest';
import { DecodeError } from '../../src/runtime/errors.js';
import { toJson } from '../../src/runtime/rest.js';
import { decodeScalar } from '../../src/runtime/scalars.js';

const zone = process.env['TZ'];
afterEach(() => {
  if (zone === undefined) delete process.env['TZ'];
  else process.env['TZ'] = zone;
});

describe('scalars read by XML Schema lexical rules, never by what Date() or Number() happen to take', () => {
  test.each<[string, { given: string; primitive: string; want: unknown }]>([
    ['a dateTime without a zone is UTC, on any machine', { given: '2026-01-31T08:00:00', primitive: 'xs:dateTime', want: '2026-01-31T08:00:00.000Z' }],
    ['a dateTime with an offset', { given: '2026-02-01T09:30:00.5+01:00', primitive: 'xs:dateTime', want: '2026-02-01T08:30:00.500Z' }],
    ['INF', { given: 'INF', primitive: 'xs:double', want: Infinity }],
    ['an exponent', { given: '1.5E3', primitive: 'xs:double', want: 1500 }],
  ])('%s', (_name, { given, primitive, want }) => {
    process.env['TZ'] = 'America/New_York';
    const value = decodeScalar(given, primitive, 'x');
    expect(value instanceof Date ? value.toISOString() : value).toEqual(want);
  });

  test.each([
    ['Jan 31 2026', 'xs:dateTime'],
    ['2026-01-31', 'xs:dateTime'],
    ['0x1F', 'xs:double'],
    ['Infinity', 'xs:double'],
    [' ', 'xs:double'],
  ])('%j is not a %s', (given, primitive) => {
    expect(() => decodeScalar(given, primitive, 'x')).toThrow(DecodeError);
  });

  test.each([
    ['.5', '0.5'],
    ['+2.50', '2.50'],
    ['-.5', '-0.5'],
    ['7.', '7'],
  ])('decimal %j goes into JSON as the number %s', (given, want) => {
    expect(toJson({ ns: {}, types: {} }, given, 'xs:decimal', 0, 'x')).toBe(want);
  });
});

describe('integers outside their type are refused, as a .NET server would refuse them', () => {
  test.each([
    ['2147483648', 'xs:int'],
    ['-1', 'xs:unsignedInt'],
    ['128', 'xs:byte'],
    ['9223372036854775808', 'xs:long'],
    ['18446744073709551616', 'xs:unsignedLong'],
    ['-1', 'xs:unsignedLong'],
  ])('%s as %s', (given, primitive) => {
    expect(() => decodeScalar(given, primitive, 'x')).toThrow(DecodeError);
  });

  test.each([
    ['2147483647', 'xs:int', 2147483647],
    ['-9223372036854775808', 'xs:long', -(2n ** 63n)],
    ['18446744073709551615', 'xs:unsignedLong', 2n ** 64n - 1n],
  ])('%s as %s is the bound itself', (given, primitive, want) => {
    expect(decodeScalar(given, primitive, 'x')).toBe(want);
  });
});

describe('what Date(), \\s and Number() get wrong, refused or normalised', () => {
  test.each(['2026-02-30T08:00:00Z', '2026-04-31T08:00:00Z', '2023-02-29T00:00:00Z', '2026-01-31T08:00:00+15:00', '2026-01-31T08:00:00+01:60', '2026-01-31T24:00:01Z'])('%s is no dateTime', (given) => {
    expect(() => decodeScalar(given, 'xs:dateTime', 'x')).toThrow(DecodeError);
  });
  test('2024-02-29 and 24:00:00 are', () => {
    expect((decodeScalar('2024-02-29T24:00:00Z', 'xs:dateTime', 'x') as Date).toISOString()).toBe('2024-03-01T00:00:00.000Z');
  });
  test("'-0' is the integer 0", () => expect(Object.is(decodeScalar('-0', 'xs:int', 'x'), 0)).toBe(true));
  test('a no-break space is not base64 whitespace', () => expect(() => decodeScalar('AAEC\u00a0Aw==', 'xs:base64Binary', 'x')).toThrow(DecodeError));
  test.each([
    ['007.50', '7.50'],
    ['-007', '-7'],
    ['00.5', '0.5'],
    ['0', '0'],
  ])('decimal %j goes into JSON as %s', (given, want) => expect(toJson({ ns: {}, types: {} }, given, 'xs:decimal', 0, 'x')).toBe(want));
});
