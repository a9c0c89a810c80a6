import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineIndex } from './line-index.js';

/**
 * JSON as the inputs carry it: REST definitions (large, read once with the engine's own parser) and
 * REST samples (small, read into a tree that keeps every number's text, so int64 and decimal values
 * survive past 2^53 and past binary fractions). Errors name the line and column.
 */
export interface JsonSyntaxProblem {
  message: string;
  line: number;
  column: number;
}

/** Whether a text is JSON rather than markdown or XML: it opens with an object or an array. */
export function looksLikeJson(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  // A page may open with a link or an include (`[!include…]`); a JSON array opens with a value.
  if (start[0] === '{') return true;
  // `[1]: https://…` and `[2024 notes](x.md)` open pages too: an array must parse as one.
  return /^\[\s*[[{"\]\d-]/.test(start) && 'value' in parseJsonText(start);
}

/** Parses with JSON.parse; where that fails, the position and reason come from the located reader. */
export function parseJsonText(text: string, lineOffset = 0): { value: unknown } | { problem: JsonSyntaxProblem } {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch {
    const located = parseLocatedJson(text, lineOffset);
    return 'problem' in located ? located : { problem: { message: 'not valid JSON', line: 1 + lineOffset, column: 1 } };
  }
}

/** A JSON value with every number kept as written. Objects keep their keys in order, duplicates included. */
export type JsonTree =
  | { type: 'null' }
  | { type: 'boolean'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'number'; text: string }
  | { type: 'array'; items: JsonTree[] }
  | { type: 'object'; entries: Array<[string, JsonTree]> };

const MAX_DEPTH = 512;

/**
 * Reads JSON strictly (no comments, no trailing commas) into a `JsonTree`, through the located
 * reader below (its own stack: no depth overflows it), refusing trees past `MAX_DEPTH`.
 */
export function parseJsonTree(text: string, lineOffset = 0): { tree: JsonTree } | { problem: JsonSyntaxProblem } {
  const located = parseLocatedJson(text, lineOffset);
  if ('problem' in located) return located;
  let tooDeep: number | undefined;
  const convert = (value: JsonValue, depth: number): JsonTree => {
    if (value === null) return { type: 'null' };
    if (typeof value === 'boolean') return { type: 'boolean', value };
    if (typeof value === 'string') return { type: 'string', value };
    if (value instanceof JsonNumber) return { type: 'number', text: value.text };
    if (depth >= MAX_DEPTH) {
      tooDeep ??= value.offset;
      return { type: 'null' };
    }
    if (value instanceof JsonArrayNode) {
      const items: JsonTree[] = [];
      for (let i = 0; i < value.length; i++) items.push(convert(value.item(i), depth + 1));
      return { type: 'array', items };
    }
    const entries: Array<[string, JsonTree]> = [];
    for (let i = 0; i < value.size; i++) entries.push([value.key(i), convert(value.value(i), depth + 1)]);
    return { type: 'object', entries };
  };
  const tree = convert(located.value, 0);
  if (tooDeep !== undefined) return { problem: { message: `nested more than ${MAX_DEPTH} levels deep`, ...new LineIndex(text, lineOffset).position(tooDeep) } };
  return { tree };
}

function syntaxProblem(text: string, lineOffset: number): JsonSyntaxProblem | undefined {
  const errors: ParseError[] = [];
  parseTree(text.replace(/^\uFEFF/, ''), errors, { disallowComments: true, allowTrailingComma: false });
  return errors[0] ? describe(errors[0], new LineIndex(text, lineOffset)) : undefined;
}

const READABLE: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'a property name is expected',
  ValueExpected: 'a value is expected',
  ColonExpected: "':' is expected",
  CommaExpected: "',' is expected",
  CloseBraceExpected: "'}' is expected",
  CloseBracketExpected: "']' is expected",
  EndOfFileExpected: 'text follows the value',
  InvalidCommentToken: 'comments are not JSON',
  UnexpectedEndOfComment: 'comment never closed',
  UnexpectedEndOfString: 'string never closed',
  UnexpectedEndOfNumber: 'number cut short',
  InvalidUnicode: 'bad \\u escape',
  InvalidEscapeCharacter: 'bad escape',
  InvalidCharacter: 'control character in a string',
};

function describe(error: ParseError | undefined, lines: LineIndex): JsonSyntaxProblem {
  if (!error) return { message: 'empty document', ...lines.position(0) };
  const code = printParseErrorCode(error.error);
  return { message: READABLE[code] ?? code, ...lines.position(error.offset) };
}

/**
 * A JSON document read in one pass with every value's offset, for large inputs whose facts must name
 * the line of each element (REST definitions). Numbers keep their text (`JsonNumber`), objects their
 * keys in order, duplicates included (`get` answers the last, as `JSON.parse` does). The parser keeps
 * its own stack, so a document nested 10,000 levels deep is read, not a stack overflow; what reads
 * the tree bounds its own depth.
 */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonArrayNode | JsonObjectNode;

/**
 * An object's members in order, each as three slots (name, value, offset of the value): one array per
 * object rather than three keeps what the GC copies small.
 */
export class JsonObjectNode {
  members: unknown[] = NO_MEMBERS;
  /** The offset of the `{`. */
  constructor(readonly offset: number) {}

  get size(): number {
    return this.members.length / 3;
  }

  key(index: number): string {
    return this.members[index * 3] as string;
  }

  value(index: number): JsonValue {
    return this.members[index * 3 + 1] as JsonValue;
  }

  valueOffset(index: number): number {
    return this.members[index * 3 + 2] as number;
  }

  /** The index of the member `key` (the last one when it is repeated, as `JSON.parse` takes it), or -1. */
  indexOf(key: string): number {
    const m = this.members;
    for (let i = m.length - 3; i >= 0; i -= 3) if (m[i] === key) return i / 3;
    return -1;
  }

  /** Whether no name is repeated (the common case, which spares a lookup per member). */
  uniqueKeys(): boolean {
    const m = this.members;
    if (m.length <= 3) return true;
    const seen = new Set<unknown>();
    for (let i = 0; i < m.length; i += 3) seen.add(m[i]);
    return seen.size * 3 === m.length;
  }

  /** The member names in order, repeated ones as often as they appear. */
  keysList(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.members.length; i += 3) out.push(this.members[i] as string);
    return out;
  }

  get(key: string): JsonValue | undefined {
    const at = this.indexOf(key);
    return at === -1 ? undefined : (this.members[at * 3 + 1] as JsonValue);
  }
}

/** An array's items in order, each as two slots (value, offset). */
export class JsonArrayNode {
  members: unknown[] = NO_MEMBERS;
  /** The offset of the `[`. */
  constructor(readonly offset: number) {}

  get length(): number {
    return this.members.length / 2;
  }

  item(index: number): JsonValue {
    return this.members[index * 2] as JsonValue;
  }

  itemOffset(index: number): number {
    return this.members[index * 2 + 1] as number;
  }
}

const NO_MEMBERS: unknown[] = [];

export interface LocatedJson {
  value: JsonValue;
  /** The offset where the root value starts. */
  offset: number;
}

class JsonSyntaxError {
  constructor(readonly offset: number) {}
}

/** Reads strict JSON (no comments, no trailing commas) with offsets; errors name the line and column. */
export function parseLocatedJson(text: string, lineOffset = 0): LocatedJson | { problem: JsonSyntaxProblem } {
  try {
    return scanJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    let problem: JsonSyntaxProblem | undefined;
    try {
      problem = syntaxProblem(text, lineOffset);
    } catch {
      // The tolerant scan recurses; a deeply nested bad document falls back to the offset found here.
    }
    return { problem: problem ?? { message: 'not valid JSON', ...new LineIndex(text, lineOffset).position(error.offset) } };
  }
}

/**
 * Finds where strings end with indexOf rather than a character at a time (half of a definition is
 * string text): the next backslash, line feed, carriage return and tab are looked up once and kept
 * until passed, so that those inside a string are refused as JSON.parse refuses them. Other control
 * characters inside strings are let through: finding them costs as much as reading the strings (the
 * input reader has refused NUL already).
 */
class StringFinder {
  private nextBackslash = -1;
  private nextLf = -1;
  private nextCr = -1;
  private nextTab = -1;
  /** The first backslash inside the string `end` last read, or the text's length when there is none. */
  escapedAt = 0;

  constructor(private readonly text: string) {}

  /** The offset of the quote closing the string that opens at `at`. */
  end(at: number): number {
    const text = this.text;
    const n = text.length;
    const from = at + 1;
    let q = text.indexOf('"', from);
    if (q === -1) throw new JsonSyntaxError(n);
    if (this.nextBackslash < from && this.nextBackslash !== n) this.nextBackslash = found(text.indexOf('\\', from), n);
    this.escapedAt = n;
    if (this.nextBackslash < q) {
      this.escapedAt = this.nextBackslash;
      let j = this.nextBackslash;
      for (;;) {
        const d = text.charCodeAt(j);
        if (d === 34) break;
        if (d === 92) j += 2;
        else if (d < 32 || j >= n) throw new JsonSyntaxError(Math.min(j, n));
        else j++;
      }
      q = j;
    }
    if (this.nextLf < from && this.nextLf !== n) this.nextLf = found(text.indexOf('\n', from), n);
    if (this.nextLf < q) throw new JsonSyntaxError(this.nextLf);
    if (this.nextCr < from && this.nextCr !== n) this.nextCr = found(text.indexOf('\r', from), n);
    if (this.nextCr < q) throw new JsonSyntaxError(this.nextCr);
    if (this.nextTab < from && this.nextTab !== n) this.nextTab = found(text.indexOf('\t', from), n);
    if (this.nextTab < q) throw new JsonSyntaxError(this.nextTab);
    return q;
  }
}

function found(at: number, n: number): number {
  return at === -1 ? n : at;
}

function scanJson(text: string): LocatedJson {
  const n = text.length;
  const strings = new StringFinder(text);
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Open containers, and where each one's members begin on the scratch stacks; a container gets
  // arrays of its exact size when it closes (arrays grown by push hold spare room, for the GC to copy).
  const stack: Array<JsonObjectNode | JsonArrayNode> = [];
  const bases: number[] = [];
  // Whether each open container is an object, kept beside it: `instanceof` in the loop met a class
  // the compiled code had not seen yet and threw it back to the interpreter.
  const objects: boolean[] = [];
  // Starts out holding objects: an array of small integers that first takes a string changes shape,
  // and the compiled loop, which had only seen the first shape, would be thrown away.
  const scratch: unknown[] = [''];
  scratch.length = 0;
  // Member names repeat thousands of times (`type`, `description`): one string each.
  const names = new Map<string, string>();
  let top: JsonObjectNode | JsonArrayNode | undefined;
  let topIsObject = false;
  let base = 0;
  let sp = 0;
  let root: JsonValue = null;
  let rootOffset = 0;
  let key = '';
  let c = 0;
  let readKey = false;
  // Past the end reads as -1: a charCodeAt out of bounds would throw the compiled reader back to
  // the interpreter at the end of every file, and V8 would compile it again.
  while ((c = i < n ? text.charCodeAt(i) : -1) === 32 || c === 10 || c === 13 || c === 9) i++;
  for (;;) {
    if (readKey) {
      // `"key" :` at i, then the value.
      if (c !== 34) throw new JsonSyntaxError(i);
      const q = strings.end(i);
      const raw = strings.escapedAt < q ? decodeString(text, i, q + 1) : text.slice(i + 1, q);
      const known = names.get(raw);
      if (known === undefined) names.set(raw, (key = raw));
      else key = known;
      i = q + 1;
      while ((c = i < n ? text.charCodeAt(i) : -1) === 32 || c === 10 || c === 13 || c === 9) i++;
      if (c !== 58) throw new JsonSyntaxError(i);
      i++;
      while ((c = i < n ? text.charCodeAt(i) : -1) === 32 || c === 10 || c === 13 || c === 9) i++;
      readKey = false;
    }
    // A value starts at i; `key` names it when `top` is an object.
    const start = i;
    let value: JsonValue;
    let open: JsonObjectNode | JsonArrayNode | undefined;
    let openIsObject = false;
    if (c === 34) {
      const q = strings.end(i);
      value = strings.escapedAt < q ? decodeString(text, i, q + 1) : text.slice(i + 1, q);
      i = q + 1;
    } else if (c === 123) {
      value = open = new JsonObjectNode(i);
      openIsObject = true;
      i++;
    } else if (c === 91) {
      value = open = new JsonArrayNode(i);
      i++;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      if (c === 45) i++;
      let d = text.charCodeAt(i);
      if (d === 48) d = text.charCodeAt(++i);
      else if (d >= 49 && d <= 57) do d = text.charCodeAt(++i); while (d >= 48 && d <= 57);
      else throw new JsonSyntaxError(i);
      if (d === 46) {
        d = text.charCodeAt(++i);
        if (!(d >= 48 && d <= 57)) throw new JsonSyntaxError(i);
        do d = text.charCodeAt(++i); while (d >= 48 && d <= 57);
      }
      if (d === 101 || d === 69) {
        d = text.charCodeAt(++i);
        if (d === 43 || d === 45) d = text.charCodeAt(++i);
        if (!(d >= 48 && d <= 57)) throw new JsonSyntaxError(i);
        do d = text.charCodeAt(++i); while (d >= 48 && d <= 57);
      }
      value = new JsonNumber(text.slice(start, i));
    } else if (c === 116 && text.startsWith('true', i)) {
      value = true;
      i += 4;
    } else if (c === 102 && text.startsWith('false', i)) {
      value = false;
      i += 5;
    } else if (c === 110 && text.startsWith('null', i)) {
      value = null;
      i += 4;
    } else throw new JsonSyntaxError(i);
    if (top === undefined) {
      root = value;
      rootOffset = start;
    } else {
      // Slots are overwritten rather than pushed and truncated: a shrunk array gives its room back.
      if (topIsObject) scratch[sp++] = key;
      scratch[sp++] = value;
      scratch[sp++] = start;
    }
    while ((c = i < n ? text.charCodeAt(i) : -1) === 32 || c === 10 || c === 13 || c === 9) i++;
    if (open !== undefined) {
      if (c === (openIsObject ? 125 : 93)) {
        // Empty: go on to what follows it.
        i++;
        while ((c = i < n ? text.charCodeAt(i) : -1) === 32 || c === 10 || c === 13 || c === 9) i++;
      } else {
        if (top !== undefined) {
          stack.push(top);
          bases.push(base);
          objects.push(topIsObject);
        }
        top = open;
        topIsObject = openIsObject;
        base = sp;
        readKey = openIsObject;
        continue;
      }
    }
    // After a value: close containers, or move on to the next member.
    for (;;) {
      if (top === undefined) {
        if (i < n) throw new JsonSyntaxError(i);
        return { value: root, offset: rootOffset };
      }
      if (c === 44) {
        i++;
        while ((c = i < n ? text.charCodeAt(i) : -1) === 32 || c === 10 || c === 13 || c === 9) i++;
        readKey = topIsObject;
        break;
      }
      if (c !== (topIsObject ? 125 : 93)) throw new JsonSyntaxError(i);
      top.members = scratch.slice(base, sp);
      sp = base;
      top = stack.pop();
      base = bases.pop() ?? 0;
      topIsObject = objects.pop() ?? false;
      i++;
      while ((c = i < n ? text.charCodeAt(i) : -1) === 32 || c === 10 || c === 13 || c === 9) i++;
    }
  }
}

function decodeString(text: string, start: number, end: number): string {
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    throw new JsonSyntaxError(start);
  }
}

/** A key as one segment of an RFC 6901 JSON pointer (`~` and `/` escaped). */
export function escapePointer(key: string): string {
  if (key.indexOf('~') === -1 && key.indexOf('/') === -1) return key;
  let escaped = ESCAPED.get(key);
  if (escaped === undefined) {
    escaped = key.replace(/~/g, '~0').replace(/\//g, '~1');
    // Media types and paths repeat; a bound keeps a hostile file from growing the memo without end.
    if (ESCAPED.size < 10_000) ESCAPED.set(key, escaped);
  }
  return escaped;
}

const ESCAPED = new Map<string, string>();
