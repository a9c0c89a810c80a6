import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './shared.js';

const CONFIG = "export default { test: { include: ['**/*.samples.test.ts'] } };\n";

/** Runs the sample tests of one generated SDK folder in a vitest of its own: counts, and what failed. */
export function runSampleTests(dir: string, env: Record<string, string> = {}): { total: number; failed: number; failures: string[] } {
  writeFileSync(path.join(dir, 'vitest.config.mjs'), CONFIG);
  const results = path.join(dir, 'results.json');
  spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir, '--config', path.join(dir, 'vitest.config.mjs'), '--reporter=json', `--outputFile=${results}`], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: 'ignore',
  });
  const parsed = JSON.parse(readFileSync(results, 'utf8')) as { numTotalTests: number; numFailedTests: number; testResults: Array<{ assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }> };
  const failures = parsed.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${a.title}: ${a.failureMessages.join(' ').slice(0, 500)}`));
  return { total: parsed.numTotalTests, failed: parsed.numFailedTests, failures };
}

