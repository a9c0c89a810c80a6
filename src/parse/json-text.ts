import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
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

/** Parses with JSON.parse; where that fails, the position and reason come from a second, tolerant scan. */
export function parseJsonText(text: string, lineOffset = 0): { value: unknown } | { problem: JsonSyntaxProblem } {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch {
    return { problem: syntaxProblem(text, lineOffset) ?? { message: 'not valid JSON', line: 1 + lineOffset, column: 1 } };
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

/** Reads JSON strictly (no comments, no trailing commas) into a `JsonTree`. */
export function parseJsonTree(text: string, lineOffset = 0): { tree: JsonTree } | { problem: JsonSyntaxProblem } {
  const lines = new LineIndex(text, lineOffset);
  // jsonc-parser recurses once per level: a sample nested thousands deep would overflow the stack.
  const deep = nestingPast(text, MAX_DEPTH);
  if (deep !== undefined) return { problem: { message: `nested more than ${MAX_DEPTH} levels deep`, ...lines.position(deep) } };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length > 0 || root === undefined) return { problem: describe(errors[0], lines) };
  let tooDeep: Node | undefined;
  const convert = (node: Node, depth: number): JsonTree => {
    if (depth > MAX_DEPTH) {
      tooDeep ??= node;
      return { type: 'null' };
    }
    switch (node.type) {
      case 'object':
        return {
          type: 'object',
          entries: (node.children ?? []).map((p) => [String(p.children![0]!.value), p.children![1] ? convert(p.children![1], depth + 1) : { type: 'null' }]),
        };
      case 'array':
        return { type: 'array', items: (node.children ?? []).map((c) => convert(c, depth + 1)) };
      case 'number':
        return { type: 'number', text: text.slice(node.offset, node.offset + node.length) };
      case 'string':
        return { type: 'string', value: String(node.value) };
      case 'boolean':
        return { type: 'boolean', value: node.value === true };
      default:
        return { type: 'null' };
    }
  };
  const tree = convert(root, 0);
  if (tooDeep) {
    const at = lines.position(tooDeep.offset);
    return { problem: { message: `nested more than ${MAX_DEPTH} levels deep`, ...at } };
  }
  return { tree };
}

/** The offset of the first bracket that opens a level past `limit`, counting outside strings only. */
function nestingPast(text: string, limit: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return undefined;
}

function syntaxProblem(text: string, lineOffset: number): JsonSyntaxProblem | undefined {
  const deep = nestingPast(text, MAX_DEPTH);
  if (deep !== undefined) return { message: `nested more than ${MAX_DEPTH} levels deep`, ...new LineIndex(text, lineOffset).position(deep) };
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
