import { attributes, lookupPrefix, type XmlElement } from '../parse/xml-element.js';
import { parseXml, XmlSyntaxError } from '../parse/xml-tree.js';
import type { ApiVersion, Method, Sample, TypeDef, TypeRef } from './api-model.js';
import { diagnostic, type Diagnostic, type DiagnosticCode } from '../facts/diagnostics.js';
import { lexicalProblem, looksLikePlaceholder } from './lexical.js';
import { fieldsWithOwners, responseElements, scalarPrimitive } from './type-graph.js';
import { SOAP11_ENV_NS, SOAP12_ENV_NS, XSI_NS } from '../facts/namespaces.js';
import { splitLines } from '../parse/line-index.js';
import { parseJsonTree, type JsonTree } from '../parse/json-text.js';

type Lookup = (ref: TypeRef) => TypeDef | undefined;

/**
 * A value read from a documented sample, shaped like the SDK's types: objects keyed by wire names,
 * arrays, dictionaries as records, and scalars kept as their text with the type that reads them.
 */
export type SampleValue =
  | null
  | { scalar: TypeRef; text: string }
  | SampleValue[]
  | { fields: Array<[string, SampleValue]> }
  | { entries: Array<[string, SampleValue]> };

export interface SampleReading {
  /** The arguments (request) or the return value (response), when the sample could be read. */
  value?: SampleValue;
  diagnostics: Diagnostic[];
}

/** Checks every sample of a method against the wire types; each defect is one diagnostic at its line. */
export function checkSamples(method: Method, version: ApiVersion, types: Map<TypeRef, TypeDef>): Diagnostic[] {
  const lookup: Lookup = (ref) => types.get(ref);
  const out: Diagnostic[] = [];
  for (const sample of method.samples) {
    if (sample.kind === 'soap-request' || sample.kind === 'soap-response') {
      out.push(...readSoapSample(sample, method, version, lookup).diagnostics);
    } else {
      out.push(...readRestSample(sample, method, lookup).diagnostics);
    }
  }
  return out;
}

export function readSoapSample(sample: Sample, method: Method, version: ApiVersion, lookup: Lookup): SampleReading {
  const diagnostics: Diagnostic[] = [];
  const file = sample.source.file;
  const report = (code: DiagnosticCode, message: string, node?: XmlElement) =>
    diagnostics.push(diagnostic(code, message, node ? { file, line: node.line } : sample.source));
  let root: XmlElement;
  try {
    root = parseXml(sample.text, sample.source.line - 1);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    report('sample-malformed', `sample is not well-formed XML: ${error.message}`);
    diagnostics[diagnostics.length - 1]!.line = error.line;
    return { diagnostics };
  }
  if (root.local !== 'Envelope' || (root.ns !== SOAP11_ENV_NS && root.ns !== SOAP12_ENV_NS)) {
    report('sample-envelope', `sample root <${root.qname}> is not a SOAP envelope`, root);
    return { diagnostics };
  }
  if (root.ns === SOAP12_ENV_NS) report('sample-envelope', 'sample uses the SOAP 1.2 envelope namespace; the WSDL binds SOAP 1.1', root);
  const isRequest = sample.kind === 'soap-request';
  const headers = (isRequest ? method.soap?.requestHeaders ?? [] : method.soap?.responseHeaders ?? []).map((h) => h.name);
  let body: XmlElement | undefined;
  for (const child of root.children) {
    if (child.local === 'Body' && child.ns === root.ns) body = child;
    else if (child.local === 'Header' && child.ns === root.ns) {
      for (const h of child.children) {
        if (!headers.includes(h.local)) report('sample-unknown-element', `header ${h.local} is not bound by the WSDL`, h);
      }
    } else if (headers.includes(child.local)) {
      report('sample-header-placement', `${child.local} stands outside soap:Header; the WSDL binds it as a soap:header part`, child);
    } else report('sample-unknown-element', `<${child.qname}> has no place in a SOAP envelope`, child);
  }
  if (!body) {
    report('sample-envelope', 'sample has no SOAP Body', root);
    return { diagnostics };
  }
  const wrapperName = isRequest ? method.name : `${method.name}Response`;
  const wrapper = body.children[0];
  const tns = version.targetNamespace ?? '';
  if (!wrapper || wrapper.local !== wrapperName || wrapper.ns !== tns) {
    report('sample-unknown-element', `body holds <${wrapper?.qname ?? 'nothing'}>, expected ${wrapperName} in ${tns}`, wrapper ?? body);
    return { diagnostics };
  }
  const ctx: WalkContext = { lookup, report, namespaces: version.namespaces };
  if (isRequest) {
    const fields = method.params.map((p) => ({ ...p, ns: tns }));
    return { value: readSequence(wrapper, fields, ctx), diagnostics };
  }
  if (!method.returns) {
    for (const extra of wrapper.children) report('sample-unknown-element', `${method.name} returns nothing, yet the sample has <${extra.qname}>`, extra);
    return { value: null, diagnostics };
  }
  const result = readSequence(wrapper, responseElements(method).map((p) => ({ ...p, ns: tns })), ctx);
  const value = result && 'fields' in result ? result.fields.find(([name]) => name === method.returns!.name)?.[1] : undefined;
  return value === undefined ? { diagnostics } : { value, diagnostics };
}

interface WalkContext {
  lookup: Lookup;
  report: (code: DiagnosticCode, message: string, node?: XmlElement) => void;
  namespaces: Record<string, string>;
}

interface Expected {
  name: string;
  type: TypeRef;
  minOccurs: number;
  maxOccurs: number;
  nillable: boolean;
  ns: string;
}

/** Per definition: the same types recur in thousands of samples, and their inheritance is walked once. */
const expectedByDef = new WeakMap<TypeDef, Expected[]>();

/** Fields of a complex type in wire order, inherited first, each with the namespace it travels in. */
function expectedFields(def: TypeDef, ctx: WalkContext): Expected[] {
  let expected = expectedByDef.get(def);
  if (!expected) {
    expected = fieldsWithOwners(def, ctx.lookup).map(({ field, owner }) => ({ ...field, ns: owner.namespace }));
    expectedByDef.set(def, expected);
  }
  return expected;
}

function readSequence(parent: XmlElement, expected: Expected[], ctx: WalkContext): SampleValue {
  const fields: Array<[string, SampleValue]> = [];
  let cursor = 0;
  const seen = new Set<string>();
  for (const child of parent.children) {
    const index = expected.findIndex((e) => e.name === child.local);
    if (index === -1) {
      ctx.report('sample-unknown-element', `<${child.local}> is not a field of ${parent.local}`, child);
      continue;
    }
    const field = expected[index]!;
    if (child.ns !== field.ns) {
      ctx.report('sample-unknown-element', `<${child.local}> is in namespace '${child.ns}', the WSDL puts it in '${field.ns}'`, child);
    }
    if (index < cursor) ctx.report('sample-element-order', `<${child.local}> comes after <${expected[cursor]!.name}>; the schema orders it before`, child);
    cursor = Math.max(cursor, index);
    if (seen.has(field.name) && field.maxOccurs === 1) ctx.report('sample-unknown-element', `<${child.local}> appears more than once`, child);
    seen.add(field.name);
    const value = readElement(child, field, ctx);
    // A defect (such as nil where the schema forbids it) is reported and left out, never sent on.
    if (value !== undefined) fields.push([field.name, value]);
  }
  for (const field of expected) {
    if (field.minOccurs > 0 && !seen.has(field.name)) {
      ctx.report('sample-missing-element', `required <${field.name}> is missing from ${parent.local}`, parent);
    }
  }
  return { fields };
}

function readElement(node: XmlElement, field: Pick<Expected, 'type' | 'nillable' | 'name'>, ctx: WalkContext): SampleValue | undefined {
  if (isXsiNil(node)) {
    if (!field.nillable) {
      ctx.report('sample-value', `<${node.local}> is nil but not nillable`, node);
      return undefined;
    }
    return null;
  }
  const def = ctx.lookup(field.type);
  if (!def || def.kind === 'enum' || def.kind === 'flags' || def.kind === 'simple') {
    if (node.children.length > 0) ctx.report('sample-value', `<${node.local}> should hold text, not elements`, node);
    const problem = lexicalProblem(node.text, field.type, ctx.lookup);
    if (problem) ctx.report(looksLikePlaceholder(node.text) ? 'sample-placeholder' : 'sample-value', `<${node.local}>: ${problem}`, node);
    return { scalar: field.type, text: node.text };
  }
  if (node.children.length === 0 && def.kind !== 'dictionary') {
    // Not wrong, but easy to misread: the tests send and expect an empty value, not the text.
    const what = def.kind === 'array' ? 'no items: an empty' : 'no fields: an empty';
    ctx.report('sample-empty-value', `<${node.local}> holds ${what} ${def.name}${node.text.trim() === '' && node.text !== '' ? ' (its text is only whitespace)' : ''}`, node);
  }
  if (def.kind === 'array') {
    const item = def.item!;
    const ns = def.namespace;
    const items: SampleValue[] = [];
    for (const child of node.children) {
      if (child.local !== item.elementName || child.ns !== ns) {
        ctx.report('sample-unknown-element', `<${child.qname}> in ${def.name}: items are <${item.elementName}> in '${ns}'`, child);
      }
      const value = readElement(child, { type: item.type, nillable: item.nillable, name: item.elementName }, ctx);
      if (value !== undefined) items.push(value);
    }
    return items;
  }
  if (def.kind === 'dictionary') {
    const entry = def.entry!;
    const entries: Array<[string, SampleValue]> = [];
    for (const child of node.children) {
      if (child.local !== entry.elementName) {
        ctx.report('sample-unknown-element', `<${child.qname}> in ${def.name}: entries are <${entry.elementName}>`, child);
        continue;
      }
      const key = child.children.find((c) => c.local === entry.keyName);
      const value = child.children.find((c) => c.local === entry.valueName);
      if (!key) {
        ctx.report('sample-missing-element', `entry of ${def.name} has no <${entry.keyName}>`, child);
        continue;
      }
      const read = value ? readElement(value, { type: entry.valueType, nillable: entry.valueNillable, name: entry.valueName }, ctx) : null;
      if (read !== undefined) entries.push([key.text, read]);
    }
    return { entries };
  }
  const expected = expectedFields(def, ctx);
  return readSequence(node, expected, ctx);
}

/** Whether a sample element is `xsi:nil` (true or 1, whitespace collapsed as xs:boolean does), its prefix resolved. */
export function isXsiNil(node: XmlElement): boolean {
  for (const [name, value] of attributes(node)) {
    const colon = name.indexOf(':');
    if (colon !== -1 && name.slice(colon + 1) === 'nil' && lookupPrefix(node.scope, name.slice(0, colon)) === XSI_NS) {
      return value.trim() === 'true' || value.trim() === '1';
    }
  }
  return false;
}

/** A REST sample: an HTTP message (request line or status line, headers, blank line, JSON body). */
export interface HttpSample {
  startLine: string;
  headers: Array<[string, string]>;
  body: string;
  bodyLine: number;
}

export function splitHttpSample(text: string, firstLine: number): HttpSample {
  const lines = splitLines(text);
  const blank = lines.findIndex((l) => l.trim() === '');
  const head = blank === -1 ? lines : lines.slice(0, blank);
  const headers: Array<[string, string]> = [];
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return {
    startLine: head[0]?.trim() ?? '',
    headers,
    body: blank === -1 ? '' : lines.slice(blank + 1).join('\n').trim(),
    bodyLine: firstLine + (blank === -1 ? lines.length : blank + 1),
  };
}

export function readRestSample(sample: Sample, method: Method, lookup: Lookup): SampleReading {
  const diagnostics: Diagnostic[] = [];
  const http = splitHttpSample(sample.text, sample.source.line);
  const at = { file: sample.source.file, line: http.bodyLine };
  const report = (code: DiagnosticCode, message: string) => diagnostics.push(diagnostic(code, message, at));
  if (sample.kind === 'rest-request') {
    const expected = `${method.rest?.verb ?? 'POST'} /${method.rest?.path ?? ''}`;
    if (http.startLine.split('?')[0] !== expected) {
      diagnostics.push(diagnostic('sample-value', `request line '${http.startLine}' is not '${expected}'`, sample.source));
    }
  }
  if (http.body === '') {
    const needsBody = sample.kind === 'rest-request' ? method.rest?.body !== 'none' && method.params.some((p) => p.in === 'body') : method.returns !== null;
    if (needsBody) report('sample-missing-element', `the ${sample.kind === 'rest-request' ? 'request' : 'response'} sample has no body`);
    return { diagnostics };
  }
  const parsed = parseJsonTree(http.body, http.bodyLine - 1);
  if ('problem' in parsed) {
    diagnostics.push(diagnostic('sample-malformed', `sample body is not JSON: ${parsed.problem.message}`, { file: at.file, line: parsed.problem.line }));
    return { diagnostics };
  }
  const json = parsed.tree;
  const ctx: JsonContext = { lookup, report };
  if (sample.kind === 'rest-request') {
    const bodyParams = method.params.filter((p) => p.in === 'body');
    if (method.rest?.body === 'value' && bodyParams[0]) {
      return { value: { fields: [[bodyParams[0].name, readJson(json, bodyParams[0].type, bodyParams[0].name, ctx)]] }, diagnostics };
    }
    if (json.type !== 'object') {
      report('sample-value', 'request body is not an object of the parameters');
      return { diagnostics };
    }
    const fields: Array<[string, SampleValue]> = [];
    for (const [key, value] of json.entries) {
      const param = bodyParams.find((p) => p.name === key);
      if (!param) report('sample-unknown-element', `request body has '${key}', which is not a body parameter of ${method.name}`);
      else fields.push([param.name, readJson(value, param.type, key, ctx)]);
    }
    return { value: { fields }, diagnostics };
  }
  if (!method.returns) {
    report('sample-unknown-element', `${method.name} returns nothing, yet the sample response has a body`);
    return { diagnostics };
  }
  return { value: readJson(json, method.returns.type, 'response', ctx), diagnostics };
}

interface JsonContext {
  lookup: Lookup;
  report: (code: DiagnosticCode, message: string) => void;
}

/** JSON writes an absent carrier as null whatever the schema says; only scalars are held to nillable. */
function isStructured(type: TypeRef, lookup: Lookup): boolean {
  const kind = lookup(type)?.kind;
  return kind === 'complex' || kind === 'array' || kind === 'dictionary';
}

const JSON_NUMBERS = new Set(['xs:int', 'xs:short', 'xs:byte', 'xs:long', 'xs:unsignedInt', 'xs:unsignedShort', 'xs:unsignedByte', 'xs:unsignedLong', 'xs:double', 'xs:float', 'xs:decimal', 'ser:char']);

function jsonText(value: JsonTree): string {
  switch (value.type) {
    case 'number':
      return value.text;
    case 'string':
      return JSON.stringify(value.value);
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'null';
    default:
      return value.type === 'array' ? 'an array' : 'an object';
  }
}

function readJson(value: JsonTree, type: TypeRef, name: string, ctx: JsonContext): SampleValue {
  if (value.type === 'null') return null;
  const def = ctx.lookup(type);
  if (!def || def.kind === 'enum' || def.kind === 'flags' || def.kind === 'simple') {
    const base = scalarPrimitive(type, ctx.lookup) ?? type;
    if (def?.kind === 'flags' && value.type === 'string') {
      // JSON writes flag enums as "A, B"; the wire form is space separated.
      const text = value.value.split(/\s*,\s*|\s+/).filter(Boolean).join(' ');
      const problem = lexicalProblem(text, type, ctx.lookup);
      if (problem) ctx.report('sample-value', `${name}: ${problem}`);
      return { scalar: type, text };
    }
    if (type === 'xs:boolean') {
      if (value.type !== 'boolean') ctx.report('sample-value', `${name}: ${jsonText(value)} is not a boolean`);
      return { scalar: type, text: value.type === 'boolean' ? String(value.value) : jsonText(value) };
    }
    if (JSON_NUMBERS.has(base) && def?.kind !== 'enum') {
      // The number's own text: an int64 or a decimal keeps every digit.
      if (value.type !== 'number') ctx.report('sample-value', `${name}: ${jsonText(value)} is not a number`);
      return { scalar: type, text: value.type === 'number' ? value.text : value.type === 'string' ? value.value : jsonText(value) };
    }
    if (value.type !== 'string') {
      ctx.report('sample-value', `${name}: ${jsonText(value)} is not a string`);
      return { scalar: type, text: jsonText(value) };
    }
    const problem = lexicalProblem(value.value, type, ctx.lookup);
    if (problem) ctx.report(looksLikePlaceholder(value.value) ? 'sample-placeholder' : 'sample-value', `${name}: ${problem}`);
    return { scalar: type, text: value.value };
  }
  if (def.kind === 'array') {
    if (value.type !== 'array') {
      ctx.report('sample-value', `${name}: expected an array of ${def.item!.type}`);
      return [];
    }
    if (value.items.length === 0) ctx.report('sample-empty-value', `${name} holds no items: an empty ${def.name}`);
    return value.items.map((v, i) => readJson(v, def.item!.type, `${name}[${i}]`, ctx));
  }
  if (value.type !== 'object') {
    ctx.report('sample-value', `${name}: expected an object of ${type}`);
    return null;
  }
  if (def.kind === 'dictionary') {
    return { entries: value.entries.map(([k, v]) => [k, readJson(v, def.entry!.valueType, `${name}.${k}`, ctx)]) };
  }
  const fields = fieldsWithOwners(def, ctx.lookup).map((f) => f.field);
  const out: Array<[string, SampleValue]> = [];
  for (const [key, v] of value.entries) {
    const field = fields.find((f) => f.name === key);
    if (!field) {
      ctx.report('sample-unknown-element', `${name}.${key} is not a field of ${type}`);
      continue;
    }
    if (v.type === 'null' && !field.nillable && !isStructured(field.type, ctx.lookup)) {
      ctx.report('sample-value', `${name}.${key} is null but not nillable`);
      continue;
    }
    // A repeated field travels as a JSON array; each item is one occurrence, as in XML.
    if (field.maxOccurs !== 1 && v.type === 'array') v.items.forEach((item, i) => out.push([key, readJson(item, field.type, `${name}.${key}[${i}]`, ctx)]));
    else out.push([key, readJson(v, field.type, `${name}.${key}`, ctx)]);
  }
  return { fields: out };
}
