/**
 * Wire metadata the generated agents hand to the codecs: for every type an agent can send or receive,
 * its kind, its fields in `xs:sequence` order and its namespace. Type references are `prefix:Name`
 * with the prefixes of `WireSchema.ns`; `xs:` names are XML Schema primitives.
 */
export interface WireSchema {
  /** Prefix → namespace URI. */
  readonly ns: Readonly<Record<string, string>>;
  readonly types: Readonly<Record<string, WireType>>;
}

/** One SOAP operation as the WSDL binds it (SOAP 1.1, document/literal, wrapped). */
export interface SoapOperation {
  readonly action: string;
  /** The request wrapper element (`tns:SaveConnection`) and its children in order. */
  readonly request: string;
  readonly params: readonly WireField[];
  /** The response wrapper element and its children in order. */
  readonly response: string;
  readonly results: readonly WireField[];
  /** Name of the element that is the result (`Response`); other result elements are out parameters. */
  readonly result: string | null;
  /** Request header parts: `[part, element, type]`. */
  readonly headers: ReadonlyArray<readonly [string, string, string]>;
}

/** Field flags: OPTIONAL (minOccurs 0), NILLABLE, REPEATED (maxOccurs > 1). */
export const OPTIONAL = 1;
export const NILLABLE = 2;
export const REPEATED = 4;
/** REST query options only (`$orderBy`, `$entities`): an array is sent as one comma-separated value. */
export const COMMA_LIST = 8;

/** `[name, type, flags]` */
export type WireField = readonly [string, string, number];

export type WireType =
  /** complex: base type (or ''), own fields in order */
  | readonly ['c', string, readonly WireField[]]
  /** array: item element name, item type, item flags */
  | readonly ['a', string, string, number]
  /** dictionary: entry element, key element, key type, value element, value type, value flags */
  | readonly ['d', string, string, string, string, string, number]
  /** enum */
  | readonly ['e']
  /** flag enum (xs:list of names) */
  | readonly ['f']
  /** simple: the restricted primitive */
  | readonly ['s', string];

/** Every answer's objects ask for the same few types' fields: worked out once per schema and type. */
const fieldCache = new WeakMap<WireSchema, Map<string, ReadonlyArray<{ field: WireField; prefix: string }>>>();

/** Fields of a complex type in wire order: inherited fields first, each with its namespace prefix. */
export function fieldsOf(schema: WireSchema, ref: string): ReadonlyArray<{ field: WireField; prefix: string }> {
  let byType = fieldCache.get(schema);
  if (!byType) fieldCache.set(schema, (byType = new Map()));
  let fields = byType.get(ref);
  if (!fields) byType.set(ref, (fields = collectFields(schema, ref)));
  return fields;
}

function collectFields(schema: WireSchema, ref: string): Array<{ field: WireField; prefix: string }> {
  const chain: Array<{ ref: string; type: readonly ['c', string, readonly WireField[]] }> = [];
  for (let r = ref; r && chain.length < 64; ) {
    const type = schema.types[r];
    if (!type || type[0] !== 'c') break;
    chain.unshift({ ref: r, type });
    r = type[1];
  }
  return chain.flatMap(({ ref: r, type }) => type[2].map((field) => ({ field, prefix: prefixOf(r) })));
}

export function prefixOf(ref: string): string {
  return ref.slice(0, ref.indexOf(':'));
}

/**
 * The primitive a scalar travels as: itself for `xs:` types, the restricted type for simple types
 * (`ser:guid` → `xs:string`), `xs:string` for enum names; undefined for structured types.
 */
export function scalarPrimitive(schema: WireSchema, ref: string): string | undefined {
  const wire = schema.types[ref];
  if (!wire) return ref;
  if (wire[0] === 's') return wire[1];
  if (wire[0] === 'e') return 'xs:string';
  return undefined;
}

/**
 * One codec function per schema and key (a type, with its flags where they matter), made the first
 * time it is asked for: a type's work is done once however many values an answer holds. While it is
 * made, a forwarder stands in, so that a type that contains itself finds its own.
 */
export function madeOnce<F extends (value: never) => unknown>(cache: WeakMap<WireSchema, Map<string, F>>, schema: WireSchema, key: string, make: () => F): F {
  let byKey = cache.get(schema);
  if (!byKey) cache.set(schema, (byKey = new Map()));
  let made = byKey.get(key);
  if (!made) {
    let inner: F | undefined;
    byKey.set(key, ((value: never) => inner!(value)) as F);
    inner = make();
    byKey.set(key, inner);
    made = inner;
  }
  return made;
}
