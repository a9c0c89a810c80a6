import type { Field, Method, Param, TypeDef, TypeRef } from './api-model.js';

export type TypeLookup = (ref: TypeRef) => TypeDef | undefined;

/** A type and its bases, the root base first: the order inherited fields travel in. Stops on a cycle. */
export function inheritanceChain(def: TypeDef | undefined, lookup: TypeLookup): TypeDef[] {
  const chain: TypeDef[] = [];
  const seen = new Set<TypeRef>();
  for (let d = def; d && !seen.has(d.ref); d = d.base ? lookup(d.base) : undefined) {
    seen.add(d.ref);
    chain.unshift(d);
  }
  return chain;
}

/** All fields of a complex type, inherited ones first, each with the type that declares it. */
export function fieldsWithOwners(def: TypeDef | undefined, lookup: TypeLookup): Array<{ field: Field; owner: TypeDef }> {
  return inheritanceChain(def, lookup).flatMap((owner) => (owner.fields ?? []).map((field) => ({ field, owner })));
}

/** All fields of a complex type, inherited ones first. */
export function allFields(ref: TypeRef, lookup: TypeLookup): Field[] {
  return fieldsWithOwners(lookup(ref), lookup).map((f) => f.field);
}

/** Every type reachable from the given ones through bases, fields, items and dictionary entries. */
export function typeClosure(roots: Iterable<TypeRef>, lookup: TypeLookup): Set<TypeRef> {
  const out = new Set<TypeRef>();
  const stack = [...roots];
  while (stack.length > 0) {
    const ref = stack.pop()!;
    if (out.has(ref)) continue;
    const def = lookup(ref);
    if (!def) continue;
    out.add(ref);
    if (def.base) stack.push(def.base);
    for (const f of def.fields ?? []) stack.push(f.type);
    if (def.item) stack.push(def.item.type);
    if (def.entry) stack.push(def.entry.keyType, def.entry.valueType);
  }
  return out;
}

/**
 * The primitive a scalar travels as: itself for `xs:` types, the restricted type for simple types
 * (`ser:guid` → `xs:string`), `xs:string` for enum names; undefined for structured types and flags.
 */
export function scalarPrimitive(ref: TypeRef, lookup: TypeLookup): string | undefined {
  const def = lookup(ref);
  if (!def) return ref;
  if (def.kind === 'simple') return def.base ?? 'xs:string';
  if (def.kind === 'enum') return 'xs:string';
  return undefined;
}

/** Every element of a method's response in wire order: the result at its position among the out parameters. */
export function responseElements(method: Method): Param[] {
  const all = [...method.outParams];
  if (method.returns) all.splice(method.returns.position, 0, { ...method.returns, maxOccurs: 1, sources: [] });
  return all;
}
