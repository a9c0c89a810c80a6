import { htmlBlockNames, htmlRawNames } from 'micromark-util-html-tag-name';
import { LineIndex } from '../parse/line-index.js';
import type { Code, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, ThematicBreak } from 'mdast';

/**
 * The reference pages are written by a generator, and nearly all of them use a handful of block
 * shapes: ATX and setext headings, one-line bullet items, pipe tables, fences, thematic breaks, and
 * paragraphs whose only markup is code spans, `**strong**`, inline links, plain HTML tags and the XML
 * entities. For a page made only of those shapes this builds the very tree remark would (the corpus
 * test compares the two, node for node and position for position) at a small fraction of micromark's
 * cost. At the first line or span outside them it gives up and returns undefined, and the page goes
 * to remark: what this reads, it reads exactly; the rest it does not try.
 *
 * The text is a page with its front matter and fence bodies already cut out (see scanFences).
 */
export function parseCommonPage(text: string): Root | undefined {
  if (/[\t\r\\]/.test(text)) return undefined;
  const reader = new PageReader(text);
  try {
    return reader.read();
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

const UNSUPPORTED = Symbol('unsupported');
function unsupported(): never {
  throw UNSUPPORTED;
}

const ATX = /^(#{1,6})( +)(.*?)( *)$/;
const FENCE_OPEN = /^(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^(`{3,}|~{3,}) *$/;
const BULLET = /^([-*+])( {1,4})(?=\S)/;
/** An inline HTML tag of the plain kind the docs use: `<see cref="…">`, `</see>`, `<para />`. */
const HTML_TAG = /^<(?:[A-Za-z][A-Za-z0-9-]*(?: +[A-Za-z_:][A-Za-z0-9_.:-]*="[^"\n]*")* *\/?|\/[A-Za-z][A-Za-z0-9-]* *)>/;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };
const ENTITY = /^&(?:amp|lt|gt|quot);/;
const ENTITY_ANYWHERE = new RegExp(ENTITY.source.slice(1), 'g');
const THEMATIC_BREAK = /^(?:(?:- *){3,}|(?:\* *){3,}|(?:_ *){3,})$/;
const SETEXT_UNDERLINE = /^(=+|-+) *$/;
const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+$/;
/** Lines that begin a construct this reader leaves to remark (or that remark may read as one). */
const OTHER_BLOCK = /^(?:\s|>|<|#{1,6}$|\d{1,9}[.)]|[-*+](?: |$)|(?:[-*_] *){3,}$|=+ *$|-+ *$|\[[^\]]*\]:)/;

interface Point {
  line: number;
  column: number;
  offset: number;
}

class PageReader {
  private readonly lines: string[];
  private readonly positions: LineIndex;
  private index = 0;

  constructor(private readonly text: string) {
    this.lines = text.split('\n');
    this.positions = new LineIndex(text);
  }

  /** Offset where a line starts. */
  private start(index: number): number {
    return this.positions.lineStart(index);
  }

  read(): Root {
    const children: RootContent[] = [];
    while (this.index < this.lines.length) {
      const line = this.lines[this.index]!;
      if (line.trim() === '') {
        if (line !== '') unsupported();
        this.index++;
      } else if (ATX.test(line)) children.push(this.heading());
      else if (FENCE_OPEN.test(line)) children.push(this.code());
      else if (line.startsWith('|')) children.push(this.table());
      else if (THEMATIC_BREAK.test(line)) children.push(this.thematicBreak());
      else if (BULLET.test(line)) children.push(this.list());
      else if (opensParagraph(line)) children.push(this.paragraph());
      else unsupported();
    }
    const last = this.lines.length - 1;
    return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: this.at(this.start(last) + this.lines[last]!.length) } };
  }

  private at(offset: number): Point {
    const { line, column } = this.positions.position(offset);
    return { line, column, offset };
  }

  private span(start: number, end: number): { start: Point; end: Point } {
    return { start: this.at(start), end: this.at(end) };
  }

  private lineEnd(index: number): number {
    return this.start(index) + this.lines[index]!.length;
  }

  /** A line that ends the block before it (blank, heading, fence) or that this reader cannot place. */
  private endsBlock(line: string | undefined): boolean {
    return line === undefined || line === '' || ATX.test(line) || FENCE_OPEN.test(line);
  }

  private heading(): Heading {
    const start = this.start(this.index);
    const line = this.lines[this.index]!;
    const [, marks, gap, content] = ATX.exec(line)!;
    // A closing sequence of #s has rules of its own; generated pages never write one.
    if (content === '' || content!.endsWith('#')) unsupported();
    const contentStart = start + marks!.length + gap!.length;
    const node: Heading = {
      type: 'heading',
      depth: marks!.length as Heading['depth'],
      children: this.inline(contentStart, contentStart + content!.length),
      position: this.span(start, this.lineEnd(this.index)),
    };
    this.index++;
    return node;
  }

  private code(): Code {
    const open = this.lines[this.index]!;
    const [, marker, rawInfo] = FENCE_OPEN.exec(open)!;
    const close = FENCE_CLOSE.exec(this.lines[this.index + 1] ?? '');
    if (!close || close[1]![0] !== marker![0] || close[1]!.length < marker!.length) unsupported();
    const info = trimSpaces(rawInfo!);
    // remark decodes references in the info string; a backtick in it means this was never a fence.
    if ((marker![0] === '`' && info.includes('`')) || info.includes('&')) unsupported();
    const space = info.search(/ /);
    const lang = space === -1 ? info : info.slice(0, space);
    const meta = space === -1 ? '' : info.slice(space + 1).replace(/^ +/, '');
    const node: Code = { type: 'code', lang: lang || null, meta: meta || null, value: '', position: this.span(this.start(this.index), this.lineEnd(this.index + 1)) };
    this.index += 2;
    return node;
  }

  /** A paragraph, or a setext heading when its lines are underlined with `===` or `---`. */
  private paragraph(): Paragraph | Heading {
    const first = this.index;
    if (/^\[[^\]]*\]:/.test(this.lines[first]!)) unsupported();
    let underline: RegExpExecArray | null = null;
    while (true) {
      const next = this.lines[this.index + 1];
      if (this.endsBlock(next) || BULLET.test(next!)) break;
      underline = SETEXT_UNDERLINE.exec(next!);
      if (underline) break;
      // Tables, quotes, HTML blocks and the like cannot be told from continuation text without their own rules.
      if (next!.startsWith('|') || (OTHER_BLOCK.test(next!) && !continuesWithInlineHtml(next!))) unsupported();
      this.index++;
    }
    const last = this.index;
    // Trailing spaces before a line break make a hard break; generated prose does not use them.
    for (let i = first; i < last; i++) if (this.lines[i]!.endsWith(' ')) unsupported();
    const start = this.start(first);
    const contentEnd = this.start(last) + trimSpacesEnd(this.lines[last]!).length;
    const children = this.inline(start, contentEnd);
    if (underline) {
      this.index += 2;
      return { type: 'heading', depth: underline[1]![0] === '=' ? 1 : 2, children, position: this.span(start, this.lineEnd(last + 1)) };
    }
    this.index++;
    return { type: 'paragraph', children, position: this.span(start, this.lineEnd(last)) };
  }

  private thematicBreak(): ThematicBreak {
    const node: ThematicBreak = { type: 'thematicBreak', position: this.span(this.start(this.index), this.lineEnd(this.index)) };
    this.index++;
    return node;
  }

  /** Bullet items of one line each; blank lines between them make the list loose (spread). */
  private list(): List {
    const marker = BULLET.exec(this.lines[this.index]!)![1]!;
    const items: ListItem[] = [];
    const first = this.index;
    let spread = false;
    while (true) {
      const line = this.lines[this.index]!;
      const bullet = BULLET.exec(line);
      if (!bullet || bullet[1] !== marker) unsupported();
      const start = this.start(this.index);
      const contentStart = start + bullet[0].length;
      // An item holds blocks: its text may itself open a heading, a fence, a nested list, a quote…
      if (!opensParagraph(line.slice(bullet[0].length))) unsupported();
      const contentEnd = start + trimSpacesEnd(line).length;
      // As for paragraphs, the text stops before trailing spaces and the blocks after them.
      const lineEnd = this.lineEnd(this.index);
      const paragraph: Paragraph = { type: 'paragraph', children: this.inline(contentStart, contentEnd), position: this.span(contentStart, lineEnd) };
      items.push({ type: 'listItem', spread: false, checked: null, children: [paragraph], position: this.span(start, lineEnd) });
      const next = this.lines[this.index + 1];
      if (next !== undefined && BULLET.test(next)) {
        this.index++;
        continue;
      }
      if (next === '') {
        let after = this.index + 2;
        while (this.lines[after] === '') after++;
        // Another item with the same marker after blank lines continues the list, loosely.
        if (BULLET.exec(this.lines[after] ?? '')?.[1] === marker) {
          spread = true;
          this.index = after;
          continue;
        }
      } else if (!this.endsBlock(next)) unsupported(); // a lazy continuation of the item
      break;
    }
    const node: List = { type: 'list', ordered: false, start: null, spread, children: items, position: this.span(this.start(first), items[items.length - 1]!.position!.end.offset!) };
    this.index++;
    return node;
  }

  private table(): Table {
    const first = this.index;
    const header = this.lines[first]!;
    const delimiter = this.lines[first + 1];
    if (delimiter === undefined || !DELIMITER_ROW.test(delimiter) || (first > 0 && this.lines[first - 1] !== '')) unsupported();
    const align = delimiter
      .slice(1, -1)
      .split('|')
      .map((cell): Table['align'] extends Array<infer A> | null | undefined ? A : never => {
        const c = trimSpaces(cell);
        if (c.startsWith(':') && c.endsWith(':')) return 'center';
        if (c.startsWith(':')) return 'left';
        if (c.endsWith(':')) return 'right';
        return null;
      });
    const rows: TableRow[] = [this.row(first, align.length)];
    this.index = first + 2;
    while (this.lines[this.index]?.startsWith('|')) {
      rows.push(this.row(this.index, align.length));
      this.index++;
    }
    // A line of text right after the rows would be a row without its leading pipe.
    if (!this.endsBlock(this.lines[this.index])) unsupported();
    return { type: 'table', align, children: rows, position: this.span(this.start(first), this.lineEnd(this.index - 1)) };
  }

  private row(index: number, width: number): TableRow {
    const line = this.lines[index]!;
    if (!line.endsWith('|') || line.length < 2) unsupported();
    const start = this.start(index);
    const pipes: number[] = [];
    for (let i = line.indexOf('|'); i !== -1; i = line.indexOf('|', i + 1)) pipes.push(i);
    if (pipes.length - 1 !== width) unsupported();
    const cells: TableCell[] = [];
    for (let c = 0; c < width; c++) {
      const from = pipes[c]!;
      const to = pipes[c + 1]!;
      const raw = line.slice(from + 1, to);
      const lead = raw.length - raw.replace(/^ +/, '').length;
      const content = trimSpacesEnd(raw.slice(lead));
      const contentStart = start + from + 1 + lead;
      const cellEnd = c === width - 1 ? start + to + 1 : start + to;
      cells.push({ type: 'tableCell', children: content === '' ? [] : this.inline(contentStart, contentStart + content.length), position: this.span(start + from, cellEnd) });
    }
    return { type: 'tableRow', children: cells, position: this.span(start, start + line.length) };
  }

  /**
   * Phrasing content of [start, end): text, single-backtick code spans, `**strong**` around plain text
   * and `[text](url)` links around plain text, each only where CommonMark's flanking rules leave no doubt.
   */
  private inline(start: number, end: number): PhrasingContent[] {
    const text = this.text;
    const nodes: PhrasingContent[] = [];
    /** Where the literal `[…]` brackets met so far close. */
    const openBrackets: number[] = [];
    let textStart = start;
    const flushText = (upTo: number): void => {
      if (upTo <= textStart) return;
      const raw = text.slice(textStart, upTo);
      const value = raw.includes('&') ? raw.replace(ENTITY_ANYWHERE, (entity) => ENTITIES[entity]!) : raw;
      nodes.push({ type: 'text', value, position: this.span(textStart, upTo) });
    };
    let i = start;
    while (i < end) {
      const c = text[i]!;
      if (c === '`') {
        const close = text.indexOf('`', i + 1);
        if (text[i + 1] === '`' || close === -1 || close >= end || text[close + 1] === '`') unsupported();
        const value = text.slice(i + 1, close);
        if (value === '' || value.includes('\n') || value.startsWith(' ') || value.endsWith(' ')) unsupported();
        flushText(i);
        nodes.push({ type: 'inlineCode', value, position: this.span(i, close + 1) });
        i = textStart = close + 1;
      } else if (c === '*') {
        const close = text.indexOf('**', i + 2);
        if (text[i + 1] !== '*' || close === -1 || close + 2 > end) unsupported();
        const inner = text.slice(i + 2, close);
        if (!isPlain(inner) || inner.includes('\n') || !opensStrong(text[i - 1], text[i + 2]!, i === start) || !closesStrong(text[close - 1]!, close + 2 === end ? undefined : text[close + 2])) unsupported();
        flushText(i);
        nodes.push({ type: 'strong', children: [{ type: 'text', value: inner, position: this.span(i + 2, close) }], position: this.span(i, close + 2) });
        i = textStart = close + 2;
      } else if (c === '[') {
        if (text[i - 1] === '!') unsupported();
        const label = text.indexOf('](', i + 1);
        const bracketClose = text.indexOf(']', i + 1);
        if (bracketClose !== -1 && bracketClose < end && bracketClose !== label && !/[[\]\n]/.test(text.slice(i + 1, bracketClose)) && !'([:'.includes(text[bracketClose + 1] ?? '(')) {
          // `[text]` that is not followed by a destination or a label, on a page without link
          // definitions (see OTHER_BLOCK), is literal text; what it encloses is read as usual.
          openBrackets.push(bracketClose);
          i++;
          continue;
        }
        const close = label === -1 ? -1 : text.indexOf(')', label + 2);
        if (label === -1 || close === -1 || close >= end) unsupported();
        const inner = text.slice(i + 1, label);
        const url = text.slice(label + 2, close);
        if (inner === '' || !isPlain(inner) || inner.includes('\n') || url === '' || /[\s()<>"'`[\]*&\\]/.test(url)) unsupported();
        flushText(i);
        nodes.push({ type: 'link', title: null, url, children: [{ type: 'text', value: inner, position: this.span(i + 1, label) }], position: this.span(i, close + 1) });
        i = textStart = close + 1;
      } else if (c === '<') {
        const tag = HTML_TAG.exec(text.slice(i, Math.min(end, i + 1000)));
        if (!tag) unsupported();
        flushText(i);
        nodes.push({ type: 'html', value: tag[0], position: this.span(i, i + tag[0].length) });
        i = textStart = i + tag[0].length;
      } else if (c === '&') {
        // A character reference decodes into the text around it, which stays one node.
        const entity = ENTITY.exec(text.slice(i, i + 6));
        if (!entity || i + entity[0].length > end) unsupported();
        i += entity[0].length;
      } else if (c === '_') {
        // Inside a word (`contact_new`) an underscore is a letter; anywhere else it may be emphasis.
        if (!isWordChar(text[i - 1]) || !isWordChar(text[i + 1])) unsupported();
        i++;
      } else if (c === ']' && openBrackets[openBrackets.length - 1] === i) {
        openBrackets.pop();
        i++;
      } else if (c === ']' || (c === '!' && text[i + 1] === '[')) {
        unsupported();
      } else {
        i++;
      }
    }
    flushText(end);
    return nodes;
  }
}

/**
 * HTML block tags (CommonMark's kinds 1 and 6, as micromark lists them) that interrupt a paragraph; any other tag at the start
 * of a line inside a paragraph (`<para />`, `<b>`) is inline HTML, since kind 7 cannot interrupt one.
 */
const BLOCK_TAGS = new Set([...htmlBlockNames, ...htmlRawNames]);

function continuesWithInlineHtml(line: string): boolean {
  const tag = /^<\/?([A-Za-z][A-Za-z0-9-]*)[\s/>]/.exec(line);
  return tag !== null && !BLOCK_TAGS.has(tag[1]!.toLowerCase());
}

/** Text that, at the start of a block, makes a paragraph and nothing else. */
function opensParagraph(line: string): boolean {
  return !ATX.test(line) && !FENCE_OPEN.test(line) && !BULLET.test(line) && !OTHER_BLOCK.test(line) && !line.startsWith('|');
}

/** No character that could start or end an inline construct. */
function isPlain(value: string): boolean {
  return !/[`*_[\]!<&\\]/.test(value);
}

/** Markdown trims spaces and tabs only, not the other characters String#trim removes (tabs never get here). */
function trimSpacesEnd(value: string): string {
  return value.replace(/ +$/, '');
}

function trimSpaces(value: string): string {
  return trimSpacesEnd(value.replace(/^ +/, ''));
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9]/.test(c);
}

/** `**` that can only open: after the start, a space or an opening bracket, and before a word character. */
function opensStrong(before: string | undefined, after: string, atStart: boolean): boolean {
  return (atStart || before === ' ' || before === '\n' || before === '(') && isWordChar(after);
}

/** `**` that can only close: after a word character or a period, and before the end, a space or a colon. */
function closesStrong(before: string, after: string | undefined): boolean {
  return (isWordChar(before) || before === '.' || before === ':') && (after === undefined || after === ' ' || after === '\n' || (isWordChar(before) && after === ':'));
}
