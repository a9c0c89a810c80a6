import type { List, RootContent } from 'mdast';
import type { SoapAgentIndexFacts, SoapPageFacts } from '../facts/file-facts.js';
import { cleanDocText, splitOnlineRestricted } from './doc-text.js';
import type { Fence, MarkdownPage } from './markdown-page.js';
import { sections, sourceOf, textOf } from './page-sections.js';




const SERVICE_PATH = /Remote\/(Services\d+)\/([A-Za-z0-9_]+)\.svc/;
/** `<see cref="M:SuperOffice.Services88.IErpSyncAgent.SaveConnection">` or `` `SuperOffice.Services88.IErpSyncAgent.SaveConnection` `` */
const IMPLEMENTED_BY = /(?:cref="[MT]:|`)(SuperOffice\.(Services\d+)\.I([A-Za-z0-9_]+)Agent)(?:\.([A-Za-z0-9_]+))?["`]/;
const TITLE = /^(Services\d+)[ .]([A-Za-z0-9_]+?)(?:Agent)?[ .]([A-Za-z0-9_]+)(?:\s+SOAP)?$/;

/** The service path of a SOAP page (`Remote/Services88/ErpSync.svc`), found in its prose. */
export function servicePathOf(page: MarkdownPage): RegExpExecArray | null {
  for (const node of page.tree.children) {
    if (node.type === 'paragraph') {
      const match = SERVICE_PATH.exec(sourceOf(page, node));
      if (match) return match;
    }
  }
  return null;
}

/** The `Implemented by …` (or `Handled by …`) reference: interface, version, agent and, on method pages, the method. */
export function implementedBy(page: MarkdownPage): RegExpExecArray | undefined {
  return page.tree.children
    .filter((n) => n.type === 'paragraph')
    .map((n) => IMPLEMENTED_BY.exec(sourceOf(page, n)))
    .find((m): m is RegExpExecArray => m !== null);
}

export function soapRequestSections(page: MarkdownPage): { request?: Fence; response?: Fence; method?: string } {
  const out: { request?: Fence; response?: Fence; method?: string } = {};
  for (const section of sections(page)) {
    const match = /^([A-Za-z0-9_]+) (Request|Response)$/.exec(section.title);
    if (!match || section.heading.depth !== 2) continue;
    const code = section.nodes.find((n) => n.type === 'code');
    const fence = code ? page.fences.find((f) => f.line === page.lineOf(code)) : undefined;
    out.method ??= match[1]!;
    if (fence && match[2] === 'Request') out.request = fence;
    if (fence && match[2] === 'Response') out.response = fence;
  }
  return out;
}

export function readSoapMethodPage(page: MarkdownPage, file: string): SoapPageFacts | undefined {
  const path = servicePathOf(page);
  const samples = soapRequestSections(page);
  const h1 = page.tree.children.find((n) => n.type === 'heading' && n.depth === 1);
  const title = h1 ? TITLE.exec(textOf(h1).trim()) : null;
  const implemented = implementedBy(page);
  const version = path?.[1] ?? implemented?.[2] ?? title?.[1];
  const agent = path?.[2] ?? implemented?.[3] ?? title?.[2];
  const method = samples.method ?? implemented?.[4] ?? title?.[3];
  if (!version || !agent || !method) return undefined;

  const facts: SoapPageFacts = {
    version,
    agent,
    method,
    paramDocs: [],
    source: { file, line: h1 ? page.lineOf(h1) : 1 },
  };
  if (implemented) facts.interfaceName = implemented[1]!;
  const methodSection = sections(page).find((s) => s.heading.depth === 2 && s.title === method);
  if (methodSection) readMethodSection(page, file, methodSection.nodes, facts);
  if (samples.request) facts.request = { text: samples.request.value, source: { file, line: samples.request.bodyLine } };
  if (samples.response) facts.response = { text: samples.response.value, source: { file, line: samples.response.bodyLine } };
  return facts;
}

/** The prose under `## <Method>`: description, parameter list, `**Returns:**`, then boilerplate links. */
function readMethodSection(page: MarkdownPage, file: string, nodes: RootContent[], facts: SoapPageFacts): void {
  const description: string[] = [];
  for (const node of nodes) {
    const source = sourceOf(page, node);
    if (node.type === 'list' && isParamList(page, node)) {
      for (const item of node.children) {
        const match = /^\s*\*\*([A-Za-z0-9_]+):?\*\*:?\s*([\s\S]*)$/.exec(sourceOf(page, item).replace(/^[*+-]\s+/, ''));
        if (match) {
          facts.paramDocs.push({ name: match[1]!, description: cleanDocText(match[2]!), source: { file, line: page.lineOf(item) } });
        }
      }
      continue;
    }
    const returns = /^\*\*Returns:?\*\*:?\s*([\s\S]*)$/.exec(source.trim());
    if (returns) {
      const text = cleanDocText(returns[1]!);
      if (text) facts.returnsDescription = text;
      continue;
    }
    if (/WSDL file for|Obtain a ticket from|Application tokens must be specified/i.test(source)) continue;
    if (node.type === 'paragraph' || node.type === 'html') description.push(source);
  }
  const split = splitOnlineRestricted(description.join('\n\n'));
  if (split.description) facts.description = split.description;
  if (split.onlineRestricted) facts.onlineRestricted = split.onlineRestricted;
}

function isParamList(page: MarkdownPage, list: List): boolean {
  return list.children.length > 0 && list.children.every((item) => /^[*+-]\s+\*\*[A-Za-z0-9_]+:?\*\*/.test(sourceOf(page, item)));
}

export function readSoapAgentIndex(page: MarkdownPage, file: string): SoapAgentIndexFacts | undefined {
  const path = servicePathOf(page);
  if (!path) return undefined;
  const implemented = implementedBy(page);
  const methods: string[] = [];
  for (const node of page.tree.children) {
    if (node.type !== 'list') continue;
    for (const item of node.children) {
      const text = textOf(item).trim();
      if (/^[A-Za-z0-9_]+$/.test(text)) methods.push(text);
    }
  }
  const h1 = page.tree.children.find((n) => n.type === 'heading' && n.depth === 1);
  const facts: SoapAgentIndexFacts = {
    version: path[1]!,
    agent: path[2]!,
    methods,
    source: { file, line: h1 ? page.lineOf(h1) : 1 },
  };
  if (implemented) facts.interfaceName = implemented[1]!;
  return facts;
}
