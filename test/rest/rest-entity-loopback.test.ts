import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import type { ApiVersion, TypeRef } from '../../src/model/api-model.js';
import { buildModel } from '../../src/model/build-model.js';
import { readExact } from '../support/exact-json.js';
import { Loopback } from '../support/loopback.js';
import { decodedDifferences, Definition, sampleOf, SdkTypes, wireDifferences, type Json, type SampleContext } from '../support/rest-definition-samples.js';
import { readQuery } from '../support/rest-entity-expect.js';
import { corpusRoot, haveShared, inputDocs, projectRoot, sharedSkipReason } from '../support/shared.js';

/**
 * The REST entity API's generated classes (ContactRestApi, PersonRestApi) against a real HTTP server
 * on 127.0.0.1 through the real global fetch: round trips with typed results, NetServer error bodies
 * and bare HTTP errors, conditional requests (304, 412), a collection query, and images both ways
 * (raw bytes down, multipart/form-data up). Values sent and answered are built from the definitions'
 * own schemas (read with JSON.parse); input-docs' Contact definition always runs, the corpus's
 * Contact and Person resources where ../shared is present.
 */


/** The parts of a multipart/form-data body (RFC 7578), read by this test on its own: name → headers and raw bytes. */
function readMultipart(contentType: string | undefined, body: Buffer): Map<string, { headers: string; bytes: Buffer }> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  if (!/^multipart\/form-data\b/.test(contentType ?? '') || !boundary) throw new Error(`not multipart/form-data: ${contentType}`);
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts = new Map<string, { headers: string; bytes: Buffer }>();
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new Error('a multipart body without its closing delimiter');
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    const name = /content-disposition:\s*form-data;[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) throw new Error(`a part without a name: ${headers}`);
    parts.set(name, { headers, bytes: Buffer.from(part.subarray(split + 4)) });
    at = next;
  }
  return parts;
}

type Method = (args?: unknown, call?: unknown) => Promise<unknown>;
type Api = Record<string, Method>;
interface Errors {
  NetServerError: new (...a: never[]) => Error & { status?: number; exceptionType?: string };
  HttpError: new (...a: never[]) => Error & { status: number; statusText: string; body: string };
}

interface Env {
  out: string;
  apis: Map<string, Api>;
  errors: Errors;
  /** The model's types: used only to hand the SDK a flags value as the array of names its TypeScript type asks for. */
  sdk: SdkTypes;
  rest: ApiVersion;
}

/** The model's type of a method's result, or of one of its parameters. */
function typeIn(env: Env, resource: string, method: string, param?: string): TypeRef | undefined {
  const m = env.rest.resources?.find((r) => r.name === resource)?.methods.find((x) => x.name === method);
  return param === undefined ? m?.returns?.type : m?.params.find((p) => p.name === param)?.type;
}

/** Generates the REST SDK of `inputs` with the CLI and opens the named resource classes against the loopback server. */
async function setUp(label: string, inputs: string[], resources: string[], loopback: Loopback): Promise<Env> {
  const cli = path.join(projectRoot, 'dist/cli/main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  const out = mkdtempSync(path.join(os.tmpdir(), `sdkgen-rest-entity-loopback-${label}-`));
  const generated = promisify(execFile)(process.execPath, [cli, 'generate', '-q', '--no-cache', '--versions', 'v1', '-o', out, ...inputs.flatMap((i) => ['-i', i])], { maxBuffer: 1 << 24 });
  const { results, listingDiagnostics } = await ingest(inputs, {});
  const rest = buildModel(results, listingDiagnostics).versions.find((v) => v.name === 'v1')!;
  await generated;
  await loopback.start();
  const apis = new Map<string, Api>();
  for (const resource of resources) {
    const module = (await import(path.join(out, 'rest-v1', `${resource}RestApi.ts`))) as Record<string, new (o: unknown) => Api>;
    apis.set(resource, new module[`${resource}RestApi`]!({ baseUrl: `http://127.0.0.1:${loopback.port}/Cust1/`, ticket: '7T:loopback' }));
  }
  // The classes the generated client throws: its own runtime's, not src/runtime's.
  const errors = (await import(path.join(out, 'runtime', 'errors.ts'))) as Errors;
  return { out, apis, errors, sdk: new SdkTypes(rest.types), rest };
}

const readDefinition = (file: string) => new Definition(path.basename(file), JSON.parse(readFileSync(file, 'utf8')) as Json);

/** Every byte value, then sequences that are not UTF-8 (a text decoder would replace them with U+FFFD). */
const IMAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 256 }, (_, i) => i), 0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0x80, 0x00]);
/** An IMF-fixdate (RFC 9110 §5.6.7): `Sun, 06 Nov 1994 08:49:37 GMT`. */
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT$/;

/** One resource's entity operations, named as its definition names them. */
interface Resource {
  label: string;
  file: () => string;
  resource: string;
  entity: string;
  get: string;
  put: string;
  del: string;
  getAll: string;
  getImage: string;
  saveImage: string;
  imageId: string;
}

/**
 * Was a defect (corpus Contact and Person GetImage): the 200 answer's content is image/* only, each
 * `{type: string, format: byte}`; with no JSON media type offered, the bytes are the image itself, and
 * the client must not parse them as JSON.
 */
/** What every resource is checked for; `env` and `loopback` are the describe's. */
function resourceTests(r: Resource, envOf: () => Env, loopback: Loopback): void {
  const def = () => readDefinition(r.file());
  const api = () => envOf().apis.get(r.resource)!;
  const entitySchema = () => ({ $ref: `${def().namedPrefix}${Object.keys((def().doc['components'] as Json | undefined)?.['schemas'] ?? def().doc['definitions'] ?? {}).find((n) => n.endsWith(`.${r.entity}`) || n === r.entity)}` });
  const ctx = (side: 'request' | 'response', n = 1): SampleContext => ({ def: def(), counter: { n }, side, sdk: envOf().sdk });
  const typeOf = (method: string, param?: string) => typeIn(envOf(), r.resource, method, param);

  test(`${r.label}: ${r.get} answers the entity, typed (dates as Date, int64 as bigint, decimals as text)`, async () => {
    const answer = sampleOf(entitySchema(), ctx('response'), typeOf(r.get));
    loopback.reply = { status: 200, contentType: 'application/json; charset=utf-8', body: answer.json };
    const before = loopback.exchanges.length;
    const result = await api()[r.get]!({ id: 5, $select: ['Name', 'Department'] });
    const x = loopback.last(before);
    expect(x.method).toBe('GET');
    expect(x.url).toBe(`/Cust1/api/v1/${r.resource}/5?$select=Name%2CDepartment`);
    expect(x.headers['authorization']).toBe('SoTicket 7T:loopback');
    expect(decodedDifferences(result, answer.shape, 'result')).toEqual([]);
  });

  test(`${r.label}: ${r.put} sends the entity as the definition has it and answers it back`, async () => {
    const sent = sampleOf(entitySchema(), ctx('request', 40), typeOf(r.put, 'body'));
    const answer = sampleOf(entitySchema(), ctx('response', 80), typeOf(r.put));
    loopback.reply = { status: 200, contentType: 'application/json; charset=utf-8', body: answer.json };
    const before = loopback.exchanges.length;
    const result = await api()[r.put]!({ id: 5, body: sent.js });
    const x = loopback.last(before);
    expect(x.method).toBe('PUT');
    expect(x.url).toBe(`/Cust1/api/v1/${r.resource}/5`);
    expect(x.headers['content-type']).toMatch(/^application\/json\b/);
    const text = x.body.toString('utf8');
    expect(wireDifferences(readExact(text), sent.shape, 'body')).toEqual([]);
    const op = def().operations.find((o) => o.verb === 'PUT' && o.route === `/api/v1/${r.resource}/{id}`)!;
    const validate = def().validator(op.body!.pointer);
    expect(validate(JSON.parse(text)) ? [] : validate.errors).toEqual([]);
    expect(decodedDifferences(result, answer.shape, 'result')).toEqual([]);
  });

  test(`${r.label}: ${r.del} sends DELETE without a body; 204 resolves to undefined`, async () => {
    loopback.reply = { status: 204 };
    const before = loopback.exchanges.length;
    expect(await api()[r.del]!({ id: 5 })).toBeUndefined();
    const x = loopback.last(before);
    expect([x.method, x.url, x.body.length]).toEqual(['DELETE', `/Cust1/api/v1/${r.resource}/5`, 0]);
  });

  /** The shapes errorFrom (src/runtime/rest.ts) reads as a NetServer error. */
  test.each([
    ['the WebApi error body', { given: { status: 404, body: { Error: true, ErrorType: 'NotFound', Message: 'Contact 5 not found' } }, want: { status: 404, message: 'Contact 5 not found', exceptionType: 'NotFound' } }],
    ['ErrorMessage and ExceptionType', { given: { status: 500, body: { ErrorMessage: 'boom', ExceptionType: 'SoException' } }, want: { status: 500, message: 'boom', exceptionType: 'SoException' } }],
    ['an OAuth error', { given: { status: 401, body: { error: 'invalid_token', error_description: 'The ticket has expired' } }, want: { status: 401, message: 'The ticket has expired', exceptionType: undefined } }],
  ] as const)(`${r.label}: ${r.get}: an error answer with %s is a NetServerError with its status`, async (_name, { given, want }) => {
    loopback.reply = { status: given.status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(given.body) };
    const error = await api()[r.get]!({ id: 5 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(envOf().errors.NetServerError);
    const e = error as InstanceType<Errors['NetServerError']>;
    expect({ status: e.status, message: e.message, exceptionType: e.exceptionType }).toEqual(want);
  });

  test.each([
    ['404 without a body', { given: { status: 404, contentType: undefined, body: '' }, want: { status: 404, statusText: 'Not Found', body: '' } }],
    ['404 as an HTML page', { given: { status: 404, contentType: 'text/html', body: '<html><body>Not here</body></html>' }, want: { status: 404, statusText: 'Not Found', body: '<html><body>Not here</body></html>' } }],
    ['500 as JSON without a message', { given: { status: 500, contentType: 'application/json', body: '{"Error":true,"Code":17}' }, want: { status: 500, statusText: 'Internal Server Error', body: '{"Error":true,"Code":17}' } }],
    ['500 as text', { given: { status: 500, contentType: 'text/plain', body: 'Internal error ü' }, want: { status: 500, statusText: 'Internal Server Error', body: 'Internal error ü' } }],
  ] as const)(`${r.label}: ${r.get}: %s is an HttpError with its status, status text and body`, async (_name, { given, want }) => {
    loopback.reply = given.contentType ? { status: given.status, contentType: given.contentType, body: given.body } : { status: given.status, body: given.body };
    const error = await api()[r.get]!({ id: 5 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(envOf().errors.HttpError);
    expect(error).not.toBeInstanceOf(envOf().errors.NetServerError);
    const e = error as InstanceType<Errors['HttpError']>;
    expect({ status: e.status, statusText: e.statusText, body: e.body }).toEqual(want);
  });

  test(`${r.label}: ${r.get} with ifModifiedSince sends If-Modified-Since as an HTTP-date; the 304 its definition documents resolves to undefined`, async () => {
    const op = def().operations.find((o) => o.verb === 'GET' && o.route === `/api/v1/${r.resource}/{id}`)!;
    expect(Object.keys((def().doc['paths'] as Record<string, Record<string, Json>>)[op.route]!['get']!['responses'] as Json)).toContain('304');
    loopback.reply = { status: 304 };
    const since = new Date(Date.UTC(2024, 1, 29, 23, 5, 9, 0));
    const before = loopback.exchanges.length;
    expect(await api()[r.get]!({ id: 5 }, { ifModifiedSince: since })).toBeUndefined();
    const header = String(loopback.last(before).headers['if-modified-since']);
    expect(header).toMatch(HTTP_DATE);
    expect(header).toBe('Thu, 29 Feb 2024 23:05:09 GMT');
  });

  test(`${r.label}: ${r.getAll} has no 304 in its definition: a 304 there is an HttpError, not an empty result`, async () => {
    loopback.reply = { status: 304 };
    const error = await api()[r.getAll]!({}, { ifModifiedSince: new Date(0) }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(envOf().errors.HttpError);
    expect((error as InstanceType<Errors['HttpError']>).status).toBe(304);
  });

  test(`${r.label}: ${r.put} with ifUnmodifiedSince sends If-Unmodified-Since; a 412 is an HttpError with status 412`, async () => {
    loopback.reply = { status: 412, contentType: 'text/plain', body: 'Precondition Failed' };
    const since = new Date(Date.UTC(2023, 11, 31, 0, 0, 1, 999));
    const before = loopback.exchanges.length;
    const error = await api()[r.put]!({ id: 5, body: { Name: 'x' } }, { ifUnmodifiedSince: since }).then(
      () => undefined,
      (e: unknown) => e,
    );
    const header = String(loopback.last(before).headers['if-unmodified-since']);
    // An HTTP-date has whole seconds: the milliseconds are dropped, not rounded up.
    expect(header).toBe('Sun, 31 Dec 2023 00:00:01 GMT');
    expect(error).toBeInstanceOf(envOf().errors.HttpError);
    expect((error as InstanceType<Errors['HttpError']>).status).toBe(412);
  });

  test(`${r.label}: ${r.getAll}: $select (a list), $filter, $top, $skip, $orderBy and $mode arrive as the query string, in order, each encoded`, async () => {
    const op = def().operations.find((o) => o.verb === 'GET' && o.route === `/api/v1/${r.resource}`)!;
    const modeSchema = op.query.find((q) => q.name === '$mode')!.schema;
    const mode = ((typeof modeSchema['$ref'] === 'string' ? def().resolve(modeSchema['$ref']) : modeSchema)['enum'] as string[]).at(-1)!;
    const answer = sampleOf(op.ok!.schema!, ctx('response'), typeOf(r.getAll));
    loopback.reply = { status: 200, contentType: 'application/json', body: answer.json };
    const before = loopback.exchanges.length;
    const result = await api()[r.getAll]!({ $select: ['name', 'department', 'nameDepartment'], $filter: "name begins 'Super & Co' and id gt 5", $top: 10, $skip: 20, $orderBy: 'name asc,id desc', $mode: mode });
    const url = loopback.last(before).url;
    const [pathPart, rawQuery = ''] = url.split('?') as [string, string?];
    expect(pathPart).toBe(`/Cust1/api/v1/${r.resource}`);
    const { values, problems } = readQuery(rawQuery);
    expect(problems).toEqual([]);
    // Names in the order the definition declares the parameters, then $select.
    const declared = op.query.map((q) => q.name).filter((n) => ['$filter', '$orderBy', '$top', '$skip', '$mode'].includes(n));
    expect([...values.keys()]).toEqual([...declared, '$select']);
    expect(Object.fromEntries(values)).toEqual({
      $filter: ["name begins 'Super & Co' and id gt 5"],
      $orderBy: ['name asc,id desc'],
      $top: ['10'],
      $skip: ['20'],
      $mode: [mode],
      $select: ['name,department,nameDepartment'],
    });
    expect(decodedDifferences(result, answer.shape, 'result')).toEqual([]);
  });

  test(`${r.label}: ${r.getImage} answers raw bytes: a Uint8Array, non-UTF-8 bytes intact`, async () => {
    loopback.reply = { status: 200, contentType: 'image/png', body: IMAGE };
    const before = loopback.exchanges.length;
    const result = await api()[r.getImage]!({ [r.imageId]: 5 });
    const x = loopback.last(before);
    expect(x.url.split('?')[0]).toBe(`/Cust1/api/v1/${r.resource}/5/Image`);
    expect(String(x.headers['accept'])).toMatch(/image\/png|image\/\*|\*\/\*/);
    expect(result).toBeInstanceOf(Uint8Array);
    expect(Buffer.compare(Buffer.from(result as Uint8Array), Buffer.from(IMAGE))).toBe(0);
  });

  test(`${r.label}: ${r.saveImage} uploads multipart/form-data whose part named image carries the bytes`, async () => {
    loopback.reply = { status: 200, contentType: 'application/json', body: '4711' };
    const before = loopback.exchanges.length;
    const result = await api()[r.saveImage]!({ [r.imageId]: 5, body: { image: IMAGE } });
    const x = loopback.last(before);
    expect([x.method, x.url]).toEqual(['PUT', `/Cust1/api/v1/${r.resource}/5/Image`]);
    const parts = readMultipart(x.headers['content-type'], x.body);
    expect([...parts.keys()]).toEqual(['image']);
    const image = parts.get('image')!;
    expect(image.headers).toMatch(/filename="[^"]*"/i);
    expect(Buffer.compare(image.bytes, Buffer.from(IMAGE))).toBe(0);
    expect(result).toBe(4711);
  });
}

describe('REST entity loopback: input-docs’ Contact definition', () => {
  const loopback = new Loopback();
  let env: Env;
  const file = path.join(inputDocs, 'definitions/openapi-v3-Contact.json');
  beforeAll(async () => {
    env = await setUp('input-docs', [path.join(inputDocs, 'definitions'), path.join(inputDocs, 'wsdl/Services88')], ['Contact'], loopback);
  });
  afterAll(async () => {
    await loopback.stop();
    if (env) rmSync(env.out, { recursive: true, force: true });
  });

  resourceTests(
    { label: 'input-docs', file: () => file, resource: 'Contact', entity: 'ContactEntity', get: 'GetContactEntity', put: 'PutContactEntity', del: 'DeleteContactEntity', getAll: 'GetAll', getImage: 'GetImage', saveImage: 'SaveImage', imageId: 'contactId' },
    () => env,
    loopback,
  );

  test('the ContactEntity input-docs serves has the values this test is about: a date, an int64 and a decimal', () => {
    const def = readDefinition(file);
    const entity = def.resolve(`${def.namedPrefix}${Object.keys((def.doc['components'] as Json)['schemas'] as Json).find((n) => n.endsWith('ContactEntity'))}`);
    const formats = Object.values(entity['properties'] as Record<string, Json>).map((p) => p['format']);
    expect(formats).toEqual(expect.arrayContaining(['date-time', 'int64', 'decimal']));
  });

  test('PatchContactEntity sends its JSON Patch array, every operation as given, and answers the patched entity', async () => {
    const def = readDefinition(file);
    const patch = [
      { op: 'replace', path: '/Name', value: 'Super & Co ü' },
      { op: 'add', path: '/UserDefinedFields/SuperOffice:1', value: '42' },
      { op: 'remove', path: '/Department' },
      { op: 'move', from: '/Number2', path: '/Number1' },
    ];
    const answer = sampleOf({ $ref: '#/components/schemas/SuperOffice.CRM.Services.ContactEntity' }, { def, counter: { n: 3 }, side: 'response', sdk: env.sdk }, typeIn(env, 'Contact', 'PatchContactEntity'));
    loopback.reply = { status: 200, contentType: 'application/json; charset=utf-8', body: answer.json };
    const before = loopback.exchanges.length;
    const result = await env.apis.get('Contact')!['PatchContactEntity']!({ id: 5, body: patch });
    const x = loopback.last(before);
    expect([x.method, x.url]).toEqual(['PATCH', '/Cust1/api/v1/Contact/5']);
    const text = x.body.toString('utf8');
    expect(JSON.parse(text)).toEqual(patch);
    const op = def.operations.find((o) => o.verb === 'PATCH')!;
    const validate = def.validator(op.body!.pointer);
    expect(validate(JSON.parse(text)) ? [] : validate.errors).toEqual([]);
    expect(decodedDifferences(result, answer.shape, 'result')).toEqual([]);
  });

  /**
   * Was a defect: the definition's PATCH requestBody has one media type, application/json-patch+json,
   * which an ASP.NET action with [Consumes("application/json-patch+json")] insists on (else 415).
   */
  test('PatchContactEntity sends Content-Type application/json-patch+json, the only one its definition takes', async () => {
    loopback.reply = { status: 200, contentType: 'application/json', body: 'null' };
    const before = loopback.exchanges.length;
    await env.apis.get('Contact')!['PatchContactEntity']!({ id: 5, body: [{ op: 'remove', path: '/Department' }] });
    expect(String(loopback.last(before).headers['content-type']).split(';')[0]).toBe('application/json-patch+json');
  });

  test('a path parameter with characters a segment cannot carry arrives percent-encoded, one segment (GetNameDuplicates)', async () => {
    loopback.reply = { status: 200, contentType: 'application/json', body: '[]' };
    const before = loopback.exchanges.length;
    expect(await env.apis.get('Contact')!['GetNameDuplicates']!({ name: 'a/b c?#ü%' })).toEqual([]);
    const url = loopback.last(before).url;
    expect(url).toBe('/Cust1/api/v1/Contact/Duplicates/a%2Fb%20c%3F%23%C3%BC%25');
  });
});

const CORPUS: Resource[] = [
  { label: 'corpus Contact', file: () => path.join(corpusRoot, 'docs-mintlify/rest-webapi/openapi-v3-Contact.json'), resource: 'Contact', entity: 'ContactEntity', get: 'GetContactEntity', put: 'PutContactEntity', del: 'DeleteContactEntity', getAll: 'GetAll', getImage: 'GetImage', saveImage: 'SaveImage', imageId: 'contactId' },
  { label: 'corpus Person', file: () => path.join(corpusRoot, 'docs-mintlify/rest-webapi/openapi-v3-Person.json'), resource: 'Person', entity: 'PersonEntity', get: 'GetPersonEntity', put: 'PutPersonEntity', del: 'DeletePersonEntity', getAll: 'GetAll', getImage: 'GetImage', saveImage: 'SaveImage', imageId: 'personId' },
];

describe.skipIf(!haveShared)(`REST entity loopback: the corpus's Contact and Person resources${haveShared ? '' : ` (${sharedSkipReason})`}`, () => {
  const loopback = new Loopback();
  let env: Env;
  beforeAll(async () => {
    // The corpus's entity definitions with the WSDL, as a user generates them.
    env = await setUp('corpus', ['docs-mintlify/rest-webapi', 'docs-swagger/rest', 'wsdl/Services88'].map((d) => path.join(corpusRoot, d)), ['Contact', 'Person'], loopback);
  });
  afterAll(async () => {
    await loopback.stop();
    if (env) rmSync(env.out, { recursive: true, force: true });
  });

  for (const r of CORPUS) resourceTests(r, () => env, loopback);
});

if (!haveShared) test.skip(sharedSkipReason, () => {});
