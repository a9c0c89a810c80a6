import { send, type CallOptions, type ClientOptions } from './client.js';
import { DecodeError, EncodeError, HttpError, NetServerError } from './errors.js';
import { JsonNumber, NUMBER_MARK, readJson, type JsonReading, type JsonValue } from './json.js';
import { asMisfit, entryStep, Misfit, within } from './misfit.js';
import { decodeScalar, encodeScalar } from './scalars.js';
import { COMMA_LIST, fieldsOf, madeOnce, NILLABLE, OPTIONAL, REPEATED, scalarPrimitive, type WireSchema } from './schema.js';

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
  try {
    return valueEncoder(schema, type, flags)(value);
  } catch (error) {
    throw error instanceof Misfit ? error.encodeError(where) : error;
  }
}

type Encoder = (value: unknown) => string;

/** One encoder per schema, type and field flags, made once: a request of many rows does each type's work once. */
const encoders = new WeakMap<WireSchema, Map<string, Encoder>>();

function valueEncoder(schema: WireSchema, type: string, flags: number): Encoder {
  return madeOnce(encoders, schema, `${flags} ${type}`, () => makeValueEncoder(schema, type, flags));
}

/** A field's or an item's value: null where it may be, a list where the field repeats, else one value of the type. */
function makeValueEncoder(schema: WireSchema, type: string, flags: number): Encoder {
  // An object field may always be sent as null: that is how JSON says "none" (WCF's DataContract reads it so).
  const nullable = (flags & NILLABLE) !== 0 || schema.types[type]?.[0] === 'c';
  const single = flags & REPEATED ? undefined : makeTypeEncoder(schema, type);
  const item = flags & REPEATED ? valueEncoder(schema, type, flags & ~REPEATED) : undefined;
  return (value) => {
    if (value === null || value === undefined) {
      if (value === null && !nullable) throw new Misfit(' cannot be null');
      return 'null';
    }
    if (single) return single(value);
    if (!Array.isArray(value)) throw new Misfit(': expected an array');
    return encodeItems(value, item!);
  };
}

function encodeItems(values: readonly unknown[], item: Encoder): string {
  let out = '[';
  let i = 0;
  try {
    for (; i < values.length; i++) out += (i === 0 ? '' : ',') + item(values[i]);
  } catch (error) {
    throw within(error, i);
  }
  return `${out}]`;
}

/** One value of the type, not null. */
function makeTypeEncoder(schema: WireSchema, type: string): Encoder {
  const primitive = scalarPrimitive(schema, type);
  const wire = schema.types[type]!;
  if (primitive !== undefined) {
    if (primitive === 'xs:anyType') return (value) => JSON.stringify(value);
    const number = NUMBERS.has(primitive);
    const range = primitive === 'xs:int' ? [-2147483648, 2147483647] : undefined;
    return (value) => {
      // What needs no rule: a boolean, an int in range, a string for a string type.
      if (primitive === 'xs:boolean' && typeof value === 'boolean') return value ? 'true' : 'false';
      if (range && typeof value === 'number' && Number.isInteger(value) && value >= range[0]! && value <= range[1]!) return String(value);
      if (!number && typeof value === 'string' && primitive === 'xs:string') return JSON.stringify(value);
      const text = asMisfit(() => encodeScalar(value, primitive, ''));
      if (primitive === 'xs:boolean') return text;
      if (number) return text === 'INF' || text === '-INF' || text === 'NaN' ? JSON.stringify(text) : primitive === 'xs:decimal' ? jsonNumber(text) : text;
      return JSON.stringify(text);
    };
  }
  if (wire[0] === 'f') {
    return (value) => {
      if (!Array.isArray(value)) throw new Misfit(': expected an array of flag names');
      return JSON.stringify(value.join(', '));
    };
  }
  if (wire[0] === 'a') {
    const item = valueEncoder(schema, wire[2], wire[3]);
    return (value) => {
      if (!Array.isArray(value)) throw new Misfit(': expected an array');
      return encodeItems(value, item);
    };
  }
  if (wire[0] === 'd') {
    const entry = valueEncoder(schema, wire[5], wire[6] | NILLABLE);
    return (value) => {
      const record = recordOf(value);
      let out = '{';
      for (const key of Object.keys(record)) {
        let text: string;
        try {
          text = entry(record[key]);
        } catch (error) {
          throw within(error, entryStep(key));
        }
        out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${text}`;
      }
      return `${out}}`;
    };
  }
  const fields = fieldsOf(schema, type).map(({ field: [name, fieldType, fieldFlags] }) => ({
    name,
    step: `.${name}`,
    key: `${JSON.stringify(name)}:`,
    encode: valueEncoder(schema, fieldType, fieldFlags),
  }));
  return (value) => {
    const record = recordOf(value);
    let out = '{';
    for (const field of fields) {
      const v = record[field.name];
      if (v === undefined) continue;
      let text: string;
      try {
        text = field.encode(v);
      } catch (error) {
        throw within(error, field.step);
      }
      out += (out.length === 1 ? '' : ',') + field.key + text;
    }
    return `${out}}`;
  };
}

function recordOf(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Misfit(': expected an object');
  return value as Record<string, unknown>;
}

/** Decimal text as a JSON number: JSON has no `+`, no leading zeros, no bare `.5` and no `5.`. */
function jsonNumber(decimal: string): string {
  return decimal
    .replace(/^\+/, '')
    .replace(/^(-?)0+(?=\d)/, '$1')
    .replace(/^(-?)\./, '$10.')
    .replace(/\.$/, '');
}

/**
 * Reads JSON as a wire type (a reading of `readJson`, or of `parseJson` as `{ value, marked: false }`).
 * Unknown properties are skipped so newer servers stay readable.
 */
export function fromJson(schema: WireSchema, json: JsonReading, type: string, where: string): unknown {
  const outer = numbersMarked;
  numbersMarked = json.marked;
  try {
    return decoderFor(schema, type)(json.value);
  } catch (error) {
    throw error instanceof Misfit ? error.error(where) : error;
  } finally {
    numbersMarked = outer;
  }
}

/** Set while a decode reads marked JSON: the decoders are made once per type, the marking is per answer. */
let numbersMarked = false;

type Decoder = (value: JsonValue) => unknown;

/** One decoder per schema and type, made the first time the type is met: the type's work is done once. */
const decoders = new WeakMap<WireSchema, Map<string, Decoder>>();

function decoderFor(schema: WireSchema, type: string): Decoder {
  return madeOnce(decoders, schema, type, () => makeDecoder(schema, type));
}

function makeDecoder(schema: WireSchema, type: string): Decoder {
  const primitive = scalarPrimitive(schema, type);
  if (primitive === 'xs:anyType') return (value) => plain(value);
  if (primitive !== undefined) {
    return (value) => {
      if (value === null) return null;
      if (value instanceof JsonNumber) return scalarOf(value.text, primitive);
      if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return scalarOf(value, primitive);
      throw new Misfit(`: expected a ${primitive}`);
    };
  }
  const wire = schema.types[type]!;
  if (wire[0] === 'f') {
    return (value) => {
      if (value === null) return null;
      if (typeof value === 'string') return flagNames(value);
      if (Array.isArray(value)) return value.map((v) => String(plain(v)));
      throw new Misfit(': expected flag names');
    };
  }
  if (wire[0] === 'a') {
    const item = decoderFor(schema, wire[2]);
    return (value) => {
      if (value === null) return null;
      if (!Array.isArray(value)) throw new Misfit(': expected an array');
      return decodeItems(value, item);
    };
  }
  if (wire[0] === 'd') {
    const entry = decoderFor(schema, wire[5]);
    // Every key is an entry: the parsed object becomes the dictionary, its values decoded where they are.
    return (value) => {
      if (value === null) return null;
      const object = objectOf(value);
      for (const key in object) {
        // Own properties only: an enumerable property someone put on Object.prototype is not an entry.
        if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
        try {
          object[key] = entry(object[key]!) as JsonValue;
        } catch (error) {
          throw within(error, entryStep(key));
        }
      }
      return object;
    };
  }
  const fields = fieldsOf(schema, type).map(({ field: [name, fieldType, flags] }) => ({
    name,
    step: `.${name}`,
    repeated: (flags & REPEATED) !== 0,
    decode: decoderFor(schema, fieldType),
    // Named like an Object.prototype member: looked up and set as an own property.
    guarded: name in Object.prototype,
  }));
  const known = new Set(fields.map((f) => f.name));
  return (value) => {
    if (value === null) return null;
    const object = objectOf(value);
    // The parsed object is the decoder's own: where it holds only known properties (the usual case)
    // it becomes the value, decoded in place, and no second object of the answer is made.
    let onlyKnown = true;
    for (const key in object) {
      if (!known.has(key)) {
        onlyKnown = false;
        break;
      }
    }
    const out: Record<string, unknown> = onlyKnown ? object : {};
    for (const field of fields) {
      const v = field.guarded ? (Object.prototype.hasOwnProperty.call(object, field.name) ? object[field.name] : undefined) : object[field.name];
      if (v === undefined) continue;
      let decoded: unknown;
      try {
        decoded = field.repeated && Array.isArray(v) ? decodeItems(v, field.decode) : field.decode(v);
      } catch (error) {
        throw within(error, field.step);
      }
      if (field.guarded) Object.defineProperty(out, field.name, { value: decoded, enumerable: true, writable: true, configurable: true });
      else out[field.name] = decoded;
    }
    return out;
  };
}

/** `Select, Update` and `Select Update` alike: one array, the separators' runs at either end dropped. */
function flagNames(text: string): string[] {
  const names = text.split(/[,\s]+/);
  if (names[names.length - 1] === '') names.pop();
  if (names[0] === '') names.shift();
  return names;
}

/** The parsed array becomes the value, its items decoded where they are. */
function decodeItems(values: JsonValue[], item: Decoder): unknown[] {
  const out = values as unknown[];
  let i = 0;
  try {
    for (; i < values.length; i++) out[i] = item(values[i]!);
  } catch (error) {
    throw within(error, i);
  }
  return out;
}

function objectOf(value: JsonValue): { [key: string]: JsonValue } {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof JsonNumber) throw new Misfit(': expected an object');
  return value;
}

/**
 * A JSON scalar as its wire type. What JSON.parse already made right (a string, a boolean, a double,
 * an int in range) is taken as it is; everything else goes through the XML Schema rules.
 */
function scalarOf(value: string | number | boolean, primitive: string): unknown {
  switch (primitive) {
    case 'xs:string':
      if (typeof value === 'string' && !(numbersMarked && value.charCodeAt(0) === MARK)) return value;
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
  const text = typeof value === 'string' ? (numbersMarked && value.charCodeAt(0) === MARK ? value.slice(1) : value) : String(value);
  return asMisfit(() => decodeScalar(text, primitive, ''));
}

const MARK = NUMBER_MARK.charCodeAt(0);

function plain(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return Number(value.text);
  if (numbersMarked && typeof value === 'string' && value.charCodeAt(0) === MARK) return Number(value.slice(1));
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
  return fromJson(schema, readJson(text, needsExactNumbers(schema, op.result)), op.result, 'response');
}

const exactness = new WeakMap<WireSchema, Map<string, boolean>>();

/**
 * Whether a value of the type can hold an `xs:long` or an `xs:decimal`: the only numbers a double
 * can lose. Worked out once per schema and type.
 */
function needsExactNumbers(schema: WireSchema, type: string): boolean {
  let byType = exactness.get(schema);
  if (!byType) exactness.set(schema, (byType = new Map()));
  let exact = byType.get(type);
  if (exact === undefined) {
    exact = false;
    const seen = new Set<string>();
    const visit = (ref: string): void => {
      if (exact || seen.has(ref)) return;
      seen.add(ref);
      const primitive = scalarPrimitive(schema, ref);
      if (primitive !== undefined) {
        exact = primitive === 'xs:long' || primitive === 'xs:unsignedLong' || primitive === 'xs:decimal';
        return;
      }
      const wire = schema.types[ref]!;
      if (wire[0] === 'a') visit(wire[2]);
      else if (wire[0] === 'd') visit(wire[5]);
      else if (wire[0] === 'c') for (const { field } of fieldsOf(schema, ref)) visit(field[1]);
    };
    visit(type);
    byType.set(type, exact);
  }
  return exact;
}
