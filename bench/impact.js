// `impact` on a project of 500 files that use the generated Services87 SDK of the shared corpus
// (all agents generated, the project's imports pull in what it uses), moving to Services88: wall
// clock of the whole command, node start included, median of 3. Prints a markdown table; used by
// bench/run.js.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './timing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpus');
const bin = path.join(root, 'dist/cli/main.js');
const FILES = 500;
const inputs = [path.join(corpus, 'wsdl/Services87'), path.join(corpus, 'wsdl/Services88')];

/** A file of ordinary integration code: calls, results read, objects built; every tenth one calls a method Services88 removed. */
function appFile(i) {
  return `import { ContactAgent, FreeTextAgent, ListAgent, type ContactEntity } from '../sdk/services87/index.js';

export async function work${i}(contacts: ContactAgent, free: FreeTextAgent, list: ListAgent): Promise<number> {
  const contact: ContactEntity | null = await contacts.GetContactEntity({ ContactEntityId: ${i} });
  const name = contact?.Name ?? '';
  const { Department, OrgNr } = contact ?? {};
  const tasks = await list.GetTaskList(${i % 10 === 0 ? `{ TaskIds: [${i}] }` : '{}'});
  await ${i % 10 === 0 ? 'free.AddWords({})' : 'free.RegenerateIndex({})'};
  return name.length + (Department ?? '').length + (OrgNr ?? '').length + (tasks?.length ?? 0);
}
`;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-impact-'));
try {
  const gen = spawnSync(process.execPath, [bin, 'generate', ...inputs.flatMap((i) => ['-i', i]), '-o', path.join(dir, 'sdk'), '--no-cache', '--quiet'], { encoding: 'utf8', cwd: dir });
  if (gen.status !== 0) throw new Error(`generate failed:\n${gen.stderr}`);
  mkdirSync(path.join(dir, 'src'));
  for (let i = 0; i < FILES; i++) writeFileSync(path.join(dir, `src/work${i}.ts`), appFile(i));
  writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, skipLibCheck: true, lib: ['ES2022', 'DOM'] }, include: ['src'] }),
  );
  const ms = [];
  let hits = 0;
  for (let run = 0; run < 3; run++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [bin, 'impact', '--project', dir, '--from', 'Services87', '--to', 'Services88', ...inputs.flatMap((i) => ['-i', i]), '--format', 'json'], { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 26 });
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`impact failed:\n${result.stderr}`);
    hits = JSON.parse(result.stdout).hits.length;
  }
  console.log(`| project | time | hits |
| --- | --- | --- |
| ${FILES} files using the Services87 SDK (its ${inputs.length} WSDL folders read too), Services87 → Services88 | ${(median(ms) / 1000).toFixed(2)} s | ${hits} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
