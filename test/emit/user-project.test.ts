import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateInto } from '../support/generate-sdk.js';
import { corpusRoot, haveShared, projectRoot, seedsRoot, sharedSkipReason } from '../support/shared.js';

/**
 * The SDK of the whole shared corpus, sample tests included, dropped into a new ESM project
 * (`"type": "module"`, vitest installed) and compiled by the real `tsc` under the strictest settings
 * projects commonly use: the flags of @tsconfig/strictest and of create-vite's template
 * (`erasableSyntaxOnly`, `noUnusedLocals` …), libraries checked too, and only the ES2022 and DOM libs (no
 * DOM.Iterable, no Node types: the runtime promises neither). One program per resolution mode.
 */
const STRICTEST = {
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  types: [],
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  allowUnreachableCode: false,
  allowUnusedLabels: false,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  erasableSyntaxOnly: true,
  noUncheckedSideEffectImports: true,
  moduleDetection: 'force',
  forceConsistentCasingInFileNames: true,
  skipLibCheck: false,
  noEmit: true,
};

const MODES = {
  NodeNext: { module: 'NodeNext', moduleResolution: 'NodeNext' },
  Bundler: { module: 'ESNext', moduleResolution: 'Bundler' },
} as const;

/** What a user writes against the SDK (README's example), so the package's entry points are compiled as a caller sees them. */
const USER_CODE = `import { ErpSyncAgent, NetServerError, type ClientOptions } from './sdk/services88/index.js';
import { ErpSyncAgent as RestErpSyncAgent } from './sdk/rest-v1/index.js';

const env: { SO_TICKET?: string | undefined } = {};

export async function connectionNames(baseUrl: string): Promise<string[]> {
  const options: ClientOptions = { baseUrl, ticket: env.SO_TICKET, timeoutMs: 10_000 };
  const erp = new ErpSyncAgent(options);
  try {
    const saved = await erp.SaveConnection({ Connection: { ErpConnectionId: 0, DisplayName: 'Ledger' } });
    const all = (await erp.GetAllConnections({ IncludeDeleted: false })) ?? [];
    const rest = await new RestErpSyncAgent({ baseUrl, accessToken: 'token' }).GetAllConnections({ IncludeDeleted: true });
    return [saved?.DisplayName ?? '', ...all.map((c) => c?.DisplayName ?? ''), ...(rest ?? []).map((c) => c?.DisplayName ?? '')];
  } catch (error) {
    if (error instanceof NetServerError) return [error.exceptionType ?? error.message];
    throw error;
  }
}
`;

const TSC = path.join(projectRoot, 'node_modules/typescript/bin/tsc');

/** Runs tsc on one config and returns its errors as `file:line: TSnnnn message`, paths relative to the project. */
function tsc(dir: string, config: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSC, '-p', config, '--pretty', 'false'], { cwd: dir });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const errors: string[] = [];
      for (const line of out.split('\n')) {
        const m = /^(.+?)\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line);
        if (m) errors.push(`${m[1]}:${m[2]}: ${m[3]} ${m[4]}`);
        else if (/^\s/.test(line) && errors.length > 0) errors[errors.length - 1] += ` ${line.trim()}`;
        else if (line.trim()) errors.push(line.trim());
      }
      if (code !== 0 && errors.length === 0) errors.push(`tsc exited ${code} without naming an error`);
      resolve(errors);
    });
  });
}

describe.skipIf(!haveShared)('the SDK of the whole corpus compiles in a strict user project', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-user-project-'));
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'user-project', private: true, type: 'module' }, null, 2)}\n`);
    // The project has vitest installed, as it must to run the sample tests.
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(path.join(projectRoot, 'node_modules/vitest'), path.join(dir, 'node_modules/vitest'), 'dir');
    writeFileSync(path.join(dir, 'tsconfig.base.json'), JSON.stringify({ compilerOptions: STRICTEST, include: ['src'] }, null, 2));
    for (const [mode, options] of Object.entries(MODES)) {
      writeFileSync(path.join(dir, `tsconfig.${mode}.json`), JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: options }, null, 2));
    }
    await generateInto(path.join(dir, 'src/sdk'), [corpusRoot, seedsRoot], { tests: true });
    writeFileSync(path.join(dir, 'src/app.ts'), USER_CODE);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test.each(Object.keys(MODES))('%s: no type errors', async (mode) => {
    const errors = await tsc(dir, `tsconfig.${mode}.json`);
    expect(errors.length, `${errors.length} type errors under module resolution ${mode}:\n${errors.join('\n')}\n`).toBe(0);
  }, 600_000);
});
if (!haveShared) test.skip(sharedSkipReason, () => {});
