import { diagnostic, type Diagnostic } from '../facts/diagnostics.js';
import { formatProvenance } from '../facts/provenance.js';
import type { Agent, TypeDef, TypeRef } from './api-model.js';
import type { TwinSource } from './rest-definition-methods.js';
import { enumValueDifferences } from './type-differences.js';
import { allFields, type TypeLookup } from './type-graph.js';

/** WSDL types whose JSON text is a plain string: a definition's `string` fits them. */
const STRING_TEXT = new Set(['xs:string', 'ser:guid', 'ser:duration', 'xs:anyURI', 'xs:QName', 'xs:duration', 'xs:time', 'xs:date']);

/**
 * Compares what the REST definitions say with the WSDL twin of the same build (the newest ServicesNN
 * operation of the same agent and name, the WSDL type of the same name). The definition is the REST
 * wire; every difference is a finding at the definition's file and pointer: a parameter or property
 * one side lacks (`source-disagreement`), a type whose JSON differs (`rest-type-mismatch`).
 */
export function checkAgainstTwins(agents: Iterable<Agent>, restTypes: Map<TypeRef, TypeDef>, twins: TwinSource, diagnostics: Diagnostic[]): void {
  const rest: TypeLookup = (ref) => restTypes.get(ref);
  const fits = (restRef: TypeRef, wsdlRef: TypeRef) => sameJson(restRef, wsdlRef, rest, twins.types, 0);
  for (const agent of agents) {
    for (const method of agent.methods) {
      const twin = twins.method(agent.name, method.name);
      if (!twin) continue;
      const where = method.sources[0]!;
      const twinAt = formatProvenance(twin.sources[0]!);
      for (const p of method.params) {
        const q = twin.params.find((t) => t.name.toLowerCase() === p.name.toLowerCase());
        if (!q) {
          if (method.rest?.body === 'value' && p.in === 'body') continue; // the body's name is the SDK's
          diagnostics.push(diagnostic('source-disagreement', `${method.name}: parameter ${p.name} is not a parameter of the WSDL operation at ${twinAt}`, p.sources[0]!));
        } else if (!fits(p.type, q.type)) {
          diagnostics.push(diagnostic('rest-type-mismatch', `${method.name}: parameter ${p.name} is ${p.type} in the REST definition, ${q.type} in the WSDL`, p.sources[0]!));
        }
      }
      const valueBody = method.rest?.body === 'value';
      for (const q of twin.params) {
        if (method.params.some((p) => p.name.toLowerCase() === q.name.toLowerCase())) continue;
        if (valueBody && twin.params.length - method.params.filter((p) => p.in === 'query').length === 1) continue;
        diagnostics.push(diagnostic('source-disagreement', `${method.name}: the WSDL operation's parameter ${q.name} is not in the REST definition`, where));
      }
      const restResult = method.returns?.type;
      const twinResult = twin.returns?.type;
      if ((restResult === undefined) !== (twinResult === undefined)) {
        diagnostics.push(
          diagnostic('rest-type-mismatch', `${method.name}: the REST definition ${restResult ? `answers ${restResult}` : 'answers nothing'}, the WSDL ${twinResult ? `returns ${twinResult}` : 'returns nothing'}`, method.returns?.sources[0] ?? where),
        );
      } else if (restResult && twinResult && method.rest?.response !== 'binary' && !fits(restResult, twinResult)) {
        diagnostics.push(diagnostic('rest-type-mismatch', `${method.name}: the result is ${restResult} in the REST definition, ${twinResult} in the WSDL`, method.returns!.sources[0]!));
      }
    }
  }
  for (const type of restTypes.values()) {
    const twin = twins.types(type.ref);
    if (!twin || twin === type) continue;
    const at = type.sources[0]!;
    if (type.kind === 'complex' && twin.kind === 'complex') {
      // The definitions flatten inheritance: a REST carrier lists its WSDL bases' fields too.
      const inherited = allFields(twin.ref, twins.types);
      const twinFields = new Map(inherited.map((f) => [f.name, f]));
      for (const field of type.fields ?? []) {
        const t = twinFields.get(field.name);
        if (!t) diagnostics.push(diagnostic('source-disagreement', `${type.name}.${field.name} is not a field of the WSDL type ${twin.ref}`, field.sources[0] ?? at));
        else if (!fits(field.type, t.type) || t.maxOccurs !== 1) {
          diagnostics.push(diagnostic('rest-type-mismatch', `${type.name}.${field.name} is ${field.type} in the REST definition, ${t.type}${t.maxOccurs !== 1 ? '[]' : ''} in the WSDL`, field.sources[0] ?? at));
        }
      }
      const own = new Set((type.fields ?? []).map((f) => f.name));
      const restAll = new Set(allFields(type.ref, rest).map((f) => f.name));
      const lacking = inherited.filter((f) => !own.has(f.name) && !restAll.has(f.name)).map((f) => f.name);
      if (lacking.length > 0) {
        diagnostics.push(diagnostic('source-disagreement', `${type.name} lacks ${lacking.length > 1 ? 'the fields' : 'the field'} ${lacking.join(', ')} of the WSDL type ${twin.ref}`, at));
      }
    } else if (type.kind === 'enum' && (twin.kind === 'enum' || twin.kind === 'flags')) {
      enumDifferences(type, twin, at, diagnostics);
    }
  }
}

function enumDifferences(type: TypeDef, twin: TypeDef, at: { file: string; line: number }, diagnostics: Diagnostic[]): void {
  const { onlyHere: onlyRest, onlyThere: onlyWsdl } = enumValueDifferences(twin, type);
  if (onlyRest.length > 0) diagnostics.push(diagnostic('rest-type-mismatch', `enum ${type.name}: ${onlyRest.join(', ')} only in the REST definition, not in ${twin.ref} of the WSDL`, at));
  if (onlyWsdl.length > 0) diagnostics.push(diagnostic('rest-type-mismatch', `enum ${type.name}: ${onlyWsdl.join(', ')} of ${twin.ref} in the WSDL missing from the REST definition`, at));
}

/** Whether a REST type and a WSDL type put the same JSON on the wire (names, not prose). */
function sameJson(restRef: TypeRef, wsdlRef: TypeRef, rest: TypeLookup, wsdl: TypeLookup, depth: number): boolean {
  if (restRef === 'xs:anyType' || wsdlRef === 'xs:anyType') return true;
  const r = rest(restRef);
  const w = wsdl(wsdlRef);
  if (restRef === wsdlRef && (!r || !w || r.kind === w.kind)) {
    if (!r || !w || depth > 4) return true;
    if (r.kind === 'enum' || r.kind === 'flags' || r.kind === 'complex') return true; // compared by name; their members apart
  }
  if (restRef === 'xs:string') return STRING_TEXT.has(wsdlRef) || w?.kind === 'enum' || w?.kind === 'flags' || (w?.kind === 'simple' && STRING_TEXT.has(w.base ?? ''));
  if (!r && !w) return restRef === wsdlRef || (restRef === 'xs:int' && wsdlRef === 'ser:char');
  if (r?.kind === 'enum' && (w?.kind === 'enum' || w?.kind === 'flags')) return true; // values compared where the enum is
  if (r?.kind === 'array' && w?.kind === 'array') return sameJson(r.item!.type, w.item!.type, rest, wsdl, depth + 1);
  if (r?.kind === 'array' && wsdlRef === 'xs:base64Binary') return false;
  if (r?.kind === 'dictionary' && w?.kind === 'dictionary') return sameJson(r.entry!.valueType, w.entry!.valueType, rest, wsdl, depth + 1);
  if (r?.kind === 'simple' && r.base) return sameJson(r.base, wsdlRef, rest, wsdl, depth + 1);
  if (w?.kind === 'simple' && w.base && !r) return sameJson(restRef, w.base, rest, wsdl, depth + 1);
  return false;
}
