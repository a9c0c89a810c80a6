import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { inputDocs, projectRoot } from '../support/shared.js';

/**
 * `npx superoffice-sdkgen` from the packed package, in an empty folder: what a team's build step does.
 * Needs the npm registry for the package's dependencies.
 */
describe('npx from the packed tarball', () => {
  test('generates from a given input in an empty folder', () => {
    const packDir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-pack-'));
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: projectRoot, encoding: 'utf8' })) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const tarball = path.join(packDir, packed[0]!.filename);
    const shipped = packed[0]!.files.map((f) => f.path);
    expect(shipped).toContain('dist/cli/main.js');
    expect(shipped).toContain('templates/soap-agent.ts.hbs');
    expect(shipped).toContain('src/runtime/soap.ts');
    expect(shipped.some((f) => f.startsWith('test/') || f.startsWith('input-docs/'))).toBe(false);

    const empty = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-npx-'));
    const output = execFileSync('npx', ['--yes', '--package', tarball, 'superoffice-sdkgen', 'generate', '--input', inputDocs, '--out', 'sdk', '--json'], {
      cwd: empty,
      encoding: 'utf8',
      env: { ...process.env, npm_config_cache: path.join(packDir, 'npm-cache'), npm_config_update_notifier: 'false' },
    });
    expect(JSON.parse(output.slice(output.indexOf('{')))).toMatchObject({ ok: true, versions: ['Services86', 'Services87', 'Services88', 'v1'] });
    expect(readdirSync(path.join(empty, 'sdk')).filter((n) => !n.startsWith('.')).sort()).toEqual(['rest-v1', 'runtime', 'services86', 'services87', 'services88']);
    expect(readFileSync(path.join(empty, 'sdk/services88/ErpSyncAgent.ts'), 'utf8')).toBe(readFileSync(path.join(projectRoot, 'generated/services88/ErpSyncAgent.ts'), 'utf8'));
    expect(existsSync(path.join(empty, 'sdk/.sdkgen-manifest.json'))).toBe(true);
  }, 300_000);
});
