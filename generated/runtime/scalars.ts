import { DecodeError, EncodeError } from './errors.js';

/**
 * Scalars as the SDK types them: int-like and floating types are `number`, `xs:long` is `bigint`
 * (no precision lost past 2^53), `xs:decimal` is a `string` holding the decimal text (no binary
 * rounding), `xs:dateTime` is a `Date`, `xs:base64Binary` a `Uint8Array`, the rest `string`.
 */
const INTEGERS: Record<string, [number, number]> = {
  'xs:int': [-2147483648, 2147483647],
  'xs:short': [-32768, 32767],
  'xs:byte': [-128, 127],
  'xs:unsignedInt': [0, 4294967295],
  'xs:unsignedShort': [0, 65535],
  'xs:unsignedByte': [0, 255],
  'ser:char': [0, 65535],
};
const BIG = new Set(['xs:long', 'xs:unsignedLong']);
const FLOATS = new Set(['xs:double', 'xs:float']);
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DOUBLE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** `xs:dateTime`: the zone is optional; a time without one is read as UTC, so a reading never depends on the machine. */
const DATE_TIME = /^(-?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The calendar checks Date() leaves out: it rolls 2026-02-30 over into March. */
function validDateTime(m: RegExpExecArray): boolean {
  const year = Number(m[1]);
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !leap)) return false;
  if (hour > 24 || minute > 59 || second > 59 || (hour === 24 && (minute > 0 || second > 0 || /[1-9]/.test(m[7] ?? '')))) return false;
  return m[9] === undefined || (Number(m[10]) <= 59 && Number(m[9]) * 60 + Number(m[10]) <= 14 * 60);
}

export function encodeScalar(value: unknown, primitive: string, where: string): string {
  if (primitive === 'xs:boolean') {
    if (typeof value !== 'boolean') throw new EncodeError(`${where}: expected a boolean`);
    return value ? 'true' : 'false';
  }
  const range = INTEGERS[primitive];
  if (range) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) {
      throw new EncodeError(`${where}: expected an integer for ${primitive}`);
    }
    return String(value);
  }
  if (BIG.has(primitive)) {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    throw new EncodeError(`${where}: expected a bigint for ${primitive}`);
  }
  if (FLOATS.has(primitive)) {
    if (typeof value !== 'number') throw new EncodeError(`${where}: expected a number`);
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'INF' : '-INF';
    return String(value);
  }
  if (primitive === 'xs:decimal') {
    const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
    if (typeof text !== 'string' || !DECIMAL.test(text)) throw new EncodeError(`${where}: expected decimal text`);
    return text;
  }
  if (primitive === 'xs:dateTime') {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new EncodeError(`${where}: expected a valid Date`);
    return value.toISOString();
  }
  if (primitive === 'xs:base64Binary') {
    if (!(value instanceof Uint8Array)) throw new EncodeError(`${where}: expected a Uint8Array`);
    return toBase64(value);
  }
  if (typeof value !== 'string') throw new EncodeError(`${where}: expected a string`);
  return value;
}

export function decodeScalar(text: string, primitive: string, where: string): unknown {
  const trimmed = text.trim();
  if (primitive === 'xs:boolean') {
    if (trimmed === 'true' || trimmed === '1') return true;
    if (trimmed === 'false' || trimmed === '0') return false;
    throw new DecodeError(`${where}: '${trimmed}' is not a boolean`);
  }
  const range = INTEGERS[primitive];
  if (range) {
    const n = Number(trimmed);
    if (!/^[+-]?\d+$/.test(trimmed) || n < range[0] || n > range[1]) throw new DecodeError(`${where}: '${trimmed}' is not an integer of ${primitive}`);
    // '-0' is zero: a number keeps the sign, and -0 is not what anyone sent.
    return n + 0;
  }
  if (BIG.has(primitive)) {
    if (!/^[+-]?\d+$/.test(trimmed)) throw new DecodeError(`${where}: '${trimmed}' is not an integer`);
    const n = BigInt(trimmed.replace(/^\+/, ''));
    if (n < (primitive === 'xs:long' ? -(2n ** 63n) : 0n) || n >= (primitive === 'xs:long' ? 2n ** 63n : 2n ** 64n)) throw new DecodeError(`${where}: ${trimmed} is out of range for ${primitive}`);
    return n;
  }
  if (FLOATS.has(primitive)) {
    if (trimmed === 'INF' || trimmed === '+INF') return Infinity;
    if (trimmed === '-INF') return -Infinity;
    if (trimmed === 'NaN') return NaN;
    // Number() would also take '0x1F', 'Infinity' and '1_0'-free oddities that are not XML Schema doubles.
    if (!DOUBLE.test(trimmed)) throw new DecodeError(`${where}: '${trimmed}' is not a number`);
    return Number(trimmed);
  }
  if (primitive === 'xs:decimal') {
    if (!DECIMAL.test(trimmed)) throw new DecodeError(`${where}: '${trimmed}' is not a decimal`);
    return trimmed;
  }
  if (primitive === 'xs:dateTime') {
    // Date() reads a time without a zone as local time, and takes forms XML Schema does not.
    const m = DATE_TIME.exec(trimmed);
    const date = m && validDateTime(m) ? new Date(m[8] === undefined ? `${trimmed}Z` : trimmed) : undefined;
    if (date === undefined || Number.isNaN(date.getTime())) throw new DecodeError(`${where}: '${trimmed}' is not a dateTime`);
    return date;
  }
  if (primitive === 'xs:base64Binary') return fromBase64(trimmed, where);
  return text;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string, where: string): Uint8Array {
  try {
    // XML's whitespace only: \s would also take a no-break space, which is no part of base64.
    const binary = atob(text.replace(/[\t\n\r ]+/g, ''));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    throw new DecodeError(`${where}: not base64`);
  }
}
