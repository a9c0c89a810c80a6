import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { JsonNumber, NUMBER_MARK, parseJson, readJson as readJsonReading, type JsonValue } from '../../src/runtime/json.js';

/** The value of a reading with exact numbers, the form these tests compare. */
const readJson = (text: string): JsonValue => readJsonReading(text, true).value;
import { corpusRoot, haveShared, projectRoot, sharedSkipReason } from '../support/shared.js';

/**
 * What a reading says, whichever reader made it: every number as its exact value (integers as
 * BigInt text, the rest as written), so the fast reader and the exact one can be compared.
 */
function canonical(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return { number: exact(value.text) };
  if (typeof value === 'number') return { number: exact(String(value)) };
  if (typeof value === 'string') return value.startsWith(NUMBER_MARK) ? { number: exact(value.slice(1)) } : value;
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => [k, canonical(v)]);
  return value;
}

function exact(text: string): string {
  return /^-?\d+$/.test(text) ? BigInt(text).toString() : text;
}

function outcome(read: (t: string) => JsonValue, text: string): unknown {
  try {
    return { value: canonical(read(text)) };
  } catch (error) {
    return { error: (error as Error).name };
  }
}

describe('readJson: JSON.parse speed, numbers exact', () => {
  const cases: Array<[string, { given: string; want: unknown }]> = [
    ['a short integer is a number', { given: '{"a":12}', want: { a: 12 } }],
    ['15 digits are still exact as a double', { given: '[-999999999999999]', want: [-999999999999999] }],
    ['past 2^53: its text', { given: '[9007199254740993]', want: [`${NUMBER_MARK}9007199254740993`] }],
    ['a fraction: its text, trailing zero and all', { given: '{"d":1.10}', want: { d: `${NUMBER_MARK}1.10` } }],
    ['an exponent: its text', { given: '[1e400]', want: [`${NUMBER_MARK}1e400`] }],
    ['digits inside strings are left alone', { given: '{"k":"1234567890123456.5"}', want: { k: '1234567890123456.5' } }],
    ['escaped quotes do not end a string', { given: '{"k":"a\\"12.5"}', want: { k: 'a"12.5' } }],
    ['after a string that ends in an escaped quote, a number is still seen', { given: '["a\\"", 12345678901234567890]', want: ['a"', `${NUMBER_MARK}12345678901234567890`] }],
    ['an escaped backslash before the closing quote ends the string', { given: '["a\\\\", 0.5, "b"]', want: ['a\\', `${NUMBER_MARK}0.5`, 'b'] }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => expect(readJson(given)).toEqual(want));

  test('text with a NUL escape takes the exact reader, so no string can pass for a number', () => {
    const value = readJson('{"k":"\\u00001.5","n":1.5}') as Record<string, JsonValue>;
    expect(value['k']).toBe(`${NUMBER_MARK}1.5`);
    expect(value['n']).toBeInstanceOf(JsonNumber);
  });

  // The last four would pass as a quoted copy of the number if the scan marked them.
  const malformed = ['{"a":01}', '{"a":1,}', '[1 2]', '{"a":"x', '{"a":tru}', '{} x', '{"a":\n"\t"}', '{"D":01.5}', '{"D":-01.5}', '{"L":00000000000000001}', '{1.5:2}'];
  test.each(malformed)('%j is refused as the exact reader refuses it', (text) => {
    expect(outcome(readJson, text)).toEqual({ error: 'DecodeError' });
    expect(outcome(parseJson, text)).toEqual({ error: 'DecodeError' });
  });
});

/** The JSON bodies of the REST pages' HTTP samples (```http! and ```http_ fences), and input-docs' definitions. */
function jsonTexts(): string[] {
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.md')) {
        for (const m of readFileSync(full, 'utf8').matchAll(/```(?:json|http[!_]?)\r?\n([\s\S]*?)```/g)) {
          const body = /^(?:[A-Z]+ |HTTP\/)/.test(m[1]!) ? m[1]!.split(/\r?\n\r?\n/).slice(1).join('\n\n') : m[1]!;
          if (/^\s*[[{]/.test(body)) texts.push(body);
        }
      }
      else if (name.endsWith('.json')) texts.push(readFileSync(full, 'utf8'));
    }
  };
  walk(path.join(projectRoot, 'input-docs'));
  if (haveShared) walk(path.join(corpusRoot, 'docs-docfx'));
  return texts;
}

describe('readJson against the exact reader, over the documented JSON and seeded mutations of it', () => {
  const texts = jsonTexts();

  test(`the same values or the same refusal, for ${texts.length} texts and 20 mutations each`, () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const edits = [
      (t: string) => t.slice(0, random(t.length + 1)),
      (t: string) => ((i) => `${t.slice(0, i)}<${t.slice(i)}`)(random(t.length + 1)),
      (t: string) => ((i) => `${t.slice(0, i)}1234567890123456789.5${t.slice(i)}`)(random(t.length + 1)),
      (t: string) => ((i) => `${t.slice(0, i)}"${t.slice(i)}`)(random(t.length + 1)),
      (t: string) => t.replace(/\d+/g, (d) => (random(3) === 0 ? `${d}${d}${d}${d}` : d)),
    ];
    let compared = 0;
    for (const text of texts) {
      const variants = [text, ...Array.from({ length: 20 }, () => edits[random(edits.length)]!(text))];
      for (const variant of variants) {
        expect(outcome(readJson, variant), variant.slice(0, 200)).toEqual(outcome(parseJson, variant));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

if (!haveShared) test.skip(sharedSkipReason, () => {});
