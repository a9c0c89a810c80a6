import { escapePointer, type JsonTree } from '../parse/json-text.js';
import type { XmlElement } from '../parse/xml-element.js';
import type { Param, ReturnValue, TypeDef, TypeRef } from '../model/api-model.js';
import { lexicalProblem } from '../model/lexical.js';
import { isXsiNil, type SampleValue } from '../model/sample-check.js';
import { fieldsWithOwners, scalarPrimitive } from '../model/type-graph.js';
import { objectKey } from './safe-identifier.js';
import { expectFlags, expectScalar, type ScalarExpectation } from './sample-scalars.js';

type Lookup = (ref: TypeRef) => TypeDef | undefined;

/**
 * What a generated sample test expects, worked out from the sample itself by the wire rules (the
 * WSDL's types, XML Schema's lexical forms, the README's type table), never through the runtime's
 * codecs: values as the test spells them, the canonical lines of the request a correct client
 * sends, and what a correct decoder makes of the documented answer.
 */
export type Expected =
  | { kind: 'nil' }
  | { kind: 'scalar'; scalar: ScalarExpectation }
  | { kind: 'list'; items: Expected[] }
  | { kind: 'map'; entries: Array<[string, Expected]> }
  | { kind: 'object'; fields: Array<[string, Expected]> };

/** A decoded answer, or the place where a correct decoder must refuse it. */
export type Outcome = { value: Expected } | { error: string };

const NIL: Expected = { kind: 'nil' };

// ---------------------------------------------------------------------------------------------
// Requests: what a client can be asked to send of a sample, defects left out (the checker reports them)

/** The arguments of a call, in wire order, from a sample read by the checker; values that cannot be sent are left out. */
export function requestArguments(value: SampleValue | undefined, params: Param[], lookup: Lookup): Array<[string, Expected]> {
  const fields = value && !Array.isArray(value) && value !== null && 'fields' in value ? value.fields : [];
  const out: Array<[string, Expected]> = [];
  for (const param of params) {
    const found = pickField(fields, param, lookup);
    if (found !== undefined) out.push([param.name, found]);
  }
  return out;
}

function pickField(fields: Array<[string, SampleValue]>, field: { name: string; type: TypeRef; nillable: boolean; maxOccurs: number }, lookup: Lookup): Expected | undefined {
  const candidates = fields.filter(([name]) => name === field.name).map(([, v]) => sendable(v, field.type, field.nillable, lookup));
  const valid = candidates.filter((c): c is Expected => c !== undefined);
  if (field.maxOccurs !== 1) return valid.length > 0 ? { kind: 'list', items: valid } : undefined;
  return valid[0];
}

function sendable(value: SampleValue, type: TypeRef, nillable: boolean, lookup: Lookup): Expected | undefined {
  if (value === null) return nillable ? NIL : undefined;
  const def = lookup(type);
  if (Array.isArray(value)) {
    if (def?.kind !== 'array') return undefined;
    const item = def.item!;
    return { kind: 'list', items: value.map((v) => sendable(v, item.type, item.nillable, lookup)).filter((v): v is Expected => v !== undefined) };
  }
  if ('entries' in value) {
    if (def?.kind !== 'dictionary') return undefined;
    const entry = def.entry!;
    const entries: Array<[string, Expected]> = [];
    for (const [key, v] of value.entries) {
      const item = sendable(v, entry.valueType, entry.valueNillable, lookup);
      if (item !== undefined) setEntry(entries, key, item);
    }
    return { kind: 'map', entries };
  }
  if ('fields' in value) {
    if (def?.kind !== 'complex') return undefined;
    const fields: Array<[string, Expected]> = [];
    for (const { field } of fieldsWithOwners(def, lookup)) {
      const found = pickField(value.fields, field, lookup);
      if (found !== undefined) fields.push([field.name, found]);
    }
    return { kind: 'object', fields };
  }
  return sendableScalar(value.text, value.scalar, lookup);
}

function sendableScalar(text: string, type: TypeRef, lookup: Lookup): Expected | undefined {
  const def = lookup(type);
  if (def && def.kind !== 'enum' && def.kind !== 'flags' && def.kind !== 'simple') return undefined;
  // A type the model cannot resolve has no TypeScript type to hold a value: nothing can be sent.
  if (!def && !type.startsWith('xs:')) return undefined;
  if (lexicalProblem(text, type, lookup)) return undefined;
  if (def?.kind === 'flags') return { kind: 'scalar', scalar: expectFlags(text) };
  const scalar = def?.kind === 'enum' ? expectScalar(text.trim(), 'xs:string') : expectScalar(text, scalarPrimitive(type, lookup) ?? type);
  return scalar && { kind: 'scalar', scalar };
}

/** A query parameter's value, from the sample's request line. */
export function queryArgument(text: string, param: Param, lookup: Lookup): Expected | undefined {
  return sendableScalar(text, param.type, lookup);
}

// ---------------------------------------------------------------------------------------------
// Canonical request lines, in the form `canonicalXml` and `canonicalJson` of the test support print

/** `/{ns}Wrapper/{ns}Param/... = "text"` lines of a SOAP request body; an element with no child elements is one line. */
export function soapRequestLines(wrapper: { ns: string; local: string }, args: Array<[string, Expected]>, params: Param[], lookup: Lookup): string[] {
  const lines: string[] = [];
  const path = `/{${wrapper.ns}}${wrapper.local}`;
  for (const [name, value] of args) {
    const param = params.find((p) => p.name === name)!;
    elementLines(path, wrapper.ns, name, value, param.type, param.maxOccurs, lookup, lines);
  }
  if (lines.length === 0) lines.push(`${path} = ""`);
  return lines;
}

function elementLines(parent: string, ns: string, local: string, value: Expected, type: TypeRef, maxOccurs: number, lookup: Lookup, lines: string[]): void {
  if (maxOccurs !== 1 && value.kind === 'list') {
    for (const item of value.items) elementLines(parent, ns, local, item, type, 1, lookup, lines);
    return;
  }
  const path = `${parent}/{${ns}}${local}`;
  if (value.kind === 'nil') return void lines.push(`${path} = nil`);
  if (value.kind === 'scalar') return void lines.push(`${path} = ${JSON.stringify(value.scalar.xml)}`);
  const def = lookup(type)!;
  const before = lines.length;
  // Items and entries travel in the namespace of their array or dictionary type.
  const typeNs = def.namespace;
  if (value.kind === 'list') {
    for (const item of value.items) elementLines(path, typeNs, def.item!.elementName, item, def.item!.type, 1, lookup, lines);
  } else if (value.kind === 'map') {
    const e = def.entry!;
    for (const [key, item] of recordOrder(value.entries)) {
      const entry = `${path}/{${typeNs}}${e.elementName}`;
      lines.push(`${entry}/{${typeNs}}${e.keyName} = ${JSON.stringify(key)}`);
      elementLines(entry, typeNs, e.valueName, item, e.valueType, 1, lookup, lines);
    }
  } else {
    const owners = new Map(fieldsWithOwners(def, lookup).map(({ field, owner }) => [field.name, { field, ns: owner.namespace }]));
    for (const [name, item] of value.fields) {
      const { field, ns: fieldNs } = owners.get(name)!;
      elementLines(path, fieldNs, name, item, field.type, field.maxOccurs, lookup, lines);
    }
  }
  if (lines.length === before) lines.push(`${path} = ""`);
}

/**
 * Entries in the order a JavaScript object holds them, which is the order a caller's record is sent
 * in: keys that are array indexes first, ascending, then the others as written.
 */
function recordOrder(entries: Array<[string, Expected]>): Array<[string, Expected]> {
  const isIndex = (k: string) => /^(0|[1-9]\d*)$/.test(k) && Number(k) < 2 ** 32 - 1;
  const indexes = entries.filter(([k]) => isIndex(k)).sort(([a], [b]) => Number(a) - Number(b));
  return [...indexes, ...entries.filter(([k]) => !isIndex(k))];
}

/** `/Name/0/Field = token` lines of a JSON body: keys sorted, numbers as the exact token a client must send. */
export function jsonLines(value: Expected | undefined): string[] {
  const lines: string[] = [];
  if (value !== undefined) jsonValueLines('', value, lines);
  return lines;
}

function jsonValueLines(path: string, value: Expected, lines: string[]): void {
  if (value.kind === 'nil') return void lines.push(`${path} = null`);
  if (value.kind === 'scalar') return void lines.push(`${path} = ${value.scalar.json}`);
  if (value.kind === 'list') {
    if (value.items.length === 0) return void lines.push(`${path} = []`);
    value.items.forEach((item, i) => jsonValueLines(`${path}/${i}`, item, lines));
    return;
  }
  const entries = value.kind === 'map' ? value.entries : value.fields;
  if (entries.length === 0) return void lines.push(`${path} = {}`);
  for (const [key, item] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    jsonValueLines(`${path}/${escapePointer(key)}`, item, lines);
  }
}

/** The JSON body a REST call sends: an object of the body parameters, or the one parameter itself. */
export function restBody(shape: 'object' | 'value' | 'none', args: Array<[string, Expected]>, bodyParams: Param[]): Expected | undefined {
  if (shape === 'none') return undefined;
  if (shape === 'value') return args.find(([name]) => name === bodyParams[0]?.name)?.[1] ?? NIL;
  return { kind: 'object', fields: args.filter(([name]) => bodyParams.some((p) => p.name === name)) };
}

// ---------------------------------------------------------------------------------------------
// Answers: what a correct decoder makes of the documented response

/** The result in a SOAP response wrapper: matched by name, unknown elements beside it ignored. */
export function soapResult(wrapper: XmlElement, returns: ReturnValue, lookup: Lookup): Outcome {
  const element = wrapper.children.find((c) => c.local === returns.name);
  if (!element) {
    if (wrapper.children.length > 0) return { error: returns.name };
    return returns.nillable ? { value: NIL } : { error: returns.name };
  }
  return decodeXml(element, returns.type, lookup);
}

class Refused {
  constructor(readonly where: string) {}
}

function decodeXml(node: XmlElement, type: TypeRef, lookup: Lookup): Outcome {
  try {
    return { value: xmlValue(node, type, lookup, node.local) };
  } catch (error) {
    if (error instanceof Refused) return { error: error.where };
    throw error;
  }
}

/** `field` names the nearest field element: an array item or dictionary entry is refused under its field's name. */
function xmlValue(node: XmlElement, type: TypeRef, lookup: Lookup, field: string): Expected {
  if (isXsiNil(node)) return NIL;
  const def = lookup(type);
  if (!def || def.kind === 'simple' || def.kind === 'enum') {
    const scalar = expectScalar(node.text, scalarPrimitive(type, lookup) ?? type);
    if (!scalar) throw new Refused(field);
    return { kind: 'scalar', scalar };
  }
  if (def.kind === 'flags') return { kind: 'scalar', scalar: expectFlags(node.text) };
  if (def.kind === 'array') {
    const item = def.item!;
    return { kind: 'list', items: node.children.filter((c) => c.local === item.elementName).map((c) => xmlValue(c, item.type, lookup, field)) };
  }
  if (def.kind === 'dictionary') {
    const e = def.entry!;
    const entries: Array<[string, Expected]> = [];
    for (const entry of node.children.filter((c) => c.local === e.elementName)) {
      const key = entry.children.find((c) => c.local === e.keyName);
      if (!key) throw new Refused(field);
      const value = entry.children.find((c) => c.local === e.valueName);
      setEntry(entries, key.text, value ? xmlValue(value, e.valueType, lookup, field) : NIL);
    }
    return { kind: 'map', entries };
  }
  const fields: Array<[string, Expected]> = [];
  for (const { field } of fieldsWithOwners(def, lookup)) {
    const matches = node.children.filter((c) => c.local === field.name);
    if (matches.length === 0) continue;
    fields.push([field.name, field.maxOccurs !== 1 ? { kind: 'list', items: matches.map((m) => xmlValue(m, field.type, lookup, field.name)) } : xmlValue(matches[0]!, field.type, lookup, field.name)]);
  }
  return { kind: 'object', fields };
}

/** A record keeps the first position of a key and the last value given for it. */
function setEntry(entries: Array<[string, Expected]>, key: string, value: Expected): void {
  const at = entries.findIndex(([k]) => k === key);
  if (at === -1) entries.push([key, value]);
  else entries[at] = [key, value];
}

/** The result of a REST answer: its body read as the response type, unknown properties ignored. */
export function restResult(body: JsonTree | undefined, returns: ReturnValue, lookup: Lookup): Outcome {
  if (body === undefined) return returns.nillable ? { value: NIL } : { error: 'body' };
  try {
    return { value: jsonValue(body, returns.type, lookup) };
  } catch (error) {
    if (error instanceof Refused) return { error: error.where };
    throw error;
  }
}

function jsonValue(value: JsonTree, type: TypeRef, lookup: Lookup, where = 'response'): Expected {
  if (value.type === 'null') return NIL;
  const def = lookup(type);
  if (!def || def.kind === 'simple' || def.kind === 'enum') {
    const primitive = scalarPrimitive(type, lookup) ?? type;
    if (primitive === 'xs:anyType') return plainJson(value);
    const text = value.type === 'number' ? value.text : value.type === 'string' ? value.value : value.type === 'boolean' ? String(value.value) : undefined;
    const scalar = text === undefined ? undefined : expectScalar(text, primitive);
    if (!scalar) throw new Refused(where);
    return { kind: 'scalar', scalar };
  }
  if (def.kind === 'flags') {
    if (value.type === 'string') return { kind: 'scalar', scalar: expectFlags(value.value.replace(/,/g, ' ')) };
    if (value.type === 'array' && value.items.every((v) => v.type === 'string')) {
      return { kind: 'scalar', scalar: expectFlags(value.items.map((v) => (v.type === 'string' ? v.value : '')).join(' ')) };
    }
    throw new Refused(where);
  }
  if (def.kind === 'array') {
    if (value.type !== 'array') throw new Refused(where);
    return { kind: 'list', items: value.items.map((v, i) => jsonValue(v, def.item!.type, lookup, `${where}[${i}]`)) };
  }
  if (value.type !== 'object') throw new Refused(where);
  if (def.kind === 'dictionary') {
    const entries: Array<[string, Expected]> = [];
    for (const [key, v] of value.entries) setEntry(entries, key, jsonValue(v, def.entry!.valueType, lookup, key));
    return { kind: 'map', entries };
  }
  const fields: Array<[string, Expected]> = [];
  for (const { field } of fieldsWithOwners(def, lookup)) {
    const given = value.entries.filter(([key]) => key === field.name).pop();
    if (!given) continue;
    const v = given[1];
    fields.push([field.name, field.maxOccurs !== 1 && v.type === 'array' ? { kind: 'list', items: v.items.map((x) => jsonValue(x, field.type, lookup, field.name)) } : jsonValue(v, field.type, lookup, field.name)]);
  }
  return { kind: 'object', fields };
}

/** `xs:anyType` in JSON is the plain JSON value; its numbers are JavaScript numbers. */
function plainJson(value: JsonTree): Expected {
  switch (value.type) {
    case 'null':
      return NIL;
    case 'number': {
      const n = Number(value.text);
      return { kind: 'scalar', scalar: { literal: Object.is(n, -0) ? '-0' : String(n), xml: value.text, json: value.text } };
    }
    case 'boolean':
      return { kind: 'scalar', scalar: { literal: String(value.value), xml: String(value.value), json: String(value.value) } };
    case 'string':
      return { kind: 'scalar', scalar: expectScalar(value.value, 'xs:string')! };
    case 'array':
      return { kind: 'list', items: value.items.map(plainJson) };
    default: {
      const entries: Array<[string, Expected]> = [];
      for (const [k, v] of value.entries) setEntry(entries, k, plainJson(v));
      return { kind: 'map', entries };
    }
  }
}

// ---------------------------------------------------------------------------------------------

/** A TypeScript expression of the value, as the SDK types it. */
export function literalOf(value: Expected, indent = ''): string {
  if (value.kind === 'nil') return 'null';
  if (value.kind === 'scalar') return value.scalar.literal;
  const inner = `${indent}  `;
  if (value.kind === 'list') {
    if (value.items.length === 0) return '[]';
    return `[\n${value.items.map((v) => `${inner}${literalOf(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = value.kind === 'map' ? value.entries : value.fields;
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${objectKey(k)}: ${literalOf(v, inner)},`).join('\n')}\n${indent}}`;
}

/** Whether a value spells bytes through the test helper (so the test file imports it). */
export function usesBytesHelper(value: Expected): boolean {
  if (value.kind === 'scalar') return value.scalar.literal.startsWith('bytesOf(');
  if (value.kind === 'list') return value.items.some(usesBytesHelper);
  if (value.kind === 'map' || value.kind === 'object') return (value.kind === 'map' ? value.entries : value.fields).some(([, v]) => usesBytesHelper(v));
  return false;
}
