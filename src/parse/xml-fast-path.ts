import type { LineIndex } from './line-index.js';
import { bindAttribute, MAX_NAMESPACE_BINDINGS, newElement, XML_SCOPE, type XmlElement } from './xml-element.js';

/**
 * Reads the plain XML that WCF writes and the doc pages quote (an XML 1.0 declaration, elements,
 * quoted attributes, comments, CDATA, the five predefined entities and character references, ASCII
 * names) into the tree saxes would give, in half the time: a cold run reads 7.6 MB of WSDL for
 * the Services88 agents alone.
 *
 * Returns undefined for anything else, and for anything not well-formed: a DOCTYPE, a processing
 * instruction, a byte-order mark, a name outside ASCII, a character from U+D800 up, an unknown
 * entity, a mismatched tag. The caller then reads the text with saxes, which gives the verdict and
 * the error position, so this reader only has to be right about what it accepts.
 */
export function parseCommonXml(text: string, lines: LineIndex): XmlElement | undefined {
  const end = text.length;
  let i = 0;
  if (text.startsWith('<?xml')) {
    const close = text.indexOf('?>');
    if (close === -1 || !XML_DECLARATION.test(text.slice(0, close + 2))) return undefined;
    i = close + 2;
  }
  const open: XmlElement[] = [];
  let top: XmlElement | undefined;
  let root: XmlElement | undefined;
  // The attribute names of the current start tag, for the duplicate check.
  const names: string[] = [];
  let line = 0;
  for (;;) {
    if (top === undefined) {
      // Outside the root only white space and comments may appear.
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      if (i === end) break;
      if (text.charCodeAt(i) !== 60 /* < */) return undefined;
      if (text.startsWith('<!--', i)) {
        i = afterComment(text, i);
        if (i === -1) return undefined;
        continue;
      }
      if (root !== undefined) return undefined;
    } else {
      const lt = text.indexOf('<', i);
      if (lt === -1) return undefined;
      if (lt > i) {
        const data = characterData(text, i, lt, TEXT);
        if (data === undefined) return undefined;
        top.text += data;
      }
      i = lt;
    }

    const next = text.charCodeAt(i + 1);
    if (next === 47 /* / */) {
      if (top === undefined || !text.startsWith(top.qname, i + 2)) return undefined;
      let k = i + 2 + top.qname.length;
      while (isSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) !== 62 /* > */) return undefined;
      i = k + 1;
      open.pop();
      // Not open[-1] when the root closes: a read past the end throws the compiled reader back to
      // the interpreter at the end of every document.
      top = open.length > 0 ? open[open.length - 1] : undefined;
      continue;
    }
    if (next === 33 /* ! */) {
      if (top === undefined) return undefined;
      if (text.startsWith('<!--', i)) {
        i = afterComment(text, i);
        if (i === -1) return undefined;
      } else if (text.startsWith('<![CDATA[', i)) {
        const close = text.indexOf(']]>', i + 9);
        const data = close === -1 ? undefined : characterData(text, i + 9, close, CDATA);
        if (data === undefined) return undefined;
        top.text += data;
        i = close + 3;
      } else {
        return undefined;
      }
      continue;
    }

    // A start tag.
    const nameEnd = afterName(text, i + 1);
    if (nameEnd === -1) return undefined;
    const qname = text.slice(i + 1, nameEnd);
    let scope = top === undefined ? XML_SCOPE : top.scope;
    const attrs: string[] = [];
    let attributeCount = 0;
    let k = nameEnd;
    let empty = false;
    for (;;) {
      const spaceStart = k;
      while (isSpace(text.charCodeAt(k))) k++;
      const c = text.charCodeAt(k);
      if (c === 62 /* > */) {
        k++;
        break;
      }
      if (c === 47 /* / */) {
        if (text.charCodeAt(k + 1) !== 62) return undefined;
        k += 2;
        empty = true;
        break;
      }
      // An attribute, which must be separated from what comes before it.
      if (k === spaceStart) return undefined;
      const attrEnd = afterName(text, k);
      if (attrEnd === -1) return undefined;
      const name = text.slice(k, attrEnd);
      // The duplicate check is quadratic: a tag with more attributes than anything real is saxes' to read.
      if (attributeCount === MAX_ATTRIBUTES) return undefined;
      for (let n = 0; n < attributeCount; n++) if (names[n] === name) return undefined;
      names[attributeCount++] = name;
      k = attrEnd;
      while (isSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) !== 61 /* = */) return undefined;
      k++;
      while (isSpace(text.charCodeAt(k))) k++;
      const quote = text.charCodeAt(k);
      if (quote !== 34 /* " */ && quote !== 39 /* ' */) return undefined;
      const close = text.indexOf(quote === 34 ? '"' : "'", k + 1);
      const value = close === -1 ? undefined : characterData(text, k + 1, close, ATTRIBUTE);
      if (value === undefined) return undefined;
      scope = bindAttribute(name, value, attrs, scope);
      k = close + 1;
    }
    if (scope.size > MAX_NAMESPACE_BINDINGS) return undefined;
    // Start tags come in document order, so the line only ever moves forward.
    line = lines.lineIndexAt(i, line);
    const element = newElement(qname, attrs, scope, lines.lineNumber(line), i - lines.lineStart(line) + 1);
    if (element === undefined) return undefined;
    if (top === undefined) root = element;
    else top.children.push(element);
    if (!empty) {
      open.push(element);
      top = element;
    }
    i = k;
  }
  return root;
}

const MAX_ATTRIBUTES = 64;

/** Only version 1.0: saxes reads 1.1 with other character rules. */
const XML_DECLARATION =
  /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"1\.0"|'1\.0')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>$/;

const TEXT = 0;
const ATTRIBUTE = 1;
const CDATA = 2;
type DataKind = typeof TEXT | typeof ATTRIBUTE | typeof CDATA;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** ASCII names only: `[A-Za-z_:][A-Za-z0-9_:.-]*`. Returns the offset after the name, or -1. */
function afterName(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90) || first === 95 || first === 58)) return -1;
  let k = start + 1;
  for (;;) {
    const c = text.charCodeAt(k);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95 || c === 45 || c === 46) k++;
    else if (c >= 128) return -1;
    else return k;
  }
}

/** The offset after a comment starting at `start`, or -1 where it is malformed or holds a character left to saxes. */
function afterComment(text: string, start: number): number {
  const close = text.indexOf('-->', start + 4);
  if (close === -1) return -1;
  const dashes = text.indexOf('--', start + 4);
  if (dashes < close || (close > start + 4 && (text.charCodeAt(start + 4) === 45 || text.charCodeAt(close - 1) === 45))) return -1;
  for (let k = start + 4; k < close; k++) {
    const c = text.charCodeAt(k);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c >= 0xd800) return -1;
  }
  return close + 3;
}

/**
 * Character data between `start` and `end`, with line ends normalised to \n, and in attribute
 * values, white space to spaces (XML 1.0 §2.11, §3.3.3), and references decoded.
 * Undefined where saxes must decide: a `<` in an attribute, `]]>` in text, an unknown entity, a
 * control character, and anything from U+D800 up (surrogates, U+FFFE).
 */
function characterData(text: string, start: number, end: number, kind: DataKind): string | undefined {
  let k = start;
  // Most values and runs of text need no change; they are sliced as they stand.
  for (; k < end; k++) {
    const c = text.charCodeAt(k);
    // Tabs and line feeds stand as they are in text; pretty-printed envelopes are full of them.
    if (c < 32 ? kind === ATTRIBUTE || (c !== 10 && c !== 9) : c === 38 /* & */ || c === 60 /* < */ || c === 93 /* ] */ || c >= 0xd800) break;
  }
  if (k === end) return text.slice(start, end);
  let out = '';
  let from = start;
  for (; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 32 && c < 0xd800) {
      if (c === 38 && kind !== CDATA) {
        const semicolon = text.indexOf(';', k + 1);
        const decoded = semicolon === -1 || semicolon >= end ? undefined : reference(text.slice(k + 1, semicolon));
        if (decoded === undefined) return undefined;
        out += text.slice(from, k) + decoded;
        k = semicolon;
        from = k + 1;
      } else if (c === 60 && kind === ATTRIBUTE) {
        return undefined;
      } else if (c === 93 && kind === TEXT && text.startsWith(']]>', k)) {
        return undefined;
      }
    } else if (c === 13) {
      out += text.slice(from, k) + (kind === ATTRIBUTE ? ' ' : '\n');
      if (text.charCodeAt(k + 1) === 10 && k + 1 < end) k++;
      from = k + 1;
    } else if (c === 10 || c === 9) {
      if (kind === ATTRIBUTE) {
        out += `${text.slice(from, k)} `;
        from = k + 1;
      }
    } else {
      return undefined;
    }
  }
  return out + text.slice(from, end);
}

/** The five entities XML defines without a DTD. */
export const PREDEFINED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
]);

/** A predefined entity or a character reference naming an XML character; undefined for anything else. */
function reference(name: string): string | undefined {
  if (name.charCodeAt(0) !== 35 /* # */) return PREDEFINED_ENTITIES.get(name);
  const code = name.charCodeAt(1) === 120 /* x */ ? (/^#x[0-9a-fA-F]{1,6}$/.test(name) ? parseInt(name.slice(2), 16) : NaN) : /^#[0-9]{1,7}$/.test(name) ? parseInt(name.slice(1), 10) : NaN;
  const isChar = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
  return isChar ? String.fromCodePoint(code) : undefined;
}
