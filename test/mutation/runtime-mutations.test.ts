import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateForTest } from '../support/generate-sdk.js';
import { runSampleTests } from '../support/sample-test-runner.js';
import { inputDocs, projectRoot } from '../support/shared.js';

/**
 * The tests generated from the documented samples must fail when the runtime is wrong. Each mutation
 * below breaks the generated SDK's runtime the way a real bug would; the generated sample tests run
 * against it and at least one must fail. (The generator imports nothing from the runtime, so the
 * expectations it wrote cannot move with a mutation.)
 */
interface Mutation {
  id: string;
  what: string;
  edits: Array<{ file: string; find: string; replace: string }>;
  env?: Record<string, string>;
}

const MUTATIONS: Mutation[] = [
  {
    id: 'date-no-zone',
    what: 'dateTime sent without its zone',
    edits: [{ file: 'scalars.ts', find: 'return value.toISOString();', replace: 'return value.toISOString().slice(0, -1);' }],
  },
  {
    id: 'date-sent-local',
    what: 'dateTime sent in local time',
    edits: [{ file: 'scalars.ts', find: 'return value.toISOString();', replace: 'return new Date(value.getTime() - value.getTimezoneOffset() * 60000).toISOString().slice(0, -1);' }],
    env: { TZ: 'Asia/Kolkata' },
  },
  {
    id: 'date-read-local',
    what: 'dateTime without a zone read in local time',
    edits: [{ file: 'scalars.ts', find: 'm[8] === undefined ? `${trimmed}Z` : trimmed', replace: 'trimmed' }],
    env: { TZ: 'Asia/Kolkata' },
  },
  {
    id: 'decimal-number',
    what: 'decimal through Number',
    edits: [
      { file: 'scalars.ts', find: "is not a decimal`);\n    return trimmed;", replace: "is not a decimal`);\n    return String(Number(trimmed));" },
      { file: 'scalars.ts', find: 'expected decimal text`);\n    return text;', replace: 'expected decimal text`);\n    return String(Number(text));' },
    ],
  },
  {
    id: 'int64-number',
    what: 'int64 through Number',
    edits: [{ file: 'scalars.ts', find: "const n = BigInt(trimmed.replace(/^\\+/, ''));", replace: 'const n = BigInt(Number(trimmed));' }],
  },
  {
    id: 'array-collapsed',
    what: 'one-element arrays collapsed',
    edits: [
      {
        file: 'soap-reader.ts',
        find: 'throw within(error, out.length);\n      }\n      return out;',
        replace: 'throw within(error, out.length);\n      }\n      return out.length === 1 ? out[0] : out;',
      },
      {
        file: 'rest.ts',
        find: '    throw within(error, i);\n  }\n  return out;',
        replace: '    throw within(error, i);\n  }\n  return out.length === 1 ? (out[0] as unknown[]) : out;',
      },
    ],
  },
  {
    id: 'nil-dropped',
    what: 'xsi:nil dropped',
    edits: [{ file: 'soap.ts', find: 'this.parts.push(`<${qname} xsi:nil="true"/>`);', replace: 'this.parts.push(`<${qname}/>`);' }],
  },
  {
    id: 'sequence-swapped',
    what: 'two fields of a sequence swapped',
    edits: [
      {
        file: 'schema.ts',
        find: 'return chain.flatMap(({ ref: r, type }) => type[2].map((field) => ({ field, prefix: prefixOf(r) })));',
        replace:
          'const all = chain.flatMap(({ ref: r, type }) => type[2].map((field) => ({ field, prefix: prefixOf(r) }))); if (all.length > 1) [all[0], all[1]] = [all[1]!, all[0]!]; return all;',
      },
    ],
  },
  {
    id: 'entity-undecoded',
    what: 'an entity left undecoded',
    edits: [{ file: 'xml-cursor.ts', find: "let amp = text.indexOf('&');\n  if (amp === -1) return text;", replace: "let amp = text.indexOf('&');\n  if (amp >= -1) return text;" }],
  },
];

describe('every runtime mutation makes a generated sample test fail', () => {
  let base: string;
  const rows: string[] = [];

  beforeAll(async () => {
    ({ dir: base } = await generateForTest('mutants/base', [inputDocs], { tests: true }));
  });

  test('the generator imports nothing from the runtime, so its expectations cannot move with it', () => {
    // Type-only imports (the wire schema's shape, which the emitter writes) carry no behaviour and are erased.
    const importers = ['ingest', 'model', 'emit', 'diff', 'cli'].flatMap((folder) =>
      readdirSync(path.join(projectRoot, 'src', folder))
        .filter((f) => f.endsWith('.ts') && /^import (?!type )[^\n]* from '\.\.\/runtime\//m.test(readFileSync(path.join(projectRoot, 'src', folder, f), 'utf8')))
        .map((f) => `src/${folder}/${f}`),
    );
    expect(importers).toEqual([]);
  });

  test('the unmutated SDK passes all of its sample tests', () => {
    const { total, failed } = runSampleTests(base);
    expect(total).toBeGreaterThan(10);
    expect(failed).toBe(0);
    rows.push(`| (none) | ${total} | ${failed} |`);
  });

  test.each(MUTATIONS.map((m) => [m.what, m] as const))('%s', (_what, mutation) => {
    const dir = path.join(path.dirname(base), mutation.id);
    rmSync(dir, { recursive: true, force: true });
    cpSync(base, dir, { recursive: true });
    for (const edit of mutation.edits) {
      const file = path.join(dir, 'runtime', edit.file);
      const text = readFileSync(file, 'utf8');
      // A mutation that no longer applies would pass for the wrong reason.
      expect(text.split(edit.find).length - 1, `${mutation.id}: '${edit.find}' in runtime/${edit.file}`).toBe(1);
      writeFileSync(file, text.replace(edit.find, () => edit.replace));
    }
    const { total, failed } = runSampleTests(dir, mutation.env);
    rows.push(`| ${mutation.what} | ${total} | ${failed} |`);
    expect(failed, `${mutation.what}: no generated sample test failed`).toBeGreaterThan(0);
  });

  test('prints the table', () => {
    console.log(['', '| runtime mutation | sample tests | failed |', '| --- | --- | --- |', ...rows].join('\n'));
    expect(rows).toHaveLength(MUTATIONS.length + 1);
  });
});
