import type { Code, Root, RootContent } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { parse as parseYaml } from 'yaml';
import { parseCommonPage } from './markdown-fast-path.js';
import { splitLines } from '../parse/line-index.js';

/** A fenced code block, with its body exactly as written and the line of its opening fence. */
export interface Fence {
  lang: string;
  meta: string;
  value: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** 1-based line of the first body line. */
  bodyLine: number;
  closed: boolean;
}

export interface MarkdownPage {
  tree: Root;
  /** Why the front matter is not a YAML mapping, if it is not. Its values are not used. */
  frontMatterError?: { message: string; line: number };
  /** How many front-matter blocks the page repeats (more than one is a defect). */
  frontMatterBlocks: number;
  fences: Fence[];
  /** The text parsed: the page without its front matter and fence bodies. Offsets of tree nodes refer to it. */
  parsedText: string;
  /** Line in the page of a node's start: tree positions are in `parsedText`. */
  lineOf(node: { position?: { start: { line: number } } | undefined }): number;
  /** Why the page was not parsed (its tree is then empty): a shape that would make remark take minutes. */
  tooComplex?: { message: string; line: number };
}

/**
 * GFM tables only: the rest of GFM (autolink literals above all, which inspect every character) costs
 * a third of the parse and nothing here reads it. Registered the way remark-gfm registers its parts.
 */
function remarkGfmTables(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const withTables = unified().use(remarkParse).use(remarkGfmTables);
// Pages without a delimiter row do not need the table construct at all.
const withoutTables = unified().use(remarkParse);
const TABLE_DELIMITER_ROW = /^ {0,3}(\|\s*:?-+:?\s*|:?-+:?\s*\|)/m;

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/** remark's reading of a text (tables included where there may be one); the reference for the fast path. */
export function parseWithRemark(text: string): Root {
  return (TABLE_DELIMITER_ROW.test(text) ? withTables : withoutTables).parse(text) as Root;
}

const FRONT_MATTER_FENCE = /^---[ \t]*$/;

/**
 * Finds the front matter (a `---` block that opens the page) and the fenced code blocks of a text the
 * way CommonMark does at the top level, and the lines left when both are taken out (with each kept
 * line's number in the text).
 */
export function scanFences(text: string): FenceScan {
  return scanLines(splitLines(text));
}

interface FenceScan {
  fences: Fence[];
  kept: string[];
  originalLine: number[];
  frontMatter?: { text: string; line: number };
}

function scanLines(lines: string[]): FenceScan {
  const fences: Fence[] = [];
  const kept: string[] = [];
  const originalLine: number[] = [];
  let start = 0;
  let frontMatter: { text: string; line: number } | undefined;
  if (FRONT_MATTER_FENCE.test(lines[0] ?? '')) {
    let end = 1;
    while (end < lines.length && !FRONT_MATTER_FENCE.test(lines[end]!)) end++;
    if (end < lines.length) {
      frontMatter = { text: lines.slice(1, end).join('\n'), line: 2 };
      start = end + 1;
    }
  }
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    kept.push(line);
    originalLine.push(i + 1);
    const open = FENCE_OPEN.exec(line);
    if (!open) continue;
    const marker = open[2]!;
    const info = open[3]!.trim();
    if (marker[0] === '`' && info.includes('`')) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    let closed = false;
    for (; j < lines.length; j++) {
      const candidate = lines[j]!;
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(candidate);
      if (close && close[1]![0] === marker[0] && close[1]!.length >= marker.length) {
        closed = true;
        break;
      }
      body.push(indent > 0 ? candidate.replace(new RegExp(`^ {0,${indent}}`), '') : candidate);
    }
    const space = info.search(/\s/);
    fences.push({
      lang: space === -1 ? info : info.slice(0, space),
      meta: space === -1 ? '' : info.slice(space + 1).trim(),
      value: body.join('\n'),
      line: i + 1,
      bodyLine: i + 2,
      closed,
    });
    if (closed) {
      kept.push(lines[j]!);
      originalLine.push(j + 1);
    }
    i = j;
  }
  return frontMatter ? { fences, kept, originalLine, frontMatter } : { fences, kept, originalLine };
}

/**
 * Parses a page: with the exact fast path for the common generated layouts, else with remark. The
 * front matter and fence bodies (most of a SOAP page is sample XML, and a WSDL page is one large
 * fence) are cut out before either sees the text and put back from the scan: micromark is slow on
 * long code, and the scan finds exactly the fences CommonMark would at the top level.
 */
export function parseMarkdownPage(text: string): MarkdownPage {
  const lines = splitLines(text);
  const { fences, kept, originalLine, frontMatter } = scanLines(lines);
  const parsedText = kept.join('\n');
  let tooComplex = frontMatter && frontMatterBeyondLimits(frontMatter.text);
  let tree = tooComplex ? undefined : parseCommonPage(parsedText);
  if (!tree) {
    tooComplex ??= beyondPageLimits(kept, originalLine);
    tree = tooComplex ? { type: 'root', children: [] } : parseWithRemark(parsedText);
  }
  const lineOf = (node: { position?: { start: { line: number } } | undefined }): number => {
    const line = node.position?.start.line ?? 1;
    return originalLine[line - 1] ?? line;
  };
  if (fences.length > 0) {
    const byLine = new Map(fences.map((f) => [f.line, f]));
    visit(tree.children, (node) => {
      if (node.type !== 'code') return;
      const fence = byLine.get(lineOf(node));
      if (fence) (node as Code).value = fence.value;
    });
  }
  const page: MarkdownPage = { tree, frontMatterBlocks: countFrontMatterBlocks(lines), fences, parsedText, lineOf };
  if (tooComplex) page.tooComplex = tooComplex;
  const problem = frontMatter && !tooComplex && frontMatterProblem(frontMatter.text);
  if (problem) page.frontMatterError = { message: problem.message, line: frontMatter.line + problem.line - 1 };
  return page;
}

/**
 * micromark's time grows faster than the page on some shapes (measured: 600 code spans of growing
 * length take 3 s and 3,000 take 5 minutes; 20,000 `*` 8 s; a list nested 500 deep 5 s; a quote
 * continued lazily over 10,000 lines 2 s). A page the fast path declines is measured first and
 * refused beyond these bounds, which keep remark to about a second at worst and lie far above every
 * page in the corpus (at most 1,495 lines, 61 KB, 699 of `*` or `_`, 686 `[`, 86 backticks, 530 `|`,
 * nothing indented or quoted). Front matter is bounded for every page, as the YAML parser's time
 * grows with the square of its keys.
 */
export const PAGE_LIMITS = {
  lines: 5000,
  characters: 256 * 1024,
  indent: 128,
  quoteDepth: 100,
  emphasisDelimiters: 2000,
  linkBrackets: 2000,
  backticks: 2000,
  pipes: 5000,
  frontMatterLines: 1000,
  frontMatterCharacters: 64 * 1024,
} as const;

/** The YAML parser checks every key against all before it: 100,000 keys took it two minutes. */
function frontMatterBeyondLimits(text: string): { message: string; line: number } | undefined {
  const limit = PAGE_LIMITS;
  const lines = text.split('\n').length;
  if (lines > limit.frontMatterLines) return { message: `front matter of ${lines} lines (more than ${limit.frontMatterLines})`, line: 1 };
  if (text.length > limit.frontMatterCharacters) return { message: `front matter of ${text.length} characters (more than ${limit.frontMatterCharacters})`, line: 1 };
  return undefined;
}

function beyondPageLimits(kept: string[], originalLine: number[]): { message: string; line: number } | undefined {
  const limit = PAGE_LIMITS;
  if (kept.length > limit.lines) return { message: `more than ${limit.lines} lines outside code fences`, line: originalLine[limit.lines] ?? 1 };
  let characters = 0;
  let emphasis = 0;
  let brackets = 0;
  let backticks = 0;
  let pipes = 0;
  for (let i = 0; i < kept.length; i++) {
    const line = kept[i]!;
    const at = originalLine[i] ?? i + 1;
    let indent = 0;
    let k = 0;
    for (; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (c === 32) indent++;
      else if (c === 9) indent += 4 - (indent % 4);
      else break;
    }
    let depth = 0;
    for (; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (c === 62 /* > */) depth++;
      else if (c !== 32 && c !== 9) break;
    }
    for (k = 0; k < line.length; k++) {
      const c = line.charCodeAt(k);
      if (c === 42 /* * */ || c === 95 /* _ */) emphasis++;
      else if (c === 91 /* [ */) brackets++;
      else if (c === 96 /* ` */) backticks++;
      else if (c === 124 /* | */) pipes++;
    }
    characters += line.length + 1;
    const beyond =
      indent > limit.indent ? `a line indented ${indent} columns (more than ${limit.indent})`
      : depth > limit.quoteDepth ? `block quotes nested ${depth} deep (more than ${limit.quoteDepth})`
      : characters > limit.characters ? `more than ${limit.characters} characters outside code fences by here`
      : emphasis > limit.emphasisDelimiters ? `more than ${limit.emphasisDelimiters} emphasis delimiters (* and _) by here`
      : brackets > limit.linkBrackets ? `more than ${limit.linkBrackets} link brackets by here`
      : backticks > limit.backticks ? `more than ${limit.backticks} backticks by here`
      : pipes > limit.pipes ? `more than ${limit.pipes} table pipes by here`
      : undefined;
    if (beyond) return { message: beyond, line: at };
  }
  return undefined;
}

/**
 * A front-matter line that is certainly a YAML `key: scalar` pair: a plain scalar (no quotes, flow
 * collections, anchors, tags, block scalars or comments, and no `: ` that would start a nested
 * mapping), or a double-quoted one without escapes or control characters (`mode: "frame"`, on an
 * eighth of the corpus pages, which would otherwise load and warm the YAML parser for nothing).
 */
const PLAIN_PAIR = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+(?:"[^"\\\x00-\x1f\x7f]*"|(?![-?:,[\]{}#&*!|>'"%@`])(?:[^:#\t]|:(?! ))*?))?[ ]*$/;

/**
 * Why a front-matter block is not a YAML mapping (line 1 = its first line), or undefined when it is.
 * Generated pages hold only plain `key: value` lines with distinct keys, which are a mapping by
 * construction; only other blocks go through the YAML parser (its cost is mostly warming up, paid
 * once per thread otherwise).
 */
export function frontMatterProblem(yamlText: string): { message: string; line: number } | undefined {
  const keys = new Set<string>();
  const lines = yamlText.split('\n');
  const plain = lines.every((line) => {
    const match = PLAIN_PAIR.exec(line);
    if (!match || keys.has(match[1]!)) return false;
    keys.add(match[1]!);
    return true;
  });
  if (plain && keys.size > 0) return undefined;
  try {
    const data: unknown = parseYaml(yamlText, { maxAliasCount: 16 });
    if (data === null || data === undefined || (typeof data === 'object' && !Array.isArray(data))) return undefined;
    return { message: 'front matter is not a mapping', line: 1 };
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line ?? 1;
    return { message: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, line };
  }
}

function visit(nodes: RootContent[], fn: (node: RootContent) => void): void {
  for (const node of nodes) {
    fn(node);
    if ('children' in node) visit(node.children as RootContent[], fn);
  }
}

/** A page made of the same `---` block again and again is a broken export; count the blocks. */
function countFrontMatterBlocks(lines: string[]): number {
  if (lines[0]?.trim() !== '---') return 0;
  let blocks = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === '---' && (i === 0 || lines[i - 1]!.trim() === '')) {
      const end = lines.indexOf('---', i + 1);
      if (end === -1) break;
      if (lines.slice(i + 1, end).some((l) => /^[A-Za-z_]+:/.test(l))) blocks++;
      i = end;
    }
  }
  return blocks;
}
