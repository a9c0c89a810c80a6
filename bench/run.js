// `npm run bench`: cold and warm `generate` over the full ../shared/corpus, and the same Services88
// WSDL files through wsdl-tsclient side by side. Writes BENCHMARKS.md. Timings are wall clock of a
// whole command (node start included), median of several runs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './timing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpus');
if (!existsSync(corpus)) {
  console.error(`bench: ${corpus} is absent; the benchmarks need the shared corpus beside the checkout.`);
  process.exit(0);
}
const bin = path.join(root, 'dist/cli/main.js');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-bench-'));

function timed(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}`);
  return { ms, stdout: result.stdout };
}

function countOutput(dir) {
  let files = 0;
  let lines = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) {
        const text = readFileSync(full, 'utf8');
        files++;
        bytes += text.length;
        lines += text.split('\n').length - 1;
      }
    }
  };
  walk(dir);
  return { files, lines, bytes };
}

function generate(inputs, out, extra = []) {
  // Run outside the checkout, so that this repo's superoffice-sdkgen.config.json does not apply.
  const { ms, stdout } = timed(process.execPath, [bin, 'generate', ...inputs.flatMap((i) => ['-i', i]), '-o', out, '--json', ...extra], { cwd: tmp });
  return { ms, summary: JSON.parse(stdout) };
}

// 1. Cold: no cache, empty output folder.
const cold = [];
for (let i = 0; i < runs; i++) {
  const out = path.join(tmp, `cold-${i}`);
  cold.push(generate([corpus], out, ['--no-cache']));
}
const coldOut = countOutput(path.join(tmp, 'cold-0'));

// 2. Warm: a cache and an output from a previous run, nothing changed.
const warmOut = path.join(tmp, 'warm');
generate([corpus], warmOut);
const warm = [];
for (let i = 0; i < runs; i++) warm.push(generate([corpus], warmOut));

// 3. One page changed: only it is read again.
const edited = path.join(tmp, 'corpus-copy');
cpSync(corpus, edited, { recursive: true });
const editedOut = path.join(tmp, 'edited');
generate([edited], editedOut);
const page = path.join(edited, 'docs-mintlify/Services88/ErpSync/SaveConnection.md');
writeFileSync(page, readFileSync(page, 'utf8').replace('## SaveConnection\n', '## SaveConnection\n\nSaves it.\n'));
const oneChange = generate([edited], editedOut);

// 4. Side by side with wsdl-tsclient on the Services88 WSDL files.
const wsdl88 = path.join(corpus, 'wsdl/Services88');
const wsdlFiles = readdirSync(wsdl88).map((f) => path.join(wsdl88, f));
const tsclientRunner = path.join(root, 'bench/tsclient-runner.cjs');
const ours88 = [];
const theirs88 = [];
let tsclientFailed = [];
for (let i = 0; i < runs; i++) {
  ours88.push(generate([wsdl88], path.join(tmp, `ours88-${i}`), ['--no-cache']).ms);
  const out = path.join(tmp, `tsclient88-${i}`);
  const result = timed(process.execPath, [tsclientRunner, out, ...wsdlFiles]);
  theirs88.push(result.ms);
  tsclientFailed = JSON.parse(result.stdout).failed;
}
const theirsOut = countOutput(path.join(tmp, 'tsclient88-0'));
const oursOut88 = countOutput(path.join(tmp, 'ours88-0'));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
// The REST definitions of the drop: every JSON file that says it is OpenAPI or Swagger.
const definitions = { files: 0, bytes: 0 };
const findDefinitions = (d) => {
  for (const name of readdirSync(d)) {
    const full = path.join(d, name);
    if (statSync(full).isDirectory()) findDefinitions(full);
    else if (name.endsWith('.json') && /"(openapi|swagger)"\s*:/.test(readFileSync(full, 'utf8').slice(0, 4096))) {
      definitions.files++;
      definitions.bytes += statSync(full).size;
    }
  }
};
findDefinitions(corpus);
const s = cold[0].summary;
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
// 5. The generated SDK's runtime on big and small answers, side by side with node-soap and the official REST client.
const runtimeSection = (script) => {
  const run = spawnSync(process.execPath, [path.join(root, 'bench', script)], { encoding: 'utf8', cwd: root });
  if (run.status !== 0) throw new Error(`bench/${script} failed:\n${run.stderr}`);
  return run.stdout.trim();
};
const soapRuntime = runtimeSection('soap-runtime.js');
const restRuntime = runtimeSection('rest-runtime.js');
// 6. impact on a project of 500 files.
const impact = runtimeSection('impact.js');
// 7. The mock NetServer under load.
const mock = runtimeSection('mock.js');

const report = `# Benchmarks

Written by \`npm run bench\` (${runs} runs each, median; wall clock of the whole command, node start included).
On this shared 2-vCPU machine the same run varies by up to half between sessions; the ratio is steadier.

Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}.

## generate over the full ../shared/corpus

${s.files.read} files (${definitions.files} of them REST definitions, ${(definitions.bytes / 2 ** 20).toFixed(1)} MiB of JSON, each parsed once), ${s.versions.join(', ')}, ${s.operations} operations; output ${coldOut.files} TypeScript files, ${coldOut.lines} lines, ${(coldOut.bytes / 2 ** 20).toFixed(1)} MiB.

| run | time | peak memory |
| --- | --- | --- |
| cold (no cache, empty output) | ${fmt(median(cold.map((c) => c.ms)))} | ${median(cold.map((c) => c.summary.peakRssMb))} MiB |
| warm, nothing changed | ${fmt(median(warm.map((c) => c.ms)))} | ${median(warm.map((c) => c.summary.peakRssMb))} MiB |
| warm, one page changed (${oneChange.summary.files.parsed} file read again, ${oneChange.summary.output.written.length} written) | ${fmt(oneChange.ms)} | ${oneChange.summary.peakRssMb} MiB |

## Side by side: the ${wsdlFiles.length} Services88 WSDL files

| generator | time | output |
| --- | --- | --- |
| superoffice-sdkgen (cold, no cache) | ${fmt(median(ours88))} | ${oursOut88.files} files, ${oursOut88.lines} lines |
| wsdl-tsclient ${JSON.parse(readFileSync(path.join(root, 'node_modules/wsdl-tsclient/package.json'), 'utf8')).version} | ${fmt(median(theirs88))} | ${theirsOut.files} files, ${theirsOut.lines} lines |
| ratio | ${(median(theirs88) / median(ours88)).toFixed(1)}× faster | |

wsdl-tsclient could not generate ${tsclientFailed.length} of the ${wsdlFiles.length} files${tsclientFailed.length ? `: ${tsclientFailed.map((f) => f.split(':')[0]).join(', ')}` : ''}; its time includes the attempts.

## The generated SOAP runtime against node-soap

input-docs' \`ErpSyncAgent\` (services88) and node-soap built from the same WSDL, in one process, both handed the same answer bytes with no network (\`bench/soap-runtime.js\`, median of 7; memory in a fresh process each, the kernel's peak):

${soapRuntime}

## The generated REST runtime against the official client

input-docs' \`ErpSyncAgent\` (rest-v1) in one process (\`bench/rest-runtime.js\`, median of 7):

${restRuntime}

## impact on a project of 500 files

\`bench/impact.js\`: the project type-checks against Services87; every tenth file calls a method and passes a parameter that Services88 removed.

${impact}

## The mock NetServer

\`bench/mock.js\`: \`superoffice-sdkgen mock\` over input-docs in its own process; small calls over kept-alive connections (median of 3 runs).

${mock}
`;
writeFileSync(path.join(root, 'BENCHMARKS.md'), report);
process.stdout.write(report);
rmSync(tmp, { recursive: true, force: true });
