import { DecodeError } from './errors.js';

/**
 * JSON with numbers kept as their text, so `xs:long` and `xs:decimal` values survive past 2^53 and
 * past binary fractions. Node 20's JSON.parse cannot hand a reviver the source text, hence this reader.
 */
export type JsonValue = null | boolean | number | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

export class JsonNumber {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
}

/**
 * Marks a number's text where `readJson` hands it over as a string: a JSON string can carry a NUL
 * only escaped, and text with a `\u0000` escape takes the exact reader, so no real string starts so.
 */
export const NUMBER_MARK = '\u0000';

/**
 * A JSON text read for a typed decode, and whether its numbers stand behind `NUMBER_MARK`: where they
 * do not (the exact reader, or JSON.parse alone), a string that starts with a NUL is just that
 * string. The two travel together, so that no decoder reads one reading by the other's rule.
 */
export interface JsonReading {
  readonly value: JsonValue;
  readonly marked: boolean;
}

/**
 * JSON at `JSON.parse` speed, numbers kept exact: an integer of up to 15 digits is exact as a double
 * and comes back as a number; any other number (more digits, a fraction, an exponent: an `xs:long`
 * past 2^53 or an `xs:decimal` may be one) comes back as its text behind `NUMBER_MARK`, for the
 * decoder to read by its type. Most answers hold no such number and pay one scan of their tokens.
 * With `exactNumbers` false (the answer's type holds no `xs:long` or `xs:decimal`, so a double is
 * exactly what every number becomes) there is no scan: JSON.parse alone.
 */
export function readJson(text: string, exactNumbers = true): JsonReading {
  if (text.includes('\\u0000')) return { value: parseJson(text), marked: false };
  if (!exactNumbers) {
    try {
      return { value: JSON.parse(text) as JsonValue, marked: false };
    } catch {
      return { value: parseJson(text), marked: false };
    }
  }
  let marked = '';
  let last = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      // A string: to the first quote not escaped by an odd run of backslashes.
      for (;;) {
        const quote = text.indexOf('"', i + 1);
        if (quote === -1) {
          i = n;
          break;
        }
        let backslashes = 0;
        while (text.charCodeAt(quote - 1 - backslashes) === 92) backslashes++;
        i = quote;
        if (backslashes % 2 === 0) break;
      }
      i++;
      continue;
    }
    if (c !== 45 /* - */ && !(c >= 48 && c <= 57)) {
      i++;
      continue;
    }
    // A number: -?digits, then .digits and e[+-]digits where digits follow.
    const start = i;
    let j = c === 45 ? i + 1 : i;
    const digits = (from: number) => {
      let k = from;
      while (k < n && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
      return k;
    };
    const intEnd = digits(j);
    if (intEnd === j) {
      i++;
      continue;
    }
    j = intEnd;
    let exact = true;
    if (text.charCodeAt(j) === 46 && digits(j + 1) > j + 1) {
      j = digits(j + 1);
      exact = false;
    }
    const e = text.charCodeAt(j);
    if (e === 101 || e === 69) {
      const sign = text.charCodeAt(j + 1) === 43 || text.charCodeAt(j + 1) === 45 ? j + 2 : j + 1;
      if (digits(sign) > sign) {
        j = digits(sign);
        exact = false;
      }
    }
    i = j;
    // Up to 15 digits (and a sign) an integer is exact as a double.
    if (exact && (j - start <= 15 || (j - start === 16 && c === 45))) continue;
    // Not a JSON number (a leading zero before a digit), or a number where a key belongs: left as it
    // is, so that JSON.parse refuses the text as the exact reader does, instead of a quoted copy passing.
    const lead = c === 45 ? start + 1 : start;
    if (text.charCodeAt(lead) === 48 && intEnd > lead + 1) continue;
    let after = j;
    while (after < n && (text.charCodeAt(after) === 32 || text.charCodeAt(after) === 9 || text.charCodeAt(after) === 10 || text.charCodeAt(after) === 13)) after++;
    if (text.charCodeAt(after) === 58 /* : */) continue;
    // Written as the escape: JSON text may not carry the control character itself.
    marked += `${text.slice(last, start)}"\\u0000${text.slice(start, j)}"`;
    last = j;
  }
  try {
    return { value: JSON.parse(last === 0 ? text : marked + text.slice(last)) as JsonValue, marked: last !== 0 };
  } catch {
    // The exact reader says where the text goes wrong.
    return { value: parseJson(text), marked: false };
  }
}

export function parseJson(text: string): JsonValue {
  let pos = 0;
  const fail = (what: string): never => {
    throw new DecodeError(`malformed JSON at offset ${pos}: ${what}`);
  };
  const space = () => {
    while (pos < text.length && (text[pos] === ' ' || text[pos] === '\n' || text[pos] === '\r' || text[pos] === '\t')) pos++;
  };
  const value = (depth: number): JsonValue => {
    if (depth > 512) fail('nested too deeply');
    space();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const out: { [key: string]: JsonValue } = {};
      space();
      if (text[pos] === '}') return pos++, out;
      for (;;) {
        space();
        if (text[pos] !== '"') fail('expected a key');
        const key = string();
        space();
        if (text[pos++] !== ':') fail('expected ":"');
        Object.defineProperty(out, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') return pos++, out;
        else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      pos++;
      const out: JsonValue[] = [];
      space();
      if (text[pos] === ']') return pos++, out;
      for (;;) {
        out.push(value(depth + 1));
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') return pos++, out;
        else fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    if (text.startsWith('true', pos)) return (pos += 4), true;
    if (text.startsWith('false', pos)) return (pos += 5), false;
    if (text.startsWith('null', pos)) return (pos += 4), null;
    const match = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    match.lastIndex = pos;
    const number = match.exec(text);
    if (!number) return fail('unexpected character');
    pos = match.lastIndex;
    return new JsonNumber(number![0]);
  };
  const string = (): string => {
    pos++;
    let out = '';
    for (;;) {
      const end = text.slice(pos).search(/["\\\u0000-\u001f]/);
      if (end === -1) fail('unterminated string');
      out += text.slice(pos, pos + end);
      pos += end;
      const c = text[pos++];
      if (c === '"') return out;
      if (c !== '\\') fail('control character in string');
      const e = text[pos++];
      if (e === 'u') {
        const hex = text.slice(pos, pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 4;
      } else {
        const simple = ({ '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[e ?? ''];
        if (simple === undefined) fail('bad escape');
        out += simple;
      }
    }
  };
  const result = value(0);
  space();
  if (pos < text.length) fail('text after the value');
  return result;
}
