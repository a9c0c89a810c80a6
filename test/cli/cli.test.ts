import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import yargs from 'yargs';
import { diffCommand } from '../../src/cli/diff-command.js';
import { fileTree } from '../support/file-tree.js';
import { inputDocs, projectRoot } from '../support/shared.js';

/** A fault to throw from inside the differ, for the one in-process test of how diff reports a bug. */
const fault = vi.hoisted(() => ({ error: undefined as Error | undefined }));
vi.mock('../../src/diff/diff-models.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/diff/diff-models.js')>();
  return {
    ...real,
    diffModels: (...args: Parameters<typeof real.diffModels>) => {
      if (fault.error) throw fault.error;
      return real.diffModels(...args);
    },
  };
});

const BIN = path.join(projectRoot, 'dist/cli/main.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

const tree = (dir: string) => fileTree(dir, { skipDotFiles: true });

describe('the command line, as a build step uses it', () => {
  let work: string;
  beforeAll(() => {
    // The tests run the compiled CLI: `npm test` builds first.
    statSync(BIN);
    work = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-cli-'));
    cpSync(inputDocs, path.join(work, 'docs'), { recursive: true });
  });

  test('the config file sets inputs, output and filters; flags override it', () => {
    writeFileSync(path.join(work, 'superoffice-sdkgen.config.json'), JSON.stringify({ inputs: ['docs'], out: 'sdk', versions: ['Services88'] }));
    expect(run(['generate', '--quiet'], work).status).toBe(0);
    expect(readdirSync(path.join(work, 'sdk')).filter((n) => !n.startsWith('.')).sort()).toEqual(['runtime', 'services88']);
    expect(run(['generate', '--quiet', '--out', 'sdk-rest', '--versions', 'v1'], work).status).toBe(0);
    expect(readdirSync(path.join(work, 'sdk-rest')).filter((n) => !n.startsWith('.')).sort()).toEqual(['rest-v1', 'runtime']);
    writeFileSync(path.join(work, 'bad.config.json'), JSON.stringify({ inptus: ['docs'] }));
    const bad = run(['generate', '--config', 'bad.config.json'], work);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("unknown key 'inptus'");
  });

  test('--check exits 0 when up to date and 1 listing stale files; --json summarises', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-check-'));
    cpSync(inputDocs, path.join(dir, 'docs'), { recursive: true });
    expect(run(['generate', '-i', 'docs', '-o', 'out', '-q'], dir).status).toBe(0);
    expect(run(['generate', '-i', 'docs', '-o', 'out', '--check', '-q'], dir).status).toBe(0);
    writeFileSync(path.join(dir, 'out/services87/types.ts'), '// edited by hand\n');
    const stale = run(['generate', '-i', 'docs', '-o', 'out', '--check', '-q'], dir);
    expect(stale.status).toBe(1);
    expect(stale.stdout).toBe('stale: services87/types.ts\n');
    const json = JSON.parse(run(['generate', '-i', 'docs', '-o', 'out', '--check', '--json'], dir).stdout);
    expect(json).toMatchObject({ ok: false, check: { stale: ['services87/types.ts'], missing: [], extra: [] }, versions: ['Services86', 'Services87', 'Services88', 'v1'], operations: 36 });
  });

  test('a second run with nothing changed does no work; a changed input is the only one read again', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-cache-'));
    cpSync(inputDocs, path.join(dir, 'docs'), { recursive: true });
    const summary = () => JSON.parse(run(['generate', '-i', 'docs', '-o', 'out', '--json'], dir).stdout);
    expect(summary()).toMatchObject({ upToDate: false, files: { parsed: 23 } });
    expect(summary()).toMatchObject({ upToDate: true, output: { written: [] } });
    const page = path.join(dir, 'docs/mintlify/Services88/ErpSync/DeleteConnection.md');
    writeFileSync(page, readFileSync(page, 'utf8').replace('## DeleteConnection\n', '## DeleteConnection\n\nRemoves a connection for good.\n'));
    const third = summary();
    expect(third).toMatchObject({ upToDate: false, files: { parsed: 1 } });
    expect(third.output.written).toEqual(['services88/ErpSyncAgent.ts']);
    expect(readFileSync(path.join(dir, 'out/services88/ErpSyncAgent.ts'), 'utf8')).toContain('Removes a connection for good.');
  });

  test('a .zip of the docs is read in place and gives the same SDK as the folder', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-zip-'));
    const files: Record<string, Uint8Array> = {};
    for (const [name, content] of Object.entries(tree(inputDocs))) files[name.split(path.sep).join('/')] = new TextEncoder().encode(content);
    writeFileSync(path.join(dir, 'docs.zip'), zipSync(files));
    cpSync(inputDocs, path.join(dir, 'docs'), { recursive: true });
    expect(run(['generate', '-i', 'docs.zip', '-o', 'from-zip', '-q', '--no-cache'], dir).status).toBe(0);
    expect(run(['generate', '-i', 'docs', '-o', 'from-folder', '-q', '--no-cache'], dir).status).toBe(0);
    expect(tree(path.join(dir, 'from-zip'))).toEqual(tree(path.join(dir, 'from-folder')));
  });

  test('--typecheck checks the emitted program and writes nothing when a template breaks it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-typecheck-'));
    cpSync(inputDocs, path.join(dir, 'docs'), { recursive: true });
    expect(run(['generate', '-i', 'docs', '-o', 'ok', '--typecheck', '-q', '--no-cache'], dir).status).toBe(0);
    cpSync(path.join(projectRoot, 'templates'), path.join(dir, 'templates'), { recursive: true });
    const template = path.join(dir, 'templates/version-index.ts.hbs');
    writeFileSync(template, `${readFileSync(template, 'utf8')}export const broken: number = 'text';\n`);
    const result = run(['generate', '-i', 'docs', '-o', 'broken', '--templates', 'templates', '--typecheck', '--no-cache'], dir);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/type error: services88\/index\.ts:\d+: Type 'string' is not assignable to type 'number'/);
    expect(result.stderr).toContain('nothing was written');
    expect(existsSync(path.join(dir, 'broken'))).toBe(false);
  });

  test.each([
    [['frobnicate'], 2, /Did you mean|Unknown/],
    [['generate', '--no-such-flag'], 2, /Unknown argument/],
    [['diff', 'nowhere'], 2, /does not exist/],
    [['diff', 'docs', '--from', 'Services99', '--to', 'Services88'], 2, /the old side has no version Services99/],
    [['diff', 'docs/wsdl/Services86', 'docs/wsdl/Services88', '--from', 'Services86', '--to', 'Services86'], 2, /the new side has no version Services86/],
    [['diff', 'not-a-model.json'], 2, /not-a-model\.json cannot be read: .*JSON/],
    [['diff', 'docs', '-o', 'no/such/folder/report.md', '--from', 'Services86', '--to', 'Services88'], 2, /cannot write .*no\/such\/folder\/report\.md/],
    [['generate', '-i', 'nowhere'], 2, /input 'nowhere' does not exist/],
    [['model', '-i', 'nowhere'], 2, /input 'nowhere' does not exist/],
    [['generate', '-i', 'docs', '-o', 'docs/docfx/soap/Services86/ErpSync/index.md'], 2, /is a file, not a folder/],
  ])('exit code for %j', (args, status, message) => {
    writeFileSync(path.join(work, 'not-a-model.json'), '{"modelVersion": 1, "versions": [');
    const result = run(args, work);
    expect(result.status).toBe(status);
    expect(result.stderr).toMatch(message);
  });

  test('warnings are summarised by code, errors listed one by one; --verbose and --diagnostics give every one', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-summary-'));
    cpSync(inputDocs, path.join(dir, 'docs'), { recursive: true });
    // One error among the 31 warnings of input-docs: a binary named .md.
    writeFileSync(path.join(dir, 'docs/logo.md'), new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0, 1, 0]));
    const summary = run(['generate', '-i', 'docs', '-o', 'out', '--no-cache', '--diagnostics', 'all.txt'], dir);
    expect(summary.status).toBe(0);
    const lines = summary.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      'docs/logo.md:1: error [binary-file] contains a NUL byte: not a text file',
      'warning [sample-envelope] 14 times, e.g. docs/docfx/soap/Services86/ErpSync/ConnectActor.md:31: sample uses the SOAP 1.2 envelope namespace; the WSDL binds SOAP 1.1',
      'warning [sample-header-placement] 14 times, e.g. docs/docfx/soap/Services86/ErpSync/ConnectActor.md:37: ApplicationToken stands outside soap:Header; the WSDL binds it as a soap:header part',
      'warning [source-disagreement] 2 times, e.g. docs/definitions/Swagger-v1-ErpSyncAgent.json:288: schema SuperOffice.CRM.Services.ErpConnection differs from its definition at docs/definitions/openapi-v3-ErpSyncAgent.json:806 (property MostRecentTimestamp only there); that one is kept',
      "docs/docfx/soap/Services87/ErpSync/GetAllConnections.md:38: warning [sample-value] <IncludeDeleted>: 'maybe' is not a valid xs:boolean",
      '(31 warnings summarised by code: --verbose prints each one, --diagnostics FILE writes them all)',
      expect.stringMatching(/^files: 24 read .*diagnostics: 1 errors, 31 warnings, 0 info$/),
      expect.stringMatching(/^out: \d+ written/),
    ]);
    const all = readFileSync(path.join(dir, 'all.txt'), 'utf8').trimEnd().split('\n');
    expect(all.filter((l) => l.includes('[sample-envelope]'))).toHaveLength(14);
    const verbose = run(['generate', '-i', 'docs', '-o', 'out', '--no-cache', '--verbose'], dir);
    expect(verbose.stderr.split('\n').filter((l) => /^\S+:\d+: (error|warning|info) \[/.test(l))).toEqual(all);
    const limited = run(['generate', '-i', 'docs', '-o', 'out', '--no-cache', '--verbose', '--max-diagnostics', '3'], dir);
    expect(limited.stderr).toContain(`... and ${all.length - 3} more (see --diagnostics FILE)`);
    const quiet = run(['generate', '-i', 'docs', '-o', 'out', '--no-cache', '--quiet'], dir);
    expect(quiet.stderr).toBe('docs/logo.md:1: error [binary-file] contains a NUL byte: not a text file\n');
  });

  test('--strict fails on diagnostics, naming file and line', () => {
    const result = run(['model', '-i', path.join(work, 'docs'), '--strict', '-o', path.join(work, 'm.json')], work);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/GetAllConnections\.md:38: warning \[sample-value\]/);
    expect(result.stderr).toMatch(/^warning \[sample-envelope\] 14 times, e\.g\. \S+ConnectActor\.md:31: /m);
    expect(JSON.parse(readFileSync(path.join(work, 'm.json'), 'utf8')).modelVersion).toBe(1);
    expect(execFileSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' })).toMatch(/generate.*Generate the TypeScript SDK/);
  });
});

describe('diff tells a bug from a bad command line', () => {
  test('an error inside the differ is not reported as a usage error: it reaches main, which exits 3', async () => {
    const errors: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (errors.push(String(chunk)), true));
    const exitCode = process.exitCode;
    fault.error = new TypeError("Cannot read properties of undefined (reading 'agents')");
    try {
      // Configured as main.ts configures yargs: a failure with an error is thrown on to main's catch.
      const cli = diffCommand(
        yargs(['diff', inputDocs, '--from', 'Services86', '--to', 'Services88']).strict().fail((message, error) => {
          if (error) throw error;
          throw new Error(`usage: ${message}`);
        }),
      );
      await expect(cli.parseAsync()).rejects.toBe(fault.error);
      expect(process.exitCode).toBe(exitCode);
      expect(errors.join('')).not.toContain('superoffice-sdkgen diff:');
    } finally {
      fault.error = undefined;
      process.exitCode = exitCode;
      write.mockRestore();
    }
  });
});
