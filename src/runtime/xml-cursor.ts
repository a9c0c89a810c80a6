import { DecodeError } from './errors.js';

/**
 * A pull reader over an XML text: one token per `next()`, no tree. The SOAP decoder walks it with
 * the schema in hand, so an answer of thousands of rows becomes values without a node per element.
 * It is strict and namespace-aware: it refuses DOCTYPEs (no entity expansion), resolves prefixes
 * declared anywhere, decodes the predefined and numeric entities and keeps CDATA as text. Every
 * token is checked, also inside elements the decoder skips, so a malformed answer fails the same
 * wherever the fault is.
 */
export const EOF = 0;
export const START = 1;
export const END = 2;
export const TEXT = 3;

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const ENTITIES = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);
const LT = 60;
const GT = 62;
const SLASH = 47;
const COLON = 58;
const EQUALS = 61;
const QUOTE = 34;
const APOSTROPHE = 39;

/**
 * Character data with its references replaced: `&amp;`-style names of the five predefined
 * entities, `&#10;` and `&#x1F600;`. An `&` that starts no reference is kept as it is.
 */
export function decodeEntities(text: string): string {
  let amp = text.indexOf('&');
  if (amp === -1) return text;
  let out = '';
  let done = 0;
  while (amp !== -1) {
    const end = referenceEnd(text, amp);
    if (end === -1) {
      amp = text.indexOf('&', amp + 1);
      continue;
    }
    out += text.slice(done, amp) + referenceValue(text, amp, end);
    done = end + 1;
    amp = text.indexOf('&', done);
  }
  return out + text.slice(done);
}

/** Where the `;` of a reference starting at `amp` is, or -1 where none starts there. */
function referenceEnd(text: string, amp: number): number {
  let i = amp + 1;
  const first = text.charCodeAt(i);
  if (first === 35 /* # */) {
    const hex = text.charCodeAt(i + 1) === 120; /* x */
    i += hex ? 2 : 1;
    const digitsStart = i;
    for (let c = text.charCodeAt(i); hex ? isHexDigit(c) : c >= 48 && c <= 57; c = text.charCodeAt(++i));
    // `&#x;` is no reference, nor is `&#` followed by anything but digits.
    if (i === digitsStart || text.charCodeAt(i) !== 59) return -1;
    return i;
  }
  for (let c = first; c < 128 && WORD[c]; c = text.charCodeAt(++i));
  return i > amp + 1 && text.charCodeAt(i) === 59 /* ; */ ? i : -1;
}

function referenceValue(text: string, amp: number, end: number): string {
  if (text.charCodeAt(amp + 1) === 35) {
    const hex = text.charCodeAt(amp + 2) === 120;
    const code = hex ? parseInt(text.slice(amp + 3, end), 16) : parseInt(text.slice(amp + 2, end), 10);
    if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    throw new DecodeError(`bad character reference ${text.slice(amp, end + 1)}`);
  }
  const value = ENTITIES.get(text.slice(amp + 1, end));
  if (value === undefined) throw new DecodeError(`unknown entity ${text.slice(amp, end + 1)}`);
  return value;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** `[A-Za-z_]` starts a name part, `[\w.-]` continues it. */
const NAME_START = new Uint8Array(128);
const NAME_CHAR = new Uint8Array(128);
/** `\w`: `[A-Za-z0-9_]` */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  NAME_START[c] = /[A-Za-z_]/.test(ch) ? 1 : 0;
  NAME_CHAR[c] = /[\w.\-]/.test(ch) ? 1 : 0;
  WORD[c] = /\w/.test(ch) ? 1 : 0;
}

/** What JavaScript's `\s` takes: the tag grammar has always allowed these between names and attributes. */
function isSpace(c: number): boolean {
  if (c > 32 && c < 0xa0) return false;
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x2000 && c <= 0x200a) || c === 0xa0 || c === 0x1680 || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

interface Scope {
  readonly prefix: string;
  readonly uri: string;
  readonly parent: Scope | undefined;
}

export class XmlCursor {
  readonly xml: string;
  pos = 0;
  /** Open elements, the current one counted once its START has been returned. */
  depth = 0;
  /** The last START's namespace URI, and whether it is `xsi:nil`. */
  ns = '';
  nil = false;
  /** The last START's attributes (`{uri}local` for prefixed names), kept only while `keepAttributes` is set. */
  attrs: Record<string, string> | undefined;
  keepAttributes: boolean;
  /** The last TEXT: where it sits, and whether it is that text as it is (no entity to decode). */
  textStart = 0;
  textEnd = 0;
  // Names are kept as offsets into the text, so that an element whose name the decoder expects
  // costs no string: most answers list their elements in the schema's order.
  private localStart = 0;
  private localEnd = 0;
  private localText: string | undefined;
  private readonly nameStarts: number[] = [];
  private readonly nameEnds: number[] = [];
  private readonly scopes: Array<Scope | undefined> = [];
  private scope: Scope | undefined;
  private endPending = false;
  private sawRoot = false;
  private decodedText: string | undefined;
  /** Where the colon of the last name read is, or -1. */
  private colon = -1;
  /** Where the next `&` is, found once and reused, so that looking for it is linear in the text. */
  private nextAmpersand = -1;

  constructor(xml: string, keepAttributes = false) {
    this.xml = xml;
    this.keepAttributes = keepAttributes;
  }

  private fail(message: string): never {
    throw new DecodeError(`malformed XML at offset ${this.pos}: ${message}`);
  }

  /** The last TEXT token: character data with entities decoded, or a CDATA section as it is. */
  text(): string {
    return this.decodedText ?? this.xml.slice(this.textStart, this.textEnd);
  }

  /** Whether the last TEXT is the text between `textStart` and `textEnd` as it stands. */
  get plain(): boolean {
    return this.decodedText === undefined;
  }

  /** The last START's local name. */
  get local(): string {
    return (this.localText ??= this.xml.slice(this.localStart, this.localEnd));
  }

  /** Whether the last START's local name is `name`, without making a string of it. */
  is(name: string): boolean {
    return this.localEnd - this.localStart === name.length && this.xml.startsWith(name, this.localStart);
  }

  /** Whether the next token is an end tag (after a TEXT: the text was all of the element's content). */
  atEndTag(): boolean {
    return this.xml.charCodeAt(this.pos) === LT && this.xml.charCodeAt(this.pos + 1) === SLASH && !this.endPending;
  }

  private qnameText(depth: number): string {
    return this.xml.slice(this.nameStarts[depth]!, this.nameEnds[depth]!);
  }

  next(): number {
    if (this.endPending) {
      this.endPending = false;
      this.close();
      return END;
    }
    const xml = this.xml;
    for (;;) {
      const pos = this.pos;
      if (pos >= xml.length) {
        if (this.depth > 0) this.fail(`<${this.qnameText(this.depth - 1)}> is never closed`);
        if (!this.sawRoot) this.fail('no root element');
        return EOF;
      }
      if (xml.charCodeAt(pos) !== LT) {
        let end = xml.indexOf('<', pos);
        if (end === -1) end = xml.length;
        this.pos = end;
        if (this.depth === 0) {
          if (xml.slice(pos, end).trim() !== '') {
            this.pos = pos;
            this.fail('text outside the root element');
          }
          continue;
        }
        if (this.nextAmpersand < pos && this.nextAmpersand !== -2) {
          this.nextAmpersand = xml.indexOf('&', pos);
          if (this.nextAmpersand === -1) this.nextAmpersand = -2;
        }
        this.textStart = pos;
        this.textEnd = end;
        this.decodedText = this.nextAmpersand >= 0 && this.nextAmpersand < end ? decodeEntities(xml.slice(pos, end)) : undefined;
        return TEXT;
      }
      const second = xml.charCodeAt(pos + 1);
      if (second === 63 /* ? */) {
        const end = xml.indexOf('?>', pos);
        if (end === -1) this.fail('unterminated processing instruction');
        this.pos = end + 2;
      } else if (second === 33 /* ! */) {
        if (xml.startsWith('<!--', pos)) {
          const end = xml.indexOf('-->', pos);
          if (end === -1) this.fail('unterminated comment');
          this.pos = end + 3;
        } else if (xml.startsWith('<![CDATA[', pos)) {
          const end = xml.indexOf(']]>', pos);
          if (end === -1) this.fail('unterminated CDATA');
          if (this.depth === 0) this.fail('CDATA outside the root element');
          this.textStart = pos + 9;
          this.textEnd = end;
          this.decodedText = undefined;
          this.pos = end + 3;
          return TEXT;
        } else this.fail('DOCTYPE and other declarations are not accepted');
      } else if (second === SLASH) {
        this.closeTag(pos);
        return END;
      } else {
        this.startTag(pos);
        return START;
      }
    }
  }

  /** The end of a name part at `at` (`[A-Za-z_][\w.-]*`), or `at` where none starts. */
  private namePart(at: number): number {
    const xml = this.xml;
    const first = xml.charCodeAt(at);
    if (!(first < 128 && NAME_START[first])) return at;
    let p = at + 1;
    for (let c = xml.charCodeAt(p); c < 128 && NAME_CHAR[c]; c = xml.charCodeAt(++p));
    return p;
  }

  /** The end of a qualified name at `at`: a name part, then `:` and a second part where one follows. */
  private qname(at: number): number {
    this.colon = -1;
    const end = this.namePart(at);
    if (end === at || this.xml.charCodeAt(end) !== COLON) return end;
    const local = this.namePart(end + 1);
    if (local === end + 1) return end;
    this.colon = end;
    return local;
  }

  private skipSpace(at: number): number {
    const xml = this.xml;
    while (at < xml.length && isSpace(xml.charCodeAt(at))) at++;
    return at;
  }

  private closeTag(pos: number): void {
    const xml = this.xml;
    const end = this.qname(pos + 2);
    if (end === pos + 2) this.fail('bad closing tag');
    if (this.depth === 0) this.fail(`unexpected </${xml.slice(pos + 2, end)}>`);
    const openStart = this.nameStarts[this.depth - 1]!;
    const length = this.nameEnds[this.depth - 1]! - openStart;
    let same = end - pos - 2 === length;
    for (let i = 0; same && i < length; i++) same = xml.charCodeAt(openStart + i) === xml.charCodeAt(pos + 2 + i);
    if (!same) this.fail(`</${xml.slice(pos + 2, end)}> closes <${this.qnameText(this.depth - 1)}>`);
    this.pos = this.skipSpace(end);
    if (xml.charCodeAt(this.pos) !== GT) this.fail('bad closing tag');
    this.pos++;
    this.close();
  }

  private close(): void {
    this.depth--;
    this.scope = this.scopes[this.depth];
  }

  private startTag(pos: number): void {
    const xml = this.xml;
    const nameEnd = this.qname(pos + 1);
    if (nameEnd === pos + 1) this.fail('bad tag name');
    const colon = this.colon;
    let p = nameEnd;
    let attributes: Array<string> | undefined;
    // Where the next `<` is, found once for the tag: looking for it per attribute would scan the
    // text after the tag once for every attribute.
    let nextLt = -1;
    // An attribute: space, a name, `=` between optional spaces, a quoted value without `<`.
    for (;;) {
      const nameAt = this.skipSpace(p);
      if (nameAt === p) break;
      const attrEnd = this.qname(nameAt);
      if (attrEnd === nameAt) break;
      let q = this.skipSpace(attrEnd);
      if (xml.charCodeAt(q) !== EQUALS) break;
      q = this.skipSpace(q + 1);
      const quote = xml.charCodeAt(q);
      if (quote !== QUOTE && quote !== APOSTROPHE) break;
      const close = xml.indexOf(quote === QUOTE ? '"' : "'", q + 1);
      if (close === -1) break;
      if (nextLt !== -2 && nextLt < q + 1) {
        nextLt = xml.indexOf('<', q + 1);
        if (nextLt === -1) nextLt = -2;
      }
      if (nextLt >= 0 && nextLt < close) break;
      (attributes ??= []).push(xml.slice(nameAt, attrEnd), decodeEntities(xml.slice(q + 1, close)));
      p = close + 1;
    }
    this.pos = this.skipSpace(p);
    const selfClosing = xml.charCodeAt(this.pos) === SLASH && xml.charCodeAt(this.pos + 1) === GT;
    if (!selfClosing && xml.charCodeAt(this.pos) !== GT) this.fail(`bad start tag <${xml.slice(pos + 1, nameEnd)}>`);
    this.pos += selfClosing ? 2 : 1;
    const parentScope = this.scope;
    let scope = parentScope;
    let nil = false;
    let attrs: Record<string, string> | undefined;
    if (attributes) {
      for (let i = 0; i < attributes.length; i += 2) {
        const name = attributes[i]!;
        if (name === 'xmlns') scope = { prefix: '', uri: attributes[i + 1]!, parent: scope };
        else if (name.startsWith('xmlns:')) scope = { prefix: name.slice(6), uri: attributes[i + 1]!, parent: scope };
      }
      if (this.keepAttributes) attrs = {};
      for (let i = 0; i < attributes.length; i += 2) {
        const name = attributes[i]!;
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
        const value = attributes[i + 1]!;
        const colon = name.indexOf(':');
        if (colon === -1) {
          if (attrs) attrs[name] = value;
          continue;
        }
        const uri = resolveAt(scope, name, 0, colon) ?? this.fail(`undeclared prefix in ${name}`);
        const local = name.slice(colon + 1);
        if (attrs) attrs[`{${uri}}${local}`] = value;
        // xs:boolean collapses whitespace: ' true ' is true. The last of two xsi:nil counts, as in a map of attributes.
        if (uri === XSI && local === 'nil') {
          const flag = value.trim();
          nil = flag === 'true' || flag === '1';
        }
      }
    } else if (this.keepAttributes) attrs = {};
    const prefixEnd = colon === -1 ? pos + 1 : colon;
    const ns = resolveAt(scope, xml, pos + 1, prefixEnd) ?? this.fail(`undeclared prefix in <${xml.slice(pos + 1, nameEnd)}>`);
    if (this.depth === 0) {
      if (this.sawRoot) this.fail('more than one root element');
      this.sawRoot = true;
    }
    this.localStart = prefixEnd === pos + 1 ? pos + 1 : prefixEnd + 1;
    this.localEnd = nameEnd;
    this.localText = undefined;
    this.ns = ns;
    this.nil = nil;
    this.attrs = attrs;
    this.scopes[this.depth] = parentScope;
    this.nameStarts[this.depth] = pos + 1;
    this.nameEnds[this.depth] = nameEnd;
    this.depth++;
    this.scope = scope;
    this.endPending = selfClosing;
  }

  /** Right after a START: reads through its END, checking everything on the way. */
  skipElement(): void {
    this.skipTo(this.depth);
  }

  /** Anywhere inside the element opened at `depth` (a decoder gave up on it): reads through its END. */
  skipTo(depth: number): void {
    while (this.depth >= depth) if (this.next() === EOF) return;
  }

  /**
   * The element's own text (child elements skipped), through its END: from right after its START, or
   * from `token`, the first token of its content, where the caller has read that already.
   */
  elementText(token = this.next()): string {
    let text = '';
    for (; token !== END && token !== EOF; token = this.next()) {
      if (token === TEXT) text = text === '' ? this.text() : text + this.text();
      else if (token === START) this.skipElement();
    }
    return text;
  }

  /** Reads to the end of the text: a well-formed document has nothing but comments and space after its root. */
  finish(): void {
    while (this.next() !== EOF);
  }
}

/** The URI of the prefix at `start`..`end` of `text` (an empty range: the default namespace). */
function resolveAt(scope: Scope | undefined, text: string, start: number, end: number): string | undefined {
  const length = end - start;
  for (let s = scope; s; s = s.parent) if (s.prefix.length === length && text.startsWith(s.prefix, start)) return s.uri;
  if (length === 0) return '';
  return length === 3 && text.startsWith('xml', start) ? XML_NS : undefined;
}

