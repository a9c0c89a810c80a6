import type { RestDefinitionFacts, RestNamedSchema, RestProperty, RestSchema, RestSource } from '../facts/file-facts.js';
import { diagnostic, type Diagnostic } from '../facts/diagnostics.js';
import { formatProvenance, type Provenance } from '../facts/provenance.js';
import type { Field, TypeDef, TypeRef } from './api-model.js';
import { typeDifferences } from './type-differences.js';
import { allFields, type TypeLookup } from './type-graph.js';

/**
 * The JSON types of REST definitions as model types, in the type system the WSDL types use (`xs:int`,
 * `tns:ErpConnection`), so that one emitter and one runtime serve both. A named schema
 * `SuperOffice.CRM.Services.ErpConnection` is `tns:ErpConnection` (the WSDL twin's name), unless two
 * schemas end in the same name; inline arrays, maps, enums and objects get synthesised names.
 *
 * Nullability: a schema's own `nullable` decides; where it says nothing (none of the shipped
 * definitions does), the WSDL twin's nillable decides, and without a twin a value that .NET holds by
 * reference (string, bytes, object, array, map) may be null, a value type (number, boolean, date, enum)
 * may not.
 */
export class RestTypes {
  readonly types = new Map<TypeRef, TypeDef>();
  private readonly refOfName = new Map<string, TypeRef>();
  private readonly namedRefs = new Set<TypeRef>();
  /** Per file: schema name → the type ref it became (memoised, and set before the fields, for recursion). */
  private readonly converted = new Map<string, Map<string, TypeRef>>();
  private readonly namedSchemas = new Map<string, Map<string, RestNamedSchema>>();

  constructor(
    definitions: Array<{ file: string; definition: RestDefinitionFacts }>,
    /** The WSDL types of the newest ServicesNN: twins by name, for names, flags and nullability. */
    private readonly twins: TypeLookup,
    private readonly diagnostics: Diagnostic[],
  ) {
    const byLastName = new Map<string, Set<string>>();
    for (const { file, definition } of definitions) {
      this.namedSchemas.set(file, new Map(definition.schemas.map((s) => [s.name, s])));
      for (const s of definition.schemas) {
        const last = lastSegment(s.name);
        let names = byLastName.get(last);
        if (!names) byLastName.set(last, (names = new Set()));
        names.add(s.name);
      }
    }
    for (const [last, names] of byLastName) {
      for (const name of names) this.refOfName.set(name, `tns:${names.size === 1 ? last : qualifiedName(name)}`);
    }
    for (const ref of this.refOfName.values()) this.namedRefs.add(ref);
  }

  /** The named schema of a file, as written (request carriers are read as parameters, not as types). */
  schemaNamed(file: string, name: string): RestNamedSchema | undefined {
    return this.namedSchemas.get(file)?.get(name);
  }

  /** The model type of a schema; `hint` names what it describes (`ErpConnectionConfigFields`), for inline types. */
  refOf(file: string, schema: RestSchema, hint: string, twin?: TypeRef): TypeRef {
    switch (schema.kind) {
      case 'ref':
        return this.named(file, schema.name);
      case 'scalar':
        return this.richer(scalarRef(schema.type, schema.format), twin);
      case 'any':
        return 'xs:anyType';
      case 'enum': {
        const twinDef = twin ? this.twins(twin) : undefined;
        const name = twinDef && (twinDef.kind === 'enum' || twinDef.kind === 'flags') ? twinDef.name : hint;
        if (twinDef?.kind === 'flags' && twin) return this.adoptTwin(twin, schema.source);
        return this.synthesise(name, (ref) => this.enumDef(ref, schema));
      }
      case 'array': {
        const twinItem = twin ? this.twins(twin)?.item?.type : undefined;
        const item = this.refOf(file, schema.items, `${hint}Item`, twinItem);
        const nillable = this.nillable(schema.items, undefined);
        const name = `ArrayOf${this.displayName(item)}`;
        return this.synthesise(name, (ref) => ({
          ref,
          name: lastSegment(ref.slice(4)),
          namespace: REST_NAMESPACE,
          kind: 'array',
          item: { elementName: this.displayName(item), type: item, nillable },
          sources: [provenance(schema.source)],
        }));
      }
      case 'map': {
        const twinValue = twin ? this.twins(twin)?.entry?.valueType : undefined;
        const value = this.refOf(file, schema.values, `${hint}Value`, twinValue);
        const valueNillable = this.nillable(schema.values, undefined);
        return this.synthesise(`DictionaryOf${this.displayName(value)}`, (ref) => ({
          ref,
          name: ref.slice(4),
          namespace: REST_NAMESPACE,
          kind: 'dictionary',
          entry: { elementName: 'KeyValue', keyName: 'Key', keyType: 'xs:string', valueName: 'Value', valueType: value, valueNillable },
          sources: [provenance(schema.source)],
        }));
      }
      case 'object':
        // `{type: object}` and nothing else is .NET's `object`: any JSON value, not an empty carrier.
        if (schema.properties.length === 0 && !schema.base && !schema.additionalProperties) return 'xs:anyType';
        return this.synthesise(hint, (ref) => this.objectDef(ref, hint, schema, file, twin));
    }
  }

  /** Whether a value of this schema may be null; `twin` is what the WSDL twin says, if it has one. */
  nillable(schema: RestSchema, twin: boolean | undefined): boolean {
    if (schema.nullable !== undefined) return schema.nullable;
    if (twin !== undefined) return twin;
    switch (schema.kind) {
      case 'scalar':
        return schema.type === 'string' && schema.format !== 'date-time' && schema.format !== 'date';
      case 'enum':
        return false;
      case 'ref': {
        const def = this.types.get(this.refOfName.get(schema.name) ?? '');
        return def?.kind !== 'enum' && def?.kind !== 'flags' && !(def?.kind === 'simple' && !isReferencePrimitive(def.base ?? ''));
      }
      default:
        return true;
    }
  }

  private named(file: string, name: string): TypeRef {
    const memo = this.converted.get(file) ?? new Map<string, TypeRef>();
    this.converted.set(file, memo);
    const done = memo.get(name);
    if (done) return done;
    const ref = this.refOfName.get(name) ?? `tns:${qualifiedName(name)}`;
    memo.set(name, ref);
    const named = this.schemaNamed(file, name);
    if (!named) return 'xs:anyType'; // the reader reported the dangling $ref already
    const def = this.namedDef(ref, named, file);
    const known = this.types.get(ref);
    if (!known) {
      this.types.set(ref, def);
      return ref;
    }
    // The same schema in another file (every agent's file repeats the carriers it uses).
    const differences = typeDifferences(known, def);
    if (differences.length > 0) {
      // What only this copy has is taken too: a property left out would be silently dropped on the wire.
      const added = addMissingMembers(known, def);
      this.diagnostics.push(
        diagnostic(
          'source-disagreement',
          `schema ${name} differs from its definition at ${formatProvenance(known.sources[0]!)} (${differences.join('; ')}); that one is kept` +
            (added.length > 0 ? `, with ${added.join(', ')} added from here` : ''),
          def.sources[0]!,
        ),
      );
    }
    known.sources.push(...def.sources);
    return ref;
  }

  private namedDef(ref: TypeRef, named: RestNamedSchema, file: string): TypeDef {
    const schema = named.schema;
    const twin = this.twins(ref)?.ref;
    const base: Pick<TypeDef, 'ref' | 'name' | 'namespace' | 'sources'> = {
      ref,
      name: ref.slice(4),
      namespace: namespaceOf(named.name),
      sources: [provenance(schema.source)],
    };
    const described = (def: TypeDef): TypeDef => (schema.description ? { ...def, description: cleanDescription(schema.description) } : def);
    switch (schema.kind) {
      case 'object':
        return described({ ...this.objectDef(ref, base.name, schema, file, twin), ...base });
      case 'enum':
        return described({ ...this.enumDef(ref, schema), ...base });
      case 'array':
      case 'map':
      case 'ref':
      case 'scalar':
      case 'any': {
        // A named alias of another shape: a simple type restricting what it stands for.
        const target = this.refOf(file, schema, `${base.name}Value`, undefined);
        const def = this.types.get(target);
        if (def && (def.kind === 'array' || def.kind === 'dictionary')) return described({ ...def, ...base });
        return described({ ...base, kind: 'simple', base: target });
      }
    }
  }

  /** A property as a field: its type, required, nullable (the twin's word where the schema is silent), prose. */
  fieldOf(file: string, property: RestProperty, hint: string, twin: Field | undefined): Field {
    const field: Field = {
      name: property.name,
      type: this.refOf(file, property.schema, hint, twin?.type),
      minOccurs: property.required ? 1 : 0,
      maxOccurs: 1,
      nillable: this.nillable(property.schema, twin?.nillable),
      sources: [provenance(property.source)],
    };
    const description = property.description ? cleanDescription(property.description) : twin?.description;
    if (description) field.description = description;
    return field;
  }

  private objectDef(ref: TypeRef, hint: string, schema: Extract<RestSchema, { kind: 'object' }>, file: string, twinRef: TypeRef | undefined): TypeDef {
    const twinFields = new Map((twinRef ? allFields(twinRef, this.twins) : []).map((f) => [f.name, f]));
    const fields: Field[] = schema.properties.map((p) => this.fieldOf(file, p, `${hint}${p.name}`, twinFields.get(p.name)));
    if (schema.additionalProperties) {
      this.diagnostics.push(
        diagnostic('unsupported-schema', `additionalProperties beside named properties are not typed: they are read as unknown members`, provenance(schema.source)),
      );
    }
    const def: TypeDef = { ref, name: ref.slice(4), namespace: REST_NAMESPACE, kind: 'complex', fields, sources: [provenance(schema.source)] };
    if (schema.base) def.base = this.named(file, schema.base);
    if (schema.description) def.description = cleanDescription(schema.description);
    return def;
  }

  private enumDef(ref: TypeRef, schema: Extract<RestSchema, { kind: 'enum' }>): TypeDef {
    const source = provenance(schema.source);
    const values = schema.values.map((v, i) => {
      const name = schema.names?.[i] ?? (typeof v === 'string' ? v : v === null ? 'null' : typeof v === 'boolean' ? String(v) : v.number);
      const value: { name: string; value?: number; sources: Provenance[] } = { name, sources: [source] };
      if (typeof v === 'object' && v !== null && /^-?\d+$/.test(v.number)) value.value = Number(v.number);
      return value;
    });
    return { ref, name: ref.slice(4), namespace: REST_NAMESPACE, kind: 'enum', values, sources: [source] };
  }

  /**
   * A type made for an inline schema: the same shape under the same name is one type; a different
   * shape under a taken name gets a number (`GetCrmActorTypeResult2`).
   */
  private synthesise(name: string, make: (ref: TypeRef) => TypeDef): TypeRef {
    const clean = name.replace(/[^A-Za-z0-9_]/g, '') || 'Value';
    for (let n = 1; ; n++) {
      const ref = `tns:${clean}${n === 1 ? '' : n}`;
      if (this.namedRefs.has(ref)) continue;
      const known = this.types.get(ref);
      const def = make(ref);
      if (!known) {
        this.types.set(ref, def);
        return ref;
      }
      if (typeDifferences(known, def).length === 0) {
        if (!known.sources.some((s) => s.file === def.sources[0]!.file && s.pointer === def.sources[0]!.pointer)) known.sources.push(...def.sources);
        return ref;
      }
    }
  }

  /**
   * Where the twin says more about a value whose JSON text is the same, its type is kept: an enum, or
   * a flags enum, that the definition calls a string travels as the same names.
   */
  private richer(ref: TypeRef, twin: TypeRef | undefined): TypeRef {
    if (!twin || ref !== 'xs:string') return ref;
    const def = this.twins(twin);
    if (def?.kind === 'flags' || def?.kind === 'enum') return this.adoptTwin(twin, undefined);
    return ref;
  }

  private adoptTwin(twin: TypeRef, at: RestSource | undefined): TypeRef {
    const def = this.twins(twin)!;
    const known = this.types.get(twin);
    if (known && known.kind !== def.kind) {
      if (at) this.diagnostics.push(diagnostic('source-disagreement', `the WSDL flags type ${twin} has the name of another REST type: the definition's is kept`, provenance(at)));
      return twin;
    }
    if (!known) this.types.set(twin, { ...def, values: def.values?.map((v) => ({ ...v, sources: [...v.sources] })), sources: [...def.sources] });
    return twin;
  }

  private displayName(ref: TypeRef): string {
    if (ref.startsWith('xs:')) return ref.slice(3);
    const def = this.types.get(ref);
    return def?.name ?? ref.slice(ref.indexOf(':') + 1);
  }
}

/** Adds to `kept` the fields and enum values only `other` has; answers their names. */
function addMissingMembers(kept: TypeDef, other: TypeDef): string[] {
  if (kept.kind !== other.kind) return [];
  const added: string[] = [];
  if (kept.fields && other.fields) {
    const names = new Set(kept.fields.map((f) => f.name));
    for (const f of other.fields) {
      if (names.has(f.name)) continue;
      kept.fields.push(f);
      added.push(f.name);
    }
  }
  if (kept.values && other.values) {
    const names = new Set(kept.values.map((v) => v.name));
    for (const v of other.values) {
      if (names.has(v.name)) continue;
      kept.values.push(v);
      added.push(v.name);
    }
  }
  return added;
}

/** The namespace REST types without a .NET namespace of their own are filed under. */
export const REST_NAMESPACE = 'urn:superoffice-sdkgen:rest';

/** `xs:` type of a JSON scalar: the formats the definitions use, and JSON's own meaning otherwise. */
export function scalarRef(type: string, format: string | undefined): TypeRef {
  switch (type) {
    case 'boolean':
      return 'xs:boolean';
    case 'integer':
      return format === 'int32' ? 'xs:int' : format === 'int16' ? 'xs:short' : format === 'int8' ? 'xs:byte' : 'xs:long';
    case 'number':
      return format === 'float' ? 'xs:float' : format === 'decimal' ? 'xs:decimal' : 'xs:double';
    default:
      switch (format) {
        case 'date-time':
          return 'xs:dateTime';
        case 'date':
          return 'xs:date';
        case 'byte':
        case 'binary':
          return 'xs:base64Binary';
        case 'decimal':
          return 'xs:decimal';
        default:
          return 'xs:string';
      }
  }
}

function isReferencePrimitive(ref: TypeRef): boolean {
  return ref === 'xs:string' || ref === 'xs:base64Binary' || ref === 'xs:anyType';
}

export function provenance(source: RestSource): Provenance {
  const p: Provenance = { file: source.file, line: source.line, pointer: source.pointer };
  if (source.column !== undefined) p.column = source.column;
  return p;
}

/** `ErpConnection` of `SuperOffice.CRM.Services.ErpConnection`. */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function namespaceOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? REST_NAMESPACE : name.slice(0, dot);
}

/** `PersonCarriers_MoveRequest` for `SuperOffice.WebApi.v1.Carriers.PersonCarriers.MoveRequest`. */
function qualifiedName(name: string): string {
  const parts = name.split('.').filter((p) => p.length > 0);
  return parts.slice(-2).join('_').replace(/[^A-Za-z0-9_]/g, '_') || 'Schema';
}

/**
 * Descriptions in the definitions are .NET XML doc comments flattened: `<para />` breaks and
 * `<see cref="T:X">text</see>` links. What a reader needs is the text.
 */
export function cleanDescription(text: string): string {
  return text
    .replace(/<para\s*\/>/g, '\n')
    .replace(/<see\s+cref="[A-Z]:([^"]*)"\s*>([^<]*)<\/see>/g, '$2')
    .replace(/<see\s+cref="[A-Z]:([^"]*)"\s*\/>/g, (_m, cref: string) => cref.slice(cref.lastIndexOf('.') + 1))
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
