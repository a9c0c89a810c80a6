import { send, type CallOptions, type ClientOptions } from './client.js';
import { DecodeError, EncodeError, HttpError, NetServerError } from './errors.js';
import { JsonNumber, NUMBER_MARK, readJson, type JsonValue } from './json.js';
import { pathText, type Path } from './path.js';
import { decodeScalar, encodeScalar } from './scalars.js';
import { COMMA_LIST, fieldsOf, NILLABLE, OPTIONAL, REPEATED, scalarPrimitive, type WireSchema } from './schema.js';

/** One REST v1 agent method, as its page documents it. */
export interface RestOperation {
  readonly verb: string;
  /** `api/v1/Agents/ErpSync/SaveConnection` */
  readonly path: string;
  /** `object`: an object of the body parameters; `value`: the single body parameter itself; `none`. */
  readonly body: 'object' | 'value' | 'none';
  /** `[name, type, flags, where ('b' body, 'q' query, 'p' path), name on the wire]` */
  readonly params: ReadonlyArray<readonly [string, string, number, 'b' | 'q' | 'p', string]>;
  /** The result type, or null for none; `resultFlags` says whether it may be null. */
  readonly result: string | null;
  readonly resultFlags: number;
  readonly select: boolean;
  /** The option headers the operation declares (`SO-AppToken` …); all of them when absent. */
  readonly headers?: readonly string[];
  /** The answer is a stream's raw bytes (`Uint8Array`), not JSON. */
  readonly binary?: boolean;
  /** A 304 answer (Not Modified, after `If-Modified-Since`) resolves to undefined. */
  readonly notModified?: boolean;
  /** The body is the raw bytes of the single body parameter, sent as this media type. */
  readonly binaryBody?: string;
  /** The body is `multipart/form-data`: each field of the body object a part, bytes as files. */
  readonly formBody?: boolean;
  /** The JSON body's media type where it is not application/json (`application/json-patch+json`). */
  readonly bodyType?: string;
}

const NUMBERS = new Set(['xs:int', 'xs:short', 'xs:byte', 'xs:unsignedInt', 'xs:unsignedShort', 'xs:unsignedByte', 'ser:char', 'xs:double', 'xs:float', 'xs:long', 'xs:unsignedLong', 'xs:decimal']);

/** Writes JSON text by wire type: bigints and decimals as exact number text, dates as ISO strings, bytes as base64. */
export function toJson(schema: WireSchema, value: unknown, type: string, flags: number, where: string): string {
  if (value === null || value === undefined) {
    if (value === null && !(flags & NILLABLE) && schema.types[type]?.[0] !== 'c') throw new EncodeError(`${where} cannot be null`);
    return 'null';
  }
  if (flags & REPEATED) {
    if (!Array.isArray(value)) throw new EncodeError(`${where}: expected an array`);
    return `[${value.map((v, i) => toJson(schema, v, type, flags & ~REPEATED, `${where}[${i}]`)).join(',')}]`;
  }
  const primitive = scalarPrimitive(schema, type);
  const wire = schema.types[type]!;
  if (primitive !== undefined) {
    if (primitive === 'xs:anyType') return JSON.stringify(value);
    const text = encodeScalar(value, primitive, where);
    if (primitive === 'xs:boolean') return text;
    if (NUMBERS.has(primitive)) return text === 'INF' || text === '-INF' || text === 'NaN' ? JSON.stringify(text) : primitive === 'xs:decimal' ? jsonNumber(text) : text;
    return JSON.stringify(text);
  }
  if (wire[0] === 'f') {
    if (!Array.isArray(value)) throw new EncodeError(`${where}: expected an array of flag names`);
    return JSON.stringify(value.join(', '));
  }
  if (wire[0] === 'a') {
    if (!Array.isArray(value)) throw new EncodeError(`${where}: expected an array`);
    return `[${value.map((v, i) => toJson(schema, v, wire[2], wire[3], `${where}[${i}]`)).join(',')}]`;
  }
  if (typeof value !== 'object' || Array.isArray(value)) throw new EncodeError(`${where}: expected an object`);
  const record = value as Record<string, unknown>;
  if (wire[0] === 'd') {
    return `{${Object.entries(record)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(schema, v, wire[5], wire[6] | NILLABLE, `${where}[${JSON.stringify(k)}]`)}`)
      .join(',')}}`;
  }
  const parts: string[] = [];
  for (const { field } of fieldsOf(schema, type)) {
    const [name, fieldType, fieldFlags] = field;
    if (record[name] === undefined) continue;
    parts.push(`${JSON.stringify(name)}:${toJson(schema, record[name], fieldType, fieldFlags, `${where}.${name}`)}`);
  }
  return `{${parts.join(',')}}`;
}

/** Decimal text as a JSON number: JSON has no `+`, no leading zeros, no bare `.5` and no `5.`. */
function jsonNumber(decimal: string): string {
  return decimal
    .replace(/^\+/, '')
    .replace(/^(-?)0+(?=\d)/, '$1')
    .replace(/^(-?)\./, '$10.')
    .replace(/\.$/, '');
}

/** Reads parsed JSON as a wire type. Unknown properties are skipped so newer servers stay readable. */
export function fromJson(schema: WireSchema, value: JsonValue, type: string, where: string): unknown {
  return decoderFor(schema, type)(value, where);
}

type Decoder = (value: JsonValue, path: Path) => unknown;

/** One decoder per schema and type, made the first time the type is met: the type's work is done once. */
const decoders = new WeakMap<WireSchema, Map<string, Decoder>>();

function decoderFor(schema: WireSchema, type: string): Decoder {
  let byType = decoders.get(schema);
  if (!byType) decoders.set(schema, (byType = new Map()));
  let decoder = byType.get(type);
  if (!decoder) {
    // Set before it is made, so that a type that contains itself finds its own decoder.
    let made: Decoder | undefined;
    byType.set(type, (value, path) => made!(value, path));
    made = makeDecoder(schema, type);
    byType.set(type, made);
    decoder = made;
  }
  return decoder;
}

function makeDecoder(schema: WireSchema, type: string): Decoder {
  const primitive = scalarPrimitive(schema, type);
  if (primitive === 'xs:anyType') return (value) => plain(value);
  if (primitive !== undefined) {
    return (value, path) => {
      if (value === null) return null;
      if (value instanceof JsonNumber) return scalarOf(value.text, primitive, path);
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return scalarOf(value, primitive, path);
      throw new DecodeError(`${pathText(path)}: expected a ${primitive}`);
    };
  }
  const wire = schema.types[type]!;
  if (wire[0] === 'f') {
    return (value, path) => {
      if (value === null) return null;
      if (typeof value === 'string') return value.split(/[,\s]+/).filter((v) => v.length > 0);
      if (Array.isArray(value)) return value.map((v) => String(plain(v)));
      throw new DecodeError(`${pathText(path)}: expected flag names`);
    };
  }
  if (wire[0] === 'a') {
    const item = decoderFor(schema, wire[2]);
    return (value, path) => {
      if (value === null) return null;
      if (!Array.isArray(value)) throw new DecodeError(`${pathText(path)}: expected an array`);
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = item(value[i]!, { up: path, key: i });
      return out;
    };
  }

  if (wire[0] === 'd') {
    const entry = decoderFor(schema, wire[5]);
    return (value, path) => {
      if (value === null) return null;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(objectOf(value, path))) {
        Object.defineProperty(out, k, { value: entry(v, { up: path, entry: k }), enumerable: true, writable: true, configurable: true });
      }
      return out;
    };
  }
  const fields = fieldsOf(schema, type).map(({ field: [name, fieldType, flags] }) => ({ name, repeated: (flags & REPEATED) !== 0, decode: decoderFor(schema, fieldType) }));
  return (value, path) => {
    if (value === null) return null;
    const object = objectOf(value, path);
    const out: Record<string, unknown> = {};
    for (const { name, repeated, decode } of fields) {
      if (!Object.prototype.hasOwnProperty.call(object, name)) continue;
      const v = object[name]!;
      const at = { up: path, key: name };
      out[name] = repeated && Array.isArray(v) ? v.map((x, i) => decode(x, { up: at, key: i })) : decode(v, at);
    }
    return out;
  };
}

function objectOf(value: JsonValue, path: Path): { [key: string]: JsonValue } {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof JsonNumber) throw new DecodeError(`${pathText(path)}: expected an object`);
  return value;
}

/**
 * A JSON scalar as its wire type. What JSON.parse already made right (a string, a boolean, a double,
 * an int in range) is taken as it is; everything else goes through the XML Schema rules.
 */
function scalarOf(value: string | number | boolean, primitive: string, path: Path): unknown {
  switch (primitive) {
    case 'xs:string':
      if (typeof value === 'string' && value.charCodeAt(0) !== MARK) return value;
      break;
    case 'xs:boolean':
      if (typeof value === 'boolean') return value;
      break;
    case 'xs:int':
      if (typeof value === 'number' && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647) return value + 0;
      break;
    case 'xs:double':
    case 'xs:float':
      if (typeof value === 'number') return value;
      break;
  }
  const text = typeof value === 'string' ? (value.charCodeAt(0) === MARK ? value.slice(1) : value) : String(value);
  try {
    return decodeScalar(text, primitive, '');
  } catch {
    // Spelled out only now: the same rule again, with the value's place.
    return decodeScalar(text, primitive, pathText(path));
  }
}

const MARK = NUMBER_MARK.charCodeAt(0);

function plain(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return Number(value.text);
  if (typeof value === 'string' && value.charCodeAt(0) === MARK) return Number(value.slice(1));
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export function authorization(options: ClientOptions): string | undefined {
  if (options.accessToken !== undefined) return `Bearer ${options.accessToken}`;
  if (options.ticket !== undefined) return `SoTicket ${options.ticket}`;
  if (options.basicAuth) {
    const bytes = new TextEncoder().encode(`${options.basicAuth.username}:${options.basicAuth.password}`);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return `Basic ${btoa(binary)}`;
  }
  return undefined;
}

export function restHeaders(
  options: ClientOptions,
  hasBody: boolean,
  op?: Pick<RestOperation, 'headers' | 'binary' | 'binaryBody' | 'bodyType' | 'formBody'>,
): Record<string, string> {
  const headers: Record<string, string> = { Accept: op?.binary ? 'application/octet-stream, */*' : 'application/json' };
  // A form sets its own Content-Type, with the boundary of its parts.
  if (hasBody && !op?.formBody) headers['Content-Type'] = op?.binaryBody ?? `${op?.bodyType ?? 'application/json'}; charset=utf-8`;
  const declared = op?.headers;
  const auth = authorization(options);
  if (auth) headers['Authorization'] = auth;
  // An operation takes the headers its definition declares; one documented only by pages, all of them.
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined && (declared === undefined || declared.includes(name))) headers[name] = value;
  };
  set('SO-AppToken', options.applicationToken);
  set('Accept-Language', options.acceptLanguage);
  set('SO-Language', options.language);
  set('SO-Culture', options.culture);
  set('SO-TimeZone', options.timeZoneCode);
  return headers;
}

/** The request a call makes: path with query string, and the JSON body (if any). */
export function encodeRestRequest(schema: WireSchema, op: RestOperation, args: Record<string, unknown>): { path: string; body: string | Uint8Array | FormData | undefined } {
  const query: string[] = [];
  let path = op.path;
  for (const [name, type, flags, where, wireName] of op.params) {
    if (where === 'b') continue;
    const value = args[name];
    if (value === undefined || value === null) {
      if (where === 'p') throw new EncodeError(`${name} is required: it is part of the path`);
      if (!(flags & OPTIONAL) && value === undefined) throw new EncodeError(`${name} is required`);
      continue;
    }
    if (flags & COMMA_LIST && Array.isArray(value)) {
      query.push(`${encodeURIComponent(wireName)}=${encodeURIComponent(value.map((v, i) => plainText(schema, v, type, flags & ~COMMA_LIST, `${name}[${i}]`)).join(','))}`);
      continue;
    }
    const wire = schema.types[type];
    if (where === 'q' && (flags & REPEATED || wire?.[0] === 'a')) {
      // An array travels form-style, exploded (OpenAPI's default for a query): one name=value per item.
      if (!Array.isArray(value)) throw new EncodeError(`${name}: expected an array`);
      const [itemType, itemFlags] = wire?.[0] === 'a' ? [wire[2], wire[3]] : [type, flags & ~REPEATED];
      value.forEach((item, i) => query.push(`${encodeURIComponent(wireName)}=${encodeURIComponent(plainText(schema, item, itemType, itemFlags, `${name}[${i}]`))}`));
      continue;
    }
    const text = plainText(schema, value, type, flags, name);
    // Every character that could end the segment or the path (`/`, `?`, `#`) travels escaped.
    if (where === 'p') path = path.split(`{${wireName}}`).join(encodeURIComponent(text));
    else query.push(`${encodeURIComponent(wireName)}=${encodeURIComponent(text)}`);
  }
  const select = args['$select'];
  if (op.select && select !== undefined) {
    query.push(`$select=${encodeURIComponent(Array.isArray(select) ? select.join(',') : String(select))}`);
  }
  const bodyParams = op.params.filter((p) => p[3] === 'b');
  let body: string | Uint8Array | FormData | undefined;
  if (op.formBody) {
    const [name, type] = bodyParams[0] ?? ['body', ''];
    const value = args[name];
    if (typeof value !== 'object' || value === null) throw new EncodeError(`${name}: expected an object of the form's fields`);
    body = new FormData();
    for (const { field } of fieldsOf(schema, type)) {
      const [fieldName, fieldType, fieldFlags] = field;
      const part = (value as Record<string, unknown>)[fieldName];
      if (part === undefined || part === null) {
        if (!(fieldFlags & OPTIONAL)) throw new EncodeError(`${name}.${fieldName} is required`);
        continue;
      }
      if (part instanceof Uint8Array) body.append(fieldName, new Blob([new Uint8Array(part)]), fieldName);
      else {
        body.append(fieldName, plainText(schema, part, fieldType, fieldFlags, `${name}.${fieldName}`));
      }
    }
  } else if (op.binaryBody !== undefined) {
    const value = args[bodyParams[0]?.[0] ?? 'body'];
    if (!(value instanceof Uint8Array)) throw new EncodeError(`${bodyParams[0]?.[0] ?? 'body'}: expected a Uint8Array`);
    body = value;
  } else if (op.body === 'value') {
    const [name, type, flags] = bodyParams[0]!;
    body = toJson(schema, args[name] ?? null, type, flags | NILLABLE, name);
  } else if (op.body === 'object') {
    const parts = bodyParams
      .filter(([name]) => args[name] !== undefined)
      .map(([name, type, flags]) => `${JSON.stringify(name)}:${toJson(schema, args[name], type, flags, name)}`);
    body = `{${parts.join(',')}}`;
  }
  return { path: query.length > 0 ? `${path}?${query.join('&')}` : path, body };
}

/** A scalar as a query string, a path or a form field carries it: JSON's text without the quotes of a string. */
function plainText(schema: WireSchema, value: unknown, type: string, flags: number, where: string): string {
  const json = toJson(schema, value, type, flags, where);
  return json.startsWith('"') ? (JSON.parse(json) as string) : json;
}

/** A REST error body, in the shapes NetServer and its gateways answer with. */
function errorFrom(status: number, statusText: string, text: string): Error {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new HttpError(status, statusText, text);
  }
  if (!parsed || typeof parsed !== 'object') return new HttpError(status, statusText, text);
  const o = parsed as Record<string, unknown>;
  const str = (...keys: string[]) => keys.map((k) => o[k]).find((v): v is string => typeof v === 'string');
  const message = str('Message', 'ErrorMessage', 'Error', 'error_description', 'message', 'error', 'title');
  if (message === undefined) return new HttpError(status, statusText, text);
  return new NetServerError({ message, exceptionType: str('ExceptionType', 'ErrorType', 'Type', 'type'), stackTrace: str('StackTrace'), source: str('Source'), status });
}

export async function callRest(
  options: ClientOptions,
  schema: WireSchema,
  op: RestOperation,
  args: Record<string, unknown>,
  call: CallOptions | undefined,
): Promise<unknown> {
  const request = encodeRestRequest(schema, op, args);
  const init: { method: string; headers: Record<string, string>; body?: string | Uint8Array | FormData } = {
    method: op.verb,
    headers: restHeaders(options, request.body !== undefined, op),
  };
  if (request.body !== undefined) init.body = request.body;
  const response = await send(options, request.path, call, init);
  if (response.status === 304 && op.notModified) return undefined;
  if (op.binary && response.ok) return response.bytes;
  const text = response.text();
  if (!response.ok) throw errorFrom(response.status, response.statusText, text);
  if (op.result === null) return undefined;
  if (text.trim() === '') {
    if (op.resultFlags & NILLABLE) return null;
    throw new DecodeError('the answer has no body');
  }
  return fromJson(schema, readJson(text), op.result, 'response');
}
