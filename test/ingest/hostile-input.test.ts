import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { checkReadable } from '../../src/ingest/file-text.js';
import { readInputFile } from '../../src/ingest/read-file.js';
import { ingestFile, listInputs } from '../../src/ingest/read-inputs.js';

describe('bytes that are not text are reported before any parser sees them', () => {
  const cases: Array<[string, { given: Uint8Array; max?: number; want: { code: string; line: number } }]> = [
    ['binary file named .md', { given: new Uint8Array([0x23, 0x20, 0x0a, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), want: { code: 'binary-file', line: 2 } }],
    ['invalid UTF-8', { given: new Uint8Array([0x23, 0x20, 0xc3, 0x28]), want: { code: 'binary-file', line: 1 } }],
    ['larger than the limit', { given: new Uint8Array(2048).fill(0x41), max: 1024, want: { code: 'file-too-large', line: 1 } }],
  ];
  test.each(cases)('%s', (_name, { given, max, want }) => {
    const result = checkReadable('f.md', given, max ?? 1 << 20);
    expect(result.text).toBeUndefined();
    expect(result.diagnostic).toMatchObject({ ...want, file: 'f.md' });
  });
});

describe('pages shaped to make the markdown parser take minutes are refused, not parsed', () => {
  const nestedList = (depth: number) => Array.from({ length: depth }, (_, i) => `${' '.repeat(i * 2)}- a`).join('\n');
  const cases: Array<[string, { given: string; want: { line: number; message: RegExp } | 'read' }]> = [
    ['a list nested 100 deep', { given: `# T\n\n${nestedList(100)}\n`, want: { line: 68, message: /indented 130 columns/ } }],
    ['quotes nested 150 deep', { given: `# T\n\n${'> '.repeat(150)}a\n`, want: { line: 3, message: /quotes nested 150 deep/ } }],
    ['20,000 stars', { given: `# T\n\n${'*a'.repeat(20_000)}\n`, want: { line: 3, message: /emphasis delimiters/ } }],
    ['runs of ** then *', { given: `# T\n\ntext\n${'**'.repeat(5000)}a${'*'.repeat(5000)}\n`, want: { line: 4, message: /emphasis delimiters/ } }],
    ['20,000 open links', { given: `# T\n\n${'[a]('.repeat(20_000)}\n`, want: { line: 3, message: /link brackets/ } }],
    ['600 code spans of growing length', { given: `# T\n\n${Array.from({ length: 600 }, (_, i) => `${'`'.repeat(i + 1)}a`).join(' ')}\n`, want: { line: 3, message: /backticks/ } }],
    ['a quote continued over 6,000 lines', { given: `# T\n\n> a\n${'b\n'.repeat(6000)}`, want: { line: 5001, message: /more than 5000 lines/ } }],
    ['a table of 200 rows by 50 cells', { given: `# T\n\n| a |\n| - |\n${`|${' x |'.repeat(50)}\n`.repeat(200)}`, want: { line: 102, message: /table pipes/ } }],
    ['front matter of 100,000 keys', { given: `---\n${Array.from({ length: 100_000 }, (_, i) => `k${i}: "v"`).join('\n')}\n---\n# T\n`, want: { line: 1, message: /front matter of 100000 lines/ } }],
    ['front matter of one line with 100,000 keys', { given: `---\na: {${Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join(', ')}}\n---\n# T\n`, want: { line: 1, message: /front matter of \d+ characters/ } }],
    ['a list nested 60 deep is still read', { given: `# T\n\n${nestedList(60)}\n`, want: 'read' }],
    ['1,500 stars are still read', { given: `# T\n\n${'*a'.repeat(1500)}\n`, want: 'read' }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => {
    const { diagnostics } = readInputFile('p/Shape.md', given, () => ({ error: {} as never }));
    const refused = diagnostics.filter((d) => d.code === 'page-too-complex');
    if (want === 'read') expect(refused).toEqual([]);
    else expect(refused).toEqual([expect.objectContaining({ file: 'p/Shape.md', line: want.line, message: expect.stringMatching(want.message) })]);
  });
});

describe('hostile XML neither expands nor hangs', () => {
  test('entity expansion (billion laughs) is refused', () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]>\n<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">&lol9;</wsdl:definitions>`;
    const { facts, diagnostics } = readInputFile('lol.xml', laughs, () => ({ error: {} as never }));
    expect(facts.kind).toBe('skipped');
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'malformed-xml', line: 2, message: expect.stringMatching(/DOCTYPE/) })]);
  });

  test('absurd nesting is a diagnostic', () => {
    const deep = `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">${'<a>'.repeat(50_000)}`;
    const { facts, diagnostics } = readInputFile('deep.xml', deep, () => ({ error: {} as never }));
    expect(facts.kind).toBe('skipped');
    expect(diagnostics[0]).toMatchObject({ code: 'malformed-xml', file: 'deep.xml' });
  });

  test('namespace declarations piled up to make every lookup slow are refused, at the element', () => {
    const nested = Array.from({ length: 1001 }, (_, i) => `<p${i}:a xmlns:p${i}="urn:${i}">`).join('\n');
    const piled = `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">\n${nested}`;
    const { facts, diagnostics } = readInputFile('piled.xml', piled, () => ({ error: {} as never }));
    expect(facts.kind).toBe('skipped');
    // The root's binding and 999 more, with xml's: the 1,001st is on line 1,000.
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'malformed-xml', line: 1000, message: '<p998:a> has more than 1000 namespace declarations in scope' })]);
  });

  test('comment terminators and markup in a WSDL fence inside a page do not escape it', () => {
    const page = '# Services90 WSDL\n\n```xml\n<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="urn:x">*/ --> ``` </wsdl:definitions>\n```\n';
    const { facts, diagnostics } = readInputFile('w.md', page, () => ({ error: {} as never }));
    expect(facts.kind).toBe('skipped');
    expect(diagnostics[0]).toMatchObject({ code: 'version-undetected', line: 4 });
  });
});

describe('files on disk: includes stay inside the input root, links are not followed', () => {
  let root: string;
  let docs: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-hostile-'));
    docs = path.join(root, 'docs');
    mkdirSync(path.join(docs, 'agent'), { recursive: true });
    mkdirSync(path.join(docs, 'samples'), { recursive: true });
    writeFileSync(path.join(root, 'secret.md'), '```http!\nPOST /api/v1/Agents/A/Leak\n\n{"secret": true}\n```');
    writeFileSync(path.join(docs, 'samples', 'ok.md'), '```http_\nHTTP/1.1 200 OK\n\ntrue\n```');
    symlinkSync(path.join(root, 'secret.md'), path.join(docs, 'samples', 'link.md'));
    const page = (include: string) =>
      `# POST Agents/A/B\n\n\`\`\`http\nPOST /api/v1/Agents/A/B\n\`\`\`\n\n## Sample response\n\n[!include[sample response](${include})]\n`;
    writeFileSync(path.join(docs, 'agent', 'up.md'), page('../../secret.md'));
    writeFileSync(path.join(docs, 'agent', 'abs.md'), page(path.join(root, 'secret.md')));
    writeFileSync(path.join(docs, 'agent', 'via-link.md'), page('../samples/link.md'));
    writeFileSync(path.join(docs, 'agent', 'ok.md'), page('../samples/ok.md'));
  });

  test('symbolic links below the input are reported, not followed', () => {
    const { files, diagnostics } = listInputs([docs]);
    expect(files.map((f) => f.name.slice(docs.length))).toEqual(['/agent/abs.md', '/agent/ok.md', '/agent/up.md', '/agent/via-link.md', '/samples/ok.md']);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'unreadable-file', message: expect.stringMatching(/symbolic link/) })]);
  });

  test.each([
    ['up.md', 'include-outside-root'],
    ['abs.md', 'include-outside-root'],
    ['via-link.md', 'include-outside-root'],
  ])('%s cannot read outside the root', async (name, code) => {
    const { files } = listInputs([docs]);
    const result = await ingestFile(files.find((f) => f.name.endsWith(name))!);
    expect(result.diagnostics).toEqual([expect.objectContaining({ code, line: 9 })]);
    expect(JSON.stringify(result.facts)).not.toContain('secret');
  });

  test('an include inside the root is read, named relative to the input', async () => {
    const { files } = listInputs([docs]);
    const result = await ingestFile(files.find((f) => f.name.endsWith('agent/ok.md'))!);
    expect(result.diagnostics).toEqual([]);
    if (result.facts.kind !== 'rest-method-page') throw new Error(result.facts.kind);
    expect(result.facts.page.responseSample?.source).toEqual({ file: `${docs}/samples/ok.md`, line: 2 });
  });

  test('a missing input is a diagnostic, not a crash', () => {
    expect(listInputs([path.join(root, 'nope')]).diagnostics).toEqual([expect.objectContaining({ code: 'unreadable-file' })]);
  });
});
