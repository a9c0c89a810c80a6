import type { ApiVersion, Field, Method, TypeDef, TypeRef } from '../model/api-model.js';
import { responseElements, typeClosure } from '../model/type-graph.js';
import type { SoapOperation, WireSchema, WireType } from '../runtime/schema.js';
import { stringLiteral } from './safe-identifier.js';

const OPTIONAL = 1;
const NILLABLE = 2;
const REPEATED = 4;
/** REST query options only: an array is sent as one comma-separated value. */
export const COMMA_LIST = 8;

export function fieldFlags(field: { minOccurs: number; maxOccurs: number; nillable: boolean }): number {
  return (field.minOccurs === 0 ? OPTIONAL : 0) | (field.nillable ? NILLABLE : 0) | (field.maxOccurs !== 1 ? REPEATED : 0);
}

/** A type's wire metadata, as the runtime's `WireType` (runtime/schema.ts) holds it. */
export function wireTypeOf(def: TypeDef): WireType {
  switch (def.kind) {
    case 'complex':
      return ['c', def.base ?? '', (def.fields ?? []).map((f: Field) => [f.name, f.type, fieldFlags(f)] as const)];
    case 'array':
      return ['a', def.item!.elementName, def.item!.type, def.item!.nillable ? NILLABLE | OPTIONAL : OPTIONAL];
    case 'dictionary': {
      const e = def.entry!;
      return ['d', e.elementName, e.keyName, e.keyType, e.valueName, e.valueType, e.valueNillable ? NILLABLE : 0];
    }
    case 'enum':
      return ['e'];
    case 'flags':
      return ['f'];
    case 'simple':
      return ['s', def.base ?? 'xs:string'];
  }
}

/** The literal of a wire type: its kind letter quoted as a character, names as string literals. */
function wireTypeLiteral(type: WireType): string {
  const parts = type.slice(1).map((part) =>
    typeof part === 'number' ? String(part) : typeof part === 'string' ? stringLiteral(part) : `[${part.map(([n, t, f]) => `[${stringLiteral(n)}, ${stringLiteral(t)}, ${f}]`).join(', ')}]`,
  );
  return `['${type[0]}'${parts.map((p) => `, ${p}`).join('')}]`;
}

/** Every agent of a version repeats the shared types in its schema; each is written out once. */
const written = new WeakMap<TypeDef, string>();

function wireTypeOnce(def: TypeDef): string {
  let literal = written.get(def);
  if (literal === undefined) {
    literal = wireTypeLiteral(wireTypeOf(def));
    written.set(def, literal);
  }
  return literal;
}

/** The wire schema of the types reachable from `roots`, as data: what the runtime's codecs read. */
export function wireSchemaOf(version: ApiVersion, defs: Map<TypeRef, TypeDef>, roots: Iterable<TypeRef>): WireSchema {
  const refs = [...typeClosure(roots, (r) => defs.get(r))].sort();
  return { ns: Object.fromEntries(namespacesOf(version, refs, roots)), types: Object.fromEntries(refs.map((r) => [r, wireTypeOf(defs.get(r)!)])) };
}

function namespacesOf(version: ApiVersion, refs: TypeRef[], roots: Iterable<TypeRef>): Array<[string, string]> {
  const used = new Set(refs.map((r) => r.slice(0, r.indexOf(':'))));
  for (const root of roots) used.add(root.slice(0, root.indexOf(':')));
  return Object.entries(version.namespaces)
    .filter(([prefix]) => used.has(prefix) && prefix !== 'xs')
    .sort(([a], [b]) => (a < b ? -1 : 1));
}

/** A SOAP operation as the runtime's `SoapOperation` holds it. */
export function soapOperationOf(method: Method): SoapOperation {
  const soap = method.soap!;
  const wireField = (p: { name: string; type: string; minOccurs: number; maxOccurs: number; nillable: boolean }) => [p.name, p.type, fieldFlags(p)] as const;
  return {
    action: soap.soapAction,
    request: soap.requestElement,
    params: method.params.map(wireField),
    response: soap.responseElement,
    results: responseElements(method).map(wireField),
    result: method.returns ? method.returns.name : null,
    headers: soap.requestHeaders.map((h) => [h.name, h.element, h.type] as const),
  };
}

/**
 * The `WireSchema` literal for the types reachable from `roots`: what one agent needs on the wire and
 * nothing more, so that importing one agent does not carry the metadata of the others.
 */
export function wireSchemaLiteral(version: ApiVersion, defs: Map<TypeRef, TypeDef>, roots: Iterable<TypeRef>): string {
  const refs = [...typeClosure(roots, (r) => defs.get(r))].sort();
  const ns = namespacesOf(version, refs, roots)
    .map(([prefix, uri]) => `    ${stringLiteral(prefix)}: ${stringLiteral(uri)},`)
    .join('\n');
  const types = refs.map((r) => `    ${stringLiteral(r)}: ${wireTypeOnce(defs.get(r)!)},`).join('\n');
  return `{\n  ns: {\n${ns}\n  },\n  types: {\n${types}\n  },\n}`;
}
