import type { RootContent } from 'mdast';
import { diagnostic, type Diagnostic } from '../facts/diagnostics.js';
import type { Provenance } from '../facts/provenance.js';
import { splitOnlineRestricted } from './doc-text.js';
import { scanFences, type Fence, type MarkdownPage } from './markdown-page.js';
import { sections, sourceOf, tableData, textOf, type TableData } from './page-sections.js';
import type { RestPageFacts, TableField } from '../facts/file-facts.js';



/** Resolves `[!include[...](path)]` against the page, confined to the input root. */
export type IncludeResolver = (
  target: string,
  from: Provenance,
) => { text: string; file: string } | { error: Diagnostic };

const ENDPOINT = /^(GET|POST|PUT|PATCH|DELETE)\s+\/?(api\/v1\/Agents\/([A-Za-z0-9_]+)\/([A-Za-z0-9_]+))\s*$/m;
const INCLUDE = /\[!include\[([^\]]*)\]\(([^)]+)\)\]/g;

export function restEndpointOf(page: MarkdownPage): RegExpExecArray | null {
  for (const fence of page.fences) {
    if (fence.lang !== 'http') continue;
    const match = ENDPOINT.exec(fence.value.trim());
    if (match) return match;
  }
  return null;
}

export function readRestMethodPage(
  page: MarkdownPage,
  file: string,
  resolveInclude: IncludeResolver,
): { facts?: RestPageFacts; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const endpoint = restEndpointOf(page);
  if (!endpoint) return { diagnostics };
  const h1 = page.tree.children.find((n) => n.type === 'heading' && n.depth === 1);
  const facts: RestPageFacts = {
    verb: endpoint[1]!,
    path: endpoint[2]!,
    agent: endpoint[3]!,
    method: endpoint[4]!,
    select: false,
    query: [],
    headers: [],
    source: { file, line: h1 ? page.lineOf(h1) : 1 },
  };

  const description: string[] = [];
  let inIntro = true;
  let restricted: string | undefined;
  for (const node of page.tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      const text = sourceOf(page, node).replace(/^#+\s*/, '');
      if (/^Online Restricted:/i.test(text)) restricted = text;
      if (node.depth === 2) inIntro = false;
      continue;
    }
    if (inIntro && (node.type === 'paragraph' || node.type === 'html')) {
      const text = sourceOf(page, node);
      if (!/^NsApiSlow threshold/i.test(text.trim())) description.push(text);
    }
  }
  const split = splitOnlineRestricted(description.join('\n\n') + (restricted ? `\n\n${restricted}` : ''));
  if (split.description) facts.description = split.description;
  if (split.onlineRestricted) facts.onlineRestricted = split.onlineRestricted;

  for (const section of sections(page)) {
    const title = section.title;
    const table = firstTable(page, section.nodes);
    if (/^Query String Parameters$/i.test(title)) {
      if (table && expectHeader(table, ['Parameter Name', 'Type', 'Description'], file, diagnostics)) {
        for (const field of fieldsOf(table, file)) {
          if (field.name === '$select') facts.select = true;
          else facts.query.push(field);
        }
      }
    } else if (/^Request Headers$/i.test(title)) {
      if (table && expectHeader(table, ['Parameter Name', 'Description'], file, diagnostics)) {
        facts.headers = table.rows.map((r) => stripMarkup(r[0] ?? '')).filter((h) => h.length > 0);
      }
    } else if (/^Request Body:?/i.test(title)) {
      const name = title.replace(/^Request Body:?\s*/i, '').trim();
      const fields = table && expectHeader(table, ['Property Name', 'Type', 'Description'], file, diagnostics) ? fieldsOf(table, file) : [];
      facts.body = { name, fields, source: { file, line: page.lineOf(section.heading) } };
    } else if (/^Response:?/i.test(title) && section.heading.depth === 2) {
      facts.response = {
        label: title.replace(/^Response:?\s*/i, '').trim(),
        fields: [],
        source: { file, line: page.lineOf(section.heading) },
      };
      readResponseBody(page, section.nodes, file, facts.response, diagnostics);
    } else if (!/^(Sample request|Sample response|Online Restricted:.*)$/i.test(title) && section.heading.depth === 2 && table) {
      diagnostics.push(diagnostic('unknown-table', `table under unknown heading '${title}' was not read`, { file, line: table.line }));
    }
  }

  readSamples(page, file, facts, resolveInclude, diagnostics);
  return { facts, diagnostics };
}

/**
 * `### Response body: X` followed by a table (docfx), or a plain `Response body: X` paragraph (older pages).
 * The first table under `## Response` lists status codes, not properties.
 */
function readResponseBody(
  page: MarkdownPage,
  nodes: RootContent[],
  file: string,
  response: NonNullable<RestPageFacts['response']>,
  diagnostics: Diagnostic[],
): void {
  let afterBodyLabel = false;
  const description: string[] = [];
  for (const node of nodes) {
    const text = node.type === 'heading' || node.type === 'paragraph' ? textOf(node).trim() : '';
    const label = /^Response body:?\s*(.*)$/i.exec(text);
    if (label) {
      response.bodyLabel = label[1]!.trim();
      afterBodyLabel = true;
      continue;
    }
    // Prose before the tables describes the returned carrier ("OK" is the status text).
    if (!afterBodyLabel && node.type === 'paragraph' && text !== 'OK') description.push(sourceOf(page, node));
    if (node.type !== 'table') continue;
    const table = tableData(page, node);
    if (afterBodyLabel) {
      if (expectHeader(table, ['Property Name', 'Type', 'Description'], file, diagnostics)) response.fields = fieldsOf(table, file);
    } else if (!sameHeader(table.header, ['Response', 'Description'])) {
      diagnostics.push(diagnostic('unknown-table', `unexpected table under Response: ${table.header.join(' | ')}`, { file, line: table.line }));
    }
  }
  const text = splitOnlineRestricted(description.join('\n\n')).description;
  if (text) response.description = text;
}

function readSamples(
  page: MarkdownPage,
  file: string,
  facts: RestPageFacts,
  resolveInclude: IncludeResolver,
  diagnostics: Diagnostic[],
): void {
  const take = (fence: Fence, from: string): void => {
    const sample = { text: fence.value, source: { file: from, line: fence.bodyLine } };
    if (fence.lang === 'http!' && !facts.requestSample) facts.requestSample = sample;
    if (fence.lang === 'http_' && !facts.responseSample) facts.responseSample = sample;
  };
  for (const fence of page.fences) take(fence, file);
  // A bare `json` fence under "Sample request" / "Sample response" is the body alone: give it the
  // request or status line the HTTP fences carry, placed so that the body keeps its own line number.
  for (const section of sections(page)) {
    const kind = /^sample (request|response)$/i.exec(section.title)?.[1]?.toLowerCase();
    if (!kind) continue;
    for (const node of section.nodes) {
      const fence = node.type === 'code' ? page.fences.find((f) => f.line === page.lineOf(node) && f.lang === 'json') : undefined;
      if (!fence) continue;
      const start = kind === 'request' ? `${facts.verb} /${facts.path}` : 'HTTP/1.1 200 OK';
      const sample = { text: `${start}\n\n${fence.value}`, source: { file, line: fence.bodyLine - 2 } };
      if (kind === 'request') facts.requestSample ??= sample;
      else facts.responseSample ??= sample;
    }
  }
  for (const node of page.tree.children) {
    if (node.type !== 'paragraph') continue;
    const source = sourceOf(page, node);
    for (const match of source.matchAll(INCLUDE)) {
      const from = { file, line: page.lineOf(node) };
      const resolved = resolveInclude(match[2]!.trim(), from);
      if ('error' in resolved) {
        diagnostics.push(resolved.error);
        continue;
      }
      // Included sample files hold only fences: the scan is enough, and keeps their own line numbers.
      for (const fence of scanFences(resolved.text).fences) take(fence, resolved.file);
    }
  }
}

function firstTable(page: MarkdownPage, nodes: RootContent[]): TableData | undefined {
  const table = nodes.find((n) => n.type === 'table');
  return table && table.type === 'table' ? tableData(page, table) : undefined;
}

function sameHeader(header: string[], expected: string[]): boolean {
  return header.length === expected.length && header.every((h, i) => h.toLowerCase() === expected[i]!.toLowerCase());
}

function expectHeader(table: TableData, expected: string[], file: string, diagnostics: Diagnostic[]): boolean {
  if (sameHeader(table.header, expected)) return true;
  diagnostics.push(
    diagnostic('unknown-table', `table columns '${table.header.join(' | ')}' are not the expected '${expected.join(' | ')}'`, {
      file,
      line: table.line,
    }),
  );
  return false;
}

function fieldsOf(table: TableData, file: string): TableField[] {
  return table.rows.map((row, i) => {
    const rawDescription = row[2] ?? '';
    return {
      name: stripMarkup(row[0] ?? ''),
      typeLabel: stripMarkup(row[1] ?? ''),
      description: splitOnlineRestricted(rawDescription.replace(/\*\*Required\*\*/i, '')).description,
      required: /\*\*Required\*\*/i.test(rawDescription),
      source: { file, line: table.rowLines[i] ?? table.line },
    };
  });
}

function stripMarkup(cell: string): string {
  return cell.replace(/[`*]/g, '').trim();
}
