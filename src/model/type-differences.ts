import type { Field, TypeDef } from './api-model.js';

/**
 * How two descriptions of one type differ on the wire, in words (`property Foo is xs:int here, xs:string
 * there`); empty when they agree. Prose and provenance do not count.
 */
export function typeDifferences(kept: TypeDef, other: TypeDef): string[] {
  const out: string[] = [];
  if (kept.kind !== other.kind) return [`it is ${other.kind} here, ${kept.kind} there`];
  if ((kept.base ?? '') !== (other.base ?? '')) out.push(`base ${other.base ?? 'none'} here, ${kept.base ?? 'none'} there`);
  out.push(...fieldDifferences(kept.fields ?? [], other.fields ?? []));
  if (kept.item && other.item && (kept.item.type !== other.item.type || kept.item.nillable !== other.item.nillable)) {
    out.push(`items are ${other.item.type} here, ${kept.item.type} there`);
  }
  if (kept.entry && other.entry && (kept.entry.valueType !== other.entry.valueType || kept.entry.valueNillable !== other.entry.valueNillable)) {
    out.push(`values are ${other.entry.valueType} here, ${kept.entry.valueType} there`);
  }
  const { onlyHere, onlyThere } = enumValueDifferences(kept, other);
  if (onlyHere.length > 0) out.push(`value${onlyHere.length > 1 ? 's' : ''} ${onlyHere.join(', ')} only here`);
  if (onlyThere.length > 0) out.push(`value${onlyThere.length > 1 ? 's' : ''} ${onlyThere.join(', ')} only there`);
  if ((kept.base ?? '') === (other.base ?? '') && kept.kind === 'simple' && (kept.pattern ?? '') !== (other.pattern ?? '')) out.push('the pattern differs');
  return out;
}

/** The enum values only `other` has (`onlyHere`) and only `kept` has (`onlyThere`), in their order. */
export function enumValueDifferences(kept: TypeDef, other: TypeDef): { onlyHere: string[]; onlyThere: string[] } {
  const keptValues = new Set((kept.values ?? []).map((v) => v.name));
  const otherValues = new Set((other.values ?? []).map((v) => v.name));
  return { onlyHere: [...otherValues].filter((v) => !keptValues.has(v)), onlyThere: [...keptValues].filter((v) => !otherValues.has(v)) };
}

function fieldDifferences(kept: Field[], other: Field[]): string[] {
  const out: string[] = [];
  const keptByName = new Map(kept.map((f) => [f.name, f]));
  const otherNames = new Set(other.map((f) => f.name));
  for (const f of other) {
    const k = keptByName.get(f.name);
    if (!k) {
      out.push(`property ${f.name} only here`);
      continue;
    }
    if (k.type !== f.type || k.maxOccurs !== f.maxOccurs) out.push(`property ${f.name} is ${f.type} here, ${k.type} there`);
    else if (k.nillable !== f.nillable || k.minOccurs !== f.minOccurs) out.push(`property ${f.name} is ${occurs(f)} here, ${occurs(k)} there`);
  }
  for (const f of kept) if (!otherNames.has(f.name)) out.push(`property ${f.name} only there`);
  return out;
}

function occurs(f: Field): string {
  return `${f.minOccurs === 0 ? 'optional' : 'required'}${f.nillable ? ' and nullable' : ''}`;
}
