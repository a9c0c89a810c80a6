import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import type { ApiModel, ApiVersion, Method } from '../../src/model/api-model.js';
import { buildModel } from '../../src/model/build-model.js';
import { readExact } from '../support/exact-json.js';
import { recordingFetch } from '../support/generate-sdk.js';
import {
  argsFor,
  carrierOf,
  Definition,
  queryDifference,
  SdkTypes,
  wireDifferences,
  type DefOperation,
  type SampleContext,
  type Shape,
} from '../support/rest-definition-samples.js';
import { corpusRoot, haveShared, projectRoot, sharedSkipReason } from '../support/shared.js';

/**
 * Every REST definition of the corpus against the model and the generated client. The expectations
 * come from each file read with JSON.parse (test/support/rest-definition-samples.ts): every Agents
 * operation must be a method of its agent with the definition's verb, path, query names, `$select`,
 * option headers and body shape; then every operation is called through the SDK the CLI generates,
 * with a value built from the definition's own schemas, and what is sent must be valid for the
 * definition's request schema (ajv) and carry every value that was put in, digit for digit.
 */
const AGENT_FAMILIES = ['docs-mintlify/agents-webapi', 'docs-swagger/agent'];
const ENTITY_FAMILIES = ['docs-mintlify/rest-webapi', 'docs-swagger/rest'];
const WSDL = 'wsdl/Services88';

const listed = (family: string) =>
  haveShared
    ? readdirSync(path.join(corpusRoot, family))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => `${family}/${f}`)
    : [];
const agentFiles = AGENT_FAMILIES.flatMap(listed);
const entityFiles = ENTITY_FAMILIES.flatMap(listed);

/** Problems the wire test finds that are known defects, each with a test.fails of its own below (none now). */
const KNOWN_DROPS: Array<{ file: string; problems: string[] }> = [];

const definitions = new Map<string, Definition>();
const definitionOf = (file: string): Definition => {
  let d = definitions.get(file);
  if (!d) definitions.set(file, (d = new Definition(file, JSON.parse(readFileSync(path.join(corpusRoot, file), 'utf8')) as Record<string, unknown>)));
  return d;
};

describe.skipIf(!haveShared)(`REST definitions of the corpus on the wire${haveShared ? '' : ` (${sharedSkipReason})`}`, () => {
  let model: ApiModel;
  let rest: ApiVersion;
  let sdk: SdkTypes;
  let out = '';
  const clients = new Map<string, Record<string, (args: unknown) => Promise<unknown>>>();
  const fake = recordingFetch(() => new Response('null', { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } }));
  const counts = { operations: 0, bodies: 0, queryArgs: 0 };
  const leaves: Record<string, number> = {};

  beforeAll(async () => {
    const cli = path.join(projectRoot, 'dist/cli/main.js');
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
    const inputs = [...AGENT_FAMILIES, ...ENTITY_FAMILIES, WSDL].map((d) => path.join(corpusRoot, d));
    out = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-rest-wire-'));
    // The CLI writes the SDK while the model is built here: the two are the same inputs, read twice.
    const generated = promisify(execFile)(process.execPath, [cli, 'generate', '-q', '--no-cache', '--versions', 'v1', '-o', out, '-i', ...inputs], { maxBuffer: 1 << 24 });
    const { results, listingDiagnostics } = await ingest(inputs, {});
    model = buildModel(results, listingDiagnostics);
    await generated;
    rest = model.versions.find((v) => v.name === 'v1')!;
    sdk = new SdkTypes(rest.types);
    for (const agent of rest.agents) {
      const module = (await import(path.join(out, 'rest-v1', `${agent.name}Agent.ts`))) as Record<string, new (o: unknown) => Record<string, (args: unknown) => Promise<unknown>>>;
      clients.set(agent.name, new module[`${agent.name}Agent`]!({ baseUrl: 'https://so.example/Cust1', ticket: '7T:ticket', fetch: fake.fetch }));
    }
  });
  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
    process.stdout.write(
      `REST definition wire: ${counts.operations} operations called, ${counts.bodies} bodies validated, ${counts.queryArgs} query arguments; values in the bodies: ${Object.entries(leaves)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}\n`,
    );
  });

  const methodOf = (op: DefOperation): Method | undefined =>
    rest.agents.find((a) => a.name === op.agent)?.methods.find((m) => m.name === op.method);

  test('the corpus has the definitions this test is about', () => {
    expect(agentFiles.length).toBe(14);
    expect(entityFiles.length).toBe(14);
  });

  test.each(agentFiles)('%s: every Agents operation is a method of its agent with the definition’s verb, path, query, $select, headers and body', (file) => {
    const def = definitionOf(file);
    const ops = def.operations.filter((o) => o.agent !== undefined);
    expect(ops.length, file).toBe(def.operations.length);
    const wrong: unknown[] = [];
    for (const op of ops) {
      const m = methodOf(op);
      const want = {
        verb: op.verb,
        path: op.route.slice(1),
        query: op.query.map((q) => q.name).sort(),
        select: op.select,
        headers: [...op.headers].sort(),
        body: op.body?.shape ?? 'none',
        // An object body's members are the method's body parameters, in the carrier's order.
        bodyParams: op.body?.shape === 'object' ? Object.keys((carrierOf(def, op)['properties'] as object | undefined) ?? {}) : op.body ? 1 : 0,
        // A result exactly when the 2xx answer has a schema; raw bytes when it is a binary stream.
        result: op.ok?.schema ? (op.ok.binary ? 'binary' : 'json') : 'none',
      };
      const got = m && {
        verb: m.rest?.verb,
        path: m.rest?.path,
        query: m.params.filter((p) => p.in === 'query').map((p) => p.wireName ?? p.name).sort(),
        select: m.rest?.select,
        headers: [...(m.rest?.headers ?? [])].sort(),
        body: m.rest?.body,
        bodyParams: m.rest?.body === 'object' ? m.params.filter((p) => p.in === 'body').map((p) => p.name) : m.params.filter((p) => p.in === 'body').length,
        result: m.returns ? (m.rest?.response === 'binary' ? 'binary' : 'json') : 'none',
      };
      if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push({ operation: `${op.verb} ${op.route}`, want, got: got ?? 'no such method' });
    }
    expect(wrong, file).toEqual([]);
  });

  /**
   * The harness itself: the validator built from a definition rejects what the definition does not
   * allow, so a body that passes says something. (ErpSync's SaveConnection carrier holds an ErpConnection.)
   */
  test.each([
    ['a body of the definition', { given: { Connection: { ErpConnectionId: 7, DisplayName: 'x', Active: true, ConfigFields: { a: 'b' } } }, want: true }],
    ['an int32 sent as text', { given: { Connection: { ErpConnectionId: '7' } }, want: false }],
    ['an int32 out of range', { given: { Connection: { ErpConnectionId: 2 ** 31 } }, want: false }],
    ['a member the definition does not have', { given: { Connection: { ErpConnectionIdentity: 7 } }, want: false }],
    ['a map value of the wrong type', { given: { Connection: { ConfigFields: { a: 1 } } }, want: false }],
    ['null where nothing is nullable', { given: { Connection: null }, want: false }],
  ] as const)('the request validator: %s', (_name, { given, want }) => {
    const def = definitionOf('docs-mintlify/agents-webapi/openapi-v3-ErpSyncAgent.json');
    const op = def.operations.find((o) => o.method === 'SaveConnection')!;
    expect(def.validator(op.body!.pointer)(given)).toBe(want);
  });

  /**
   * The entity API is generated now (test/corpus/rest-entity-wire.test.ts checks it): an operation
   * outside /api/v1/Agents is reported as rest-definition-unread only when it has no tag to group it
   * by, and every operation of the corpus's entity files has one. Those files have no Agents operations.
   */
  test.each(entityFiles)('%s: no Agents operation, and nothing reported as rest-definition-unread (every operation has a tag)', (file) => {
    const def = definitionOf(file);
    expect(def.operations.filter((o) => o.agent !== undefined), file).toEqual([]);
    expect(def.operations.filter((o) => o.tag === undefined), file).toEqual([]);
    expect(model.diagnostics.filter((d) => d.code === 'rest-definition-unread' && d.file === path.join(corpusRoot, file)), file).toEqual([]);
  });

  test('no definition is reported as unread', () => {
    expect(model.diagnostics.filter((d) => d.code === 'rest-definition-unread')).toEqual([]);
  });

  /** One call of an operation through the SDK, and every way what it sent differs from the definition. */
  const callOnce = async (def: Definition, op: DefOperation, counter: { n: number }): Promise<string[]> => {
    const problems: string[] = [];
    const m = methodOf(op);
    const client = clients.get(op.agent!);
    if (!m || !client || typeof client[m.name] !== 'function') return [`${op.method}: no generated method`];
    const ctx: SampleContext = { def, counter, sdk, side: 'request' };
    const { args, body, query } = argsFor(def, op, m, ctx);
    const before = fake.requests.length;
    try {
      await client[m.name]!(args);
    } catch (error) {
      // The fake answers `null`; only a call that sent nothing is a finding here.
      if (fake.requests.length === before) return [`${op.method}: nothing sent: ${(error as Error).message}`];
    }
    counts.operations++;
    const sent = fake.requests.at(-1)!;
    const url = new URL(sent.url);
    const where = op.method!;
    if (sent.method !== op.verb) problems.push(`${where}: sent ${sent.method}, the definition says ${op.verb}`);
    if (url.pathname !== `/Cust1${op.route}`) problems.push(`${where}: sent to ${url.pathname}`);
    for (const [name, shape] of query) {
      counts.queryArgs++;
      const difference = queryDifference(url.searchParams.get(name), shape);
      if (difference) problems.push(`${where}: query ${name}: ${difference}`);
    }
    if (op.select && url.searchParams.get('$select') !== 'Name,Department') problems.push(`${where}: $select sent as ${url.searchParams.get('$select')}`);
    const expectedNames = [...query.map(([n]) => n), ...(op.select ? ['$select'] : [])].sort();
    const sentNames = [...url.searchParams.keys()].sort();
    if (sentNames.join() !== expectedNames.join()) problems.push(`${where}: query names ${sentNames.join()} sent, ${expectedNames.join()} expected`);
    if (!op.body) {
      if (sent.body !== '') problems.push(`${where}: a body was sent where the definition has none: ${sent.body.slice(0, 80)}`);
      return problems;
    }
    counts.bodies++;
    countLeaves(body!, leaves);
    problems.push(...wireDifferences(readExact(sent.body), body!, `${where} body`));
    const validate = def.validator(op.body.pointer);
    if (!validate(JSON.parse(sent.body))) {
      problems.push(...(validate.errors ?? []).slice(0, 5).map((e) => `${where} body${e.instancePath}: ${e.message} (${e.schemaPath})`));
    }
    return problems;
  };

  test.each(agentFiles)('%s: every operation, called with values from the definition, sends what the definition accepts and every value put in', async (file) => {
    const def = definitionOf(file);
    const counter = { n: 1 };
    const problems: string[] = [];
    for (const op of def.operations) problems.push(...(await callOnce(def, op, counter)));
    const known = KNOWN_DROPS.filter((k) => k.file === file).flatMap((k) => k.problems);
    expect(problems.filter((p) => !known.includes(p)), file).toEqual([]);
    // A known defect that no longer shows is fixed: take it off the list (and its test.fails below).
    expect(known.filter((p) => !problems.includes(p)), file).toEqual([]);
  });

  /**
   * The TicketAgent definition's Project has EventId and StartDate (so has the WSDL's tns:Project);
   * the AppointmentAgent definition's Project, read first, has not. The members only the second copy
   * has are taken too (and the difference reported), so SaveTicketEntity sends what its caller put in.
   */
  test('SaveTicketEntity (Swagger-v1-TicketAgent.json) sends Project.EventId and Project.StartDate, which its definition declares', async () => {
    const def = definitionOf('docs-swagger/agent/Swagger-v1-TicketAgent.json');
    const op = def.operations.find((o) => o.method === 'SaveTicketEntity')!;
    expect(await callOnce(def, op, { n: 1 })).toEqual([]);
  });
});

if (!haveShared) test.skip(sharedSkipReason, () => {});

/** How many values of each kind a body carries (`int64` for the ones past 2^53), for the summary line. */
function countLeaves(shape: Shape, into: Record<string, number>): void {
  if (shape.t === 'arr') shape.items.forEach((s) => countLeaves(s, into));
  else if (shape.t === 'obj') shape.members.forEach(([, s]) => countLeaves(s, into));
  else {
    const kind = shape.t === 'int' && shape.big ? 'int64' : shape.t;
    into[kind] = (into[kind] ?? 0) + 1;
  }
}
