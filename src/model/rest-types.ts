import type { TypeDef, TypeRef } from './api-model.js';

/**
 * What a REST table's type column can say about a wire type. Tables are written for JSON readers:
 * `String` also covers dates, GUIDs, enums and base64 data; `object` and `array` say nothing about
 * what is inside; a blank cell says nothing at all.
 */
export type LabelMeaning =
  | { kind: 'exact'; ref: TypeRef }
  | { kind: 'json-string' }
  | { kind: 'json-number' }
  | { kind: 'json-boolean' }
  | { kind: 'json-object' }
  | { kind: 'json-array' }
  | { kind: 'blank' };

const LABELS: Record<string, LabelMeaning> = {
  integer: { kind: 'exact', ref: 'xs:int' },
  int32: { kind: 'exact', ref: 'xs:int' },
  int64: { kind: 'exact', ref: 'xs:long' },
  int16: { kind: 'exact', ref: 'xs:short' },
  long: { kind: 'exact', ref: 'xs:long' },
  short: { kind: 'exact', ref: 'xs:short' },
  double: { kind: 'exact', ref: 'xs:double' },
  float: { kind: 'exact', ref: 'xs:float' },
  decimal: { kind: 'exact', ref: 'xs:decimal' },
  number: { kind: 'json-number' },
  boolean: { kind: 'exact', ref: 'xs:boolean' },
  bool: { kind: 'exact', ref: 'xs:boolean' },
  'date-time': { kind: 'exact', ref: 'xs:dateTime' },
  byte: { kind: 'exact', ref: 'xs:base64Binary' },
  string: { kind: 'json-string' },
  object: { kind: 'json-object' },
  array: { kind: 'json-array' },
};

export function labelMeaning(label: string): LabelMeaning {
  const trimmed = label.trim();
  if (trimmed === '') return { kind: 'blank' };
  const known = LABELS[trimmed.toLowerCase()];
  if (known) return known;
  return { kind: 'exact', ref: `tns:${trimmed.replace(/[^A-Za-z0-9_]/g, '')}` };
}

const STRING_LIKE = new Set(['xs:string', 'xs:dateTime', 'xs:base64Binary', 'ser:guid', 'ser:duration', 'xs:anyURI', 'xs:QName', 'ser:char']);
const NUMBER_LIKE = new Set(['xs:int', 'xs:long', 'xs:short', 'xs:byte', 'xs:double', 'xs:float', 'xs:decimal', 'xs:unsignedInt', 'xs:unsignedLong', 'xs:unsignedShort', 'xs:unsignedByte', 'ser:char']);

/**
 * Whether a table label can describe a WSDL type as it appears in JSON. `Integer` for `xs:long`, or a
 * carrier name for a carrier, is fine; `Boolean` for a carrier is a real disagreement.
 */
export function labelFits(meaning: LabelMeaning, ref: TypeRef, lookup: (ref: TypeRef) => TypeDef | undefined): boolean {
  const def = lookup(ref);
  switch (meaning.kind) {
    case 'blank':
      return true;
    case 'json-string':
      return STRING_LIKE.has(ref) || def?.kind === 'enum' || def?.kind === 'flags' || (def?.kind === 'simple' && STRING_LIKE.has(def.base ?? ''));
    case 'json-number':
      return NUMBER_LIKE.has(ref);
    case 'json-boolean':
      return ref === 'xs:boolean';
    case 'json-object':
      return def?.kind === 'complex' || def?.kind === 'dictionary' || ref === 'xs:anyType';
    case 'json-array':
      return def?.kind === 'array' || ref === 'xs:base64Binary';
    case 'exact':
      if (meaning.ref === ref) return true;
      if (NUMBER_LIKE.has(meaning.ref) && NUMBER_LIKE.has(ref)) return true;
      if (def?.kind === 'array' && def.item?.type === meaning.ref) return true;
      // Enums print as their names: a table may name the enum or say String, both fit.
      return false;
  }
}
