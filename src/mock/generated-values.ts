import type { TypeDef, TypeRef } from '../model/api-model.js';
import { fieldsWithOwners } from '../model/type-graph.js';

type Lookup = (ref: TypeRef) => TypeDef | undefined;

/** A seeded generator (mulberry32): the same seed gives the same answers, run after run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator of one operation's made answers: the same seed and operation give the same values, whatever else was asked before. */
export function randomFor(seed: number, operation: string): () => number {
  let mixed = seed >>> 0;
  for (const c of operation) mixed = (Math.imul(mixed, 31) + c.charCodeAt(0)) >>> 0;
  return seededRandom(mixed);
}

const BASE_TIME = Date.UTC(2026, 0, 1);

/** A value of a primitive (or of the primitive a simple type restricts) that its type takes. */
function primitiveValue(ref: TypeRef, random: () => number, name: string): unknown {
  const n = Math.floor(random() * 1000);
  switch (ref) {
    case 'xs:int':
    case 'xs:short':
    case 'xs:unsignedInt':
    case 'xs:unsignedShort':
      return n + 1;
    case 'xs:byte':
    case 'xs:unsignedByte':
      return n % 100;
    case 'xs:long':
    case 'xs:unsignedLong':
      return BigInt(n) * 1000003n;
    case 'xs:double':
    case 'xs:float':
      return n / 8;
    case 'xs:decimal':
      return `${n}.${String(n % 100).padStart(2, '0')}`;
    case 'xs:boolean':
      return n % 2 === 0;
    case 'xs:dateTime':
      return new Date(BASE_TIME + n * 3_600_000);
    case 'xs:base64Binary':
      return new Uint8Array([n % 256, (n * 7) % 256, (n * 13) % 256]);
    case 'ser:guid':
      return `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
    case 'ser:char':
      return 65 + (n % 26);
    case 'ser:duration':
    case 'xs:duration':
      return `PT${(n % 23) + 1}H`;
    default:
      return `${name} ${n}`;
  }
}

/**
 * A value of a model type, made from the schema: every field set down to a few levels, lists of one
 * or two items, enum values chosen among the type's own. Deterministic for the generator's seed.
 */
export function generatedValue(ref: TypeRef, lookup: Lookup, random: () => number, name = 'value', depth = 0): unknown {
  const def = lookup(ref);
  if (!def) return primitiveValue(ref, random, name);
  switch (def.kind) {
    case 'simple':
      return ref === 'ser:guid' || ref === 'ser:char' || ref === 'ser:duration' ? primitiveValue(ref, random, name) : generatedValue(def.base ?? 'xs:string', lookup, random, name, depth);
    case 'enum': {
      const values = def.values ?? [];
      return values.length ? values[Math.floor(random() * values.length)]!.name : name;
    }
    case 'flags':
      return (def.values ?? []).filter(() => random() < 0.5).map((v) => v.name);
    case 'array': {
      if (depth > 2) return [];
      const count = 1 + Math.floor(random() * 2);
      return Array.from({ length: count }, () => generatedValue(def.item!.type, lookup, random, def.item!.elementName, depth + 1));
    }
    case 'dictionary':
      return depth > 2 ? {} : { [`key ${Math.floor(random() * 100)}`]: generatedValue(def.entry!.valueType, lookup, random, def.entry!.valueName, depth + 1) };
    case 'complex': {
      const out: Record<string, unknown> = {};
      for (const { field } of fieldsWithOwners(def, lookup)) {
        if (depth > 2 && field.minOccurs === 0) continue;
        const value = generatedValue(field.type, lookup, random, field.name, depth + 1);
        out[field.name] = field.maxOccurs !== 1 ? [value] : value;
      }
      return out;
    }
  }
}
