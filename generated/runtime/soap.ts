import { send, type CallOptions, type ClientOptions } from './client.js';
import { DecodeError, EncodeError, HttpError, NetServerError } from './errors.js';
import { decodeScalar, encodeScalar } from './scalars.js';
import { fieldsOf, NILLABLE, OPTIONAL, prefixOf, REPEATED, scalarPrimitive, type WireField, type WireSchema } from './schema.js';
import { escapeText, isNil, parseXmlDocument, type XmlNode } from './xml.js';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** One SOAP operation as the WSDL binds it (SOAP 1.1, document/literal, wrapped). */
export interface SoapOperation {
  readonly action: string;
  /** The request wrapper element (`tns:SaveConnection`) and its children in order. */
  readonly request: string;
  readonly params: readonly WireField[];
  /** The response wrapper element and its children in order. */
  readonly response: string;
  readonly results: readonly WireField[];
  /** Name of the element that is the result (`Response`); other result elements are out parameters. */
  readonly result: string | null;
  /** Request header parts: `[part, element, type]`. */
  readonly headers: ReadonlyArray<readonly [string, string, string]>;
}

// XML 1.0 cannot carry these characters at all, escaped or not.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

class Writer {
  readonly parts: string[] = [];
  private readonly schema: WireSchema;

  constructor(schema: WireSchema) {
    this.schema = schema;
  }

  element(qname: string, value: unknown, type: string, flags: number, where: string): void {
    if (value === undefined) {
      if (!(flags & OPTIONAL)) throw new EncodeError(`${where} is required`);
      return;
    }
    if (flags & REPEATED) {
      if (!Array.isArray(value)) throw new EncodeError(`${where}: expected an array`);
      value.forEach((v, i) => this.single(qname, v, type, flags, `${where}[${i}]`));
      return;
    }
    this.single(qname, value, type, flags, where);
  }

  private single(qname: string, value: unknown, type: string, flags: number, where: string): void {
    if (value === null) {
      if (!(flags & NILLABLE)) throw new EncodeError(`${where} cannot be null`);
      this.parts.push(`<${qname} xsi:nil="true"/>`);
      return;
    }
    this.parts.push(`<${qname}>`);
    this.content(value, type, where);
    this.parts.push(`</${qname}>`);
  }

  content(value: unknown, type: string, where: string): void {
    const primitive = scalarPrimitive(this.schema, type);
    const wire = this.schema.types[type]!;
    if (primitive !== undefined) {
      this.text(encodeScalar(value, primitive, where), where);
    } else if (wire[0] === 'f') {
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new EncodeError(`${where}: expected an array of flag names`);
      this.text(value.join(' '), where);
    } else if (wire[0] === 'a') {
      if (!Array.isArray(value)) throw new EncodeError(`${where}: expected an array`);
      const item = `${prefixOf(type)}:${wire[1]}`;
      value.forEach((v, i) => this.single(item, v, wire[2], wire[3], `${where}[${i}]`));
    } else if (wire[0] === 'd') {
      if (typeof value !== 'object' || Array.isArray(value)) throw new EncodeError(`${where}: expected an object of entries`);
      const p = prefixOf(type);
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        this.parts.push(`<${p}:${wire[1]}><${p}:${wire[2]}>`);
        // Keys are strings in a Record whatever the key type (dictionaries keyed by dateTime exist): sent as written.
        this.text(key, where);
        this.parts.push(`</${p}:${wire[2]}>`);
        this.single(`${p}:${wire[4]}`, v, wire[5], wire[6] | OPTIONAL, `${where}[${JSON.stringify(key)}]`);
        this.parts.push(`</${p}:${wire[1]}>`);
      }
    } else {
      if (typeof value !== 'object' || Array.isArray(value)) throw new EncodeError(`${where}: expected an object`);
      const record = value as Record<string, unknown>;
      for (const { field, prefix } of fieldsOf(this.schema, type)) {
        this.element(`${prefix}:${field[0]}`, record[field[0]], field[1], field[2], `${where}.${field[0]}`);
      }
    }
  }

  private text(text: string, where: string): void {
    if (FORBIDDEN.test(text)) throw new EncodeError(`${where}: contains a character XML cannot carry`);
    this.parts.push(escapeText(text));
  }
}

/** The SOAP 1.1 envelope for a call: headers the operation binds, then the wrapped parameters in order. */
export function encodeRequest(schema: WireSchema, op: SoapOperation, args: Record<string, unknown>, options: ClientOptions): string {
  const writer = new Writer(schema);
  const declarations = Object.entries(schema.ns)
    .map(([prefix, uri]) => ` xmlns:${prefix}="${uri}"`)
    .join('');
  writer.parts.push(`<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}" xmlns:xsi="${XSI}"${declarations}>`);
  const headerValues: Record<string, unknown> = {
    ApplicationToken: options.applicationToken,
    Credentials: options.ticket === undefined ? undefined : { Ticket: options.ticket },
    TimeZone: options.timeZone,
  };
  const headers = op.headers.filter(([part]) => headerValues[part] !== undefined);
  if (headers.length > 0) {
    writer.parts.push('<soap:Header>');
    for (const [part, element, type] of headers) writer.element(element, headerValues[part], type, OPTIONAL | NILLABLE, part);
    writer.parts.push('</soap:Header>');
  }
  writer.parts.push(`<soap:Body><${op.request}>`);
  const wrapperPrefix = prefixOf(op.request);
  for (const [name, type, flags] of op.params) writer.element(`${wrapperPrefix}:${name}`, args[name], type, flags, name);
  writer.parts.push(`</${op.request}></soap:Body></soap:Envelope>`);
  return writer.parts.join('');
}

class Reader {
  private readonly schema: WireSchema;

  constructor(schema: WireSchema) {
    this.schema = schema;
  }

  value(node: XmlNode, type: string, where: string): unknown {
    if (isNil(node)) return null;
    const primitive = scalarPrimitive(this.schema, type);
    if (primitive !== undefined) return decodeScalar(node.text, primitive, where);
    const wire = this.schema.types[type]!;
    if (wire[0] === 'f') return node.text.split(/\s+/).filter((t) => t.length > 0);
    if (wire[0] === 'a') return node.children.filter((c) => c.local === wire[1]).map((c, i) => this.value(c, wire[2], `${where}[${i}]`));
    if (wire[0] === 'd') {
      const out: Record<string, unknown> = {};
      for (const entry of node.children.filter((c) => c.local === wire[1])) {
        const key = entry.children.find((c) => c.local === wire[2]);
        const value = entry.children.find((c) => c.local === wire[4]);
        if (!key) throw new DecodeError(`${where}: dictionary entry without <${wire[2]}>`);
        out[key.text] = value ? this.value(value, wire[5], `${where}[${JSON.stringify(key.text)}]`) : null;
      }
      return out;
    }
    return this.object(node, fieldsOf(this.schema, type).map((f) => f.field), where);
  }

  /** Elements are matched by name; unknown ones are skipped so newer servers stay readable. */
  object(node: XmlNode, fields: readonly WireField[], where: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, type, flags] of fields) {
      const matches = node.children.filter((c) => c.local === name);
      if (flags & REPEATED) {
        if (matches.length > 0) out[name] = matches.map((m, i) => this.value(m, type, `${where}.${name}[${i}]`));
      } else if (matches[0]) out[name] = this.value(matches[0], type, `${where}.${name}`);
    }
    return out;
  }
}

/** Reads a SOAP answer: a fault or an `ExceptionInfo` header becomes a NetServerError. */
export function decodeResponse(schema: WireSchema, op: SoapOperation, xml: string, status: number): unknown {
  const envelope = parseXmlDocument(xml);
  if (envelope.local !== 'Envelope') throw new DecodeError(`expected a SOAP Envelope, got <${envelope.local}>`);
  const header = envelope.children.find((c) => c.local === 'Header');
  const body = envelope.children.find((c) => c.local === 'Body');
  if (!body) throw new DecodeError('the SOAP answer has no Body');
  const fault = body.children.find((c) => c.local === 'Fault');
  if (fault) throw faultError(fault, header, status);
  const info = header?.children.find((c) => c.local === 'ExceptionInfo');
  if (info && !isNil(info) && info.children.length > 0) throw exceptionInfoError(info, status);
  const succeeded = header?.children.find((c) => c.local === 'Succeeded');
  if (succeeded && succeeded.text.trim() === 'false') throw new NetServerError({ message: 'NetServer reported Succeeded=false', status });
  const wrapperLocal = op.response.slice(op.response.indexOf(':') + 1);
  const wrapper = body.children.find((c) => c.local === wrapperLocal);
  if (!wrapper) throw new DecodeError(`the SOAP Body holds no <${wrapperLocal}>`);
  const reader = new Reader(schema);
  const values = reader.object(wrapper, op.results, wrapperLocal);
  if (op.results.length === 0) return undefined;
  // Unknown elements beside the named ones are skipped (as WCF does), but an answer holding only
  // others names its result differently (GetAllConnectionsResult for Response): not a null result.
  if (wrapper.children.length > 0 && op.results.every(([name]) => !(name in values))) {
    const named = op.results.map(([name]) => `<${name}>`);
    const found = [...new Set(wrapper.children.map((c) => `<${c.local}>`))];
    throw new DecodeError(`the answer has ${named.length === 1 ? `no ${named[0]}` : `none of ${named.join(', ')}`}; found ${found.join(', ')}`);
  }
  if (op.results.length === 1 && op.result !== null) {
    const [name, , flags] = op.results[0]!;
    if (!(name in values)) {
      if (flags & NILLABLE) return null;
      throw new DecodeError(`the answer has no <${name}>`);
    }
    return values[name];
  }
  return values;
}

function childText(node: XmlNode | undefined, local: string): string | undefined {
  const child = node?.children.find((c) => c.local === local);
  return child && !isNil(child) ? child.text : undefined;
}

function exceptionInfoError(info: XmlNode, status: number): NetServerError {
  const inner = info.children.find((c) => c.local === 'InnerException');
  return new NetServerError({
    message: childText(info, 'Message') ?? '',
    exceptionType: childText(info, 'ExceptionType'),
    stackTrace: childText(info, 'StackTrace'),
    friendlyText: childText(info, 'FriendlyText'),
    source: childText(info, 'Source'),
    status,
    inner: inner && !isNil(inner) && inner.children.length > 0 ? exceptionInfoError(inner, status) : undefined,
  });
}

function faultError(fault: XmlNode, header: XmlNode | undefined, status: number): NetServerError {
  const info = header?.children.find((c) => c.local === 'ExceptionInfo');
  if (info && !isNil(info) && info.children.length > 0) return exceptionInfoError(info, status);
  const detail = fault.children.find((c) => c.local === 'detail' || c.local === 'Detail');
  const described = detail?.children[0];
  return new NetServerError({
    message: childText(fault, 'faultstring') ?? childText(described, 'Message') ?? '',
    exceptionType: childText(described, 'ExceptionType') ?? childText(described, 'Type') ?? childText(fault, 'faultcode')?.trim(),
    stackTrace: childText(described, 'StackTrace'),
    status,
  });
}

/** Sends one call: POST `<baseUrl>/<path>` with the SOAPAction header, and reads the typed answer. */
export async function callSoap(
  options: ClientOptions,
  path: string,
  schema: WireSchema,
  op: SoapOperation,
  args: Record<string, unknown>,
  call: CallOptions | undefined,
): Promise<unknown> {
  const body = encodeRequest(schema, op, args, options);
  const response = await send(options, path, call, {
    method: 'POST',
    headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: `"${op.action}"` },
    body,
  });
  const text = response.text();
  const isXml = /xml/i.test(response.headers.get('content-type') ?? '') || text.trimStart().startsWith('<');
  if (!response.ok && !isXml) throw new HttpError(response.status, response.statusText, text);
  return decodeResponse(schema, op, text, response.status);
}
