import { Definition, sampleOf, type DefOperation, type DefQueryParam, type Json, type SampleContext, type Shape } from './rest-definition-samples.js';

/**
 * What the REST entity API (every operation outside `/api/v1/Agents`) should look like in the SDK and
 * on the wire, worked out from definitions read with JSON.parse — nothing here asks the generator:
 * the class of an operation (`<Tag>RestApi`, its first tag with non-identifier characters as `_`),
 * the method (its operationId after `v1<Name>_`, a number suffix where a name is taken within the
 * resource), the path with the parameters filled in, and the query string.
 */

/** `List Item` → `List_Item`; a leading digit gets a `_` first. */
export function resourceNameOf(tag: string): string {
  return tag.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, '_');
}

/** `v1ContactEntity_GetContactEntity` → `GetContactEntity`. */
export function methodNameOf(operationId: string): string {
  return operationId.replace(/^v\d+[A-Za-z0-9]*_/, '').replace(/[^A-Za-z0-9_]/g, '_');
}

export interface EntityMethod {
  resource: string;
  name: string;
  /** Every definition operation this method stands for (an OpenAPI and a Swagger file of the same resource). */
  ops: Array<{ def: Definition; op: DefOperation }>;
}

/**
 * The resources and methods of a set of definitions, in the order the README gives (OpenAPI before
 * Swagger, then by path): one operation (verb and path) is one method, whichever files describe it;
 * a second operation under a name already taken in its resource is `<name>2`, `<name>3` ….
 */
export function entityMethods(defs: Array<{ def: Definition; sortKey: string }>): Map<string, Map<string, EntityMethod>> {
  const ordered = [...defs].sort((a, b) => Number(a.def.swagger) - Number(b.def.swagger) || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const resources = new Map<string, Map<string, EntityMethod>>();
  for (const { def } of ordered) {
    for (const op of def.operations) {
      if (op.agent !== undefined || op.tag === undefined || op.operationId === undefined) continue;
      const resource = resourceNameOf(op.tag);
      const methods = resources.get(resource) ?? new Map<string, EntityMethod>();
      resources.set(resource, methods);
      const base = methodNameOf(op.operationId);
      // The same operation in another format's file is the same method.
      const known = methods.get(base);
      if (known && known.ops.some((o) => o.op.verb === op.verb && o.op.route === op.route)) {
        known.ops.push({ def, op });
        continue;
      }
      let name = base;
      for (let n = 2; methods.has(name); n++) name = `${base}${n}`;
      methods.set(name, { resource, name, ops: [{ def, op }] });
    }
  }
  return resources;
}

// ---------------------------------------------------------------------------------------------------
// Path parameters.

/** Values a path segment cannot carry as they are: a slash, a space, `?` and `#`, `%`, `+`, non-ASCII. */
export const AWKWARD_SEGMENTS = ['a/b c?#', '100% & 50+50=x', 'ünï €/😀', 'semi;colon:at@', "it's (quoted)*!"];

/**
 * A value for a path parameter: strings are the awkward ones above in turn, numbers and enums as
 * sampled from the schema. `text` is what the segment must read once percent-decoded.
 */
export function pathValueOf(p: DefQueryParam, ctx: SampleContext, k: number): { js: unknown; text: string } {
  const schema = typeof p.schema['$ref'] === 'string' ? ctx.def.resolve(p.schema['$ref']) : p.schema;
  if (schema['type'] === 'string' && !Array.isArray(schema['enum']) && schema['format'] === undefined) {
    const text = AWKWARD_SEGMENTS[k % AWKWARD_SEGMENTS.length]!;
    return { js: text, text };
  }
  const s = sampleOf(schema, { ...ctx, noNull: true });
  const shape = s.shape;
  const text = shape.t === 'int' || shape.t === 'decimal' ? shape.text : shape.t === 'str' ? shape.value : shape.t === 'num' || shape.t === 'bool' ? String(shape.value) : undefined;
  if (text === undefined) throw new Error(`a ${shape.t} path parameter (${p.name}) is not expected`);
  return { js: s.js, text };
}

/** pchar of RFC 3986 (unreserved, pct-encoded, sub-delims, `:`, `@`) and the `/` between segments. */
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;

/**
 * How a sent path (raw, before any decoding) differs from the route with `values` put in: it must be
 * made of path characters only (a space, `?`, `#` or non-ASCII would end or break it) and have the
 * route's segments, each reading the value once percent-decoded (a `/` in a value must not split it).
 */
export function pathDifference(sent: string, route: string, values: Record<string, string>, prefix = ''): string | undefined {
  const want = `${prefix}${route}`.split('/').map((seg) => seg.replace(/\{([^}]*)\}/g, (_, name: string) => values[name] ?? `{${name}}`));
  if (!PATH_CHARS.test(sent.replace(/%[0-9A-Fa-f]{2}/g, ''))) return `sent ${sent}: characters a path cannot carry unescaped`;
  const got = sent.split('/');
  let decoded: string[];
  try {
    decoded = got.map((s) => decodeURIComponent(s));
  } catch {
    return `sent ${sent}: not percent-encoded UTF-8`;
  }
  if (decoded.length !== want.length || decoded.some((s, i) => s !== want[i])) return `sent ${sent}, want the segments ${JSON.stringify(want)}`;
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Query strings.

/** A raw query string as name → values, each percent-decoded; a literal `+` is reported (a server reads it as a space). */
export function readQuery(raw: string): { values: Map<string, string[]>; problems: string[] } {
  const values = new Map<string, string[]>();
  const problems: string[] = [];
  if (raw === '') return { values, problems };
  for (const pair of raw.split('&')) {
    const eq = pair.indexOf('=');
    const [rawName, rawValue] = eq < 0 ? [pair, ''] : [pair.slice(0, eq), pair.slice(eq + 1)];
    if (/[+ #]/.test(pair)) problems.push(`query ${pair}: a literal + or space (a server reads + as a space)`);
    try {
      const name = decodeURIComponent(rawName);
      values.set(name, [...(values.get(name) ?? []), decodeURIComponent(rawValue)]);
    } catch {
      problems.push(`query ${pair}: not percent-encoded UTF-8`);
    }
  }
  return { values, problems };
}

/** The scalar text a query value of this shape must be (dates are compared as instants elsewhere). */
export function scalarText(shape: Shape): string | undefined {
  switch (shape.t) {
    case 'int':
    case 'decimal':
      return shape.text;
    case 'num':
    case 'str':
    case 'bool':
      return String(shape.value);
    case 'flags':
      return shape.names.join(', ');
    default:
      return undefined;
  }
}

/**
 * Whether a query parameter is one this test gives a value: scalars, and arrays of scalars. A free-form
 * object (`type: object` without properties, which the Ticket definition has for
 * `mergedTicketEntity.extraFields` and the like) or an array of untyped items says nothing about how it
 * would be written, so those are left out and counted.
 */
export function exercisable(p: DefQueryParam, def: Definition): boolean {
  const schema = typeof p.schema['$ref'] === 'string' ? def.resolve(p.schema['$ref']) : p.schema;
  const scalar = (s: Json) => ['string', 'integer', 'number', 'boolean'].includes(String(s['type'])) && s['format'] !== 'binary';
  if (schema['type'] === 'array') {
    const items = schema['items'] as Json | undefined;
    if (!items) return false;
    return scalar(typeof items['$ref'] === 'string' ? def.resolve(items['$ref']) : items);
  }
  return scalar(schema);
}

/**
 * What the query must carry for one parameter: one value, or for an array the definition's style —
 * OpenAPI 3 form style with explode (the default): the name repeated, one value each; without explode,
 * or Swagger 2's csv (the default): one comma list.
 */
export function queryDifferenceOf(p: DefQueryParam, shape: Shape, values: string[] | undefined): string | undefined {
  const sent = values ?? [];
  const one = (text: string | undefined, s: Shape): boolean => {
    if (text === undefined) return false;
    if (s.t === 'date') return /(Z|[+-]\d\d:\d\d)$/.test(text) && Date.parse(text) === s.ms;
    if (s.t === 'int') return /^-?\d+$/.test(text) && BigInt(text) === BigInt(s.text);
    if (s.t === 'num') return text !== '' && Number(text) === s.value;
    return text === scalarText(s);
  };
  if (shape.t === 'arr') {
    const repeated = p.explode ?? p.collectionFormat === 'multi';
    const joiner = p.collectionFormat === 'ssv' ? ' ' : p.collectionFormat === 'tsv' ? '\t' : p.collectionFormat === 'pipes' ? '|' : ',';
    if (repeated) {
      if (sent.length !== shape.items.length || shape.items.some((s, i) => !one(sent[i], s))) return `sent ${JSON.stringify(sent)}, want the name once per item: ${shape.items.map((s) => (s.t === 'date' ? new Date(s.ms).toISOString() : scalarText(s))).join(' | ')}`;
      return undefined;
    }
    const parts = sent.length === 1 ? sent[0]!.split(joiner) : [];
    if (parts.length !== shape.items.length || shape.items.some((s, i) => !one(parts[i], s))) return `sent ${JSON.stringify(sent)}, want one list joined by ${JSON.stringify(joiner)}`;
    return undefined;
  }
  if (sent.length !== 1 || !one(sent[0], shape)) return `sent ${JSON.stringify(sent)}, want ${shape.t === 'date' ? `the instant ${new Date(shape.ms).toISOString()}` : JSON.stringify(scalarText(shape))}`;
  return undefined;
}
