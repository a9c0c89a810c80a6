import type { TypeDef, TypeRef } from '../../src/model/api-model.js';
import { fieldsWithOwners } from '../../src/model/type-graph.js';

type Lookup = (ref: TypeRef) => TypeDef | undefined;

export const PRIMITIVE_VALUES: Record<string, unknown> = {
  'xs:string': 'text <&> "quoted"',
  'xs:int': -2147483648,
  'xs:short': 32767,
  'xs:byte': -128,
  'xs:unsignedInt': 4294967295,
  'xs:unsignedShort': 65535,
  'xs:unsignedByte': 255,
  'xs:long': 9007199254740993n,
  'xs:unsignedLong': 18446744073709551615n,
  'xs:double': 1.5e300,
  'xs:float': 0.25,
  'xs:decimal': '-79228162514264337593543950335.5',
  'xs:boolean': true,
  'xs:dateTime': new Date('2026-02-03T04:05:06.789Z'),
  'xs:base64Binary': new Uint8Array([0, 1, 2, 253, 254, 255]),
  'xs:anyURI': 'https://example.invalid/a?b=c&d',
  'xs:QName': 'xs:string',
  'xs:duration': 'P1DT2H3M4.5S',
  'ser:guid': '6f9619ff-8b86-d011-b42d-00c04fc964ff',
  'ser:char': 65,
  'ser:duration': 'PT1H2M3S',
};

/**
 * A value of a type with every optional field set (recursion stops after a few levels so that
 * self-referencing types like SoExceptionInfo.InnerException stay finite).
 */
export function fullValue(ref: TypeRef, lookup: Lookup, depth = 0): unknown {
  const def = lookup(ref);
  if (!def) return ref in PRIMITIVE_VALUES ? PRIMITIVE_VALUES[ref] : 'x';
  switch (def.kind) {
    case 'simple':
      return ref in PRIMITIVE_VALUES ? PRIMITIVE_VALUES[ref] : fullValue(def.base ?? 'xs:string', lookup, depth);
    case 'enum':
      return def.values![def.values!.length - 1]!.name;
    case 'flags':
      return def.values!.slice(0, 2).map((v) => v.name);
    case 'array':
      return depth > 3 ? [] : [fullValue(def.item!.type, lookup, depth + 1), ...(def.item!.nillable ? [null] : [])];
    case 'dictionary':
      return depth > 3 ? {} : { 'key one': fullValue(def.entry!.valueType, lookup, depth + 1) };
    case 'complex': {
      const out: Record<string, unknown> = {};
      for (const { field } of fieldsWithOwners(def, lookup)) {
        if (depth > 3 && field.minOccurs === 0) continue;
        const value = fullValue(field.type, lookup, depth + 1);
        out[field.name] = field.maxOccurs !== 1 ? [value] : value;
      }
      return out;
    }
  }
}
