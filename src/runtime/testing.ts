import { isNil, parseXmlDocument, type XmlNode } from './xml.js';
import { fromBase64 } from './scalars.js';

/**
 * Helpers for the tests generated from the documented samples: a fake `fetch` that records the
 * request and answers with a given body, and a canonical form of XML that ignores prefixes,
 * whitespace and `xsi:type` but keeps namespaces, names, order, values and nil.
 */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export function fakeServer(answer: string, contentType: string, status = 200) {
  const requests: RecordedRequest[] = [];
  const fetch = (async (input: string | URL | Request, init: RequestInit = {}) => {
    requests.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? init.body : '',
    });
    return new Response(answer, { status, headers: { 'content-type': contentType } });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

/**
 * `/soap:Body/tns:Name/tns:Child = "value"` lines, in document order, for the element `local` and
 * below. Namespaces are named through `aliases` (URI → short name) whatever prefixes the XML used;
 * a namespace without an alias is written `{uri}`.
 */
export function canonicalXml(xml: string, local: string, aliases: Record<string, string> = {}): string[] {
  const root = parseXmlDocument(xml);
  const start = find(root, local);
  if (!start) throw new Error(`no <${local}> in the XML`);
  const names = new Map(Object.entries(aliases).map(([alias, uri]) => [uri, alias]));
  const lines: string[] = [];
  walk(start, '', lines, names);
  return lines;
}

function find(node: XmlNode, local: string): XmlNode | undefined {
  if (node.local === local) return node;
  for (const child of node.children) {
    const found = find(child, local);
    if (found) return found;
  }
  return undefined;
}

function walk(node: XmlNode, parent: string, lines: string[], names: Map<string, string>): void {
  const alias = names.get(node.ns);
  const path = `${parent}/${alias === undefined ? `{${node.ns}}` : `${alias}:`}${node.local}`;
  if (isNil(node)) lines.push(`${path} = nil`);
  else if (node.children.length === 0) lines.push(`${path} = ${JSON.stringify(node.text)}`);
  else for (const child of node.children) walk(child, path, lines, names);
}

export function bytes(base64: string): Uint8Array {
  return fromBase64(base64, 'sample');
}
