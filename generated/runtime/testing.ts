import { isNil, parseXmlDocument, type XmlNode } from './xml.js';

/**
 * Helpers for the tests generated from the documented samples: a fake `fetch` that records the
 * request and answers with the documented response, and canonical forms of what a client sent.
 * Nothing here goes through the SDK's scalar or JSON codecs, so a bug there cannot hide itself.
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
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    requests.push({ url: String(input), method: init.method ?? 'GET', headers, body: typeof init.body === 'string' ? init.body : '' });
    return new Response(answer, { status, headers: { 'content-type': contentType } });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

/**
 * `/soap:Body/tns:Name/tns:Child = "value"` lines, in document order, for the element `local` and
 * below; an element with no child elements is one line, `nil` where it is `xsi:nil`. Namespaces are
 * named through `aliases` (alias → URI) whatever prefixes the XML used; others are written `{uri}`.
 * Prefixes and attribute order are the wire's freedom; names, order and text are not.
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

/**
 * `/Name/0/Field = token` lines of a JSON text, keys sorted (their order is the wire's freedom),
 * each number exactly as written, strings as JSON string literals; `= {}` and `= []` for empty ones.
 * Read by its own small scanner: JSON.parse would round the very numbers under test.
 */
export function canonicalJson(text: string): string[] {
  const lines: string[] = [];
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`not JSON at offset ${pos}: ${what}`);
  };
  const space = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos]!)) pos++;
  };
  const string = (): string => {
    const match = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
    match.lastIndex = pos;
    const found = match.exec(text) ?? fail('bad string');
    pos = match.lastIndex;
    return JSON.parse(found[0]) as string;
  };
  const value = (path: string, depth: number): void => {
    if (depth > 256) fail('nested too deeply');
    space();
    const c = text[pos];
    if (c === '{' || c === '[') {
      pos++;
      const before = lines.length;
      const groups: Array<[string, string[]]> = [];
      space();
      const close = c === '{' ? '}' : ']';
      if (text[pos] === close) {
        pos++;
        lines.push(`${path} = ${c}${close}`);
        return;
      }
      for (let index = 0; ; index++) {
        space();
        const key = c === '{' ? string() : String(index);
        if (c === '{') {
          space();
          if (text[pos++] !== ':') fail('expected ":"');
        }
        const start = lines.length;
        value(`${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
        groups.push([key, lines.splice(start)]);
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === close) {
          pos++;
          break;
        } else fail(`expected "," or "${close}"`);
      }
      if (c === '{') groups.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      lines.splice(before, 0, ...groups.flatMap(([, l]) => l));
      return;
    }
    if (c === '"') return void lines.push(`${path} = ${JSON.stringify(string())}`);
    const token = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    token.lastIndex = pos;
    const found = token.exec(text) ?? fail('unexpected character');
    pos = token.lastIndex;
    lines.push(`${path} = ${found[0]}`);
  };
  value('', 0);
  space();
  if (pos < text.length) fail('text after the value');
  return lines;
}

/** The query parameters of a URL as an object (the last of repeated names). */
export function queryOf(url: string): Record<string, string> {
  const out: Record<string, string> = {};
  new URL(url).searchParams.forEach((value, name) => {
    Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  });
  return out;
}

/** Bytes from base64 text, for the expected values of `base64Binary` fields. */
export function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** The error a call ended with, or undefined when it succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
    return undefined;
  } catch (error) {
    return error;
  }
}
