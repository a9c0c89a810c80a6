import type { XmlElement } from '../parse/xml-element.js';
import { parseXml, XmlSyntaxError } from '../parse/xml-tree.js';
import { SOAP11_ENV_NS } from '../facts/namespaces.js';

/**
 * The answer a generated test's fake server gives: the documented response itself. The sample's Body
 * content is kept byte for byte (prefixes, `xsi:type`, whitespace); only the envelope is rewritten to
 * SOAP 1.1, which the WSDL binds, with the header elements the WSDL binds moved inside `soap:Header`.
 * Undefined where the Body cannot be cut out of the text exactly (checked by reading the result again,
 * which is returned too).
 */
export function soap11Answer(text: string, root: XmlElement, body: XmlElement, headerNames: string[]): { text: string; envelope: XmlElement } | undefined {
  const inner = elementContent(text, root, body);
  if (inner === undefined) return undefined;
  // The bindings in scope at the Body (the envelope's and its own), innermost first: the content may use any of them.
  const declarations = new Map<string, string>();
  for (let s: XmlElement['scope'] | undefined = body.scope; s; s = s.parent) {
    const name = s.prefix === '' ? 'xmlns' : `xmlns:${s.prefix}`;
    if (s.prefix !== 'xml' && !declarations.has(name)) declarations.set(name, s.uri);
  }
  let prefix = 'soap11';
  while (declarations.has(`xmlns:${prefix}`)) prefix += '_';
  const envelope = new Map([...declarations, [`xmlns:${prefix}`, SOAP11_ENV_NS]]);
  const headers: string[] = [];
  for (const child of root.children) {
    if (child === body) continue;
    if (child.local === 'Header' && child.ns === root.ns) {
      const span = elementSpan(text, root, child);
      if (span === undefined) return undefined;
      let content = '';
      let at = span.contentStart;
      for (const entry of child.children) {
        const whole = rescoped(text, root, child.scope, entry, envelope);
        const from = elementSpan(text, root, entry);
        if (whole === undefined || from === undefined) return undefined;
        content += text.slice(at, from.start) + whole;
        at = from.end;
      }
      headers.push(content + text.slice(at, span.contentEnd));
    } else if (headerNames.includes(child.local)) {
      const whole = rescoped(text, root, root.scope, child, envelope);
      if (whole === undefined) return undefined;
      headers.push(whole);
    }
  }
  const attrs = [...declarations].map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`).join('');
  const header = headers.length > 0 ? `<${prefix}:Header>${headers.join('')}</${prefix}:Header>` : '';
  const answer = `<${prefix}:Envelope xmlns:${prefix}="${SOAP11_ENV_NS}"${attrs}>${header}<${prefix}:Body>${inner}</${prefix}:Body></${prefix}:Envelope>`;
  const read = readAgain(answer);
  const copy = read?.children.find((c) => c.local === 'Body' && c.ns === SOAP11_ENV_NS);
  return read && copy && sameTree(copy.children, body.children) ? { text: answer, envelope: read } : undefined;
}

/**
 * A header element's text, its names resolved as where it stood (in the Header, or in the envelope),
 * not as at the Body whose bindings the new envelope carries: each binding the new envelope lacks or
 * binds otherwise is declared on the element itself. Without this, a prefix declared on the Header
 * made the answer unreadable (undefined), and a prefix the Body (or `soap11`) rebinds moved the
 * header element silently into another namespace.
 */
function rescoped(text: string, root: XmlElement, parentScope: XmlElement['scope'], element: XmlElement, envelope: Map<string, string>): string | undefined {
  const span = elementSpan(text, root, element);
  if (span === undefined) return undefined;
  const own = new Set<string>();
  for (let s: XmlElement['scope'] | undefined = element.scope; s && s !== parentScope; s = s.parent) own.add(s.prefix);
  const seen = new Set<string>();
  let added = '';
  for (let s: XmlElement['scope'] | undefined = parentScope; s; s = s.parent) {
    if (s.prefix === 'xml' || seen.has(s.prefix)) continue;
    seen.add(s.prefix);
    const name = s.prefix === '' ? 'xmlns' : `xmlns:${s.prefix}`;
    if (!own.has(s.prefix) && envelope.get(name) !== s.uri) added += ` ${name}="${escapeAttribute(s.uri)}"`;
  }
  // A default namespace the new envelope declares, where the element stood in none.
  if (!seen.has('') && !own.has('') && envelope.has('xmlns')) added += ' xmlns=""';
  const nameEnd = span.start + 1 + element.qname.length;
  return text.slice(span.start, nameEnd) + added + text.slice(nameEnd, span.end);
}

/** The text between an element's start and end tags, found by scanning tags as XML does. */
function elementContent(text: string, root: XmlElement, element: XmlElement): string | undefined {
  const span = elementSpan(text, root, element);
  return span && text.slice(span.contentStart, span.contentEnd);
}

/** How many elements of the same qualified name come before this one in document order. */
function occurrence(root: XmlElement, element: XmlElement): number {
  let count = 0;
  let found = false;
  const walk = (node: XmlElement): void => {
    if (found) return;
    if (node === element) {
      found = true;
      return;
    }
    if (node.qname === element.qname) count++;
    node.children.forEach(walk);
  };
  walk(root);
  return count;
}

/**
 * Where an element lies in the text. Start tags are matched in document order, skipping comments,
 * CDATA and processing instructions; the element is the n-th start tag of its name, n counted from the tree.
 */
function elementSpan(text: string, root: XmlElement, element: XmlElement): { start: number; contentStart: number; contentEnd: number; end: number } | undefined {
  const tags = startTags(text);
  const own = tags.filter((t) => t.qname === element.qname)[occurrence(root, element)];
  if (!own) return undefined;
  if (own.selfClosing) return { start: own.start, contentStart: own.end, contentEnd: own.end, end: own.end };
  let depth = 0;
  const closing = new RegExp(`<(/?)${escapeRegExp(element.qname)}(?=[\\s/>])`, 'g');
  closing.lastIndex = own.end;
  for (let m = closing.exec(text); m; m = closing.exec(text)) {
    if (insideMarkup(tags, m.index)) continue;
    if (m[1] === '/') {
      if (depth === 0) {
        const end = text.indexOf('>', m.index);
        return end === -1 ? undefined : { start: own.start, contentStart: own.end, contentEnd: m.index, end: end + 1 };
      }
      depth--;
    } else {
      const tag = tags.find((t) => t.start === m!.index);
      if (tag && !tag.selfClosing) depth++;
    }
  }
  return undefined;
}

interface StartTag {
  qname: string;
  start: number;
  end: number;
  selfClosing: boolean;
}

function startTags(text: string): StartTag[] & { skipped?: Array<[number, number]> } {
  const tags: StartTag[] & { skipped?: Array<[number, number]> } = [];
  const skipped: Array<[number, number]> = [];
  for (let i = text.indexOf('<'); i !== -1 && i < text.length; i = text.indexOf('<', i + 1)) {
    const skip = (close: string) => {
      const end = text.indexOf(close, i);
      const to = end === -1 ? text.length : end + close.length;
      skipped.push([i, to]);
      return to - 1;
    };
    if (text.startsWith('<!--', i)) i = skip('-->');
    else if (text.startsWith('<![CDATA[', i)) i = skip(']]>');
    else if (text.startsWith('<?', i)) i = skip('?>');
    else if (text[i + 1] !== '/' && text[i + 1] !== '!') {
      const name = /^[^\s/>]+/.exec(text.slice(i + 1, i + 257))?.[0];
      if (!name) continue;
      let j = i + 1 + name.length;
      let quote = '';
      for (; j < text.length; j++) {
        const c = text[j];
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
      }
      tags.push({ qname: name, start: i, end: j + 1, selfClosing: text[j - 1] === '/' });
    }
  }
  tags.skipped = skipped;
  return tags;
}

function insideMarkup(tags: ReturnType<typeof startTags>, at: number): boolean {
  return (tags.skipped ?? []).some(([from, to]) => at > from && at < to);
}

function readAgain(answer: string): XmlElement | undefined {
  try {
    return parseXml(answer);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return undefined;
    throw error;
  }
}

/** The rewritten answer must hold the same Body, element for element, as the sample did. */
function sameTree(a: XmlElement[], b: XmlElement[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return x.qname === y.qname && x.ns === y.ns && x.text === y.text && x.attrs.length === y.attrs.length && x.attrs.every((v, i) => v === y.attrs[i]) && sameTree(x.children, y.children);
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&quot;'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
