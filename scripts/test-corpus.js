// `npm run test:corpus`: generate the SDK and its sample tests over all of ../shared/corpus, run the
// tests, and print counts: method pages with samples, tests, passed, failed, sample issues by kind.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpus');
if (!existsSync(corpus)) {
  console.error(`test:corpus: ${corpus} is absent; nothing to run.`);
  process.exit(0);
}
const out = path.join(root, 'corpus-sdk');
const diagnosticsFile = path.join(out, 'diagnostics.txt');
rmSync(out, { recursive: true, force: true });
const generated = spawnSync(process.execPath, [path.join(root, 'dist/cli/main.js'), 'generate', '-i', corpus, '-o', out, '--tests', '--no-cache', '--quiet', '--diagnostics', diagnosticsFile], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
if (generated.status !== 0) process.exit(generated.status ?? 1);
const resultsFile = path.join(out, 'results.json');
const run = spawnSync('npx', ['vitest', 'run', '--config', 'vitest.corpus.config.ts', '--reporter=json', `--outputFile=${resultsFile}`], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'inherit'] });
const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
const issues = {};
for (const line of readFileSync(diagnosticsFile, 'utf8').split('\n')) {
  const code = /\[(sample-[a-z-]+|rest-response-for-void)\]/.exec(line)?.[1];
  if (code) issues[code] = (issues[code] ?? 0) + 1;
}
const failedTests = results.testResults.flatMap((f) => f.assertionResults.filter((a) => a.status === 'failed').map((a) => `${path.relative(root, f.name)}: ${a.title}`));
console.log(`pages with samples (tests): ${results.numTotalTests}`);
console.log(`test files: ${results.testResults.length}`);
console.log(`passed: ${results.numPassedTests}, failed: ${results.numFailedTests}`);
console.log('sample issues by kind:');
for (const [code, count] of Object.entries(issues).sort()) console.log(`  ${code}: ${count}`);
for (const failure of failedTests.slice(0, 30)) console.log(`FAILED ${failure}`);
console.log(`${results.numPassedTests} passed, ${results.numFailedTests} failed`);
process.exit(run.status ?? 1);
