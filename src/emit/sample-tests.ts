import type { XmlElement } from '../parse/xml-element.js';
import { parseXml, XmlSyntaxError } from '../parse/xml-tree.js';
import { parseJsonTree } from '../parse/json-text.js';
import type { Agent, ApiModel, ApiVersion, Method, Param, Sample, TypeDef, TypeRef } from '../model/api-model.js';
import { diagnostic, groupByCode, type Diagnostic } from '../facts/diagnostics.js';
import { SOAP11_ENV_NS, SOAP12_ENV_NS } from '../facts/namespaces.js';
import { isXsiNil, readRestSample, readSoapSample, splitHttpSample } from '../model/sample-check.js';
import { fieldsWithOwners } from '../model/type-graph.js';
import { agentClassName, versionFolder, type GeneratedFile } from './output-names.js';
import { methodKey, stringLiteral } from './safe-identifier.js';
import { soap11Answer } from '../model/sample-answer.js';
import { expectScalar, rawBytes } from './sample-scalars.js';
import {
  jsonLines,
  literalOf,
  queryArgument,
  requestArguments,
  restBody,
  restResult,
  soapRequestLines,
  soapResult,
  usesBytesHelper,
  type Expected,
  type Outcome,
} from './sample-expected.js';
import type { TemplateSet } from './templates.js';
import { valueLiteral } from './value-literal.js';

type Lookup = (ref: TypeRef) => TypeDef | undefined;

const TICKET = 'sample-ticket';
const APP_TOKEN = 'sample-app-token';
const INDENT = '    ';

/** One generated test: the answer the fake server gives, the call, and the checks, each a line of code. */
interface TestView {
  title: string;
  response: string;
  contentType: string;
  /** The call, awaited for its result or, where the client must refuse, for its error. */
  call: string;
  expectsError: boolean;
  checks: string[];
  helpers: Set<string>;
}

/** Groups a method's samples by the page (or included file's page) they came from. */
function samplesByPage(method: Method): Array<{ page: string; request?: Sample; response?: Sample }> {
  const pages = method.docPages.map((p) => ({ page: `${p.file}:${p.line}`, file: p.file }));
  const groups = new Map<string, { page: string; request?: Sample; response?: Sample }>();
  for (const sample of method.samples) {
    // Included samples live in other files: they belong to the page that includes them, the only one of a REST method.
    const owner = pages.find((p) => p.file === sample.source.file) ?? pages[0];
    const key = owner?.page ?? sample.source.file;
    if (!groups.has(key)) groups.set(key, { page: key });
    const group = groups.get(key)!;
    if (sample.kind.endsWith('request')) group.request ??= sample;
    else group.response ??= sample;
  }
  return [...groups.values()];
}

/** `.Name(args)` on the client, or `["odd name"](args)` where the name is not an identifier. */
function callExpression(method: Method, args: Array<[string, Expected]> | undefined, untyped: boolean): string {
  const key = methodKey(method.name);
  const member = key.startsWith('"') ? `[${key}]` : `.${key}`;
  if (args === undefined) return `${member}()`;
  const literal = literalOf({ kind: 'object', fields: args }, INDENT);
  // A sample without a value the type requires cannot be written as a typed call; the client must refuse it.
  return `${member}(${literal}${untyped ? ' as never' : ''})`;
}

function aliasLines(list: string[], version: ApiVersion): string {
  // Name namespaces as the test file's `ns` object does, so the expected lines read like the XML.
  const aliases = [...Object.entries(namespaceAliases(version))].sort((a, b) => b[1].length - a[1].length);
  const named = list.map((l) => aliases.reduce((text, [alias, uri]) => text.split(`{${uri}}`).join(`${alias}:`), l));
  return `[\n${named.map((l) => `${INDENT}  ${stringLiteral(l)},`).join('\n')}\n${INDENT}]`;
}

export function namespaceAliases(version: ApiVersion): Record<string, string> {
  const out: Record<string, string> = { soap: SOAP11_ENV_NS };
  for (const [prefix, uri] of Object.entries(version.namespaces)) if (prefix !== 'xs') out[prefix] = uri;
  return out;
}

/** The first value the schema requires that the arguments lack, as a path; SOAP checks every level, REST only the query. */
function missingRequired(args: Array<[string, Expected]>, params: Param[], lookup: Lookup): string | undefined {
  for (const p of params) {
    const given = args.find(([name]) => name === p.name)?.[1];
    if (given === undefined) {
      if (p.minOccurs > 0) return p.name;
      continue;
    }
    // A repeated field is a list of values of the field's own type.
    for (const value of p.maxOccurs !== 1 && given.kind === 'list' ? given.items : [given]) {
      const inner = missingInside(value, p.type, lookup);
      if (inner) return `${p.name}.${inner}`;
    }
  }
  return undefined;
}

function missingInside(value: Expected, type: TypeRef, lookup: Lookup): string | undefined {
  const def = lookup(type);
  if (!def) return undefined;
  if (value.kind === 'list' && def.kind === 'array') {
    for (const item of value.items) {
      const inner = missingInside(item, def.item!.type, lookup);
      if (inner) return `${def.item!.elementName}.${inner}`;
    }
  }
  if (value.kind === 'map' && def.kind === 'dictionary') {
    for (const [, item] of value.entries) {
      const inner = missingInside(item, def.entry!.valueType, lookup);
      if (inner) return inner;
    }
  }
  if (value.kind !== 'object' || def.kind !== 'complex') return undefined;
  return missingRequired(
    value.fields,
    fieldsWithOwners(def, lookup).map(({ field }) => field),
    lookup,
  );
}

function outcomeChecks(outcome: Outcome | undefined, view: TestView, errorClass: string): void {
  if (outcome === undefined) {
    view.checks.push('expect(result).toBeUndefined();');
  } else if ('error' in outcome) {
    view.expectsError = true;
    view.helpers.add(errorClass);
    view.checks.unshift(`expect(error).toBeInstanceOf(${errorClass});`, `expect(String(error)).toContain(${stringLiteral(outcome.error)});`);
  } else {
    if (usesBytesHelper(outcome.value)) view.helpers.add('bytesOf');
    view.checks.push(`expect(result).toEqual(${literalOf(outcome.value, INDENT)});`);
  }
}

function soapTest(version: ApiVersion, method: Method, title: string, request: Sample | undefined, response: Sample | undefined, lookup: Lookup, report: (d: Diagnostic) => void): TestView {
  const soap = method.soap!;
  const reading = request ? readSoapSample(request, method, version, lookup) : undefined;
  const args = requestArguments(reading?.value, method.params, lookup);
  const view: TestView = { title, response: '', contentType: stringLiteral('text/xml; charset=utf-8'), call: '', expectsError: false, checks: [], helpers: new Set(['fakeServer']) };
  const missing = missingRequired(args, method.params, lookup);
  view.call = callExpression(method, method.params.length > 0 ? args : undefined, missing !== undefined);
  if (missing !== undefined) {
    // The client refuses before it sends anything.
    view.response = stringLiteral('');
    outcomeChecks({ error: missing.split('.').pop()! }, view, 'EncodeError');
    view.checks.push('expect(server.requests).toEqual([]);');
    return view;
  }

  const answer = soapAnswer(method, version, response, lookup, report);
  view.response = stringLiteral(answer.text);
  view.helpers.add('canonicalXml');
  const tns = version.targetNamespace ?? '';
  const headerLines = soap.requestHeaders.flatMap((h) =>
    h.name === 'ApplicationToken'
      ? [`/{${SOAP11_ENV_NS}}Header/{${tns}}ApplicationToken = ${JSON.stringify(APP_TOKEN)}`]
      : h.name === 'Credentials'
        ? [`/{${SOAP11_ENV_NS}}Header/{${tns}}Credentials/{${tns}}Ticket = ${JSON.stringify(TICKET)}`]
        : [],
  );
  const wrapper = { ns: namespaceOf(soap.requestElement, version), local: soap.requestElement.slice(soap.requestElement.indexOf(':') + 1) };
  const body = soapRequestLines(wrapper, args, method.params, lookup).map((l) => `/{${SOAP11_ENV_NS}}Body${l}`);
  view.checks.push(`const request = server.requests[0]!;`, `expect(request.headers['soapaction']).toBe(${stringLiteral(`"${soap.soapAction}"`)});`);
  if (headerLines.length > 0) view.checks.push(`expect(canonicalXml(request.body, 'Header', ns)).toEqual(${aliasLines(headerLines, version)});`);
  view.checks.push(`expect(canonicalXml(request.body, 'Body', ns)).toEqual(${aliasLines(body, version)});`);
  outcomeChecks(answer.outcome, view, answer.errorClass ?? 'DecodeError');
  return view;
}

function namespaceOf(ref: TypeRef, version: ApiVersion): string {
  return version.namespaces[ref.slice(0, ref.indexOf(':'))] ?? '';
}

/**
 * The documented response as the fake server's answer, and what a correct client makes of it
 * (undefined for a method that returns nothing and an answer it takes). Where there is no usable
 * response sample, the answer is an empty response wrapper (the checker reports why).
 */
function soapAnswer(method: Method, version: ApiVersion, response: Sample | undefined, lookup: Lookup, report: (d: Diagnostic) => void): { text: string; outcome: Outcome | undefined; errorClass?: string } {
  const soap = method.soap!;
  const wrapperLocal = soap.responseElement.slice(soap.responseElement.indexOf(':') + 1);
  const resultOf = (wrapper: XmlElement): Outcome | undefined => (method.returns ? soapResult(wrapper, method.returns, lookup) : undefined);
  const parsed = response ? parseSample(response) : undefined;
  const body = parsed?.children.find((c) => c.local === 'Body' && c.ns === parsed.ns);
  const envelopeOk = parsed && parsed.local === 'Envelope' && (parsed.ns === SOAP11_ENV_NS || parsed.ns === SOAP12_ENV_NS);
  const answer = parsed && body && envelopeOk ? soap11Answer(response!.text, parsed, body, soap.responseHeaders.map((h) => h.name)) : undefined;
  if (answer === undefined || !body) {
    if (body && envelopeOk) {
      // Only the tests need the rewritten answer, so only they look for it (the model's checks do not pay for it).
      report(diagnostic('sample-malformed', 'the Body cannot be cut out of the sample text exactly; its test answers with an empty response wrapper', { file: response!.source.file, line: body.line }));
    }
    const ns = namespaceOf(soap.responseElement, version);
    const empty = `<s:Envelope xmlns:s="${SOAP11_ENV_NS}"><s:Body><r:${wrapperLocal} xmlns:r="${ns.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"/></s:Body></s:Envelope>`;
    return { text: empty, outcome: resultOf(parseXml(empty).children[0]!.children[0]!) };
  }
  if (body.children.some((c) => c.local === 'Fault') || reportsFailure(answer.envelope)) return { text: answer.text, outcome: { error: '' }, errorClass: 'NetServerError' };
  const wrapper = body.children.find((c) => c.local === wrapperLocal);
  if (!wrapper) return { text: answer.text, outcome: { error: wrapperLocal } };
  return { text: answer.text, outcome: resultOf(wrapper) };
}

/**
 * Whether the answer's header reports that the call failed, as NetServer does beside a normal Body:
 * an `ExceptionInfo` with content, or `Succeeded` false.
 */
function reportsFailure(envelope: XmlElement): boolean {
  const header = envelope.children.find((c) => c.local === 'Header');
  return (header?.children ?? []).some((h) => (h.local === 'ExceptionInfo' && h.children.length > 0 && !isXsiNil(h)) || (h.local === 'Succeeded' && h.text.trim() === 'false'));
}

function parseSample(sample: Sample): XmlElement | undefined {
  try {
    return parseXml(sample.text, sample.source.line - 1);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return undefined;
    throw error;
  }
}

function restTest(method: Method, title: string, request: Sample | undefined, response: Sample | undefined, lookup: Lookup): TestView {
  const rest = method.rest!;
  const view: TestView = { title, response: '', contentType: stringLiteral('application/json; charset=utf-8'), call: '', expectsError: false, checks: [], helpers: new Set(['fakeServer', 'queryOf']) };
  const reading = request ? readRestSample(request, method, lookup) : undefined;
  const args = requestArguments(reading?.value, method.params.filter((p) => p.in !== 'query'), lookup);
  // Query parameters come from the sample's request line.
  const startLine = request ? splitHttpSample(request.text, 1).startLine : '';
  const query = queryParameters(startLine.split(' ')[1]?.split('?')[1] ?? '');
  const expectedQuery: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const p of method.params.filter((x) => x.in === 'query')) {
    const text = query.get(p.wireName ?? p.name);
    const value = text === undefined ? undefined : queryArgument(text, p, lookup);
    if (value === undefined || value.kind !== 'scalar') continue;
    args.push([p.name, value]);
    const token = value.scalar.json;
    expectedQuery[p.wireName ?? p.name] = token.startsWith('"') ? (JSON.parse(token) as string) : token;
  }
  const ordered = method.params.flatMap((p) => args.filter(([name]) => name === p.name));
  const select = rest.select ? query.get('$select') : undefined;
  if (select !== undefined) {
    ordered.push(['$select', { kind: 'scalar', scalar: expectScalar(select, 'xs:string')! }]);
    expectedQuery['$select'] = select;
  }
  const hasArgs = method.params.length > 0 || rest.select;
  const missingQuery = method.params.find((p) => p.in === 'query' && p.minOccurs > 0 && !ordered.some(([name]) => name === p.name));
  view.call = callExpression(method, hasArgs ? ordered : undefined, missingRequired(ordered, method.params, lookup) !== undefined);
  if (missingQuery) {
    view.response = stringLiteral('');
    outcomeChecks({ error: missingQuery.name }, view, 'EncodeError');
    view.checks.push('expect(server.requests).toEqual([]);');
    return view;
  }
  const bodyParams = method.params.filter((p) => p.in === 'body');
  const sent = restBody(rest.body, ordered, bodyParams);
  view.checks.push(
    'const request = server.requests[0]!;',
    `expect(request.method).toBe(${stringLiteral(rest.verb)});`,
    `expect(new URL(request.url).pathname).toBe(${stringLiteral(`/Cust1/${rest.path}`)});`,
    `expect(queryOf(request.url)).toEqual(${valueLiteral({ ...expectedQuery }, INDENT)});`,
  );
  if (sent === undefined) view.checks.push("expect(request.body).toBe('');");
  else {
    view.helpers.add('canonicalJson');
    view.checks.push(`expect(canonicalJson(request.body)).toEqual(${valueLiteral(jsonLines(sent), INDENT)});`);
  }
  const answer = response ? splitHttpSample(response.text, response.source.line).body : '';
  view.response = stringLiteral(answer);
  let outcome: Outcome | undefined;
  if (method.returns && rest.response === 'binary') {
    view.contentType = stringLiteral('application/octet-stream');
    outcome = { value: { kind: 'scalar', scalar: rawBytes(answer) } };
  } else if (method.returns) {
    const tree = answer.trim() === '' ? undefined : parseJsonTree(answer);
    outcome = tree && 'problem' in tree ? { error: 'JSON' } : restResult(tree?.tree, method.returns, lookup);
  }
  outcomeChecks(outcome, view, 'DecodeError');
  return view;
}

/**
 * A query string's parameters as a URL carries them: `%xx` decoded, and `+` kept (a sample's
 * `?since=2026-01-31T08:00:00+01:00` means the offset, not a space).
 */
function queryParameters(query: string): Map<string, string> {
  const decode = (t: string) => {
    try {
      return decodeURIComponent(t);
    } catch {
      return t;
    }
  };
  const out = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq === -1 ? part : part.slice(0, eq));
    if (!out.has(name)) out.set(name, decode(eq === -1 ? '' : part.slice(eq + 1)));
  }
  return out;
}

/**
 * One vitest file per agent and version that has documented samples, one test per method page: the
 * fake server answers with the documented response, the request the client sends is compared with the
 * sample canonically, and the result with what the sample says (defects repaired and reported, never copied).
 */
export function emitSampleTests(
  model: ApiModel,
  templates: TemplateSet,
  options: { versions?: string[]; agents?: string[]; displayPath: (f: string) => string },
): { files: GeneratedFile[]; diagnostics: Diagnostic[] } {
  const files: GeneratedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const version of model.versions) {
    if (options.versions?.length && !options.versions.includes(version.name)) continue;
    const types = new Map((version.typesFrom ? model.versions.find((v) => v.name === version.typesFrom)?.types ?? version.types : version.types).map((t) => [t.ref, t]));
    for (const t of version.types) types.set(t.ref, t);
    const lookup: Lookup = (ref) => types.get(ref);
    for (const agent of version.agents) {
      if (options.agents?.length && !options.agents.includes(agent.name)) continue;
      const tests = testsOf(version, agent, lookup, options.displayPath, (d) => diagnostics.push(d));
      if (tests.length === 0) continue;
      const className = agentClassName(agent);
      const helpers = new Set(tests.flatMap((t) => [...t.helpers]));
      const errors = ['DecodeError', 'EncodeError', 'NetServerError'].filter((e) => helpers.has(e));
      const testing = ['bytesOf', 'canonicalJson', 'canonicalXml', 'failureOf', 'fakeServer', 'queryOf'].filter((h) => helpers.has(h) || (h === 'failureOf' && errors.length > 0));
      files.push({
        path: `${versionFolder(version)}/${className}.samples.test.ts`,
        content: templates.render('sample-test.ts', {
          version: version.kind === 'rest' ? `REST ${version.name}` : version.name,
          className,
          agent: stringLiteral(`${agent.name} samples (${version.name})`),
          imports: [
            ...(errors.length > 0 ? [`import { ${errors.join(', ')} } from '../runtime/errors.js';`] : []),
            `import { ${testing.join(', ')} } from '../runtime/testing.js';`,
          ].join('\n'),
          namespaces: version.kind === 'soap' ? valueLiteral(namespaceAliases(version)) : undefined,
          tests: tests.map((t) => ({ title: t.title, response: t.response, contentType: t.contentType, call: t.call, expectsError: t.expectsError, checks: t.checks })),
        }),
      });
    }
  }
  return { files, diagnostics };
}

function testsOf(version: ApiVersion, agent: Agent, lookup: Lookup, displayPath: (f: string) => string, report: (d: Diagnostic) => void): TestView[] {
  const tests: TestView[] = [];
  for (const method of agent.methods) {
    if (method.outParams.length > 0) continue;
    for (const group of samplesByPage(method)) {
      const [file, line] = [group.page.slice(0, group.page.lastIndexOf(':')), group.page.slice(group.page.lastIndexOf(':') + 1)];
      const title = stringLiteral(`${method.name} (${displayPath(file)}:${line})`);
      tests.push(method.soap ? soapTest(version, method, title, group.request, group.response, lookup, report) : restTest(method, title, group.request, group.response, lookup));
    }
  }
  return tests;
}

/** SAMPLE-ISSUES.md: every sample defect by kind, with file and line, as people read release notes. */
export function sampleIssuesReport(diagnostics: Diagnostic[], displayPath: (f: string) => string): GeneratedFile {
  const byCode = groupByCode(diagnostics.filter((d) => d.code.startsWith('sample-') || d.code === 'rest-response-for-void'));
  const out = ['# Sample issues', '', 'Defects in the documented samples. The generated SDK and tests follow the WSDL; these are never copied onto the wire.', ''];
  out.push('| kind | count |', '| --- | --- |');
  for (const [code, list] of [...byCode].sort()) out.push(`| \`${code}\` | ${list.length} |`);
  for (const [code, list] of [...byCode].sort()) {
    out.push('', `## ${code}`, '');
    for (const d of list) out.push(`- ${displayPath(d.file)}:${d.line}: ${d.message.replace(/[\r\n]+/g, ' ').replace(/([<>|])/g, '\\$1')}`);
  }
  return { path: 'SAMPLE-ISSUES.md', content: `${out.join('\n')}\n` };
}
