import { describe, expect, test } from 'vitest';
import { base64Bytes, expectFlags, expectScalar, instantOf, type ScalarExpectation } from '../../src/emit/sample-scalars.js';

// Every `want` below is written by hand from XML Schema 1.1 Part 2 (lexical spaces, whitespace
// collapse, value spaces), RFC 4648 (base64), RFC 8259 (JSON number tokens) and the README's type
// table: nothing is computed by the oracle under test or by the SDK runtime it checks.

/** The expectation of a value that every encoding spells alike. */
const same = (text: string): ScalarExpectation => ({ literal: text, xml: text, json: text });
/** An xs:long / xs:unsignedLong: a bigint literal, digits on the wire and in JSON. */
const big = (digits: string): ScalarExpectation => ({ literal: `${digits}n`, xml: digits, json: digits });
/** An xs:decimal: the TS string of the trimmed text, that text on the SOAP wire, a JSON number token. */
const decimal = (text: string, json: string): ScalarExpectation => ({ literal: `"${text}"`, xml: text, json });
/** An xs:dateTime as the instant in UTC with milliseconds. */
const instant = (iso: string): ScalarExpectation => ({ literal: `new Date("${iso}")`, xml: iso, json: `"${iso}"` });
const POS_INF: ScalarExpectation = { literal: 'Number.POSITIVE_INFINITY', xml: 'INF', json: '"INF"' };
const NEG_INF: ScalarExpectation = { literal: 'Number.NEGATIVE_INFINITY', xml: '-INF', json: '"-INF"' };

describe('expectScalar: what a correct client decodes and sends, per primitive', () => {
  test.each<[string, { given: [text: string, primitive: string]; want: ScalarExpectation | undefined }]>([
    // xs:boolean: {true, false, 1, 0}, whitespace collapsed, case-sensitive; canonical true/false
    ['boolean true', { given: ['true', 'xs:boolean'], want: same('true') }],
    ['boolean false', { given: ['false', 'xs:boolean'], want: same('false') }],
    ['boolean 1 is true', { given: ['1', 'xs:boolean'], want: same('true') }],
    ['boolean 0 is false', { given: ['0', 'xs:boolean'], want: same('false') }],
    ['boolean with surrounding whitespace (collapse)', { given: [' true ', 'xs:boolean'], want: same('true') }],
    ['boolean with line breaks and tabs', { given: ['\n\tfalse\n', 'xs:boolean'], want: same('false') }],
    ['boolean TRUE is refused (case-sensitive)', { given: ['TRUE', 'xs:boolean'], want: undefined }],
    ['boolean yes is refused', { given: ['yes', 'xs:boolean'], want: undefined }],
    ['boolean 01 is refused', { given: ['01', 'xs:boolean'], want: undefined }],
    ['boolean empty is refused', { given: ['', 'xs:boolean'], want: undefined }],

    // integers: optional sign, digits; canonical without sign '+' or leading zeros
    ['int +5', { given: ['+5', 'xs:int'], want: same('5') }],
    ['int -0 is 0', { given: ['-0', 'xs:int'], want: same('0') }],
    ['int 007 is 7', { given: ['007', 'xs:int'], want: same('7') }],
    ['int -12', { given: ['-12', 'xs:int'], want: same('-12') }],
    ['int with whitespace', { given: ['\n 42 \t', 'xs:int'], want: same('42') }],
    ['int 1.0 is refused', { given: ['1.0', 'xs:int'], want: undefined }],
    ['int 1e3 is refused', { given: ['1e3', 'xs:int'], want: undefined }],
    ['int empty is refused', { given: ['', 'xs:int'], want: undefined }],
    ['int with an inner space is refused', { given: ['1 000', 'xs:int'], want: undefined }],
    ['int 0x10 is refused', { given: ['0x10', 'xs:int'], want: undefined }],
    ['int at its top, 2147483647', { given: ['2147483647', 'xs:int'], want: same('2147483647') }],
    ['int at its bottom, -2147483648', { given: ['-2147483648', 'xs:int'], want: same('-2147483648') }],
    ['int 2147483648 is outside xs:int', { given: ['2147483648', 'xs:int'], want: undefined }],
    ['short -32768', { given: ['-32768', 'xs:short'], want: same('-32768') }],
    ['short 32768 is outside xs:short', { given: ['32768', 'xs:short'], want: undefined }],
    ['byte -128', { given: ['-128', 'xs:byte'], want: same('-128') }],
    ['byte 128 is outside xs:byte', { given: ['128', 'xs:byte'], want: undefined }],
    ['unsignedByte 255', { given: ['255', 'xs:unsignedByte'], want: same('255') }],
    ['unsignedByte 256 is outside', { given: ['256', 'xs:unsignedByte'], want: undefined }],
    ['unsignedShort 65535', { given: ['65535', 'xs:unsignedShort'], want: same('65535') }],
    ['unsignedInt 4294967295', { given: ['4294967295', 'xs:unsignedInt'], want: same('4294967295') }],
    ['unsignedInt -0 is zero (a zero may carry -)', { given: ['-0', 'xs:unsignedInt'], want: same('0') }],
    ['unsignedInt -1 is refused', { given: ['-1', 'xs:unsignedInt'], want: undefined }],
    ['integer has no bounds', { given: ['123456789012345678901234567890', 'xs:integer'], want: same('123456789012345678901234567890') }],

    // xs:long / xs:unsignedLong: bigint, every digit kept past 2^53
    ['long past 2^53', { given: ['9007199254740993', 'xs:long'], want: big('9007199254740993') }],
    ['long at its bottom', { given: ['-9223372036854775808', 'xs:long'], want: big('-9223372036854775808') }],
    ['long at its top', { given: ['9223372036854775807', 'xs:long'], want: big('9223372036854775807') }],
    ['long 2^63 is outside xs:long', { given: ['9223372036854775808', 'xs:long'], want: undefined }],
    ['long +0042', { given: ['+0042', 'xs:long'], want: big('42') }],
    ['long -0', { given: ['-0', 'xs:long'], want: big('0') }],
    ['long 1.5 is refused', { given: ['1.5', 'xs:long'], want: undefined }],
    ['unsignedLong 2^64-1', { given: ['18446744073709551615', 'xs:unsignedLong'], want: big('18446744073709551615') }],
    ['unsignedLong 2^64 is outside', { given: ['18446744073709551616', 'xs:unsignedLong'], want: undefined }],

    // xs:double: decimal or exponent forms, INF, +INF (1.1), -INF, NaN; JSON has no INF, so a string
    ['double INF', { given: ['INF', 'xs:double'], want: POS_INF }],
    ['double +INF (XML Schema 1.1)', { given: ['+INF', 'xs:double'], want: POS_INF }],
    ['double -INF', { given: ['-INF', 'xs:double'], want: NEG_INF }],
    ['double NaN', { given: ['NaN', 'xs:double'], want: { literal: 'Number.NaN', xml: 'NaN', json: '"NaN"' } }],
    ['double 1e400 rounds to INF', { given: ['1e400', 'xs:double'], want: POS_INF }],
    ['double -1E400 rounds to -INF', { given: ['-1E400', 'xs:double'], want: NEG_INF }],
    // -0 and 0 are equal doubles (XML Schema 1.1 §3.3.5); the value keeps its sign, the wire sends 0
    ['double -0', { given: ['-0', 'xs:double'], want: { literal: '-0', xml: '0', json: '0' } }],
    ['double 1.50 is 1.5', { given: ['1.50', 'xs:double'], want: same('1.5') }],
    ['double 1.5E3', { given: ['1.5E3', 'xs:double'], want: same('1500') }],
    ['double .5', { given: ['.5', 'xs:double'], want: same('0.5') }],
    ['double 5.', { given: ['5.', 'xs:double'], want: same('5') }],
    ['double -2.5e-3', { given: ['-2.5e-3', 'xs:double'], want: same('-0.0025') }],
    ['double with whitespace', { given: [' 2.25\n', 'xs:double'], want: same('2.25') }],
    ['float 0.5', { given: ['0.5', 'xs:float'], want: same('0.5') }],
    ['double 0x1F is refused', { given: ['0x1F', 'xs:double'], want: undefined }],
    ['double Infinity is refused', { given: ['Infinity', 'xs:double'], want: undefined }],
    ['double inf is refused', { given: ['inf', 'xs:double'], want: undefined }],
    ['double -NaN is refused (NaN has no sign)', { given: ['-NaN', 'xs:double'], want: undefined }],
    ['double 1e is refused', { given: ['1e', 'xs:double'], want: undefined }],
    ['double 1_000 is refused', { given: ['1_000', 'xs:double'], want: undefined }],
    ['double empty is refused', { given: ['', 'xs:double'], want: undefined }],

    // xs:decimal: the text kept (no binary rounding), sent as written, a valid JSON number token
    ['decimal .5', { given: ['.5', 'xs:decimal'], want: decimal('.5', '0.5') }],
    ['decimal +2.50', { given: ['+2.50', 'xs:decimal'], want: decimal('+2.50', '2.50') }],
    ['decimal 7.', { given: ['7.', 'xs:decimal'], want: decimal('7.', '7') }],
    ['decimal -.5', { given: ['-.5', 'xs:decimal'], want: decimal('-.5', '-0.5') }],
    ['decimal with whitespace is trimmed', { given: [' 3.14\n', 'xs:decimal'], want: decimal('3.14', '3.14') }],
    ['decimal past double precision', { given: ['12345678901234567890.125', 'xs:decimal'], want: decimal('12345678901234567890.125', '12345678901234567890.125') }],
    ['decimal 007.50: JSON has no leading zeros', { given: ['007.50', 'xs:decimal'], want: decimal('007.50', '7.50') }],
    ['decimal -00.5', { given: ['-00.5', 'xs:decimal'], want: decimal('-00.5', '-0.5') }],
    ['decimal 000', { given: ['000', 'xs:decimal'], want: decimal('000', '0') }],
    ['decimal 1e3 is refused (no exponent)', { given: ['1e3', 'xs:decimal'], want: undefined }],
    ['decimal . is refused', { given: ['.', 'xs:decimal'], want: undefined }],
    ['decimal 1,5 is refused', { given: ['1,5', 'xs:decimal'], want: undefined }],
    ['decimal INF is refused', { given: ['INF', 'xs:decimal'], want: undefined }],

    // xs:dateTime: an instant; no zone read as UTC (README); fractions past milliseconds cut
    ['dateTime without a zone is UTC', { given: ['2024-01-31T08:00:00', 'xs:dateTime'], want: instant('2024-01-31T08:00:00.000Z') }],
    ['dateTime with Z', { given: ['2024-01-31T08:00:00Z', 'xs:dateTime'], want: instant('2024-01-31T08:00:00.000Z') }],
    ['dateTime +01:00', { given: ['2024-02-01T09:30:00.5+01:00', 'xs:dateTime'], want: instant('2024-02-01T08:30:00.500Z') }],
    ['dateTime +01:00 crossing back into last year', { given: ['2024-01-01T00:30:00+01:00', 'xs:dateTime'], want: instant('2023-12-31T23:30:00.000Z') }],
    ['dateTime -05:30', { given: ['2024-03-10T20:00:00-05:30', 'xs:dateTime'], want: instant('2024-03-11T01:30:00.000Z') }],
    ['dateTime -14:00 (lowest zone)', { given: ['2024-06-15T12:00:00-14:00', 'xs:dateTime'], want: instant('2024-06-16T02:00:00.000Z') }],
    ['dateTime +14:00 (highest zone)', { given: ['2024-06-15T12:00:00+14:00', 'xs:dateTime'], want: instant('2024-06-14T22:00:00.000Z') }],
    ['dateTime +14:01 is refused', { given: ['2024-06-15T12:00:00+14:01', 'xs:dateTime'], want: undefined }],
    ['dateTime -15:00 is refused', { given: ['2024-06-15T12:00:00-15:00', 'xs:dateTime'], want: undefined }],
    ['dateTime +01:60 is refused (zone minutes 00-59)', { given: ['2024-06-15T12:00:00+01:60', 'xs:dateTime'], want: undefined }],
    ['dateTime +0100 is refused', { given: ['2024-06-15T12:00:00+0100', 'xs:dateTime'], want: undefined }],
    ['dateTime 24:00:00 is the next day', { given: ['2024-12-31T24:00:00', 'xs:dateTime'], want: instant('2025-01-01T00:00:00.000Z') }],
    ['dateTime 24:00:00.000Z is the next day', { given: ['2024-02-28T24:00:00.000Z', 'xs:dateTime'], want: instant('2024-02-29T00:00:00.000Z') }],
    ['dateTime 24:00:01 is refused', { given: ['2024-12-31T24:00:01', 'xs:dateTime'], want: undefined }],
    ['dateTime 24:30:00 is refused', { given: ['2024-12-31T24:30:00', 'xs:dateTime'], want: undefined }],
    ['dateTime 24:00:00.5 is refused', { given: ['2024-12-31T24:00:00.5', 'xs:dateTime'], want: undefined }],
    ['dateTime 25:00:00 is refused', { given: ['2024-12-31T25:00:00', 'xs:dateTime'], want: undefined }],
    ['dateTime minute 60 is refused', { given: ['2024-12-31T10:60:00', 'xs:dateTime'], want: undefined }],
    ['dateTime second 60 is refused', { given: ['2024-12-31T10:00:60', 'xs:dateTime'], want: undefined }],
    ['dateTime 2024-02-29 (leap year)', { given: ['2024-02-29T10:00:00Z', 'xs:dateTime'], want: instant('2024-02-29T10:00:00.000Z') }],
    ['dateTime 2000-02-29 (divisible by 400)', { given: ['2000-02-29T00:00:00Z', 'xs:dateTime'], want: instant('2000-02-29T00:00:00.000Z') }],
    ['dateTime 2023-02-29 is refused', { given: ['2023-02-29T10:00:00Z', 'xs:dateTime'], want: undefined }],
    ['dateTime 1900-02-29 is refused (divisible by 100)', { given: ['1900-02-29T00:00:00Z', 'xs:dateTime'], want: undefined }],
    ['dateTime April 31 is refused', { given: ['2024-04-31T00:00:00Z', 'xs:dateTime'], want: undefined }],
    ['dateTime month 13 is refused', { given: ['2024-13-01T00:00:00Z', 'xs:dateTime'], want: undefined }],
    ['dateTime month 00 is refused', { given: ['2024-00-10T00:00:00Z', 'xs:dateTime'], want: undefined }],
    ['dateTime day 00 is refused', { given: ['2024-01-00T00:00:00Z', 'xs:dateTime'], want: undefined }],
    ['dateTime fraction past milliseconds is cut', { given: ['2024-01-01T08:00:00.1234567Z', 'xs:dateTime'], want: instant('2024-01-01T08:00:00.123Z') }],
    ['dateTime .9999999 is cut, not rounded', { given: ['2024-01-01T08:00:00.9999999Z', 'xs:dateTime'], want: instant('2024-01-01T08:00:00.999Z') }],
    ['dateTime .9999999999999999 stays in its second', { given: ['2024-01-01T08:00:00.9999999999999999Z', 'xs:dateTime'], want: instant('2024-01-01T08:00:00.999Z') }],
    ['dateTime .291 is 291 ms', { given: ['2024-01-01T08:00:00.291Z', 'xs:dateTime'], want: instant('2024-01-01T08:00:00.291Z') }],
    ['dateTime .07 is 70 ms', { given: ['2024-01-01T08:00:00.07', 'xs:dateTime'], want: instant('2024-01-01T08:00:00.070Z') }],
    ['dateTime year 0001', { given: ['0001-01-01T00:00:00Z', 'xs:dateTime'], want: instant('0001-01-01T00:00:00.000Z') }],
    ['dateTime year 0099 (not read as 1999)', { given: ['0099-03-01T12:00:00Z', 'xs:dateTime'], want: instant('0099-03-01T12:00:00.000Z') }],
    ['dateTime year 0999', { given: ['0999-12-31T23:59:59', 'xs:dateTime'], want: instant('0999-12-31T23:59:59.000Z') }],
    ['dateTime with surrounding whitespace', { given: ['\n  2024-01-31T08:00:00Z  ', 'xs:dateTime'], want: instant('2024-01-31T08:00:00.000Z') }],
    ['dateTime a five-digit year with a leading zero is refused', { given: ['02024-01-31T08:00:00Z', 'xs:dateTime'], want: undefined }],
    ['dateTime a date alone is refused', { given: ['2024-01-31', 'xs:dateTime'], want: undefined }],
    ['dateTime without seconds is refused', { given: ['2024-01-31T08:00', 'xs:dateTime'], want: undefined }],
    ['dateTime with a space for T is refused', { given: ['2024-01-31 08:00:00', 'xs:dateTime'], want: undefined }],
    ['dateTime a one-digit month is refused', { given: ['2024-1-31T08:00:00', 'xs:dateTime'], want: undefined }],
    ['dateTime lower-case z is refused', { given: ['2024-01-31T08:00:00z', 'xs:dateTime'], want: undefined }],
    ['dateTime in words is refused', { given: ['Jan 31 2024', 'xs:dateTime'], want: undefined }],

    // xs:base64Binary (RFC 4648 §4 alphabet): the bytes; canonical padded base64 on the wire
    ['base64 AQID', { given: ['AQID', 'xs:base64Binary'], want: { literal: 'new Uint8Array([1, 2, 3])', xml: 'AQID', json: '"AQID"' } }],
    ['base64 AQI= (one pad)', { given: ['AQI=', 'xs:base64Binary'], want: { literal: 'new Uint8Array([1, 2])', xml: 'AQI=', json: '"AQI="' } }],
    ['base64 AQI without its pad', { given: ['AQI', 'xs:base64Binary'], want: { literal: 'new Uint8Array([1, 2])', xml: 'AQI=', json: '"AQI="' } }],
    ['base64 AQ without its pads', { given: ['AQ', 'xs:base64Binary'], want: { literal: 'new Uint8Array([1])', xml: 'AQ==', json: '"AQ=="' } }],
    ['base64 whitespace anywhere is ignored', { given: ['\n  AQ\tI D \r\n', 'xs:base64Binary'], want: { literal: 'new Uint8Array([1, 2, 3])', xml: 'AQID', json: '"AQID"' } }],
    ['base64 RFC 4648 "foobar"', { given: ['Zm9vYmFy', 'xs:base64Binary'], want: { literal: 'new Uint8Array([102, 111, 111, 98, 97, 114])', xml: 'Zm9vYmFy', json: '"Zm9vYmFy"' } }],
    ['base64 the top of the alphabet, +/', { given: ['+/8=', 'xs:base64Binary'], want: { literal: 'new Uint8Array([251, 255])', xml: '+/8=', json: '"+/8="' } }],
    ['base64 empty is no bytes', { given: ['', 'xs:base64Binary'], want: { literal: 'new Uint8Array([])', xml: '', json: '""' } }],
    [
      'base64 of 16 bytes is spelled out',
      {
        given: ['/////////////////////w==', 'xs:base64Binary'],
        want: { literal: `new Uint8Array([${Array(16).fill('255').join(', ')}])`, xml: '/////////////////////w==', json: '"/////////////////////w=="' },
      },
    ],
    [
      'base64 of 17 bytes goes through bytesOf, padded',
      {
        given: ['AAAAAAAAAAAAAAAAAAAAAAA', 'xs:base64Binary'],
        want: { literal: 'bytesOf("AAAAAAAAAAAAAAAAAAAAAAA=")', xml: 'AAAAAAAAAAAAAAAAAAAAAAA=', json: '"AAAAAAAAAAAAAAAAAAAAAAA="' },
      },
    ],
    ['base64 length % 4 == 1 is refused', { given: ['AQIDB', 'xs:base64Binary'], want: undefined }],
    ['base64 one character is refused', { given: ['A', 'xs:base64Binary'], want: undefined }],
    ['base64 a character outside the alphabet is refused', { given: ['AQ*D', 'xs:base64Binary'], want: undefined }],
    ['base64url characters are refused', { given: ['AQ-_', 'xs:base64Binary'], want: undefined }],
    ['base64 a pad inside is refused', { given: ['AQ=D', 'xs:base64Binary'], want: undefined }],
    ['base64 three pads are refused', { given: ['AQ===', 'xs:base64Binary'], want: undefined }],
    ['base64 pads alone are refused', { given: ['====', 'xs:base64Binary'], want: undefined }],
    ['base64 a pad on an unpadded length is refused', { given: ['AQ=', 'xs:base64Binary'], want: undefined }],

    // strings and string-like primitives: the text exactly as it is, whitespace included
    ['string kept with its whitespace', { given: ['  two  words \n', 'xs:string'], want: { literal: '"  two  words \\n"', xml: '  two  words \n', json: '"  two  words \\n"' } }],
    ['string empty', { given: ['', 'xs:string'], want: { literal: '""', xml: '', json: '""' } }],
    ['string with quotes and a backslash', { given: ['say "hi" \\', 'xs:string'], want: { literal: '"say \\"hi\\" \\\\"', xml: 'say "hi" \\', json: '"say \\"hi\\" \\\\"' } }],
    ['string with U+2028 stays a valid TS literal', { given: ['a\u2028b', 'xs:string'], want: { literal: '"a\\u2028b"', xml: 'a\u2028b', json: '"a\u2028b"' } }],
    ['string that looks like a number stays a string', { given: ['007', 'xs:string'], want: { literal: '"007"', xml: '007', json: '"007"' } }],
    ['guid kept as written', { given: ['6F9619FF-8B86-D011-B42D-00C04FC964FF', 'ser:guid'], want: { literal: '"6F9619FF-8B86-D011-B42D-00C04FC964FF"', xml: '6F9619FF-8B86-D011-B42D-00C04FC964FF', json: '"6F9619FF-8B86-D011-B42D-00C04FC964FF"' } }],
    ['ser:duration kept as written', { given: ['PT1H2M3S', 'ser:duration'], want: { literal: '"PT1H2M3S"', xml: 'PT1H2M3S', json: '"PT1H2M3S"' } }],
    ['xs:duration kept with its whitespace', { given: [' P1D ', 'xs:duration'], want: { literal: '" P1D "', xml: ' P1D ', json: '" P1D "' } }],
    ['anyURI kept as written', { given: ['https://example.com/a?b=1&c', 'xs:anyURI'], want: { literal: '"https://example.com/a?b=1&c"', xml: 'https://example.com/a?b=1&c', json: '"https://example.com/a?b=1&c"' } }],
  ])('%s', (_name, { given, want }) => {
    expect(expectScalar(...given)).toEqual(want);
  });
});

describe('instantOf: an xs:dateTime as an ISO instant in UTC', () => {
  test.each<[string, { given: string; want: string | undefined }]>([
    ['no zone is UTC', { given: '2026-01-31T08:00:00', want: '2026-01-31T08:00:00.000Z' }],
    ['an offset moves the instant', { given: '2026-02-01T09:30:00.5+01:00', want: '2026-02-01T08:30:00.500Z' }],
    ['-00:00 is UTC', { given: '2026-02-01T09:30:00-00:00', want: '2026-02-01T09:30:00.000Z' }],
    ['24:00:00 rolls over a year end with an offset', { given: '2025-12-31T24:00:00-01:00', want: '2026-01-01T01:00:00.000Z' }],
    ['year 0001 at midnight', { given: '0001-01-01T00:00:00Z', want: '0001-01-01T00:00:00.000Z' }],
    ['Feb 29 of a common year is refused', { given: '2023-02-29T00:00:00Z', want: undefined }],
    ['whitespace is not trimmed here (expectScalar trims)', { given: ' 2026-01-31T08:00:00', want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(instantOf(given)).toBe(want);
  });
});

describe('base64Bytes: forgiving RFC 4648 base64', () => {
  test.each<[string, { given: string; want: number[] | undefined }]>([
    ['RFC 4648 "f"', { given: 'Zg==', want: [102] }],
    ['RFC 4648 "fo"', { given: 'Zm8=', want: [102, 111] }],
    ['RFC 4648 "foo"', { given: 'Zm9v', want: [102, 111, 111] }],
    ['RFC 4648 "foob"', { given: 'Zm9vYg==', want: [102, 111, 111, 98] }],
    ['"fooba" unpadded', { given: 'Zm9vYmE', want: [102, 111, 111, 98, 97] }],
    ['spread over lines', { given: 'Zm9v\r\nYmFy\n', want: [102, 111, 111, 98, 97, 114] }],
    ['empty', { given: '', want: [] }],
    ['whitespace only', { given: ' \n\t', want: [] }],
    ['five characters', { given: 'Zm9vY', want: undefined }],
    ['a dot', { given: 'Zm9v.', want: undefined }],
  ])('%s', (_name, { given, want }) => {
    const bytes = base64Bytes(given);
    expect(bytes === undefined ? undefined : [...bytes]).toEqual(want);
  });
});

describe('expectFlags: flag names split on whitespace, space-separated in SOAP, "A, B" in REST', () => {
  test.each<[string, { given: string; want: { literal: string; xml: string; json: string; names: string[] } }]>([
    ['two flags', { given: 'Read Write', want: { names: ['Read', 'Write'], literal: '["Read", "Write"]', xml: 'Read Write', json: '"Read, Write"' } }],
    ['runs of whitespace and line breaks', { given: '  Read \n\t Write  Delete ', want: { names: ['Read', 'Write', 'Delete'], literal: '["Read", "Write", "Delete"]', xml: 'Read Write Delete', json: '"Read, Write, Delete"' } }],
    ['one flag stays a list', { given: 'Read', want: { names: ['Read'], literal: '["Read"]', xml: 'Read', json: '"Read"' } }],
    ['no flags', { given: '', want: { names: [], literal: '[]', xml: '', json: '""' } }],
    ['whitespace only is no flags', { given: ' \n ', want: { names: [], literal: '[]', xml: '', json: '""' } }],
  ])('%s', (_name, { given, want }) => {
    expect(expectFlags(given)).toEqual(want);
  });
});
