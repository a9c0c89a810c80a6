import { XMLParser } from 'fast-xml-parser';
import { LineIndex } from './line-index.js';

/** An element with its namespace resolved and the position of its start tag. */
export interface XmlElement {
  /** Qualified name as written, e.g. `xs:element`. */
  qname: string;
  local: string;
  /** Namespace URI ('' when the name has no namespace). */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded). */
  text: string;
  line: number;
  column: number;
  /** In-scope prefix → namespace bindings, for resolving QName-valued attributes such as `type="q1:Foo"`. */
  scope: NamespaceScope;
}

/**
 * In-scope prefix bindings as a chain from the innermost element outwards. NetServer WSDLs declare a
 * prefix on nearly every element (`xmlns:q12=...`), so copying a map per element would dominate parsing.
 */
export interface NamespaceScope {
  readonly prefix: string;
  readonly uri: string;
  readonly parent: NamespaceScope | undefined;
}

export function lookupPrefix(scope: NamespaceScope | undefined, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) if (s.prefix === prefix) return s.uri;
  return undefined;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  captureMetaData: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Entities are never expanded by the parser: only the five predefined ones and character references
  // are decoded below, so a DOCTYPE cannot make a small file expand into a large one.
  processEntities: false,
  commentPropName: false,
  cdataPropName: '#cdata',
});
const META = XMLParser.getMetaDataSymbol() as unknown as string;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

type RawNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Parses XML into a namespace-aware tree with line and column on every element.
 * Throws XmlSyntaxError (with the position) for a DOCTYPE, unbalanced tags, or a missing root.
 */
export function parseXml(text: string, lineOffset = 0): XmlElement {
  const lines = new LineIndex(text, lineOffset);
  const doctype = text.search(/<!DOCTYPE/i);
  if (doctype !== -1) {
    const at = lines.position(doctype);
    throw new XmlSyntaxError('DOCTYPE declarations are not accepted (no entity expansion is done)', at.line, at.column);
  }
  let raw: RawNode[];
  try {
    raw = parser.parse(text) as RawNode[];
  } catch (error) {
    const at = lines.position(0);
    throw new XmlSyntaxError(`not well-formed XML: ${(error as Error).message}`, at.line, at.column);
  }
  const roots = raw.filter((node) => elementName(node) !== undefined);
  const root = roots[0];
  if (!root) {
    const at = lines.position(Math.max(0, text.search(/\S/)));
    throw new XmlSyntaxError('no root element', at.line, at.column);
  }
  if (roots.length > 1) {
    const start = (roots[1]![META] as { startIndex?: number } | undefined)?.startIndex ?? 0;
    const at = lines.position(start);
    throw new XmlSyntaxError('more than one root element', at.line, at.column);
  }
  return build(root, { prefix: 'xml', uri: XML_NS, parent: undefined }, text, lines);
}

function elementName(node: RawNode): string | undefined {
  for (const key in node) if (key !== ':@' && key !== '#text' && key !== '#cdata' && key !== '?xml') return key;
  return undefined;
}

function build(node: RawNode, parentScope: NamespaceScope, text: string, lines: LineIndex): XmlElement {
  const qname = elementName(node)!;
  const meta = node[META] as { startIndex?: number; endIndex?: number } | undefined;
  const start = meta?.startIndex ?? 0;
  const at = lines.position(start);
  checkClosed(qname, meta, text, at);
  const rawAttrs = node[':@'];
  let inScope: NamespaceScope = parentScope;
  const attrs: Record<string, string> = {};
  if (rawAttrs) {
    for (const name in rawAttrs) {
      const decoded = decodeEntities(rawAttrs[name]!);
      if (name.startsWith('xmlns')) {
        if (name === 'xmlns') inScope = { prefix: '', uri: decoded, parent: inScope };
        else if (name.charCodeAt(5) === 58 /* : */) inScope = { prefix: name.slice(6), uri: decoded, parent: inScope };
        else attrs[name] = decoded;
      } else {
        attrs[name] = decoded;
      }
    }
  }
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const local = colon === -1 ? qname : qname.slice(colon + 1);
  const ns = lookupPrefix(inScope, prefix);
  if (ns === undefined && prefix !== '') {
    throw new XmlSyntaxError(`namespace prefix '${prefix}' of <${qname}> is not declared`, at.line, at.column);
  }
  const children: XmlElement[] = [];
  let content = '';
  for (const child of (node[qname] as RawNode[]) ?? []) {
    if ('#text' in child) content += decodeEntities(String(child['#text']));
    else if ('#cdata' in child) {
      for (const piece of child['#cdata'] as RawNode[]) content += String(piece['#text'] ?? '');
    } else if (elementName(child) !== undefined) children.push(build(child, inScope, text, lines));
  }
  return { qname, local, ns: ns ?? '', attrs, children, text: content, line: at.line, column: at.column, scope: inScope };
}

/** fast-xml-parser is lenient about closing tags; this catches `<a><b></a>` and unclosed elements. */
function checkClosed(
  qname: string,
  meta: { startIndex?: number; endIndex?: number } | undefined,
  text: string,
  at: { line: number; column: number },
): void {
  if (!meta || meta.startIndex === undefined) return;
  if (meta.endIndex === undefined) throw new XmlSyntaxError(`<${qname}> is never closed`, at.line, at.column);
  let end = meta.endIndex;
  while (end > meta.startIndex && text.charCodeAt(end - 1) !== 62 /* > */) end--;
  if (text.charCodeAt(end - 2) === 47 /* / */) return;
  let close = end - 2;
  while (close > meta.startIndex && /\s/.test(text[close]!)) close--;
  const open = close - qname.length + 1;
  if (open - 2 >= meta.startIndex && text.startsWith('</', open - 2) && text.startsWith(qname, open)) return;
  throw new XmlSyntaxError(`<${qname}> is closed by a different tag`, at.line, at.column);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(value: string): string {
  if (value.indexOf('&') === -1) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[body] ?? whole;
  });
}

/** Resolves a QName-valued attribute (`q1:ErpConnection`) against the element's namespace scope. */
export function resolveQName(value: string, scope: NamespaceScope): { ns: string; local: string } | undefined {
  const colon = value.indexOf(':');
  const prefix = colon === -1 ? '' : value.slice(0, colon);
  const ns = lookupPrefix(scope, prefix);
  if (ns === undefined && prefix !== '') return undefined;
  return { ns: ns ?? '', local: colon === -1 ? value : value.slice(colon + 1) };
}

export function childElements(parent: XmlElement, ns: string, local: string): XmlElement[] {
  return parent.children.filter((c) => c.local === local && c.ns === ns);
}

export function firstChild(parent: XmlElement, ns: string, local: string): XmlElement | undefined {
  return parent.children.find((c) => c.local === local && c.ns === ns);
}
