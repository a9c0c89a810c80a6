import type { ApiVersion, Field, TypeDef, TypeRef } from '../model/api-model.js';
import { typeClosure } from '../model/type-graph.js';
import { stringLiteral } from './safe-identifier.js';

const OPTIONAL = 1;
const NILLABLE = 2;
const REPEATED = 4;
/** REST query options only: an array is sent as one comma-separated value. */
export const COMMA_LIST = 8;

export function fieldFlags(field: { minOccurs: number; maxOccurs: number; nillable: boolean }): number {
  return (field.minOccurs === 0 ? OPTIONAL : 0) | (field.nillable ? NILLABLE : 0) | (field.maxOccurs !== 1 ? REPEATED : 0);
}

function wireType(def: TypeDef): string {
  const s = stringLiteral;
  switch (def.kind) {
    case 'complex':
      return `['c', ${s(def.base ?? '')}, [${(def.fields ?? []).map((f: Field) => `[${s(f.name)}, ${s(f.type)}, ${fieldFlags(f)}]`).join(', ')}]]`;
    case 'array':
      return `['a', ${s(def.item!.elementName)}, ${s(def.item!.type)}, ${def.item!.nillable ? NILLABLE | OPTIONAL : OPTIONAL}]`;
    case 'dictionary': {
      const e = def.entry!;
      return `['d', ${s(e.elementName)}, ${s(e.keyName)}, ${s(e.keyType)}, ${s(e.valueName)}, ${s(e.valueType)}, ${e.valueNillable ? NILLABLE : 0}]`;
    }
    case 'enum':
      return `['e']`;
    case 'flags':
      return `['f']`;
    case 'simple':
      return `['s', ${s(def.base ?? 'xs:string')}]`;
  }
}

/** Every agent of a version repeats the shared types in its schema; each is written out once. */
const written = new WeakMap<TypeDef, string>();

function wireTypeOnce(def: TypeDef): string {
  let literal = written.get(def);
  if (literal === undefined) {
    literal = wireType(def);
    written.set(def, literal);
  }
  return literal;
}

/**
 * The `WireSchema` literal for the types reachable from `roots`: what one agent needs on the wire and
 * nothing more, so that importing one agent does not carry the metadata of the others.
 */
export function wireSchemaLiteral(version: ApiVersion, defs: Map<TypeRef, TypeDef>, roots: Iterable<TypeRef>): string {
  const refs = [...typeClosure(roots, (r) => defs.get(r))].sort();
  const used = new Set(refs.map((r) => r.slice(0, r.indexOf(':'))));
  for (const root of roots) used.add(root.slice(0, root.indexOf(':')));
  const ns = Object.entries(version.namespaces)
    .filter(([prefix]) => used.has(prefix) && prefix !== 'xs')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([prefix, uri]) => `    ${stringLiteral(prefix)}: ${stringLiteral(uri)},`)
    .join('\n');
  const types = refs.map((r) => `    ${stringLiteral(r)}: ${wireTypeOnce(defs.get(r)!)},`).join('\n');
  return `{\n  ns: {\n${ns}\n  },\n  types: {\n${types}\n  },\n}`;
}
