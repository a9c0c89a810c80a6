import { Ajv, type ValidateFunction } from 'ajv';
import type { Method, TypeDef, TypeRef } from '../../src/model/api-model.js';
import { ExactNumber, ExactObject, type ExactValue } from './exact-json.js';

/**
 * What the REST wire tests expect, worked out from a definition file read with plain JSON.parse: its
 * Agents operations (verb, path, query parameters, `$select`, option headers, body shape, answer) and
 * sample values built from its own JSON schemas. Nothing here reads the generator's facts or goes
 * through the runtime's codecs; the one thing taken from the generator's model is how the SDK spells
 * a value whose JSON is a plain string, where the WSDL twin made it a flags enum (an array of names in
 * TypeScript, `"A, B"` on the wire) — see `SdkTypes`.
 */
export type Json = Record<string, unknown>;

const VERBS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const AGENT_PATH = /^\/api\/v1\/Agents\/([^/]+)\/([^/]+)$/;
const JSON_MEDIA = /^(application|text)\/([\w.+-]*\+)?json\b/i;

export interface DefQueryParam {
  name: string;
  schema: Json;
  required: boolean;
  /** How an array travels in the query: OpenAPI 3 `explode` (form style: true unless it says false), Swagger 2 `collectionFormat`. */
  explode?: boolean;
  collectionFormat?: string;
}

export interface DefOperation {
  file: string;
  verb: string;
  route: string;
  /** RFC 6901 pointer of the operation object. */
  pointer: string;
  /** Set for `/api/v1/Agents/<Agent>/<Method>`. */
  agent?: string;
  method?: string;
  /** The entity API's grouping and naming: the first tag, the operationId. */
  tag?: string;
  operationId?: string;
  /** Path parameters (`{id}`), in the order declared. */
  path: DefQueryParam[];
  /** Swagger 2 `formData` parameters (a multipart/form-data or urlencoded body). */
  form: DefQueryParam[];
  query: DefQueryParam[];
  select: boolean;
  headers: string[];
  body?: { schema: Json; pointer: string; name?: string; shape: 'object' | 'value'; contentTypes: string[] };
  /** The first 2xx answer: its status, schema (if any) and content types. */
  ok?: { status: string; schema?: Json; contentTypes: string[]; binary: boolean };
}

export function escapePointer(part: string): string {
  return part.replace(/~/g, '~0').replace(/\//g, '~1');
}

export class Definition {
  readonly swagger: boolean;
  readonly operations: DefOperation[];

  constructor(
    readonly file: string,
    readonly doc: Json,
  ) {
    this.swagger = doc['swagger'] === '2.0';
    this.operations = this.readOperations();
  }

  /** `#/components/schemas` or `#/definitions`, with the pointer prefix of a named schema. */
  get namedPrefix(): string {
    return this.swagger ? '#/definitions/' : '#/components/schemas/';
  }

  /** The value a local `$ref` (`#/components/schemas/X`) points at. */
  resolve(ref: string): Json {
    if (!ref.startsWith('#/')) throw new Error(`${this.file}: only local refs are expected, not ${ref}`);
    let at: unknown = this.doc;
    for (const part of ref.slice(2).split('/')) {
      at = (at as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    if (!at || typeof at !== 'object') throw new Error(`${this.file}: ${ref} names nothing`);
    return at as Json;
  }

  private deref(p: Json): Json {
    return typeof p['$ref'] === 'string' ? this.resolve(p['$ref']) : p;
  }

  private readOperations(): DefOperation[] {
    const out: DefOperation[] = [];
    for (const [route, item] of Object.entries((this.doc['paths'] as Json | undefined) ?? {})) {
      const pathItem = item as Json;
      const shared = ((pathItem['parameters'] as Json[] | undefined) ?? []).map((p) => this.deref(p));
      for (const [verb, value] of Object.entries(pathItem)) {
        if (!VERBS.includes(verb)) continue;
        const op = value as Json;
        const pointer = `/paths/${escapePointer(route)}/${verb}`;
        const own = ((op['parameters'] as Json[] | undefined) ?? []).map((p) => this.deref(p));
        const ownKeys = new Set(own.map((p) => `${String(p['in'])} ${String(p['name'])}`));
        const params = [...shared.filter((p) => !ownKeys.has(`${String(p['in'])} ${String(p['name'])}`)), ...own];
        const match = AGENT_PATH.exec(route);
        const o: DefOperation = {
          file: this.file,
          verb: verb.toUpperCase(),
          route,
          pointer,
          path: params.filter((p) => p['in'] === 'path').map((p) => this.paramOf(p)),
          form: params.filter((p) => p['in'] === 'formData').map((p) => this.paramOf(p)),
          query: params.filter((p) => p['in'] === 'query' && p['name'] !== '$select').map((p) => this.paramOf(p)),
          select: params.some((p) => p['in'] === 'query' && p['name'] === '$select'),
          headers: params.filter((p) => p['in'] === 'header').map((p) => String(p['name'])),
        };
        if (match) {
          o.agent = match[1]!;
          o.method = match[2]!;
        }
        const tags = op['tags'];
        if (Array.isArray(tags) && typeof tags[0] === 'string') o.tag = tags[0];
        if (typeof op['operationId'] === 'string') o.operationId = op['operationId'];
        const body = this.bodyOf(op, params, pointer, o.method ?? '');
        if (body) o.body = body;
        const ok = this.okOf(op);
        if (ok) o.ok = ok;
        out.push(o);
      }
    }
    return out;
  }

  private paramOf(p: Json): DefQueryParam {
    // Swagger 2 puts a parameter's type on the parameter itself; OpenAPI 3 under `schema`.
    const q: DefQueryParam = { name: String(p['name']), schema: (this.swagger ? p : p['schema']) as Json, required: p['required'] === true };
    if (!this.swagger) q.explode = p['explode'] !== false;
    else if (typeof p['collectionFormat'] === 'string') q.collectionFormat = p['collectionFormat'];
    return q;
  }

  private bodyOf(op: Json, params: Json[], pointer: string, method: string): DefOperation['body'] {
    let schema: Json | undefined;
    let schemaPointer = '';
    let name: string | undefined;
    let contentTypes: string[];
    if (this.swagger) {
      const index = ((op['parameters'] as Json[] | undefined) ?? []).findIndex((p) => this.deref(p)['in'] === 'body');
      const p = params.find((q) => q['in'] === 'body');
      if (!p) return undefined;
      schema = p['schema'] as Json;
      schemaPointer = `${pointer}/parameters/${index}/schema`;
      name = String(p['name']);
      contentTypes = ((op['consumes'] ?? this.doc['consumes'] ?? []) as string[]).slice();
    } else {
      // A request body may be a `$ref` to `#/components/requestBodies/…` (the entity definitions do that).
      let request = op['requestBody'] as Json | undefined;
      let requestPointer = `${pointer}/requestBody`;
      if (request && typeof request['$ref'] === 'string') {
        requestPointer = request['$ref'].slice(1);
        request = this.resolve(request['$ref']);
      }
      const content = request?.['content'] as Record<string, Json> | undefined;
      if (!content) return undefined;
      contentTypes = Object.keys(content);
      const media = 'application/json' in content ? 'application/json' : contentTypes.find((c) => JSON_MEDIA.test(c)) ?? contentTypes[0]!;
      schema = content[media]!['schema'] as Json;
      schemaPointer = `${requestPointer}/content/${escapePointer(media)}/schema`;
    }
    const ref = typeof schema['$ref'] === 'string' ? schema['$ref'] : undefined;
    const refName = ref ? ref.slice(ref.lastIndexOf('/') + 1) : '';
    // The request carrier: `SuperOffice.WebApi.v1.Carriers.ErpSyncCarriers.SaveConnectionRequest`, or
    // the Swagger body parameter named `request`; every other body is the value itself.
    const carrier = refName.slice(refName.lastIndexOf('.') + 1) === `${method}Request` || name === 'request';
    const body: NonNullable<DefOperation['body']> = { schema, pointer: schemaPointer, shape: carrier ? 'object' : 'value', contentTypes };
    if (name !== undefined) body.name = name;
    return body;
  }

  private okOf(op: Json): DefOperation['ok'] {
    const responses = (op['responses'] as Record<string, Json> | undefined) ?? {};
    const status = Object.keys(responses).find((s) => /^2\d\d$/.test(s));
    if (!status) return undefined;
    const r = this.deref(responses[status]!);
    let schema: Json | undefined;
    let contentTypes: string[];
    if (this.swagger) {
      schema = r['schema'] as Json | undefined;
      contentTypes = ((op['produces'] ?? this.doc['produces'] ?? []) as string[]).slice();
    } else {
      const content = (r['content'] as Record<string, Json> | undefined) ?? {};
      contentTypes = Object.keys(content);
      const media = contentTypes.find((c) => JSON_MEDIA.test(c)) ?? contentTypes[0];
      schema = media ? (content[media]!['schema'] as Json | undefined) : undefined;
    }
    const binary = schema !== undefined && schema['type'] === 'string' && schema['format'] === 'binary' && !contentTypes.some((c) => JSON_MEDIA.test(c));
    const ok: NonNullable<DefOperation['ok']> = { status, contentTypes, binary };
    if (schema) ok.schema = schema;
    return ok;
  }

  /**
   * A validator of one schema of the file (by its pointer), draft-07 with the file's named schemas as
   * the document refs resolve in. Objects that list their properties get `additionalProperties: false`
   * so that a member the definition does not have is an error, not silence (no definition of the
   * corpus says either way; NetServer ignores unknown members, a client must not rely on that).
   */
  validator(pointer: string): ValidateFunction {
    const ajv = (this.ajv ??= newAjv(this));
    const found = ajv.getSchema(`${this.id}#${pointer}`);
    if (!found) throw new Error(`${this.file}: no schema at ${pointer}`);
    return found;
  }

  private ajv: Ajv | undefined;
  get id(): string {
    return `urn:test:${escapeId(this.file)}`;
  }
}

function escapeId(file: string): string {
  return file.replace(/[^A-Za-z0-9.-]/g, '_');
}

function newAjv(def: Definition): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  const int = (lo: number, hi: number) => ({ type: 'number' as const, validate: (n: number) => Number.isInteger(n) && n >= lo && n <= hi });
  ajv.addFormat('int32', int(-(2 ** 31), 2 ** 31 - 1));
  ajv.addFormat('int16', int(-(2 ** 15), 2 ** 15 - 1));
  ajv.addFormat('int8', int(-128, 127));
  // JSON.parse has rounded int64 digits past 2^53 by now; they are compared as text elsewhere.
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('float', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('decimal', { type: 'number', validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat('date-time', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/);
  ajv.addFormat('date', /^\d{4}-\d\d-\d\d$/);
  ajv.addFormat('byte', /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
  ajv.addFormat('binary', true);
  ajv.addFormat('uuid', /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/);
  ajv.addSchema({ ...closeObjects(def.doc), $id: def.id } as Json);
  return ajv;
}

/** A deep copy in which every object schema with `properties` and no `additionalProperties` is closed. */
function closeObjects(value: unknown): Json {
  const visit = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(visit);
    if (!v || typeof v !== 'object') return v;
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) out[k] = visit(x);
    if (out['properties'] && typeof out['properties'] === 'object' && !('additionalProperties' in out) && !Array.isArray(out['allOf'])) {
      out['additionalProperties'] = false;
    }
    return out;
  };
  return visit(value) as Json;
}

// ---------------------------------------------------------------------------------------------------
// Sample values from a JSON schema.

/** What a value is on the wire, independently of any codec: the checks compare against this. */
export type Shape =
  | { t: 'int'; text: string; big: boolean }
  | { t: 'num'; value: number }
  | { t: 'decimal'; text: string }
  | { t: 'str'; value: string }
  | { t: 'bool'; value: boolean }
  | { t: 'date'; ms: number }
  | { t: 'bytes'; bytes: Uint8Array }
  | { t: 'flags'; names: string[] }
  | { t: 'null' }
  | { t: 'arr'; items: Shape[] }
  | { t: 'obj'; members: Array<[string, Shape]> };

/** A sample: the value as the SDK takes and gives it (`js`), and as JSON text (`json`). */
export interface Sample {
  js: unknown;
  json: string;
  shape: Shape;
}

/**
 * The SDK's type at a place, from the generator's model: used only to hand the SDK a flags value as
 * the array of names its TypeScript type asks for. Every expectation still comes from the definition.
 */
export class SdkTypes {
  private readonly byRef: Map<TypeRef, TypeDef>;
  constructor(types: TypeDef[]) {
    this.byRef = new Map(types.map((t) => [t.ref, t]));
  }
  isFlags(ref: TypeRef | undefined): boolean {
    return ref !== undefined && this.byRef.get(ref)?.kind === 'flags';
  }
  field(ref: TypeRef | undefined, name: string): TypeRef | undefined {
    for (let r = ref, n = 0; r && n < 32; n++) {
      const def = this.byRef.get(r);
      const f = def?.fields?.find((x) => x.name === name);
      if (f) return f.type;
      r = def?.base;
    }
    return undefined;
  }
  item(ref: TypeRef | undefined): TypeRef | undefined {
    return ref === undefined ? undefined : this.byRef.get(ref)?.item?.type;
  }
  value(ref: TypeRef | undefined): TypeRef | undefined {
    return ref === undefined ? undefined : this.byRef.get(ref)?.entry?.valueType;
  }
}

export interface SampleContext {
  def: Definition;
  /** Each sample value differs from the last: a counter all samples of a run share. */
  counter: { n: number };
  /** Named schemas followed so far (recursion: a ref met again is sampled empty). */
  depth?: number;
  sdk?: SdkTypes;
  /** `response`: dates in every lexical form a server may send (with Z, an offset, no zone). */
  side: 'request' | 'response';
  /** Query values cannot be null. */
  noNull?: boolean;
}

const MAX_REF_DEPTH = 3;
const STRINGS = ['plain', 'with "quotes" and \\ backslash', 'ünïcødé € 😀', 'a/b?c=d&e=f+g h', '<x a="1">&amp;</x>', ''];

export function sampleOf(schema: Json, ctx: SampleContext, sdkRef?: TypeRef): Sample {
  const k = ctx.counter.n++;
  const depth = ctx.depth ?? 0;
  if (typeof schema['$ref'] === 'string') {
    const target = ctx.def.resolve(schema['$ref']);
    if (depth >= MAX_REF_DEPTH) return emptyOf(target, ctx, sdkRef);
    return sampleOf(target, { ...ctx, depth: depth + 1 }, sdkRef);
  }
  if (schema['nullable'] === true && !ctx.noNull && k % 5 === 0) return { js: null, json: 'null', shape: { t: 'null' } };
  if (Array.isArray(schema['allOf'])) {
    const parts = (schema['allOf'] as Json[]).map((p) => (typeof p['$ref'] === 'string' ? ctx.def.resolve(p['$ref']) : p));
    return objectOf(Object.assign({}, ...parts.map((p) => (p['properties'] as Json | undefined) ?? {})) as Json, ctx, sdkRef, depth);
  }
  const type = schema['type'];
  const format = schema['format'];
  if (Array.isArray(schema['enum'])) {
    const values = schema['enum'] as unknown[];
    const v = values[k % values.length];
    if (typeof v === 'string') return ctx.sdk?.isFlags(sdkRef) ? flagsOf([v]) : { js: v, json: JSON.stringify(v), shape: { t: 'str', value: v } };
    if (typeof v === 'number') return { js: v, json: String(v), shape: { t: 'int', text: String(v), big: false } };
    throw new Error(`an enum value ${JSON.stringify(v)} is not expected`);
  }
  switch (type) {
    case 'boolean':
      return { js: k % 2 === 0, json: String(k % 2 === 0), shape: { t: 'bool', value: k % 2 === 0 } };
    case 'integer': {
      if (format === 'int32' || format === 'int16' || format === 'int8') {
        const limit = format === 'int32' ? 2 ** 31 - 1 : format === 'int16' ? 2 ** 15 - 1 : 127;
        const n = k % 11 === 0 ? limit : k % 13 === 0 ? -limit - 1 : (k * 7919) % limit;
        return { js: n, json: String(n), shape: { t: 'int', text: String(n), big: false } };
      }
      // int64 (and an integer of no format, which .NET writes for a long): past 2^53, where a double rounds.
      const n = k % 3 === 0 ? 9223372036854775807n - BigInt(k) : 9007199254740993n + BigInt(k) * 2n;
      const signed = k % 4 === 1 ? -n : n;
      return { js: signed, json: String(signed), shape: { t: 'int', text: String(signed), big: true } };
    }
    case 'number': {
      if (format === 'decimal') {
        // More digits than a double holds: the SDK takes decimals as text for that reason.
        const text = `${k % 2 === 0 ? '' : '-'}79228162514264337593543950${(k % 1000).toString().padStart(3, '0')}.${'1234567890'.slice(0, (k % 9) + 1)}`;
        return { js: text, json: text, shape: { t: 'decimal', text } };
      }
      const text = [`${k}.5`, `-${k}.25`, '1.5e300', '0.1', `${k}`][k % 5]!;
      return { js: Number(text), json: text, shape: { t: 'num', value: Number(text) } };
    }
    case 'string':
      return stringOf(format as string | undefined, k, ctx, sdkRef);
    case 'array': {
      const items = schema['items'] as Json;
      if (depth >= MAX_REF_DEPTH + 1) return { js: [], json: '[]', shape: { t: 'arr', items: [] } };
      const scalar = items['type'] !== undefined && items['type'] !== 'object' && items['type'] !== 'array';
      const list = Array.from({ length: scalar ? 2 : 1 }, () => sampleOf(items, ctx, ctx.sdk?.item(sdkRef)));
      return { js: list.map((s) => s.js), json: `[${list.map((s) => s.json).join(',')}]`, shape: { t: 'arr', items: list.map((s) => s.shape) } };
    }
    case 'object':
    case undefined: {
      const extra = schema['additionalProperties'];
      if (schema['properties'] === undefined && extra && typeof extra === 'object') {
        const keys = ['k1', 'key two/ü'];
        const entries = keys.map((key) => [key, sampleOf(extra as Json, ctx, ctx.sdk?.value(sdkRef))] as const);
        return membersSample(entries);
      }
      return objectOf((schema['properties'] as Json | undefined) ?? {}, ctx, sdkRef, depth, schema['required'] as string[] | undefined);
    }
    default:
      throw new Error(`a schema of type ${String(type)} is not expected`);
  }
}

function stringOf(format: string | undefined, k: number, ctx: SampleContext, sdkRef: TypeRef | undefined): Sample {
  switch (format) {
    case 'date-time': {
      const ms = Date.UTC(2000 + (k % 40), k % 12, (k % 28) + 1, k % 24, k % 60, (k * 7) % 60, k % 1000);
      const iso = new Date(ms).toISOString();
      let text = iso;
      if (ctx.side === 'response') {
        // NetServer writes local times without a zone; the SDK reads those as UTC (README, Types).
        if (k % 3 === 1) text = iso.slice(0, -1);
        if (k % 3 === 2) text = `${new Date(ms + 2 * 3600_000).toISOString().slice(0, -1)}+02:00`;
      }
      return { js: new Date(ms), json: JSON.stringify(text), shape: { t: 'date', ms } };
    }
    case 'byte':
    case 'binary': {
      const bytes = new Uint8Array([0, 255, 128, k & 0xff, 62, 63, 0xfb, 0xef, (k >> 8) & 0xff].slice(0, 3 + (k % 7)));
      return { js: bytes, json: JSON.stringify(Buffer.from(bytes).toString('base64')), shape: { t: 'bytes', bytes } };
    }
    case 'uuid': {
      const s = `6f9619ff-8b86-d011-b42d-${k.toString(16).padStart(12, '0')}`;
      return { js: s, json: JSON.stringify(s), shape: { t: 'str', value: s } };
    }
    default: {
      if (ctx.sdk?.isFlags(sdkRef)) return flagsOf([`Flag${k}`, `Other${k}`]);
      const s = `${STRINGS[k % STRINGS.length]}${k % STRINGS.length === STRINGS.length - 1 ? '' : ` #${k}`}`;
      return { js: s, json: JSON.stringify(s), shape: { t: 'str', value: s } };
    }
  }
}

function flagsOf(names: string[]): Sample {
  return { js: names, json: JSON.stringify(names.join(', ')), shape: { t: 'flags', names } };
}

function objectOf(properties: Json, ctx: SampleContext, sdkRef: TypeRef | undefined, depth: number, required?: string[]): Sample {
  const inner = { ...ctx, depth };
  const entries = Object.entries(properties)
    .filter(([name]) => depth < MAX_REF_DEPTH || required?.includes(name))
    .map(([name, p]) => [name, sampleOf(p as Json, inner, ctx.sdk?.field(sdkRef, name))] as const);
  return membersSample(entries);
}

/** At the recursion bound: an object with only its required members (the corpus requires none). */
function emptyOf(schema: Json, ctx: SampleContext, sdkRef: TypeRef | undefined): Sample {
  if (schema['type'] === 'object' || schema['properties']) return objectOf({}, ctx, sdkRef, MAX_REF_DEPTH, []);
  return sampleOf(schema, { ...ctx, depth: MAX_REF_DEPTH + 1 }, sdkRef);
}

function membersSample(entries: ReadonlyArray<readonly [string, Sample]>): Sample {
  const js: Record<string, unknown> = {};
  for (const [name, s] of entries) Object.defineProperty(js, name, { value: s.js, enumerable: true, writable: true, configurable: true });
  return {
    js,
    json: `{${entries.map(([name, s]) => `${JSON.stringify(name)}:${s.json}`).join(',')}}`,
    shape: { t: 'obj', members: entries.map(([name, s]) => [name, s.shape]) },
  };
}

// ---------------------------------------------------------------------------------------------------
// Checks.

/** Where a sent JSON value (read with numbers as text) differs from the sample's shape, as `path: why`. */
export function wireDifferences(sent: ExactValue | undefined, shape: Shape, where: string, out: string[] = []): string[] {
  const show = (v: ExactValue | undefined) => (v instanceof ExactNumber ? v.text : v instanceof ExactObject ? '{…}' : JSON.stringify(v));
  const fail = (want: string) => out.push(`${where}: sent ${show(sent)}, want ${want}`);
  switch (shape.t) {
    case 'int':
      if (!(sent instanceof ExactNumber) || !/^-?\d+$/.test(sent.text) || BigInt(sent.text) !== BigInt(shape.text)) fail(shape.text);
      break;
    case 'num':
      if (!(sent instanceof ExactNumber) || Number(sent.text) !== shape.value) fail(String(shape.value));
      break;
    case 'decimal':
      if (!(sent instanceof ExactNumber) || !sameDecimal(sent.text, shape.text)) fail(`the number ${shape.text}`);
      break;
    case 'str':
      if (sent !== shape.value) fail(JSON.stringify(shape.value));
      break;
    case 'bool':
      if (sent !== shape.value) fail(String(shape.value));
      break;
    case 'null':
      if (sent !== null) fail('null');
      break;
    case 'date':
      if (typeof sent !== 'string' || !/(Z|[+-]\d\d:\d\d)$/.test(sent) || Date.parse(sent) !== shape.ms) fail(`the instant ${new Date(shape.ms).toISOString()}`);
      break;
    case 'bytes':
      if (typeof sent !== 'string' || sent !== Buffer.from(shape.bytes).toString('base64')) fail(`base64 of [${[...shape.bytes].join(',')}]`);
      break;
    case 'flags':
      if (sent !== shape.names.join(', ')) fail(JSON.stringify(shape.names.join(', ')));
      break;
    case 'arr':
      if (!Array.isArray(sent) || sent.length !== shape.items.length) fail(`an array of ${shape.items.length}`);
      else shape.items.forEach((s, i) => wireDifferences(sent[i], s, `${where}[${i}]`, out));
      break;
    case 'obj': {
      if (!(sent instanceof ExactObject)) {
        fail('an object');
        break;
      }
      const want = shape.members.map(([k]) => k);
      const extra = sent.keys().filter((k) => !want.includes(k));
      if (extra.length > 0) out.push(`${where}: sent members ${extra.join(', ')} that were not put in`);
      for (const [name, s] of shape.members) {
        if (sent.get(name) === undefined) out.push(`${where}.${name}: put in, not sent`);
        else wireDifferences(sent.get(name), s, `${where}.${name}`, out);
      }
      break;
    }
  }
  return out;
}

function sameDecimal(a: string, b: string): boolean {
  const norm = (t: string) => {
    const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
    if (!m) return t;
    const int = m[2]!.replace(/^0+(?=\d)/, '');
    const frac = (m[3] ?? '').replace(/0+$/, '');
    return `${m[1]}${int}${frac ? `.${frac}` : ''}`;
  };
  return norm(a) === norm(b);
}

/** Where a decoded result differs from the sample the server answered with, as `path: why`. */
export function decodedDifferences(got: unknown, shape: Shape, where: string, out: string[] = []): string[] {
  const show = (v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Date ? `Date(${v.toISOString()})` : v instanceof Uint8Array ? `Uint8Array[${[...v].join(',')}]` : JSON.stringify(v));
  const fail = (want: string) => out.push(`${where}: decoded ${show(got)}, want ${want}`);
  switch (shape.t) {
    case 'int':
      if (shape.big ? typeof got !== 'bigint' || got !== BigInt(shape.text) : got !== Number(shape.text)) fail(shape.big ? `${shape.text}n` : shape.text);
      break;
    case 'num':
      if (got !== shape.value) fail(String(shape.value));
      break;
    case 'decimal':
      if (typeof got !== 'string' || !sameDecimal(got, shape.text)) fail(`the text ${shape.text}`);
      break;
    case 'str':
    case 'bool':
      if (got !== shape.value) fail(JSON.stringify(shape.value));
      break;
    case 'null':
      if (got !== null) fail('null');
      break;
    case 'date':
      if (!(got instanceof Date) || got.getTime() !== shape.ms) fail(`Date(${new Date(shape.ms).toISOString()})`);
      break;
    case 'bytes':
      if (!(got instanceof Uint8Array) || Buffer.compare(Buffer.from(got), Buffer.from(shape.bytes)) !== 0) fail(`Uint8Array[${[...shape.bytes].join(',')}]`);
      break;
    case 'flags':
      if (!Array.isArray(got) || got.join('|') !== shape.names.join('|')) fail(JSON.stringify(shape.names));
      break;
    case 'arr':
      if (!Array.isArray(got) || got.length !== shape.items.length) fail(`an array of ${shape.items.length}`);
      else shape.items.forEach((s, i) => decodedDifferences(got[i], s, `${where}[${i}]`, out));
      break;
    case 'obj': {
      if (!got || typeof got !== 'object' || Array.isArray(got) || got instanceof Date || got instanceof Uint8Array) {
        fail('an object');
        break;
      }
      const record = got as Record<string, unknown>;
      const want = shape.members.map(([k]) => k);
      const extra = Object.keys(record).filter((k) => !want.includes(k) && record[k] !== undefined);
      if (extra.length > 0) out.push(`${where}: decoded members ${extra.join(', ')} the answer did not have`);
      for (const [name, s] of shape.members) {
        if (!Object.prototype.hasOwnProperty.call(record, name)) out.push(`${where}.${name}: answered, not decoded`);
        else decodedDifferences(record[name], s, `${where}.${name}`, out);
      }
      break;
    }
  }
  return out;
}

/** How a query value sent as `text` (null: absent) differs from the sample's shape, if it does. */
export function queryDifference(text: string | null, shape: Shape): string | undefined {
  const want =
    shape.t === 'int' || shape.t === 'decimal'
      ? shape.text
      : shape.t === 'num'
        ? String(shape.value)
        : shape.t === 'str' || shape.t === 'bool'
          ? String(shape.value)
          : shape.t === 'flags'
            ? shape.names.join(', ')
            : undefined;
  if (shape.t === 'date') return text !== null && Date.parse(text) === shape.ms ? undefined : `sent ${text}, want the instant ${new Date(shape.ms).toISOString()}`;
  if (want === undefined) throw new Error(`a ${shape.t} query value is not expected`);
  if (shape.t === 'int') return text !== null && /^-?\d+$/.test(text) && BigInt(text) === BigInt(want) ? undefined : `sent ${text}, want ${want}`;
  if (shape.t === 'num') return text !== null && Number(text) === shape.value ? undefined : `sent ${text}, want ${want}`;
  return text === want ? undefined : `sent ${JSON.stringify(text)}, want ${JSON.stringify(want)}`;
}

// ---------------------------------------------------------------------------------------------------
// Calls.

/** The carrier schema of an object body (or the body schema itself). */
export function carrierOf(def: Definition, op: DefOperation): Record<string, unknown> {
  const schema = op.body!.schema;
  return typeof schema['$ref'] === 'string' ? def.resolve(schema['$ref']) : schema;
}

/**
 * The arguments of one call, built from the definition: the carrier's properties (object body) or the
 * body value, each query parameter, and `$select`. The SDK's argument names are the model's (a query
 * parameter takes the SOAP twin's spelling; a value body a name of the SDK's own), found by the name
 * on the wire; everything expected is the definition's.
 */
export function argsFor(def: Definition, op: DefOperation, m: Method, ctx: SampleContext): { args: Record<string, unknown>; body?: Shape; query: Array<[string, Shape]> } {
  const args: Record<string, unknown> = {};
  let body: Shape | undefined;
  if (op.body?.shape === 'object') {
    const properties = (carrierOf(def, op)['properties'] as Record<string, Record<string, unknown>> | undefined) ?? {};
    const members: Array<[string, Shape]> = [];
    for (const [name, schema] of Object.entries(properties)) {
      const param = m.params.find((p) => p.in === 'body' && p.name === name);
      const s = sampleOf(schema, { ...ctx, depth: 1 }, param?.type);
      args[name] = s.js;
      members.push([name, s.shape]);
    }
    body = { t: 'obj', members };
  } else if (op.body) {
    const param = m.params.find((p) => p.in === 'body');
    const s = sampleOf(op.body.schema, ctx, param?.type);
    args[param?.name ?? 'body'] = s.js;
    body = s.shape;
  }
  const query: Array<[string, Shape]> = [];
  for (const q of op.query) {
    const param = m.params.find((p) => p.in === 'query' && (p.wireName ?? p.name) === q.name);
    const s = sampleOf(q.schema, { ...ctx, noNull: true }, param?.type);
    args[param?.name ?? q.name] = s.js;
    query.push([q.name, s.shape]);
  }
  if (op.select) args['$select'] = ['Name', 'Department'];
  return body ? { args, body, query } : { args, query };
}
