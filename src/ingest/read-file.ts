import { diagnostic, type Diagnostic } from '../model/diagnostics.js';
import type { FileResult } from './file-facts.js';
import { parseMarkdownPage, type MarkdownPage } from './markdown-page.js';
import { readRestMethodPage, restEndpointOf, type IncludeResolver } from './rest-page.js';
import { implementedBy, readSoapAgentIndex, readSoapMethodPage, servicePathOf, soapRequestSections } from './soap-page.js';
import { sourceOf } from './page-sections.js';
import { readWsdl } from './wsdl.js';

/**
 * Classifies one input file by its content and reads it into facts. Never throws for bad input:
 * what cannot be used comes back as `skipped` with a diagnostic naming the file and line.
 */
export function readInputFile(file: string, text: string, resolveInclude: IncludeResolver): FileResult {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('<')) {
    const { facts, diagnostics } = readWsdl(text, file);
    return facts ? { facts: { kind: 'wsdl', file, wsdl: facts }, diagnostics } : { facts: { kind: 'skipped', file }, diagnostics };
  }
  const page = parseMarkdownPage(text);
  const diagnostics: Diagnostic[] = [];
  if (page.frontMatterError) {
    diagnostics.push(diagnostic('malformed-front-matter', page.frontMatterError.message, { file, line: page.frontMatterError.line }));
  }
  for (const fence of page.fences) {
    if (!fence.closed) {
      diagnostics.push(diagnostic('truncated-fence', `code fence \`\`\`${fence.lang} is never closed`, { file, line: fence.line }));
    }
  }
  const skip = (message: string): FileResult => {
    diagnostics.push(diagnostic('unrecognised-file', message, { file, line: 1 }));
    return { facts: { kind: 'skipped', file }, diagnostics };
  };

  const wsdlFence = page.fences.find((f) => f.lang === 'xml' && /<(?:\w+:)?definitions[\s>]/.test(f.value.slice(0, 4096)));
  if (wsdlFence) {
    if (!wsdlFence.closed) return { facts: { kind: 'skipped', file }, diagnostics };
    const result = readWsdl(wsdlFence.value, file, wsdlFence.bodyLine - 1);
    diagnostics.push(...result.diagnostics);
    return result.facts ? { facts: { kind: 'wsdl-page', file, wsdl: result.facts }, diagnostics } : { facts: { kind: 'skipped', file }, diagnostics };
  }

  if (restEndpointOf(page)) {
    const result = readRestMethodPage(page, file, resolveInclude);
    diagnostics.push(...result.diagnostics);
    if (result.facts) return { facts: { kind: 'rest-method-page', file, page: result.facts }, diagnostics };
  }

  const samples = soapRequestSections(page);
  if (samples.request || samples.response || implementedBy(page)?.[4] !== undefined) {
    const facts = readSoapMethodPage(page, file);
    if (facts) return { facts: { kind: 'soap-method-page', file, page: facts }, diagnostics };
    return skip('SOAP method page names no version, agent or method');
  }
  if (servicePathOf(page)) {
    const facts = readSoapAgentIndex(page, file);
    if (facts) return { facts: { kind: 'soap-agent-index', file, page: facts }, diagnostics };
  }
  if (page.fences.some((f) => /^\/?api\/v1\/[A-Za-z0-9_]+\/Agent$/.test(f.value.trim()))) {
    if (page.frontMatterBlocks > 1) {
      diagnostics.push(diagnostic('source-disagreement', `the page repeats its front matter ${page.frontMatterBlocks} times`, { file, line: 1 }));
    }
    return { facts: { kind: 'rest-agent-index', file }, diagnostics };
  }
  if (page.fences.length > 0 && page.tree.children.every((n) => n.type === 'code') && page.fences.every((f) => /^http[!_]$/.test(f.lang))) {
    return { facts: { kind: 'rest-sample', file }, diagnostics };
  }
  if (linksToAgentIndexes(page)) return { facts: { kind: 'version-index', file }, diagnostics };
  return skip('not a WSDL, WSDL page, SOAP method or agent page, or REST agent page');
}

function linksToAgentIndexes(page: MarkdownPage): boolean {
  const lists = page.tree.children.filter((n) => n.type === 'list');
  return lists.length > 0 && lists.every((l) => /\]\(\.?\/?[A-Za-z0-9_]+\/index(\.md)?\)/.test(sourceOf(page, l)));
}

/** Hostile or unusable bytes: the file is reported and skipped before any parser sees it. */
export function checkReadable(file: string, bytes: Uint8Array, maxBytes: number): { text?: string; diagnostic?: Diagnostic } {
  if (bytes.length > maxBytes) {
    return { diagnostic: diagnostic('file-too-large', `${bytes.length} bytes is more than the limit of ${maxBytes}`, { file, line: 1 }) };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = countLines(bytes, nul);
    return { diagnostic: diagnostic('binary-file', 'contains a NUL byte: not a text file', { file, line }) };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    return { diagnostic: diagnostic('binary-file', 'is not valid UTF-8 text', { file, line: 1 }) };
  }
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 10) line++;
  return line;
}
