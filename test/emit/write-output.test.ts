import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkOutput, MANIFEST, writeOutput } from '../../src/emit/write-output.js';

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

  test('a failure while staging leaves the previous output whole', () => {
    const out = tmp();
    writeOutput(out, [{ path: 'x/a.ts', content: 'old a' }, { path: 'x/b.ts', content: 'old b' }]);
    // A folder where a file must go makes the staging write fail half way.
    mkdirSync(path.join(out, `.sdkgen-staging-${process.pid}`, 'x', 'b.ts'), { recursive: true });
    const stagingBlocker = path.join(out, 'blocker');
    writeFileSync(stagingBlocker, '');
    expect(() => writeOutput(out, [{ path: 'x/a.ts', content: 'new a' }, { path: 'blocker/b.ts', content: 'new b' }])).toThrow();
    expect(readFileSync(path.join(out, 'x/a.ts'), 'utf8')).toBe('old a');
    expect(readFileSync(path.join(out, 'x/b.ts'), 'utf8')).toBe('old b');
    expect(existsSync(path.join(out, `.sdkgen-staging-${process.pid}`))).toBe(false);
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
