import { send, type CallOptions, type ClientOptions } from './client.js';
import { EncodeError, HttpError } from './errors.js';
import { encodeScalar } from './scalars.js';
import { fieldsOf, NILLABLE, OPTIONAL, prefixOf, REPEATED, scalarPrimitive, type SoapOperation, type WireSchema } from './schema.js';
import { decodeResponse } from './soap-reader.js';
import { escapeText } from './xml.js';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

export type { SoapOperation } from './schema.js';
export { decodeResponse } from './soap-reader.js';

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
