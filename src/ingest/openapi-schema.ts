import { diagnostic, type Diagnostic, type DiagnosticCode } from '../facts/diagnostics.js';
import type { RestLiteral, RestNamedSchema, RestProperty, RestSchema, RestScalarType, RestSource } from '../facts/file-facts.js';
import { escapePointer, JsonArrayNode, JsonNumber, JsonObjectNode, type JsonValue } from '../parse/json-text.js';
import { LineIndex } from '../parse/line-index.js';

/** Schemas nest deeper than this only in hostile input; the rest of such a schema is cut and reported. */
export const MAX_SCHEMA_DEPTH = 64;

/** A JSON value of a definition with where it stands: its offset and its RFC 6901 pointer. */
export interface Located {
  value: JsonValue;
  offset: number;
  pointer: string;
}

/** One definition file being read: its positions, its diagnostics, and where its named schemas live. */
export class DefinitionContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lines: LineIndex;
  private readonly oneLine: boolean;

  constructor(
    readonly file: string,
    text: string,
    /** `['components', 'schemas']` or `['definitions']`. */
    readonly schemaHome: string[],
  ) {
    this.lines = new LineIndex(text);
    this.oneLine = text.indexOf('\n') === -1 || text.indexOf('\n') === text.length - 1;
  }

  source(at: { offset: number; pointer: string }): RestSource {
    const { line, column } = this.lines.position(at.offset);
    return this.oneLine ? { file: this.file, line, column, pointer: at.pointer } : { file: this.file, line, pointer: at.pointer };
  }

  report(code: DiagnosticCode, at: { offset: number; pointer: string }, message: string): void {
    const { line, column } = this.lines.position(at.offset);
    const where = this.oneLine ? { file: this.file, line, column, pointer: at.pointer } : { file: this.file, line, pointer: at.pointer };
    this.diagnostics.push(diagnostic(code, message, where));
  }

  /** Reports a value that should be an object and is not; answers the object or undefined. */
  object(at: Located, what: string): JsonObjectNode | undefined {
    if (at.value instanceof JsonObjectNode) return at.value;
    this.report('rest-definition-invalid', at, `${what} is ${describeJson(at.value)}, not an object: left out`);
    return undefined;
  }

  array(at: Located, what: string): JsonArrayNode | undefined {
    if (at.value instanceof JsonArrayNode) return at.value;
    this.report('rest-definition-invalid', at, `${what} is ${describeJson(at.value)}, not an array: left out`);
    return undefined;
  }
}

export function member(node: JsonObjectNode, parent: string, index: number): Located {
  return { value: node.value(index), offset: node.valueOffset(index), pointer: `${parent}/${escapePointer(node.key(index))}` };
}

/** The member `key` of an object, located, or undefined. */
export function child(node: JsonObjectNode, parent: string, key: string): Located | undefined {
  const at = node.indexOf(key);
  return at === -1 ? undefined : member(node, parent, at);
}

export function item(node: JsonArrayNode, parent: string, index: number): Located {
  return { value: node.item(index), offset: node.itemOffset(index), pointer: `${parent}/${index}` };
}

export function stringOf(node: JsonObjectNode, key: string): string | undefined {
  const v = node.get(key);
  return typeof v === 'string' ? v : undefined;
}

export function describeJson(v: JsonValue | undefined): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return 'a boolean';
  if (v instanceof JsonNumber) return 'a number';
  if (v instanceof JsonArrayNode) return 'an array';
  return 'an object';
}

/** What a `$ref` points at: a JSON pointer into this file, or something else (another file, a URL). */
export type RefTarget = { local: true; segments: string[] } | { local: false };

export function refTarget(ref: string): RefTarget {
  if (!ref.startsWith('#')) return { local: false };
  let fragment = ref.slice(1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // Not percent-encoded after all: take it as written.
  }
  if (fragment === '') return { local: true, segments: [] };
  if (!fragment.startsWith('/')) return { local: false };
  return { local: true, segments: fragment.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')) };
}

export function pointerOf(segments: string[]): string {
  return segments.map((s) => `/${escapePointer(s)}`).join('');
}

/** The value at a JSON pointer, located, or undefined. */
export function resolvePointer(root: Located, segments: string[]): Located | undefined {
  let at: Located = root;
  for (const segment of segments) {
    const v = at.value;
    if (v instanceof JsonObjectNode) {
      const next = child(v, at.pointer, segment);
      if (!next) return undefined;
      at = next;
    } else if (v instanceof JsonArrayNode && /^(0|[1-9]\d*)$/.test(segment) && Number(segment) < v.length) {
      at = item(v, at.pointer, Number(segment));
    } else return undefined;
  }
  return at;
}

const SCALAR_TYPES = new Set(['string', 'integer', 'number', 'boolean']);

const NULLABLE = 1;
const READ_ONLY = 2;
const DEPRECATED = 4;

/**
 * Where a schema object has each keyword this reader reads (-1: absent; a repeated one: its last, as
 * JSON.parse takes it), found in one pass over its members. Validation keywords are left to the server.
 */
interface Keywords {
  ref: number;
  type: number;
  format: number;
  enum: number;
  items: number;
  properties: number;
  required: number;
  allOf: number;
  additionalProperties: number;
  description: number;
  default: number;
  /** `oneOf`, `anyOf` or `not`, which are not read. */
  composition: number;
  flags: number;
}

function keywordsOf(node: JsonObjectNode): Keywords {
  const kw: Keywords = { ref: -1, type: -1, format: -1, enum: -1, items: -1, properties: -1, required: -1, allOf: -1, additionalProperties: -1, description: -1, default: -1, composition: -1, flags: 0 };
  const size = node.size;
  for (let i = 0; i < size; i++) {
    switch (node.key(i)) {
      case '$ref': kw.ref = i; break;
      case 'type': kw.type = i; break;
      case 'format': kw.format = i; break;
      case 'description': kw.description = i; break;
      case 'items': kw.items = i; break;
      case 'properties': kw.properties = i; break;
      case 'enum': kw.enum = i; break;
      case 'additionalProperties': kw.additionalProperties = i; break;
      case 'required': kw.required = i; break;
      case 'allOf': kw.allOf = i; break;
      case 'default': kw.default = i; break;
      case 'oneOf':
      case 'anyOf':
      case 'not':
        if (kw.composition === -1) kw.composition = i;
        break;
      case 'nullable':
      case 'x-nullable':
        if (node.value(i) === true) kw.flags |= NULLABLE;
        break;
      case 'readOnly':
        if (node.value(i) === true) kw.flags |= READ_ONLY;
        break;
      case 'deprecated':
        if (node.value(i) === true) kw.flags |= DEPRECATED;
        break;
    }
  }
  return kw;
}

/**
 * Reads schemas into the plain form of `RestSchema`. One per file: it knows the file's named schemas,
 * resolves `$ref`s against them (never fetching anything), and finds inheritance cycles at the end.
 */
export class SchemaReader {
  private readonly names: Set<string>;
  /** Pointer of the schema home (`/components/schemas`), for messages. */
  private readonly home: string;
  /** `#/components/schemas/`: a `$ref` that starts so and names a schema as written needs no decoding. */
  private readonly prefix: string;
  /** The outermost schemas (by name, or pointer outside the named ones) whose depth was reported: once each. */
  private deepReported = new Set<string>();

  constructor(
    private readonly ctx: DefinitionContext,
    /** The object holding the named schemas, if the file has one. */
    private readonly container: JsonObjectNode | undefined,
  ) {
    this.names = new Set(container ? container.keysList() : []);
    this.home = pointerOf(ctx.schemaHome);
    this.prefix = `#${this.home}/`;
  }

  /** Every named schema in declaration order, inheritance cycles cut. */
  named(): RestNamedSchema[] {
    const container = this.container;
    if (!container) return [];
    const out: RestNamedSchema[] = [];
    const seen = new Set<string>();
    const unique = container.uniqueKeys();
    for (let i = 0; i < container.size; i++) {
      const name = container.key(i);
      // A repeated name: JSON.parse keeps the last, and so does the lookup of references.
      if ((!unique && container.indexOf(name) !== i) || seen.has(name)) continue;
      seen.add(name);
      out.push({ name, schema: this.read(member(container, this.home, i), 0, name) });
    }
    this.cutCycles(out);
    return out;
  }

  /** Reads one schema; `top` names the schema it sits in, for reporting depth once. */
  read(at: Located, depth: number, top: string): RestSchema {
    return this.readAt(at.value, at.offset, at.pointer, depth, top);
  }

  // The hot path: every schema of the file passes here, so it looks members up by index and builds
  // a member's pointer only where a diagnostic or a source needs it.
  private readAt(node: JsonValue, offset: number, pointer: string, depth: number, top: string): RestSchema {
    const source = this.ctx.source({ offset, pointer });
    if (!(node instanceof JsonObjectNode)) {
      this.ctx.report('rest-definition-invalid', { offset, pointer }, `a schema is ${describeJson(node)}, not an object: read as any`);
      return { kind: 'any', source };
    }
    const at: Located = { value: node, offset, pointer };
    const kw = keywordsOf(node);
    if (depth > MAX_SCHEMA_DEPTH) {
      if (!this.deepReported.has(top)) {
        this.deepReported.add(top);
        this.ctx.report('unsupported-schema', at, `schema nested more than ${MAX_SCHEMA_DEPTH} levels deep: cut here, read as any`);
      }
      return { kind: 'any', source };
    }
    const refIndex = kw.ref;
    if (refIndex !== -1) {
      const target = this.refName(node.value(refIndex), node, refIndex, pointer);
      return this.common(target === undefined ? { kind: 'any', source } : { kind: 'ref', name: target, source }, node, at, kw);
    }
    if (kw.composition !== -1) {
      this.ctx.report('unsupported-schema', member(node, pointer, kw.composition), `'${node.key(kw.composition)}' is not read: the schema is read as any`);
      return this.common({ kind: 'any', source }, node, at, kw);
    }
    const type = kw.type === -1 ? undefined : node.value(kw.type);
    if (type !== undefined && typeof type !== 'string') {
      this.ctx.report('rest-definition-invalid', child(node, pointer, 'type')!, `'type' is ${describeJson(type)}, not a string: read as any`);
      return this.common({ kind: 'any', source }, node, at, kw);
    }
    const format = kw.format === -1 ? undefined : node.value(kw.format);
    const enumIndex = kw.enum;
    if (enumIndex !== -1) {
      const enumAt = member(node, pointer, enumIndex);
      const values = this.ctx.array(enumAt, "'enum'");
      if (values) {
        const literals: RestLiteral[] = [];
        for (let i = 0; i < values.length; i++) {
          const lit = literal(values.item(i));
          if (lit === undefined) this.ctx.report('unsupported-schema', item(values, enumAt.pointer, i), 'an enum value that is not a scalar: left out');
          else literals.push(lit);
        }
        const scalar: RestScalarType = type !== undefined && SCALAR_TYPES.has(type) ? (type as RestScalarType) : 'string';
        const schema: RestSchema = { kind: 'enum', type: scalar, values: literals, source };
        if (typeof format === 'string') schema.format = format;
        const names = this.enumNames(node, at, literals.length);
        if (names) schema.names = names;
        return this.common(schema, node, at, kw);
      }
    }
    if (type === 'array') {
      const itemsIndex = kw.items;
      if (itemsIndex === -1) {
        this.ctx.report('rest-definition-invalid', at, "an array schema without 'items': items read as any");
        return this.common({ kind: 'array', items: { kind: 'any', source }, source }, node, at, kw);
      }
      const items = this.readAt(node.value(itemsIndex), node.valueOffset(itemsIndex), `${pointer}/items`, depth + 1, top);
      return this.common({ kind: 'array', items, source }, node, at, kw);
    }
    if (type === 'file') return this.common({ kind: 'scalar', type: 'string', format: 'binary', source }, node, at, kw);
    if (type !== undefined && SCALAR_TYPES.has(type)) {
      const schema: RestSchema = { kind: 'scalar', type: type as RestScalarType, source };
      if (typeof format === 'string') schema.format = format;
      return this.common(schema, node, at, kw);
    }
    if (type !== undefined && type !== 'object') {
      this.ctx.report('unsupported-schema', child(node, pointer, 'type')!, `type '${type}' is not a JSON Schema type: read as any`);
      return this.common({ kind: 'any', source }, node, at, kw);
    }
    const propertiesIndex = kw.properties;
    const allOfIndex = kw.allOf;
    const additionalIndex = kw.additionalProperties;
    if (type === undefined && propertiesIndex === -1 && allOfIndex === -1 && additionalIndex === -1) return this.common({ kind: 'any', source }, node, at, kw);
    // allOf: one $ref is the base; inline members add their properties.
    let base: string | undefined;
    const properties: RestProperty[] = [];
    if (propertiesIndex !== -1) this.properties(node, at, propertiesIndex, kw.required, depth, top, properties);
    let additional: RestSchema | undefined = additionalIndex !== -1 ? this.additional(member(node, pointer, additionalIndex), depth, top) : undefined;
    if (allOfIndex !== -1) {
      const allOfAt = member(node, pointer, allOfIndex);
      const members = this.ctx.array(allOfAt, "'allOf'");
      const setBase = (name: string, m: Located) => {
        if (base === undefined) base = name;
        else this.ctx.report('unsupported-schema', m, `allOf names a second base, '${name}', after '${base}': only the first is read`);
      };
      for (let i = 0; members && i < members.length; i++) {
        const m = item(members, allOfAt.pointer, i);
        const part = m.value;
        if (!(part instanceof JsonObjectNode)) {
          this.ctx.report('rest-definition-invalid', m, `an allOf member is ${describeJson(part)}, not an object: left out`);
          continue;
        }
        const partRef = part.indexOf('$ref');
        if (partRef !== -1) {
          const name = this.refName(part.value(partRef), part, partRef, m.pointer);
          if (name !== undefined) setBase(name, m);
          continue;
        }
        const read = this.readAt(part, m.offset, m.pointer, depth + 1, top);
        if (read.kind === 'object') {
          properties.push(...read.properties);
          if (read.base !== undefined) setBase(read.base, m);
          if (read.additionalProperties && !additional) additional = read.additionalProperties;
        } else if (read.kind === 'ref') setBase(read.name, m);
        else if (read.kind === 'map') {
          if (!additional) additional = read.values;
        } else if (read.kind !== 'any') this.ctx.report('unsupported-schema', m, `an allOf member of kind ${read.kind} is not read`);
      }
      // `allOf: [{ $ref }]` and nothing else: the reference itself (a description or nullable beside it).
      if (base !== undefined && properties.length === 0 && !additional && propertiesIndex === -1 && type === undefined) {
        return this.common({ kind: 'ref', name: base, source }, node, at, kw);
      }
    }
    if (additional && properties.length === 0 && propertiesIndex === -1 && base === undefined) {
      return this.common({ kind: 'map', values: additional, source }, node, at, kw);
    }
    const schema: RestSchema = { kind: 'object', properties, source };
    if (base !== undefined) schema.base = base;
    if (additional) schema.additionalProperties = additional;
    return this.common(schema, node, at, kw);
  }

  /** The name of the schema a `$ref` names, or undefined (reported) when it names none of this file. */
  refName(ref: JsonValue, owner: JsonObjectNode, index: number, ownerPointer: string): string | undefined {
    if (typeof ref === 'string') {
      // The common case, `#/components/schemas/X` with X a plain name, without decoding anything.
      if (ref.startsWith(this.prefix)) {
        const name = ref.slice(this.prefix.length);
        if (this.names.has(name)) return name;
      }
    }
    const at = member(owner, ownerPointer, index);
    if (typeof ref !== 'string') {
      this.ctx.report('rest-definition-invalid', at, `'$ref' is ${describeJson(ref)}, not a string: read as any`);
      return undefined;
    }
    const target = refTarget(ref);
    if (!target.local) {
      this.ctx.report('unsupported-schema', at, `'${ref}' refers to another file or a URL, which is never fetched: read as any`);
      return undefined;
    }
    const home = this.ctx.schemaHome;
    const s = target.segments;
    if (s.length === home.length + 1 && home.every((h, i) => s[i] === h)) {
      const name = s[home.length]!;
      if (this.names.has(name)) return name;
      this.ctx.report('rest-definition-invalid', at, `'${ref}' names no schema of this file: read as any`);
      return undefined;
    }
    this.ctx.report('rest-definition-invalid', at, `'${ref}' is not a schema under ${this.home} of this file: read as any`);
    return undefined;
  }

  /** Adds what any schema may say of itself; answers the schema. */
  private common<T extends RestSchema>(schema: T, node: JsonObjectNode, at: Located, kw: Keywords): T {
    if (kw.description !== -1) {
      const description = node.value(kw.description);
      if (typeof description === 'string') schema.description = description;
    }
    if (kw.flags !== 0) {
      if (kw.flags & NULLABLE) schema.nullable = true;
      if (kw.flags & READ_ONLY) schema.readOnly = true;
      if (kw.flags & DEPRECATED) schema.deprecated = true;
    }
    const k = kw.default;
    if (k !== -1) {
      const lit = literal(node.value(k));
      if (lit !== undefined) schema.default = lit;
      else this.ctx.report('unsupported-schema', member(node, at.pointer, k), 'a default that is not a scalar: left out');
    }
    return schema;
  }

  private properties(node: JsonObjectNode, at: Located, index: number, requiredIndex: number, depth: number, top: string, out: RestProperty[]): void {
    const propertiesAt = member(node, at.pointer, index);
    const props = this.ctx.object(propertiesAt, "'properties'");
    if (!props) return;
    let required: Set<string> | undefined;
    if (requiredIndex !== -1) {
      const list = this.ctx.array(member(node, at.pointer, requiredIndex), "'required'");
      required = new Set();
      for (let i = 0; list && i < list.length; i++) {
        const v = list.item(i);
        if (typeof v === 'string') required.add(v);
      }
    }
    const unique = props.uniqueKeys();
    for (let i = 0; i < props.size; i++) {
      const name = props.key(i);
      if (!unique && props.indexOf(name) !== i) continue;
      const schema = this.readAt(props.value(i), props.valueOffset(i), `${propertiesAt.pointer}/${escapePointer(name)}`, depth + 1, top);
      const property: RestProperty = { name, required: required !== undefined && required.has(name), schema, source: schema.source };
      if (schema.description !== undefined) {
        property.description = schema.description;
        delete schema.description;
      }
      out.push(property);
    }
  }

  private additional(at: Located, depth: number, top: string): RestSchema | undefined {
    if (at.value === false) return undefined;
    if (at.value === true) return { kind: 'any', source: this.ctx.source(at) };
    return this.read(at, depth + 1, top);
  }

  private enumNames(node: JsonObjectNode, at: Located, count: number): string[] | undefined {
    for (const key of ['x-enumNames', 'x-enum-varnames']) {
      const namesAt = child(node, at.pointer, key);
      if (!namesAt) continue;
      const list = this.ctx.array(namesAt, `'${key}'`);
      if (!list) continue;
      const names: string[] = [];
      for (let i = 0; i < list.length; i++) {
        const v = list.item(i);
        if (typeof v === 'string') names.push(v);
      }
      if (names.length !== count || names.length !== list.length) {
        this.ctx.report('rest-definition-invalid', namesAt, `'${key}' has ${list.length} names for ${count} values: left out`);
        continue;
      }
      return names;
    }
    return undefined;
  }

  /**
   * A schema that is another (an alias `$ref`) or extends another (`allOf` base) may not come back to
   * itself: the edge that closes such a cycle is cut and reported. References from properties, items
   * and values are legal recursion and stay.
   */
  private cutCycles(schemas: RestNamedSchema[]): void {
    const byName = new Map(schemas.map((s) => [s.name, s]));
    const next = (s: RestNamedSchema): string | undefined =>
      s.schema.kind === 'ref' ? s.schema.name : s.schema.kind === 'object' ? s.schema.base : undefined;
    const state = new Map<string, 'open' | 'done'>();
    for (const start of schemas) {
      const path: RestNamedSchema[] = [];
      let current: RestNamedSchema | undefined = start;
      while (current && !state.has(current.name)) {
        state.set(current.name, 'open');
        path.push(current);
        const name = next(current);
        current = name === undefined ? undefined : byName.get(name);
      }
      if (current && state.get(current.name) === 'open') {
        // path from `current` to its end is a cycle; its last member's edge closes it.
        const cycle = path.slice(path.indexOf(current));
        const last = cycle[cycle.length - 1]!;
        const chain = [...cycle.map((s) => s.name), current.name].join(' → ');
        const schema = last.schema;
        const at = { offset: 0, pointer: schema.source.pointer };
        if (schema.kind === 'object') {
          this.report(schema.source, `inheritance cycle ${chain}: the base of '${last.name}' is left out`, at);
          delete schema.base;
        } else {
          this.report(schema.source, `$ref cycle ${chain}: '${last.name}' is read as any`, at);
          const { source, description, nullable } = schema;
          last.schema = { kind: 'any', source };
          if (description !== undefined) last.schema.description = description;
          if (nullable) last.schema.nullable = true;
        }
      }
      for (const s of path) state.set(s.name, 'done');
    }
  }

  private report(source: RestSource, message: string, at: { pointer: string }): void {
    const where: { file: string; line: number; column?: number; pointer: string } = { file: source.file, line: source.line, pointer: at.pointer };
    if (source.column !== undefined) where.column = source.column;
    this.ctx.diagnostics.push(diagnostic('rest-definition-invalid', message, where));
  }
}

/** A JSON scalar as a literal (numbers as their text), or undefined for objects and arrays. */
export function literal(v: JsonValue): RestLiteral | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof JsonNumber) return { number: v.text };
  return undefined;
}
