import { stringLiteral } from './safe-identifier.js';

/**
 * What the generated sample tests expect of one scalar, worked out from the sample's text by rules
 * written from XML Schema and the README's type table, sharing no code with the runtime's codecs: a
 * runtime bug and its test must disagree.
 *
 * - `literal`: the TypeScript expression of the value the SDK types it as (also the argument a test passes);
 * - `xml`: the exact text a correct SOAP client sends for that value;
 * - `json`: the exact JSON token a correct REST client sends for it.
 */
export interface ScalarExpectation {
  literal: string;
  xml: string;
  json: string;
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
// A year of more than four digits has no leading zero (XML Schema 1.1, yearFrag): '02024' is no year.
const DATE_TIME = /^(-?(?:[1-9]\d{4,}|\d{4}))-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const INTEGER_TYPES = new Set(['xs:int', 'xs:short', 'xs:byte', 'xs:unsignedInt', 'xs:unsignedShort', 'xs:unsignedByte', 'ser:char', 'xs:integer']);
const BIG_TYPES = new Set(['xs:long', 'xs:unsignedLong']);
/**
 * The value spaces of the bounded integer types (XML Schema 1.1 §3.4): text outside them is no value of
 * the type, and a decoder must refuse it ('2147483648' is no xs:int, '-1' no xs:unsignedInt).
 */
const INTEGER_RANGES: Record<string, [bigint, bigint]> = {
  'xs:byte': [-128n, 127n],
  'xs:short': [-32768n, 32767n],
  'xs:int': [-2147483648n, 2147483647n],
  'ser:char': [-2147483648n, 2147483647n],
  'xs:long': [-9223372036854775808n, 9223372036854775807n],
  'xs:unsignedByte': [0n, 255n],
  'xs:unsignedShort': [0n, 65535n],
  'xs:unsignedInt': [0n, 4294967295n],
  'xs:unsignedLong': [0n, 18446744073709551615n],
};

function inRange(value: bigint, primitive: string): boolean {
  const range = INTEGER_RANGES[primitive];
  return range === undefined || (value >= range[0] && value <= range[1]);
}

/**
 * The value a decoder must give for `text` of the primitive, or undefined where it must refuse it.
 * Text of string-like primitives (string, guid, duration, anyURI, enum names) is taken as it is.
 */
export function expectScalar(text: string, primitive: string): ScalarExpectation | undefined {
  const trimmed = text.trim();
  if (primitive === 'xs:boolean') {
    const value = trimmed === 'true' || trimmed === '1' ? true : trimmed === 'false' || trimmed === '0' ? false : undefined;
    return value === undefined ? undefined : { literal: String(value), xml: String(value), json: String(value) };
  }
  if (INTEGER_TYPES.has(primitive)) {
    if (!INTEGER.test(trimmed)) return undefined;
    const value = BigInt(trimmed.replace(/^\+/, ''));
    if (!inRange(value, primitive)) return undefined;
    const canonical = value.toString();
    return { literal: canonical, xml: canonical, json: canonical };
  }
  if (BIG_TYPES.has(primitive)) {
    if (!INTEGER.test(trimmed)) return undefined;
    const value = BigInt(trimmed.replace(/^\+/, ''));
    if (!inRange(value, primitive)) return undefined;
    const canonical = value.toString();
    return { literal: `${canonical}n`, xml: canonical, json: canonical };
  }
  if (primitive === 'xs:double' || primitive === 'xs:float') return expectDouble(trimmed);
  if (primitive === 'xs:decimal') {
    if (!DECIMAL.test(trimmed)) return undefined;
    return { literal: stringLiteral(trimmed), xml: trimmed, json: jsonDecimal(trimmed) };
  }
  if (primitive === 'xs:dateTime') {
    const iso = instantOf(trimmed);
    return iso === undefined ? undefined : { literal: `new Date(${stringLiteral(iso)})`, xml: iso, json: JSON.stringify(iso) };
  }
  if (primitive === 'xs:base64Binary') {
    const bytes = base64Bytes(text);
    if (bytes === undefined) return undefined;
    const canonical = Buffer.from(bytes).toString('base64');
    return { literal: bytesLiteral(bytes), xml: canonical, json: JSON.stringify(canonical) };
  }
  return { literal: stringLiteral(text), xml: text, json: JSON.stringify(text) };
}

function expectDouble(trimmed: string): ScalarExpectation | undefined {
  const special: Record<string, [string, string]> = {
    INF: ['Number.POSITIVE_INFINITY', 'INF'],
    '+INF': ['Number.POSITIVE_INFINITY', 'INF'],
    '-INF': ['Number.NEGATIVE_INFINITY', '-INF'],
    NaN: ['Number.NaN', 'NaN'],
  };
  const named = special[trimmed];
  if (named) return { literal: named[0], xml: named[1], json: JSON.stringify(named[1]) };
  if (!DOUBLE.test(trimmed)) return undefined;
  const n = Number(trimmed);
  // A double too large for its binary form is infinite, as XML Schema rounds it.
  if (!Number.isFinite(n)) return expectDouble(n > 0 ? 'INF' : '-INF');
  const text = Object.is(n, -0) ? '0' : String(n);
  return { literal: Object.is(n, -0) ? '-0' : text, xml: text, json: text };
}

/** A decimal as a JSON number token: JSON has no `+`, no bare `.5`, no `5.` and no leading zeros. */
function jsonDecimal(text: string): string {
  let t = text.replace(/^\+/, '');
  const negative = t.startsWith('-');
  if (negative) t = t.slice(1);
  // '007.5' is a decimal but no JSON number (RFC 8259 forbids leading zeros): the token is '7.5'.
  t = t.replace(/^0+(?=\d)/, '');
  if (t.startsWith('.')) t = `0${t}`;
  if (t.endsWith('.')) t = t.slice(0, -1);
  return negative ? `-${t}` : t;
}

/**
 * The instant an `xs:dateTime` names, as `YYYY-MM-DDTHH:MM:SS.sssZ`; a time without a zone is read
 * as UTC (the README's rule), fractions past milliseconds are cut.
 */
export function instantOf(text: string): string | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 24 || minute > 59 || second > 59) return undefined;
  if (hour === 24 && (minute !== 0 || second !== 0 || /[1-9]/.test(m[7] ?? ''))) return undefined;
  // Cut the fraction's digits, not a binary number: Number('0.9999999999999999') * 1000 rounds up to
  // 1000, which moved '…:00.9999999999999999' to the next second.
  const millis = Number(`${(m[7] ?? '').slice(1)}000`.slice(0, 3));
  const zone = m[8] ?? 'Z';
  // A zone's minutes are 00–59 (XML Schema 1.1, timezoneFrag): '+01:60' is no zone.
  if (zone !== 'Z' && Number(zone.slice(4, 6)) > 59) return undefined;
  const offsetMinutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  if (Math.abs(offsetMinutes) > 14 * 60) return undefined;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute - offsetMinutes, second, millis);
  return Number.isNaN(utc.getTime()) ? undefined : utc.toISOString();
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const BASE64_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Forgiving base64 (whitespace ignored, padding optional), or undefined for text that is not base64. */
export function base64Bytes(text: string): Uint8Array | undefined {
  let t = text.replace(/[\t\n\f\r ]+/g, '');
  if (t.length % 4 === 0) t = t.replace(/={1,2}$/, '');
  if (t.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(t)) return undefined;
  const out: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const c of t) {
    buffer = (buffer << 6) | BASE64_DIGITS.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/**
 * A stream's answer as the client hands it over: the bytes of the text served, UTF-8 encoded
 * (a documented `GIF89...` placeholder is such an answer, not base64).
 */
export function rawBytes(text: string): ScalarExpectation {
  const bytes = new TextEncoder().encode(text);
  const base64 = Buffer.from(bytes).toString('base64');
  return { literal: bytesLiteral(bytes), xml: base64, json: JSON.stringify(base64) };
}

/** Bytes as a `Uint8Array` expression: short ones spelled out, longer ones through the test helper. */
function bytesLiteral(bytes: Uint8Array): string {
  if (bytes.length <= 16) return `new Uint8Array([${[...bytes].join(', ')}])`;
  return `bytesOf(${stringLiteral(Buffer.from(bytes).toString('base64'))})`;
}

/** Flag names as a decoder splits them, and as each encoding sends them. */
export function expectFlags(text: string): { literal: string; xml: string; json: string; names: string[] } {
  const names = text.split(/\s+/).filter((n) => n.length > 0);
  return { names, literal: `[${names.map(stringLiteral).join(', ')}]`, xml: names.join(' '), json: JSON.stringify(names.join(', ')) };
}
