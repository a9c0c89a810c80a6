import type { Code, Root, RootContent, Yaml } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';

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
  /** Front matter keys, lower-cased (`Generated` and `generated` are the same key). */
  frontMatter: Record<string, unknown>;
  frontMatterError?: { message: string; line: number };
  /** How many front-matter blocks the page repeats (more than one is a defect). */
  frontMatterBlocks: number;
  fences: Fence[];
  /** The text remark parsed: the page with fence bodies taken out. Offsets of tree nodes refer to it. */
  parsedText: string;
  /** Line in the page of a node's start: tree positions are in `parsedText`. */
  lineOf(node: { position?: { start: { line: number } } | undefined }): number;
}

const withTables = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
// GFM costs a third of the parse time and only tables matter here; pages without a delimiter row skip it.
const withoutTables = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
const TABLE_DELIMITER_ROW = /^ {0,3}(\|\s*:?-+:?\s*|:?-+:?\s*\|)/m;

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;

/**
 * Finds the fenced code blocks of a text the way CommonMark does at the top level, and the lines left
 * when their bodies are taken out (with each kept line's number in the text).
 */
export function scanFences(text: string): { fences: Fence[]; kept: string[]; originalLine: number[] } {
  const lines = text.split(/\r?\n/);
  const fences: Fence[] = [];
  const kept: string[] = [];
  const originalLine: number[] = [];
  for (let i = 0; i < lines.length; i++) {
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
  return { fences, kept, originalLine };
}

/**
 * Parses a page with remark. Fence bodies (most of a SOAP page is sample XML, and a WSDL page is one
 * large fence) are cut out before remark sees the text and put back from the scan: micromark is
 * slow on long code, and the scan finds exactly the fences CommonMark would at the top level.
 */
export function parseMarkdownPage(text: string): MarkdownPage {
  const { fences, kept, originalLine } = scanFences(text);
  const parsedText = kept.join('\n');
  const processor = TABLE_DELIMITER_ROW.test(parsedText) ? withTables : withoutTables;
  const tree = processor.parse(parsedText) as Root;
  const lineOf = (node: { position?: { start: { line: number } } | undefined }): number => {
    const line = node.position?.start.line ?? 1;
    return originalLine[line - 1] ?? line;
  };
  const byLine = new Map(fences.map((f) => [f.line, f]));
  const yamlBlocks: Yaml[] = [];
  visit(tree.children, (node) => {
    if (node.type === 'code') {
      const fence = byLine.get(lineOf(node));
      if (fence) (node as Code).value = fence.value;
    } else if (node.type === 'yaml') yamlBlocks.push(node);
  });

  const page: MarkdownPage = {
    tree,
    frontMatter: {},
    frontMatterBlocks: countFrontMatterBlocks(text.split(/\r?\n/)),
    fences,
    parsedText,
    lineOf,
  };
  const yaml = yamlBlocks[0];
  if (yaml) {
    try {
      const data: unknown = parseYaml(yaml.value, { maxAliasCount: 16 });
      if (data && typeof data === 'object' && !Array.isArray(data)) {
        for (const [key, value] of Object.entries(data)) page.frontMatter[key.toLowerCase()] = value;
      } else if (data !== null && data !== undefined) {
        page.frontMatterError = { message: 'front matter is not a mapping', line: 1 };
      }
    } catch (error) {
      page.frontMatterError = { message: `front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`, line: 1 };
    }
  }
  return page;
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
