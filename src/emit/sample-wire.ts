import type { ApiVersion, TypeDef, TypeRef } from '../model/api-model.js';
import { fieldsWithOwners, scalarPrimitive } from '../model/type-graph.js';
import { encodeScalar } from '../runtime/scalars.js';
import { escapeText } from '../runtime/xml.js';

/**
 * What a correct client puts on the wire for a value read from a documented sample, written from the
 * model's schema rather than by the runtime encoder, so generated tests compare the two.
 */
interface Visitor {
  enter(ns: string, local: string): void;
  leaf(ns: string, local: string, text: string): void;
  nil(ns: string, local: string): void;
  leave(ns: string, local: string): void;
}

type Lookup = (ref: TypeRef) => TypeDef | undefined;

function nsOf(ref: TypeRef, version: ApiVersion): string {
  return version.namespaces[ref.slice(0, ref.indexOf(':'))] ?? '';
}


function visitValue(value: unknown, type: TypeRef, ns: string, local: string, version: ApiVersion, lookup: Lookup, v: Visitor): void {
  if (value === undefined) return;
  if (value === null) return v.nil(ns, local);
  const primitive = scalarPrimitive(type, lookup);
  if (primitive !== undefined) return v.leaf(ns, local, encodeScalar(value, primitive, local));
  const def = lookup(type)!;
  if (def.kind === 'flags') return v.leaf(ns, local, (value as string[]).join(' '));
  v.enter(ns, local);
  if (def.kind === 'array') {
    for (const item of value as unknown[]) visitValue(item, def.item!.type, nsOf(type, version), def.item!.elementName, version, lookup, v);
  } else if (def.kind === 'dictionary') {
    const e = def.entry!;
    const entryNs = nsOf(type, version);
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      v.enter(entryNs, e.elementName);
      v.leaf(entryNs, e.keyName, key);
      if (item === null) v.nil(entryNs, e.valueName);
      else visitValue(item, e.valueType, entryNs, e.valueName, version, lookup, v);
      v.leave(entryNs, e.elementName);
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const { field, owner } of fieldsWithOwners(def, lookup)) {
      const fieldNs = nsOf(owner.ref, version);
      const item = record[field.name];
      if (field.maxOccurs !== 1 && Array.isArray(item)) for (const x of item) visitValue(x, field.type, fieldNs, field.name, version, lookup, v);
      else visitValue(item, field.type, fieldNs, field.name, version, lookup, v);
    }
  }
  v.leave(ns, local);
}

export interface WireElement {
  name: string;
  type: TypeRef;
}

/** Canonical lines (`/{ns}A/{ns}B = "text"`) of a wrapper element holding `values` in `elements` order. */
export function canonicalLines(wrapper: TypeRef, elements: WireElement[], values: Record<string, unknown>, version: ApiVersion, lookup: Lookup): string[] {
  const lines: string[] = [];
  const stack: string[] = [];
  const wrapperNs = nsOf(wrapper, version);
  const wrapperLocal = wrapper.slice(wrapper.indexOf(':') + 1);
  const path = (ns: string, local: string) => `${stack.join('')}/{${ns}}${local}`;
  const visitor: Visitor = {
    enter: (ns, local) => void stack.push(`/{${ns}}${local}`),
    leaf: (ns, local, text) => void lines.push(`${path(ns, local)} = ${JSON.stringify(text)}`),
    nil: (ns, local) => void lines.push(`${path(ns, local)} = nil`),
    leave: () => void stack.pop(),
  };
  stack.push(`/{${wrapperNs}}${wrapperLocal}`);
  const before = lines.length;
  for (const e of elements) visitValue(values[e.name], e.type, wrapperNs, e.name, version, lookup, visitor);
  // An empty wrapper is one text-less element.
  if (lines.length === before) lines.push(`/{${wrapperNs}}${wrapperLocal} = ""`);
  return lines;
}

/** A SOAP 1.1 response envelope carrying `values` in the response wrapper, as a server would send it. */
export function responseEnvelope(wrapper: TypeRef, elements: WireElement[], values: Record<string, unknown>, version: ApiVersion, lookup: Lookup): string {
  const prefixes = new Map<string, string>();
  const prefix = (ns: string) => {
    if (!prefixes.has(ns)) prefixes.set(ns, `n${prefixes.size}`);
    return prefixes.get(ns)!;
  };
  const parts: string[] = [];
  const visitor: Visitor = {
    enter: (ns, local) => void parts.push(`<${prefix(ns)}:${local}>`),
    leaf: (ns, local, text) => void parts.push(`<${prefix(ns)}:${local}>${escapeText(text)}</${prefix(ns)}:${local}>`),
    nil: (ns, local) => void parts.push(`<${prefix(ns)}:${local} i:nil="true"/>`),
    leave: (ns, local) => void parts.push(`</${prefix(ns)}:${local}>`),
  };
  const wrapperNs = nsOf(wrapper, version);
  const local = wrapper.slice(wrapper.indexOf(':') + 1);
  visitor.enter(wrapperNs, local);
  for (const e of elements) visitValue(values[e.name], e.type, wrapperNs, e.name, version, lookup, visitor);
  visitor.leave(wrapperNs, local);
  const declarations = [...prefixes].map(([ns, p]) => ` xmlns:${p}="${escapeText(ns).replace(/"/g, '&quot;')}"`).join('');
  return `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"${declarations}><s:Body>${parts.join('')}</s:Body></s:Envelope>`;
}

/** JSON text of a value as the REST API carries it, from the model's schema (exact numbers kept). */
export function jsonOf(value: unknown, type: TypeRef, lookup: Lookup): string {
  if (value === null || value === undefined) return 'null';
  const primitive = scalarPrimitive(type, lookup);
  const def = lookup(type)!;
  if (primitive !== undefined) {
    const text = encodeScalar(value, primitive, type);
    if (primitive === 'xs:boolean') return text;
    if (/^xs:(int|short|byte|long|unsigned\w+|double|float|decimal)$/.test(primitive) || primitive === 'ser:char') {
      return /^-?\d/.test(text) ? text : JSON.stringify(text);
    }
    return JSON.stringify(text);
  }
  if (def.kind === 'flags') return JSON.stringify((value as string[]).join(', '));
  if (def.kind === 'array') return `[${(value as unknown[]).map((v) => jsonOf(v, def.item!.type, lookup)).join(',')}]`;
  if (def.kind === 'dictionary') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${JSON.stringify(k)}:${jsonOf(v, def.entry!.valueType, lookup)}`).join(',')}}`;
  }
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const { field } of fieldsWithOwners(def, lookup)) {
    if (record[field.name] === undefined) continue;
    const item = record[field.name];
    parts.push(`${JSON.stringify(field.name)}:${field.maxOccurs !== 1 && Array.isArray(item) ? `[${item.map((x) => jsonOf(x, field.type, lookup)).join(',')}]` : jsonOf(item, field.type, lookup)}`);
  }
  return `{${parts.join(',')}}`;
}
