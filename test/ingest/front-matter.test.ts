import { describe, expect, test } from 'vitest';
import { frontMatterProblem } from '../../src/ingest/markdown-page.js';

// Plain `key: value` blocks skip the YAML parser; every other block goes through it. Either way the
// verdict must be the parser's, so each case here is one the shortcut must not wave through.
describe('frontMatterProblem', () => {
  const cases: Array<[string, { given: string; want: RegExp | undefined; line?: number }]> = [
    ['plain pairs', { given: 'title: Services88.WidgetAgent.Spin SOAP\ngenerated: true\nuid: a-b_c', want: undefined }],
    ['a URL value (colon without a space)', { given: 'source: https://example.test/a', want: undefined }],
    ['quoted value', { given: 'title: "a: b"', want: undefined }],
    ['quoted value among plain ones', { given: 'title: T\nmode: "frame"\nuid: u', want: undefined }],
    ['quoted value with a bad escape', { given: 'title: "a\\q"', want: /not valid YAML/ }],
    ['text after a quoted value', { given: 'title: "a" b', want: /not valid YAML/ }],
    ['quoted value never closed', { given: 'title: "a', want: /not valid YAML/ }],
    ['quoted key repeated', { given: 'mode: "a"\nmode: "b"', want: /not valid YAML/, line: 2 }],
    ['empty block', { given: '', want: undefined }],
    ['nested mapping in a compact value', { given: 'title: a: b', want: /not valid YAML/, line: 1 }],
    ['duplicate key', { given: 'title: a\ntitle: b', want: /not valid YAML/, line: 2 }],
    ['unclosed flow sequence', { given: 'ok: 1\ngenerated: [1', want: /not valid YAML/ }],
    ['a list, not a mapping', { given: '- a\n- b', want: /not a mapping/, line: 1 }],
    ['a bare scalar', { given: 'just words', want: /not a mapping/ }],
    ['tab indentation', { given: 'a:\n\tb: 1', want: /not valid YAML/ }],
  ];
  test.each(cases)('%s', (_name, { given, want, line }) => {
    const problem = frontMatterProblem(given);
    if (want === undefined) expect(problem).toBeUndefined();
    else {
      expect(problem?.message).toMatch(want);
      if (line !== undefined) expect(problem?.line).toBe(line);
    }
  });
});
