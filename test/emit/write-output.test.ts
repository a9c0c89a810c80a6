import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkOutput, MANIFEST, writeOutput } from '../../src/emit/write-output.js';
import { fileTree } from '../support/file-tree.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'sdkgen-out-'));

describe('writeOutput touches only what it generated', () => {
  test('writes, keeps unchanged files as they are, deletes what it no longer generates, leaves user files alone', () => {
    const out = tmp();
    writeOutput(out, [
      { path: 'a/one.ts', content: '1' },
      { path: 'a/two.ts', content: '2' },
      { path: 'gone/three.ts', content: '3' },
    ]);
    writeFileSync(path.join(out, 'a', 'mine.ts'), 'user file');
    const before = statSync(path.join(out, 'a/one.ts')).mtimeMs;
    const report = writeOutput(out, [
      { path: 'a/one.ts', content: '1' },
      { path: 'a/two.ts', content: 'changed' },
    ]);
    expect(report).toEqual({ written: ['a/two.ts'], unchanged: ['a/one.ts'], deleted: ['gone/three.ts'] });
    expect(statSync(path.join(out, 'a/one.ts')).mtimeMs).toBe(before);
    expect(readFileSync(path.join(out, 'a/mine.ts'), 'utf8')).toBe('user file');
    expect(existsSync(path.join(out, 'gone'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8')).files).toHaveProperty('a/two.ts');
  });

  test.each(['../escape.ts', '/abs.ts', 'a/../../b.ts', 'a//b.ts'])('refuses the path %j and writes nothing', (bad) => {
    const out = tmp();
    writeOutput(out, [{ path: 'keep.ts', content: 'old' }]);
    expect(() => writeOutput(out, [{ path: 'keep.ts', content: 'new' }, { path: bad, content: 'x' }])).toThrow(/refusing/);
    expect(readFileSync(path.join(out, 'keep.ts'), 'utf8')).toBe('old');
  });

  const tree = (dir: string) => fileTree(dir);

  test('a failure while staging, after files were staged, leaves the previous output whole and no staging folder', () => {
    const out = tmp();
    writeOutput(out, [{ path: 'x/a.ts', content: 'old a' }, { path: 'x/b.ts', content: 'old b' }]);
    const before = tree(out);
    expect(Object.keys(before).sort()).toEqual([MANIFEST, 'x/a.ts', 'x/b.ts']);
    // x/a.ts and x/b.ts are staged first; staging x/b.ts/c.ts then needs a folder where a staged file is.
    const attempt = () =>
      writeOutput(out, [
        { path: 'x/a.ts', content: 'new a' },
        { path: 'x/b.ts', content: 'new b' },
        { path: 'x/b.ts/c.ts', content: 'c' },
      ]);
    expect(attempt).toThrow(/EEXIST|ENOTDIR/);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(out).sort()).toEqual([MANIFEST, 'x']);
  });

  test('a failure while moving into place puts back every file replaced and leaves no staging folder', () => {
    const out = tmp();
    writeOutput(out, [{ path: 'x/a.ts', content: 'old a' }, { path: 'x/b.ts', content: 'old b' }]);
    // A user's file where a generated folder must go: x/a.ts is moved into place before blocker/b.ts fails.
    writeFileSync(path.join(out, 'blocker'), 'user file');
    const before = tree(out);
    expect(() => writeOutput(out, [{ path: 'x/a.ts', content: 'new a' }, { path: 'blocker/b.ts', content: 'new b' }])).toThrow(/EEXIST|ENOTDIR/);
    expect(tree(out)).toEqual(before);
    expect(readdirSync(out).sort()).toEqual([MANIFEST, 'blocker', 'x']);
  });

  test('checkOutput lists stale, missing and extra files', () => {
    const out = tmp();
    writeOutput(out, [{ path: 'a.ts', content: 'a' }, { path: 'b.ts', content: 'b' }, { path: 'c.ts', content: 'c' }]);
    expect(checkOutput(out, [{ path: 'a.ts', content: 'a' }, { path: 'b.ts', content: 'B' }, { path: 'd.ts', content: 'd' }])).toEqual({
      stale: ['b.ts'],
      missing: ['d.ts'],
      extra: ['c.ts'],
    });
  });
});
