import type { Heading, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { MarkdownPage } from './markdown-page.js';

/** A heading and the top-level nodes up to the next heading of the same or a higher level. */
export interface Section {
  heading: Heading;
  title: string;
  nodes: RootContent[];
}

export function sections(page: MarkdownPage): Section[] {
  const out: Section[] = [];
  const children = page.tree.children;
  for (let i = 0; i < children.length; i++) {
    const node = children[i]!;
    if (node.type !== 'heading') continue;
    const nodes: RootContent[] = [];
    for (let j = i + 1; j < children.length; j++) {
      const next = children[j]!;
      if (next.type === 'heading' && next.depth <= node.depth) break;
      nodes.push(next);
    }
    out.push({ heading: node, title: toString(node).trim(), nodes });
  }
  return out;
}

/** The source text of a node, markup included (for `<see cref>` and friends, which remark splits up). */
export function sourceOf(page: MarkdownPage, node: RootContent): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? toString(node) : page.parsedText.slice(start, end);
}

export interface TableData {
  header: string[];
  rows: string[][];
  line: number;
  /** Line of each row in the page. */
  rowLines: number[];
}

export function tableData(page: MarkdownPage, table: Table): TableData {
  const [head, ...body] = table.children;
  const cell = (c: RootContent): string => sourceOf(page, c).replace(/^\|/, '').replace(/\|$/, '').trim();
  return {
    header: head ? head.children.map((c) => toString(c).trim()) : [],
    rows: body.map((row) => row.children.map((c) => cell(c))),
    line: page.lineOf(table),
    rowLines: body.map((row) => page.lineOf(row)),
  };
}

export { toString as textOf };
