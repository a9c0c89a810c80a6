import type { ApiVersion, TypeDef, TypeRef } from '../model/api-model.js';
import { safeIdentifier } from './safe-identifier.js';

/**
 * How XML Schema primitives look in TypeScript. `xs:long` is a bigint and `xs:decimal` a string of
 * decimal text, so no value loses precision; see the README for the reasons.
 */
const PRIMITIVES: Record<string, string> = {
  'xs:string': 'string',
  'xs:anyURI': 'string',
  'xs:QName': 'string',
  'xs:duration': 'string',
  'xs:date': 'string',
  'xs:time': 'string',
  'xs:ID': 'string',
  'xs:IDREF': 'string',
  'xs:int': 'number',
  'xs:short': 'number',
  'xs:byte': 'number',
  'xs:unsignedInt': 'number',
  'xs:unsignedShort': 'number',
  'xs:unsignedByte': 'number',
  'xs:double': 'number',
  'xs:float': 'number',
  'xs:long': 'bigint',
  'xs:unsignedLong': 'bigint',
  'xs:decimal': 'string',
  'xs:boolean': 'boolean',
  'xs:dateTime': 'Date',
  'xs:base64Binary': 'Uint8Array',
  'xs:anyType': 'unknown',
};

/** The TypeScript names of one version's types: unique, safe, and stable for the same model. */
export class TypeNames {
  private readonly names = new Map<TypeRef, string>();
  readonly defs: Map<TypeRef, TypeDef>;

  constructor(version: ApiVersion, taken: Iterable<string> = []) {
    this.defs = new Map(version.types.map((t) => [t.ref, t]));
    const used = new Set(taken);
    // The version's own namespace gets the plain names; other namespaces yield on a clash.
    const ordered = [...version.types].sort((a, b) => rank(a.ref) - rank(b.ref) || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
    for (const type of ordered) {
      let name = safeIdentifier(type.name);
      if (used.has(name)) name = safeIdentifier(`${type.ref.slice(0, type.ref.indexOf(':'))}_${type.name}`);
      while (used.has(name)) name = `${name}_`;
      used.add(name);
      this.names.set(type.ref, name);
    }
  }

  /** The declared name of a model type. */
  nameOf(ref: TypeRef): string | undefined {
    return this.names.get(ref);
  }

  /** The TypeScript type for a reference; `qualifier` (e.g. `T.`) prefixes declared names. */
  expression(ref: TypeRef, qualifier = ''): string {
    const def = this.defs.get(ref);
    // Arrays are written out (`T[]`), so hovering a field shows what it holds.
    if (def?.kind === 'array') {
      const item = this.expression(def.item!.type, qualifier);
      return arrayOf(def.item!.nillable ? `(${item} | null)` : item);
    }
    const name = this.names.get(ref);
    if (name) return `${qualifier}${name}`;
    return PRIMITIVES[ref] ?? 'unknown';
  }
}

function rank(ref: string): number {
  return ref.startsWith('tns:') ? 0 : ref.startsWith('ser:') || ref.startsWith('arr:') ? 1 : 2;
}

/** `T | null` when nillable, wrapping unions and arrays so the result reads right in any position. */
export function withNull(type: string, nillable: boolean): string {
  return nillable ? `${type} | null` : type;
}

export function arrayOf(type: string): string {
  return /^([A-Za-z0-9_.$]+|\([^()]*\))$/.test(type) ? `${type}[]` : `Array<${type}>`;
}
