import { diagnostic, type Diagnostic } from '../facts/diagnostics.js';
import type { FileResult } from '../facts/file-facts.js';
import { parseMarkdownPage, type MarkdownPage } from './markdown-page.js';
import { readRestMethodPage, restEndpointOf, type IncludeResolver } from './rest-page.js';
import { implementedBy, readSoapAgentIndex, readSoapMethodPage, servicePathOf, soapRequestSections } from './soap-page.js';
import { sourceOf } from './page-sections.js';
import { isXmlText, readWsdl, readWsdlFile } from './wsdl.js';

/**
 * Classifies one input file by its content and reads it into facts. Never throws for bad input:
 * what cannot be used comes back as `skipped` with a diagnostic naming the file and line.
 */
export function readInputFile(file: string, text: string, resolveInclude: IncludeResolver): FileResult {
  if (isXmlText(text)) return readWsdlFile(file, text);
  const page = parseMarkdownPage(text);
  if (page.tooComplex) {
    return { facts: { kind: 'skipped', file }, diagnostics: [diagnostic('page-too-complex', page.tooComplex.message, { file, line: page.tooComplex.line })] };
  }
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
