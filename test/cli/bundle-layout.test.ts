import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { MANIFEST } from '../../src/emit/write-output.js';
import { fileTree } from '../support/file-tree.js';
import { inputDocs, projectRoot } from '../support/shared.js';

// The command line runs from an esbuild bundle (`npm run build`), whose modules find the ingest
// worker, the templates and the runtime sources by paths relative to themselves. Once, shared code
// moved into a chunk one folder down, the worker was looked for there, and every run silently read on
// one thread. These tests pin the layout and the behaviour it exists for.
const dist = path.join(projectRoot, 'dist/cli');
const BIN = path.join(dist, 'main.js');
const built = existsSync(BIN);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.skipIf(!built)('the bundled command line (dist/cli, from npm run build)', () => {
  test('every path a bundled module resolves against its own location exists', () => {
    const found: string[] = [];
    for (const name of readdirSync(dist)) {
      const file = path.join(dist, name);
      if (!name.endsWith('.js')) continue;
      const code = readFileSync(file, 'utf8');
      const targets = [
        ...[...code.matchAll(/new URL\("(\.{1,2}\/[^"]+)",\s*import\.meta\.url\)/g)].map((m) => m[1]!),
        ...[...code.matchAll(/dirname\(\w+\(import\.meta\.url\)\),\s*"(\.\.[^"]*)"/g)].map((m) => m[1]!),
      ];
      for (const target of targets) {
        found.push(`${name} -> ${target}`);
        expect(existsSync(path.resolve(dist, target)), `${name} resolves ${target}, which is not there`).toBe(true);
      }
    }
    // The worker, the templates, the runtime sources and the package root: if none is found, the patterns above went stale.
    expect(found.length).toBeGreaterThanOrEqual(4);
  });

  test('no module of the bundle sits in a subfolder, where those relative paths would point elsewhere', () => {
    const folders = readdirSync(dist).filter((name) => statSync(path.join(dist, name)).isDirectory());
    expect(folders).toEqual([]);
  });

  test('a drop big enough to share out is read by the worker as well, with the same output as on one thread', () => {
    // 1,800 small pages (one documented method, copied): above the estimated work from which a worker pays.
    const input = path.join(scratch, 'pages');
    const page = path.join(inputDocs, 'docfx/soap/Services86/ErpSync/SaveConnection.md');
    for (let i = 0; i < 1800; i++) {
      const dir = path.join(input, `copy${Math.floor(i / 100)}`);
      mkdirSync(dir, { recursive: true });
      cpSync(page, path.join(dir, `SaveConnection${i}.md`));
    }
    cpSync(path.join(inputDocs, 'wsdl/Services86'), path.join(input, 'wsdl'), { recursive: true });
    const run = (out: string, env: Record<string, string>) =>
      spawnSync(process.execPath, [BIN, 'generate', '-i', input, '-o', out, '--no-cache', '--json'], { encoding: 'utf8', cwd: scratch, env: { ...process.env, ...env } });
    const shared = run(path.join(scratch, 'out-shared'), { SDKGEN_TIMING: '1' });
    expect(shared.status, shared.stderr).toBe(0);
    expect(shared.stderr).toMatch(/worker: \d+ files/);
    const alone = run(path.join(scratch, 'out-alone'), { SDKGEN_TIMING: '1', SDKGEN_READ_THREADS: '1' });
    expect(alone.status, alone.stderr).toBe(0);
    expect(alone.stderr).not.toMatch(/worker:/);
    const summary = (stdout: string) => {
      const { durationMs: _ms, peakRssMb: _rss, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
      return rest;
    };
    expect(summary(shared.stdout)).toEqual(summary(alone.stdout));
    expect(fileTree(path.join(scratch, 'out-shared'))).toEqual(fileTree(path.join(scratch, 'out-alone')));
  }, 60_000);

  // input-docs is small enough to be staged on the main thread alone: SDKGEN_STAGE_INLINE_BYTES=0 hands
  // every file to the worker, 20000 the first few to the main thread and the rest to the worker.
  test.each(['0', '20000'])('output is staged by the stage worker (after %s bytes): the bytes of a run written on one thread, unchanged files left alone, a failure moving nothing', async (inlineBytes) => {
    const generate = (out: string) =>
      spawnSync(process.execPath, [BIN, 'generate', '-i', inputDocs, '-o', out, '--no-cache', '--json'], { encoding: 'utf8', cwd: scratch, env: { ...process.env, SDKGEN_STAGE_INLINE_BYTES: inlineBytes } });
    const out = path.join(scratch, `out-staged-${inlineBytes}`);
    const first = generate(out);
    expect(first.status, first.stderr).toBe(0);
    // The reference: the same run from sources, which stage on the calling thread.
    const { runGenerate } = await import('../../src/cli/run-generate.js');
    const reference = path.join(scratch, `out-reference-${inlineBytes}`);
    await runGenerate({ inputs: [inputDocs], out: reference, versions: [], agents: [], check: false, cache: false, quiet: true });
    const written = fileTree(out);
    expect(written).toEqual(fileTree(reference));

    // One file edited by hand, one deleted: the next run writes those two and leaves the rest as they are.
    const generated = Object.keys((JSON.parse(written[MANIFEST]!) as { files: Record<string, string> }).files).sort();
    const [edited, deleted, untouched] = [generated[0]!, generated[1]!, generated[2]!];
    writeFileSync(path.join(out, edited), 'edited by hand');
    rmSync(path.join(out, deleted));
    const kept = statSync(path.join(out, untouched)).mtimeMs;
    const second = generate(out);
    expect(second.status, second.stderr).toBe(0);
    const report = (JSON.parse(second.stdout) as { output: { written: string[]; unchanged: string[] } }).output;
    expect(report.written.sort()).toEqual([edited, deleted].sort());
    expect(report.unchanged).toEqual(generated.filter((f) => f !== edited && f !== deleted));
    expect(statSync(path.join(out, untouched)).mtimeMs).toBe(kept);
    expect(fileTree(out)).toEqual(written);

    // A folder where a generated file goes: the worker fails to stage it, and the run moves nothing.
    writeFileSync(path.join(out, edited), 'edited again');
    rmSync(path.join(out, untouched));
    mkdirSync(path.join(out, untouched));
    const before = fileTree(out);
    const failed = generate(out);
    expect(failed.status).not.toBe(0);
    expect(failed.stderr).toMatch(/EISDIR/);
    expect(fileTree(out)).toEqual(before);
    expect(readdirSync(out).filter((n) => n.startsWith('.sdkgen-staging'))).toEqual([]);
  }, 60_000);
});
