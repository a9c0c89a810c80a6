import type { Agent, ApiModel, ApiVersion, Method, Sample, TypeDef, TypeRef } from '../model/api-model.js';
import type { Diagnostic } from '../model/diagnostics.js';
import { SOAP11_ENV_NS } from '../model/namespaces.js';
import { readRestSample, readSoapSample, splitHttpSample } from '../model/sample-check.js';
import { sampleToValue } from '../model/sample-values.js';
import { decodeScalar } from '../runtime/scalars.js';
import type { GeneratedFile } from './emit-sdk.js';
import { agentClassName, versionFolder } from './emit-sdk.js';
import { methodKey, stringLiteral } from './safe-identifier.js';
import { canonicalLines, jsonOf, responseEnvelope } from './sample-wire.js';
import { scalarPrimitive } from '../model/type-graph.js';
import type { TemplateSet } from './templates.js';
import { valueLiteral } from './value-literal.js';

type Lookup = (ref: TypeRef) => TypeDef | undefined;

const TICKET = 'sample-ticket';
const APP_TOKEN = 'sample-app-token';

interface TestView {
  title: string;
  call: string;
  soap: boolean;
  rest: boolean;
  response: string;
  contentType: string;
  action?: string;
  headerLines?: string;
  bodyLines?: string;
  verb?: string;
  path?: string;
  query?: string;
  body?: string;
  expected: string;
  checkResult: boolean;
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
function callExpression(method: Method, args: Record<string, unknown> | undefined): string {
  const key = methodKey(method.name);
  const member = key.startsWith('"') ? `[${key}]` : `.${key}`;
  return `${member}(${args === undefined ? '' : valueLiteral(args, '    ')})`;
}

function lines(list: string[], version: ApiVersion): string {
  // Name namespaces as the test file's `ns` object does, so the expected lines read like the XML.
  const aliases = [...Object.entries(namespaceAliases(version))].sort((a, b) => b[1].length - a[1].length);
  const named = list.map((l) => aliases.reduce((text, [alias, uri]) => text.split(`{${uri}}`).join(`${alias}:`), l));
  return `[\n${named.map((l) => `      ${stringLiteral(l)},`).join('\n')}\n    ]`;
}

export function namespaceAliases(version: ApiVersion): Record<string, string> {
  const out: Record<string, string> = { soap: SOAP11_ENV_NS };
  for (const [prefix, uri] of Object.entries(version.namespaces)) if (prefix !== 'xs') out[prefix] = uri;
  return out;
}

function soapTest(version: ApiVersion, method: Method, page: string, request: Sample | undefined, response: Sample | undefined, lookup: Lookup): TestView {
  const soap = method.soap!;
  const reqReading = request ? readSoapSample(request, method, version, lookup) : undefined;
  const args = reqReading?.value ? (sampleToValue(reqReading.value, lookup) as Record<string, unknown>) : {};
  const resReading = response ? readSoapSample(response, method, version, lookup) : undefined;
  const expected = method.returns && resReading?.value !== undefined ? sampleToValue(resReading.value, lookup) : undefined;
  const results = method.returns ? [{ name: method.returns.name, type: method.returns.type }] : [];
  const resultValues: Record<string, unknown> = method.returns && expected !== undefined ? { [method.returns.name]: expected } : {};
  const envelope = responseEnvelope(soap.responseElement, results, resultValues, version, lookup);
  const tns = version.targetNamespace ?? '';
  const headerLines = soap.requestHeaders.flatMap((h) =>
    h.name === 'ApplicationToken' ? [`/{${SOAP11_ENV_NS}}Header/{${tns}}ApplicationToken = ${JSON.stringify(APP_TOKEN)}`] : h.name === 'Credentials' ? [`/{${SOAP11_ENV_NS}}Header/{${tns}}Credentials/{${tns}}Ticket = ${JSON.stringify(TICKET)}`] : [],
  );
  const body = canonicalLines(soap.requestElement, method.params, args, version, lookup).map((l) => `/{${SOAP11_ENV_NS}}Body${l}`);
  const checkResult = method.returns === null || expected !== undefined;
  return {
    title: `${method.name} (${page})`,
    call: callExpression(method, method.params.length > 0 ? args : undefined),
    soap: true,
    rest: false,
    response: stringLiteral(envelope),
    contentType: stringLiteral('text/xml; charset=utf-8'),
    action: stringLiteral(`"${soap.soapAction}"`),
    headerLines: lines(headerLines, version),
    bodyLines: lines(body, version),
    expected: method.returns ? valueLiteral(method.returns.nillable && expected === undefined ? null : expected ?? null, '    ') : 'undefined',
    checkResult,
  };
}

function restTest(method: Method, page: string, request: Sample | undefined, response: Sample | undefined, lookup: Lookup): TestView {
  const rest = method.rest!;
  const reqReading = request ? readRestSample(request, method, lookup) : undefined;
  const args = reqReading?.value ? (sampleToValue(reqReading.value, lookup) as Record<string, unknown>) : {};
  // Query parameters come from the sample's request line.
  const startLine = request ? splitHttpSample(request.text, 1).startLine : '';
  const query = new URLSearchParams(startLine.split(' ')[1]?.split('?')[1] ?? '');
  for (const p of method.params.filter((x) => x.in === 'query')) {
    const text = query.get(p.wireName ?? p.name);
    if (text === null) continue;
    try {
      args[p.name] = decodeScalar(text, scalarPrimitive(p.type, lookup) ?? p.type, p.name);
    } catch {
      // A query value that does not fit is a sample defect, reported by the checker; leave it out.
    }
  }
  const resReading = response ? readRestSample(response, method, lookup) : undefined;
  const expected = method.returns && resReading?.value !== undefined ? sampleToValue(resReading.value, lookup) : undefined;
  const bodyParams = method.params.filter((p) => p.in === 'body');
  let body = 'undefined';
  if (rest.body === 'object') {
    body = `{${bodyParams.filter((p) => args[p.name] !== undefined).map((p) => `${JSON.stringify(p.name)}:${jsonOf(args[p.name], p.type, lookup)}`).join(',')}}`;
  } else if (rest.body === 'value' && bodyParams[0]) {
    body = jsonOf(args[bodyParams[0].name] ?? null, bodyParams[0].type, lookup);
  }
  const queryParts = method.params
    .filter((p) => p.in === 'query' && args[p.name] !== undefined && args[p.name] !== null)
    .map((p) => [p.wireName ?? p.name, JSON.parse(jsonOf(args[p.name], p.type, lookup)) as unknown]);
  const answer = method.returns && expected !== undefined ? jsonOf(expected, method.returns.type, lookup) : '';
  const hasArgs = method.params.length > 0 || rest.select;
  return {
    title: `${method.name} (${page})`,
    call: callExpression(method, hasArgs ? args : undefined),
    soap: false,
    rest: true,
    response: stringLiteral(answer),
    contentType: stringLiteral('application/json; charset=utf-8'),
    verb: stringLiteral(rest.verb),
    path: stringLiteral(`/${rest.path}`),
    query: valueLiteral(Object.fromEntries(queryParts.map(([k, v]) => [k as string, String(v)])), '    '),
    body: body === 'undefined' ? 'undefined' : stringLiteral(body),
    expected: method.returns ? valueLiteral(expected ?? null, '    ') : 'undefined',
    checkResult: method.returns === null || expected !== undefined,
  };
}

/**
 * One vitest file per agent and version that has documented samples, one test per method page:
 * the request the client sends is compared canonically with the sample (defects repaired and
 * reported, never copied), and the sample response decodes into the typed result.
 */
export function emitSampleTests(model: ApiModel, templates: TemplateSet, options: { versions?: string[]; agents?: string[]; displayPath: (f: string) => string }): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  for (const version of model.versions) {
    if (options.versions?.length && !options.versions.includes(version.name)) continue;
    const types = new Map((version.typesFrom ? model.versions.find((v) => v.name === version.typesFrom)?.types ?? version.types : version.types).map((t) => [t.ref, t]));
    for (const t of version.types) types.set(t.ref, t);
    const lookup: Lookup = (ref) => types.get(ref);
    for (const agent of version.agents) {
      if (options.agents?.length && !options.agents.includes(agent.name)) continue;
      const tests = testsOf(version, agent, lookup, options.displayPath);
      if (tests.length === 0) continue;
      const className = agentClassName(agent);
      files.push({
        path: `${versionFolder(version)}/${className}.samples.test.ts`,
        content: templates.render('sample-test.ts', {
          version: version.kind === 'rest' ? `REST ${version.name}` : version.name,
          className,
          agent: stringLiteral(`${agent.name} samples (${version.name})`),
          namespaces: valueLiteral(namespaceAliases(version)),
          tests,
        }),
      });
    }
  }
  return files;
}

function testsOf(version: ApiVersion, agent: Agent, lookup: Lookup, displayPath: (f: string) => string): TestView[] {
  const tests: TestView[] = [];
  for (const method of agent.methods) {
    if (method.outParams.length > 0) continue;
    for (const group of samplesByPage(method)) {
      const [file, line] = [group.page.slice(0, group.page.lastIndexOf(':')), group.page.slice(group.page.lastIndexOf(':') + 1)];
      const page = `${displayPath(file)}:${line}`;
      const view = method.soap ? soapTest(version, method, page, group.request, group.response, lookup) : restTest(method, page, group.request, group.response, lookup);
      tests.push({ ...view, title: stringLiteral(view.title) });
    }
  }
  return tests;
}

/** SAMPLE-ISSUES.md: every sample defect by kind, with file and line, as people read release notes. */
export function sampleIssuesReport(diagnostics: Diagnostic[], displayPath: (f: string) => string): GeneratedFile {
  const samples = diagnostics.filter((d) => d.code.startsWith('sample-') || d.code === 'rest-response-for-void');
  const byCode = new Map<string, Diagnostic[]>();
  for (const d of samples) {
    if (!byCode.has(d.code)) byCode.set(d.code, []);
    byCode.get(d.code)!.push(d);
  }
  const out = ['# Sample issues', '', 'Defects in the documented samples. The generated SDK and tests follow the WSDL; these are never copied onto the wire.', ''];
  out.push('| kind | count |', '| --- | --- |');
  for (const [code, list] of [...byCode].sort()) out.push(`| \`${code}\` | ${list.length} |`);
  for (const [code, list] of [...byCode].sort()) {
    out.push('', `## ${code}`, '');
    for (const d of list) out.push(`- ${displayPath(d.file)}:${d.line}: ${d.message.replace(/[\r\n]+/g, ' ').replace(/([<>|])/g, '\\$1')}`);
  }
  return { path: 'SAMPLE-ISSUES.md', content: `${out.join('\n')}\n` };
}
