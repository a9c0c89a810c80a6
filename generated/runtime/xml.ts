import { DecodeError } from './errors.js';

/**
 * The generated SDK has no dependencies, so it reads SOAP answers with this small, strict,
 * namespace-aware reader. It refuses DOCTYPEs (no entity expansion), decodes the predefined and
 * numeric entities, and keeps CDATA as text.
 */
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

export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\r\n\t]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function childrenNamed(node: XmlNode, local: string): XmlNode[] {
  return node.children.filter((c) => c.local === local);
}
