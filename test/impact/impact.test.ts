import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Project } from 'ts-morph';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateInto } from '../support/generate-sdk.js';
import { corpusRoot, haveShared, inputDocs, projectRoot, sharedSkipReason } from '../support/shared.js';

/**
 * `impact` on fixture projects written for it: each line a breaking change hits carries a
 * `// hit: <what> <name>` marker, and the hits must be exactly those lines. The expectation is the
 * markers, written by hand, never what the code under test finds.
 */
const bin = path.join(projectRoot, 'dist/cli/main.js');
const work = path.join(projectRoot, 'test/.generated/impact');

function impact(args: string[]) {
  const run = spawnSync(process.execPath, [bin, 'impact', ...args], { encoding: 'utf8', cwd: work });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** `file:line what name` for every marker of the project's own files. */
function markers(projectDir: string, files: string[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    readFileSync(path.join(projectDir, file), 'utf8')
      .split('\n')
      .forEach((text, i) => {
        for (const m of text.matchAll(/hit: (\S+) (\S+)/g)) out.push(`${file}:${i + 1} ${m[1]} ${m[2]}`);
      });
  }
  return out.sort();
}

const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, skipLibCheck: true, lib: ['ES2022', 'DOM'] },
  include: ['src'],
});

/** Services88's ErpSync WSDL with six breaking edits, as Services89. */
function editedWsdl(wsdl: string): string {
  const edits: Array<[RegExp | string, string]> = [
    [/Services88/g, 'Services89'],
    ['<xs:element minOccurs="0" name="ConnectionId" nillable="true" type="xs:string"/>', ''],
    // A required field added: every object literal that builds an ErpConnection lacks it.
    ['<xs:element minOccurs="0" name="Deleted" type="xs:boolean"/>', '<xs:element minOccurs="0" name="Deleted" type="xs:boolean"/><xs:element name="Region" type="xs:string"/>'],
    ['<xs:element minOccurs="0" name="ErpConnectorId" type="xs:int"/>', '<xs:element minOccurs="0" name="ErpConnectorId" type="xs:string"/>'],
    ['<xs:enumeration value="Sale"/>', ''],
    ['<xs:element minOccurs="0" name="Since" type="xs:dateTime"/>', ''],
    [/<wsdl:operation name="DeleteConnection">.*?<\/wsdl:operation>/g, ''],
  ];
  let out = wsdl;
  for (const [find, replace] of edits) {
    const next = out.replace(find, replace);
    if (next === out) throw new Error(`the edit ${String(find)} no longer applies to the WSDL`);
    out = next;
  }
  return out;
}

const APP: Record<string, string> = {
  'src/sync.ts': `import { ErpSyncAgent, CrmActorType, type ErpConnection, type SyncSummary } from '../sdk/services88/index.js';

export async function sync(agent: ErpSyncAgent): Promise<number> {
  const all = await agent.GetAllConnections({ IncludeDeleted: true });
  let count = 0;
  for (const c of all ?? []) {
    if (!c) continue;
    console.log(c.ConnectionId); // hit: field ConnectionId
    const id: number | undefined = c.ErpConnectorId; // hit: field ErpConnectorId
    const { DisplayName, ConnectionId: cid } = c; // hit: field ConnectionId
    console.log(DisplayName, cid, id);
    count++;
  }
  await agent.DeleteConnection({ ErpConnectionId: 1 }); // hit: method DeleteConnection
  const summary: SyncSummary | null = await agent.GetSyncSummary({ ErpConnectionId: 1, Since: new Date() }); // hit: param GetSyncSummary.Since
  console.log(summary?.RowsSynced);
  await agent.ConnectActor({ CrmActorType: CrmActorType.Sale }); // hit: enum-value Sale
  await agent.ConnectActor({ CrmActorType: 'Sale' }); // hit: enum-value Sale
  await agent.ConnectActor({ CrmActorType: 'Contact' });
  const made: ErpConnection = { DisplayName: 'x', ConnectionId: 'y' }; // hit: field ConnectionId hit: field Region
  await agent['DeleteConnection']({}); // hit: method DeleteConnection
  console.log(CrmActorType['Sale']); // hit: enum-value Sale
  return count + (made.Active ? 1 : 0);
}

export function kind(t: CrmActorType): string {
  switch (t) {
    case 'Sale': // hit: enum-value Sale
      return 'sale';
    default:
      return t === 'Person' ? 'person' : 'other';
  }
}
`,
  'src/barrel.ts': `export * from '../sdk/services88/index.js';
`,
  'src/via-barrel.ts': `import { ErpSyncAgent as Agent } from './barrel.js';

export const remove = (agent: Agent) => agent.DeleteConnection({}); // hit: method DeleteConnection
export const list = (agent: Agent) => agent.GetAllConnections({});
`,
  'src/clean.ts': `import { ErpSyncAgent } from '../sdk/services88/ErpSyncAgent.js';
import type { ErpConnection } from '../sdk/services88/types.js';

export async function names(agent: ErpSyncAgent): Promise<string[]> {
  const all: Array<ErpConnection | null> | null = await agent.GetAllConnections({});
  return (all ?? []).map((c) => c?.DisplayName ?? '');
}
`,
  'src/unrelated.ts': `export const ConnectionId = 'not the SDK';
export const Sale = { DeleteConnection: () => 'Sale' };
console.log(Sale.DeleteConnection(), ConnectionId);
// The project's own union of the same values as the SDK's CrmActorType: not the SDK's enum.
type Deal = 'Unknown' | 'Person' | 'Contact' | 'Project' | 'Sale';
export const mine: Deal = 'Sale';
`,
};

describe('impact: Services88 → an edited Services89 (a field removed, a field retyped, an enum value removed, a method removed, a parameter removed)', () => {
  const projectDir = path.join(work, 'edited');
  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    const inputs = path.join(work, 'inputs');
    const wsdl = readFileSync(path.join(inputDocs, 'wsdl/Services88/WSDL-Services88-ErpSync.xml'), 'utf8');
    mkdirSync(path.join(inputs, 'Services88'), { recursive: true });
    mkdirSync(path.join(inputs, 'Services89'), { recursive: true });
    writeFileSync(path.join(inputs, 'Services88/WSDL-Services88-ErpSync.xml'), wsdl);
    writeFileSync(path.join(inputs, 'Services89/WSDL-Services89-ErpSync.xml'), editedWsdl(wsdl));
    await generateInto(path.join(projectDir, 'sdk'), [inputs]);
    writeFileSync(path.join(projectDir, 'tsconfig.json'), TSCONFIG);
    for (const [file, text] of Object.entries(APP)) {
      mkdirSync(path.dirname(path.join(projectDir, file)), { recursive: true });
      writeFileSync(path.join(projectDir, file), text);
    }
  }, 120_000);

  const args = (...more: string[]) => ['--project', projectDir, '--from', 'Services88', '--to', 'Services89', '--input', path.join(work, 'inputs'), ...more];

  test('the fixture compiles against Services88', () => {
    const project = new Project({ tsConfigFilePath: path.join(projectDir, 'tsconfig.json') });
    expect(project.getPreEmitDiagnostics().map((d) => `${d.getSourceFile()?.getBaseName()}:${d.getLineNumber()} ${d.getMessageText()}`)).toEqual([]);
  });

  test('--format json: exactly the marked lines, each with what broke', () => {
    const run = impact(args('--format', 'json'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { hits: Array<{ file: string; line: number; what: string; name: string; breaking: boolean; message: string }>; switchable: string[] };
    const found = report.hits.map((h) => `${h.file}:${h.line} ${h.what} ${h.name}`).sort();
    expect(found).toEqual(markers(projectDir, Object.keys(APP)));
    expect(report.hits.every((h) => h.breaking)).toBe(true);
    expect(report.hits.find((h) => h.what === 'field' && h.name === 'ErpConnectorId')?.message).toBe('field `ErpConnection.ErpConnectorId` type changed: `xs:int` → `xs:string` in Services89');
    expect(Object.keys(report.hits[0]!).sort()).toEqual(['breaking', 'change', 'column', 'file', 'line', 'message', 'name', 'type', 'what']);
    // clean.ts and unrelated.ts survive; clean.ts imports the SDK, so it can move; the barrel passes on a hit.
    expect(report.switchable).toEqual(['src/clean.ts']);
  });

  test('--format github: one workflow annotation per hit, checked line by line', () => {
    const run = impact(args('--format', 'github'));
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(markers(projectDir, Object.keys(APP)).length);
    expect(lines).toContain('::error file=src/via-barrel.ts,line=3,col=47::ErpSyncAgent: method `DeleteConnection` removed in Services89');
    for (const line of lines) expect(line).toMatch(/^::error file=src\/[\w-]+\.ts,line=\d+,col=\d+::\S.*$/);
  });

  test('--format text, and --fail-on breaking exits 1', () => {
    const run = impact(args('--fail-on', 'breaking'));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('src/sync.ts:14:15  ErpSyncAgent.DeleteConnection  ErpSyncAgent: method `DeleteConnection` removed in Services89\n');
    expect(run.stdout).toContain('src/sync.ts:15:88  ErpSyncAgent.GetSyncSummary({ Since })  ErpSyncAgent: parameter `GetSyncSummary.Since` removed in Services89\n');
    expect(run.stdout).toContain('src/clean.ts  every use survives: its imports can move to services89 (--fix rewrites them)\n');
  });

  test('--fix moves the imports of the files whose uses all survive, and the project still type-checks', () => {
    const copy = path.join(work, 'fixed');
    rmSync(copy, { recursive: true, force: true });
    cpSync(projectDir, copy, { recursive: true });
    const run = impact(['--project', copy, '--from', 'Services88', '--to', 'Services89', '--input', path.join(work, 'inputs'), '--fix']);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('fixed src/clean.ts: ../sdk/services88/ErpSyncAgent.js → ../sdk/services89/ErpSyncAgent.js');
    const clean = readFileSync(path.join(copy, 'src/clean.ts'), 'utf8');
    expect(clean).toBe(APP['src/clean.ts']!.replace(/services88/g, 'services89'));
    expect(readFileSync(path.join(copy, 'src/sync.ts'), 'utf8')).toBe(APP['src/sync.ts']);
    const project = new Project({ tsConfigFilePath: path.join(copy, 'tsconfig.json') });
    expect(project.getPreEmitDiagnostics().map((d) => d.getMessageText())).toEqual([]);
  });

  test('--fix rewrites nothing where moving a file would not type-check (its SDK types flow into a file that stays)', () => {
    const copy = path.join(work, 'flows');
    rmSync(copy, { recursive: true, force: true });
    cpSync(projectDir, copy, { recursive: true });
    writeFileSync(path.join(copy, 'src/flow.ts'), `import type { ErpSyncAgent } from '../sdk/services88/ErpSyncAgent.js';\nexport const listAll = (agent: ErpSyncAgent) => agent.GetAllConnections({});\n`);
    writeFileSync(path.join(copy, 'src/sync.ts'), `${APP['src/sync.ts']}\nimport { listAll } from './flow.js';\nexport const all = (agent: ErpSyncAgent) => listAll(agent);\n`);
    const run = impact(['--project', copy, '--from', 'Services88', '--to', 'Services89', '--input', path.join(work, 'inputs'), '--fix']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/--fix: moving the imports would leave \d+ new type errors? \(first: src\/sync\.ts:\d+: .*\): nothing was rewritten/);
    expect(readFileSync(path.join(copy, 'src/clean.ts'), 'utf8')).toBe(APP['src/clean.ts']);
    expect(readFileSync(path.join(copy, 'src/flow.ts'), 'utf8')).toContain('services88');
  });

  test('two drops of the same version, as two model.json files, are compared', () => {
    const model = path.join(work, 'model.json');
    const made = spawnSync(process.execPath, [bin, 'model', '-i', path.join(work, 'inputs'), '-o', model], { encoding: 'utf8' });
    expect(made.status).toBe(0);
    const run = impact(['--project', projectDir, '--from', 'Services88', '--to', 'Services88', '--input', model, model]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('no use of the SDK breaks');
  });

  test.each<[string, { given: () => string[]; status: number; stderr: RegExp }]>([
    ['a tsconfig that does not exist', { given: () => ['--project', path.join(work, 'nowhere'), '--from', 'Services88', '--to', 'Services89', '--input', path.join(work, 'inputs')], status: 2, stderr: /impact: .*nowhere does not exist\n$/ }],
    ['the same version twice', { given: () => args().map((a) => (a === 'Services89' ? 'Services88' : a)), status: 2, stderr: /--from and --to are the same version \(Services88\)/ }],
    ['a version missing from the input', { given: () => args().map((a) => (a === 'Services89' ? 'Services90' : a)), status: 2, stderr: /the input has no version Services90 \(it has Services88, Services89\)/ }],
  ])('%s: a clear message, exit 2, no stack trace', (_name, { given, status, stderr }) => {
    const run = impact(given());
    expect(run.status).toBe(status);
    expect(run.stderr).toMatch(stderr);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('a project with no use of the SDK: no hits, said so', () => {
    const bare = path.join(work, 'bare');
    mkdirSync(path.join(bare, 'src'), { recursive: true });
    writeFileSync(path.join(bare, 'tsconfig.json'), TSCONFIG);
    writeFileSync(path.join(bare, 'src/a.ts'), APP['src/unrelated.ts']!);
    const run = impact(['--project', bare, '--from', 'Services88', '--to', 'Services89', '--input', path.join(work, 'inputs')]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('no use of the SDK breaks\n');
    expect(run.stderr).toContain('no file of');
  });

  test('a project that does not compile: a warning naming the file and line, and the hits it can still find', () => {
    const broken = path.join(work, 'broken');
    rmSync(broken, { recursive: true, force: true });
    cpSync(projectDir, broken, { recursive: true });
    writeFileSync(path.join(broken, 'src/via-barrel.ts'), `${APP['src/via-barrel.ts']}export const oops = (;\n`);
    const run = impact(['--project', broken, '--from', 'Services88', '--to', 'Services89', '--input', path.join(work, 'inputs'), '--format', 'json']);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/warning: src\/via-barrel\.ts:5: Expression expected/);
    expect((JSON.parse(run.stdout) as { hits: unknown[] }).hits.length).toBe(markers(projectDir, Object.keys(APP)).length);
  });
});

describe.skipIf(!haveShared)('impact: Services87 → Services88 of the shared corpus (five FreeText methods and a List parameter removed)', () => {
  const projectDir = path.join(projectRoot, 'test/.generated/impact-corpus');
  const app = `import { FreeTextAgent, ListAgent } from '../sdk/services87/index.js';

export async function words(free: FreeTextAgent, list: ListAgent): Promise<void> {
  await free.AddWords({}); // hit: method AddWords
  const { GetStopWordList } = free; // hit: method GetStopWordList
  await GetStopWordList.call(free, {});
  await list.GetTaskList({ TaskIds: [1, 2] }); // hit: param GetTaskList.TaskIds
  await list.GetTaskList({});
}
`;
  beforeAll(async () => {
    rmSync(projectDir, { recursive: true, force: true });
    await generateInto(path.join(projectDir, 'sdk'), [path.join(corpusRoot, 'wsdl/Services87'), path.join(corpusRoot, 'wsdl/Services88')], { agents: ['FreeText', 'List'] });
    writeFileSync(path.join(projectDir, 'tsconfig.json'), TSCONFIG);
    mkdirSync(path.join(projectDir, 'src'), { recursive: true });
    writeFileSync(path.join(projectDir, 'src/words.ts'), app);
  }, 240_000);

  test('exactly the marked lines', () => {
    const run = spawnSync(process.execPath, [bin, 'impact', '--project', projectDir, '--from', 'Services87', '--to', 'Services88', '--input', path.join(corpusRoot, 'wsdl/Services87'), path.join(corpusRoot, 'wsdl/Services88'), '--format', 'json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const hits = (JSON.parse(run.stdout) as { hits: Array<{ file: string; line: number; what: string; name: string }> }).hits;
    expect(hits.map((h) => `${h.file}:${h.line} ${h.what} ${h.name}`).sort()).toEqual(markers(projectDir, ['src/words.ts']));
  });
});
if (!haveShared) test.skip(sharedSkipReason, () => {});
