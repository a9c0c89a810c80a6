// The SOAP answer decoder as it was before the streaming reader: the whole answer parsed into a tree
// of nodes, then mapped to values. Frozen here as the reference the differential test compares the
// runtime's decoder with; it is not part of the generated SDK.
import { DecodeError, NetServerError } from '../../src/runtime/errors.js';
import { decodeScalar } from '../../src/runtime/scalars.js';
import { fieldsOf, NILLABLE, REPEATED, scalarPrimitive, type WireField, type WireSchema } from '../../src/runtime/schema.js';
import type { SoapOperation } from '../../src/runtime/soap.js';

export interface XmlNode {
  local: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

interface Scope {
  prefix: string;
  uri: string;
  parent: Scope | undefined;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
      throw new DecodeError(`bad character reference ${whole}`);
    }
    const value = ENTITIES[body];
    if (value === undefined) throw new DecodeError(`unknown entity ${whole}`);
    return value;
  });
}

function resolve(scope: Scope | undefined, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) if (s.prefix === prefix) return s.uri;
  return prefix === 'xml' ? 'http://www.w3.org/XML/1998/namespace' : prefix === '' ? '' : undefined;
}

const NAME = /[A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?/y;
const ATTR = /\s+([A-Za-z_][\w.\-]*(?::[A-Za-z_][\w.\-]*)?)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;

export function parseXmlDocument(xml: string): XmlNode {
  let pos = 0;
  const stack: Array<{ node: XmlNode; qname: string; scope: Scope | undefined }> = [];
  let root: XmlNode | undefined;
  const fail = (message: string): never => {
    throw new DecodeError(`malformed XML at offset ${pos}: ${message}`);
  };
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const textEnd = lt === -1 ? xml.length : lt;
    if (textEnd > pos) {
      const text = xml.slice(pos, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.node.text += decode(text);
      else if (text.trim() !== '') fail('text outside the root element');
      pos = textEnd;
      if (lt === -1) break;
    }
    if (xml.startsWith('<?', pos)) {
      const end = xml.indexOf('?>', pos);
      if (end === -1) fail('unterminated processing instruction');
      pos = end + 2;
    } else if (xml.startsWith('<!--', pos)) {
      const end = xml.indexOf('-->', pos);
      if (end === -1) fail('unterminated comment');
      pos = end + 3;
    } else if (xml.startsWith('<![CDATA[', pos)) {
      const end = xml.indexOf(']]>', pos);
      if (end === -1) fail('unterminated CDATA');
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA outside the root element');
      top!.node.text += xml.slice(pos + 9, end);
      pos = end + 3;
    } else if (xml.startsWith('<!', pos)) {
      fail('DOCTYPE and other declarations are not accepted');
    } else if (xml.startsWith('</', pos)) {
      NAME.lastIndex = pos + 2;
      const match = NAME.exec(xml) ?? fail('bad closing tag');
      const qname = match![0];
      const open = stack.pop() ?? fail(`unexpected </${qname}>`);
      if (open!.qname !== qname) fail(`</${qname}> closes <${open!.qname}>`);
      pos = NAME.lastIndex;
      while (/\s/.test(xml[pos] ?? '')) pos++;
      if (xml[pos] !== '>') fail('bad closing tag');
      pos++;
    } else {
      NAME.lastIndex = pos + 1;
      const match = NAME.exec(xml) ?? fail('bad tag name');
      const qname = match![0];
      pos = NAME.lastIndex;
      const rawAttrs: Array<[string, string]> = [];
      for (;;) {
        ATTR.lastIndex = pos;
        const attr = ATTR.exec(xml);
        if (!attr) break;
        rawAttrs.push([attr[1]!, decode(attr[2] ?? attr[3] ?? '')]);
        pos = ATTR.lastIndex;
      }
      while (/\s/.test(xml[pos] ?? '')) pos++;
      const selfClosing = xml.startsWith('/>', pos);
      if (!selfClosing && xml[pos] !== '>') fail(`bad start tag <${qname}>`);
      pos += selfClosing ? 2 : 1;
      let scope = stack[stack.length - 1]?.scope;
      const attrs: Record<string, string> = {};
      for (const [name, value] of rawAttrs) {
        if (name === 'xmlns') scope = { prefix: '', uri: value, parent: scope };
        else if (name.startsWith('xmlns:')) scope = { prefix: name.slice(6), uri: value, parent: scope };
      }
      for (const [name, value] of rawAttrs) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
        const colon = name.indexOf(':');
        if (colon === -1) attrs[name] = value;
        else {
          const uri = resolve(scope, name.slice(0, colon)) ?? fail(`undeclared prefix in ${name}`);
          attrs[`{${uri}}${name.slice(colon + 1)}`] = value;
        }
      }
      const colon = qname.indexOf(':');
      const ns = resolve(scope, colon === -1 ? '' : qname.slice(0, colon)) ?? fail(`undeclared prefix in <${qname}>`);
      const node: XmlNode = { local: colon === -1 ? qname : qname.slice(colon + 1), ns: ns!, attrs, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.node.children.push(node);
      else if (root) fail('more than one root element');
      else root = node;
      if (!selfClosing) stack.push({ node, qname, scope });
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1]!.qname}> is never closed`);
  return root ?? fail('no root element');
}

export function isNil(node: XmlNode): boolean {
  // xs:boolean collapses whitespace: ' true ' is true.
  const value = node.attrs[`{${XSI}}nil`]?.trim();
  return value === 'true' || value === '1';
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
export function treeDecodeResponse(schema: WireSchema, op: SoapOperation, xml: string, status: number): unknown {
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

