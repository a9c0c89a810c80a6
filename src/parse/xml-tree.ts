import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { LineIndex } from './line-index.js';
import { bindAttribute, MAX_NAMESPACE_BINDINGS, newElement, XML_SCOPE, type XmlElement } from './xml-element.js';
import { parseCommonXml } from './xml-fast-path.js';

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

/**
 * Parses XML into a namespace-aware tree with line and column on every element.
 * Throws XmlSyntaxError with the position for a DOCTYPE (no entity is ever expanded), anything not
 * well-formed, and an undeclared element prefix. An undefined entity is kept as written.
 * The fast path reads the plain XML that WCF and the doc pages carry; whatever it does not take,
 * errors included, is read by saxes, which has the last word.
 */
export function parseXml(text: string, lineOffset = 0): XmlElement {
  const lines = new LineIndex(text, lineOffset);
  return parseCommonXml(text, lines) ?? parseWithSaxes(text, lines);
}

/**
 * The reference reading, with saxes: a strict XML 1.0 reader (closing tags, one root, attribute
 * syntax). Namespaces are resolved here, as a scope chain, rather than by saxes, which would copy a
 * map per element.
 */
export function parseWithSaxes(text: string, lines: LineIndex): XmlElement {
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  const fail = (message: string, offset: number): never => {
    const at = lines.position(offset);
    throw new XmlSyntaxError(message, at.line, at.column);
  };
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let lastClosed: XmlElement | undefined;
  let tagStart = 0;

  parser.on('doctype', () => fail('DOCTYPE declarations are not accepted (no entity expansion is done)', text.lastIndexOf('<!DOCTYPE', parser.position)));
  parser.on('opentagstart', () => {
    // A backwards scan over the name just read; String#lastIndexOf costs a runtime call per element.
    let at = parser.position - 1;
    while (at > 0 && text.charCodeAt(at) !== 60 /* < */) at--;
    tagStart = at;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const parent = stack[stack.length - 1];
    let scope = parent ? parent.scope : XML_SCOPE;
    const attrs: string[] = [];
    const raw = tag.attributes as Record<string, string>;
    for (const name in raw) scope = bindAttribute(name, raw[name]!, attrs, scope);
    const qname = tag.name;
    if (scope.size > MAX_NAMESPACE_BINDINGS) fail(`<${qname}> has more than ${MAX_NAMESPACE_BINDINGS} namespace declarations in scope`, tagStart);
    const at = lines.position(tagStart);
    const element = newElement(qname, attrs, scope, at.line, at.column);
    if (!element) fail(`namespace prefix '${qname.slice(0, qname.indexOf(':'))}' of <${qname}> is not declared`, tagStart);
    if (parent) parent.children.push(element!);
    else root = element;
    stack.push(element!);
  });
  parser.on('text', (value) => {
    const top = stack[stack.length - 1];
    if (top) top.text += value;
  });
  parser.on('cdata', (value) => {
    const top = stack[stack.length - 1];
    if (top) top.text += value;
  });
  parser.on('closetag', () => {
    lastClosed = stack.pop();
  });
  parser.on('error', (error) => {
    const message = error.message.replace(/^\d+:\d+: /, '');
    // Kept as written, as a reader without a DTD would show it; the sample checks then see it verbatim.
    if (message === 'undefined entity.') return;
    const here = Math.min(parser.position, text.length);
    if (message.startsWith('unclosed tag: ')) {
      const open = stack[stack.length - 1];
      const at = open ? { line: open.line, column: open.column } : lines.position(here);
      throw new XmlSyntaxError(`<${open?.qname ?? message.slice(14)}> is never closed`, at.line, at.column);
    }
    if (message === 'unexpected close tag.' && lastClosed) {
      const close = text.lastIndexOf('</', here);
      const name = /^<\/([^\s>]*)/.exec(text.slice(close))?.[1] ?? '';
      fail(`<${lastClosed.qname}> (line ${lastClosed.line}) is closed by a different tag, </${name}>`, close);
    }
    if (message === 'document must contain a root element.') fail('no root element', Math.max(0, text.search(/\S/)));
    if (message === 'text data outside of root node.') fail('text outside the root element', here);
    if (message === 'documents may contain only one root.') fail('more than one root element', tagStart);
    fail(`not well-formed XML: ${message}`, here);
  });
  parser.write(text).close();
  return root!;
}
