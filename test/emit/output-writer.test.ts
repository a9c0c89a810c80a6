import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { GeneratedFile } from '../../src/emit/output-names.js';
import { OutputWriter } from '../../src/emit/output-writer.js';
import { MANIFEST, writeOutput } from '../../src/emit/write-output.js';
import { fileTree } from '../support/file-tree.js';

// From sources the writer stages on the calling thread; the bundle's stage worker is pinned by
// test/cli/bundle-layout.test.ts. Either way a run staged file by file must end as writeOutput ends.
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'sdkgen-writer-'));
const file = (p: string, content: string): GeneratedFile => ({ path: p, content });

async function staged(out: string, files: GeneratedFile[]) {
  const writer = OutputWriter.open(out);
  for (const f of files) writer.stage(f);
  return writer.commit();
}

const previousRun = [file('a/one.ts', '1'), file('a/two.ts', '2'), file('gone/three.ts', '3')];
type Case = { before: GeneratedFile[]; given: GeneratedFile[]; want: { written: string[]; unchanged: string[]; deleted: string[] } };
const cases: Array<[string, Case]> = [
  ['into an empty folder', { before: [], given: previousRun, want: { written: ['a/one.ts', 'a/two.ts', 'gone/three.ts'], unchanged: [], deleted: [] } }],
  ['nothing changed', { before: previousRun, given: previousRun, want: { written: [], unchanged: ['a/one.ts', 'a/two.ts', 'gone/three.ts'], deleted: [] } }],
  [
    'one changed, one no longer generated',
    { before: previousRun, given: [file('a/one.ts', '1'), file('a/two.ts', 'changed')], want: { written: ['a/two.ts'], unchanged: ['a/one.ts'], deleted: ['gone/three.ts'] } },
  ],
];

describe('OutputWriter stages files as they come and ends as writeOutput does', () => {
  test.each(cases)('%s', async (_name, { before, given, want }) => {
    const [mine, reference] = [tmp(), tmp()];
    if (before.length > 0) for (const out of [mine, reference]) writeOutput(out, before);
    const kept = before.length > 0 ? statSync(path.join(mine, 'a/one.ts')).mtimeMs : undefined;
    expect(await staged(mine, given)).toEqual(want);
    expect(writeOutput(reference, given)).toEqual(want);
    expect(fileTree(mine)).toEqual(fileTree(reference));
    if (kept !== undefined) expect(statSync(path.join(mine, 'a/one.ts')).mtimeMs).toBe(kept);
    expect(readdirSync(mine).filter((n) => n.startsWith('.sdkgen-staging'))).toEqual([]);
  });

  test('a path that could leave the output folder is refused when staged, and discarding leaves the output as it was', async () => {
    const out = tmp();
    writeOutput(out, [file('keep.ts', 'old')]);
    const before = fileTree(out);
    const writer = OutputWriter.open(out);
    writer.stage(file('keep.ts', 'new'));
    expect(() => writer.stage(file('../escape.ts', 'x'))).toThrow(/refusing/);
    await writer.discard();
    expect(fileTree(out)).toEqual(before);
    expect(existsSync(path.join(path.dirname(out), 'escape.ts'))).toBe(false);
    expect(readdirSync(out).sort()).toEqual([MANIFEST, 'keep.ts']);
  });

  test('a failure while staging is reported at the commit, which moves nothing and removes the staging folder', async () => {
    const out = tmp();
    writeOutput(out, [file('x/a.ts', 'old a')]);
    // A folder where a generated file goes: comparing with it fails.
    mkdirSync(path.join(out, 'x/b.ts'));
    const before = fileTree(out);
    const files = [file('x/a.ts', 'new a'), file('x/b.ts', 'b')];
    const writer = OutputWriter.open(out);
    for (const f of files) writer.stage(f);
    await expect(writer.commit()).rejects.toThrow(/EISDIR/);
    expect(fileTree(out)).toEqual(before);
    expect(readdirSync(out).sort()).toEqual([MANIFEST, 'x']);
    rmSync(out, { recursive: true, force: true });
  });

  test('a run given up before its commit removes the output folders it created, and only those', async () => {
    const parent = tmp();
    const writer = OutputWriter.open(path.join(parent, 'new/sdk'));
    writer.stage(file('a.ts', 'A'));
    await writer.discard();
    expect(readdirSync(parent)).toEqual([]);

    const existing = path.join(parent, 'existing');
    writeOutput(existing, [file('old.ts', 'old')]);
    const again = OutputWriter.open(existing);
    again.stage(file('old.ts', 'new'));
    await again.discard();
    expect(fileTree(existing, { skipDotFiles: true })).toEqual({ 'old.ts': 'old' });
  });

  test('files are on disk in the staging folder before the commit, and in the output only after it', async () => {
    const out = tmp();
    const writer = OutputWriter.open(out);
    writer.stage(file('a.ts', 'A'));
    const staging = readdirSync(out).filter((n) => n.startsWith('.sdkgen-staging'));
    expect(staging).toHaveLength(1);
    expect(fileTree(path.join(out, staging[0]!))).toEqual({ 'a.ts': 'A' });
    expect(existsSync(path.join(out, 'a.ts'))).toBe(false);
    writeFileSync(path.join(out, 'user.txt'), 'mine');
    await writer.commit();
    expect(fileTree(out, { skipDotFiles: true })).toEqual({ 'a.ts': 'A', 'user.txt': 'mine' });
  });
});
