import { decodeScalar } from '../../src/runtime/scalars.js';
import type { TypeDef, TypeRef } from '../../src/model/api-model.js';
import { lexicalProblem } from '../../src/model/lexical.js';
import { scalarPrimitive } from '../../src/model/type-graph.js';
import type { SampleValue } from '../../src/model/sample-check.js';

type Lookup = (ref: TypeRef) => TypeDef | undefined;

/**
 * Test input: turns a value read from a documented sample into the value the SDK's types describe (numbers,
 * bigints, Dates, Uint8Arrays, flag arrays …). Scalars the wire type cannot hold are left out, never
 * copied onto the wire: the sample checker has already reported them.
 */
export function sampleToValue(value: SampleValue, lookup: Lookup): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((v) => sampleToValue(v, lookup)).filter((v) => v !== undefined);
  if ('entries' in value) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value.entries) {
      const converted = sampleToValue(v, lookup);
      if (converted !== undefined) Object.defineProperty(out, k, { value: converted, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if ('fields' in value) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value.fields) {
      const converted = sampleToValue(v, lookup);
      if (converted !== undefined && !(k in out)) out[k] = converted;
    }
    return out;
  }
  return scalar(value.text, value.scalar, lookup);
}

function scalar(text: string, ref: TypeRef, lookup: Lookup): unknown {
  if (lexicalProblem(text, ref, lookup)) return undefined;
  const def = lookup(ref);
  if (def?.kind === 'enum') return def.values?.some((v) => v.name === text.trim()) ? text.trim() : undefined;
  if (def?.kind === 'flags') {
    const names = text.trim().split(/\s+/).filter(Boolean);
    return names.every((n) => def.values?.some((v) => v.name === n)) ? names : undefined;
  }
  try {
    return decodeScalar(text, scalarPrimitive(ref, lookup) ?? ref, ref);
  } catch {
    return undefined;
  }
}
