import { SaxesParser } from 'saxes';
import type { TypeDef, TypeRef } from '../../src/model/api-model.js';
import { fieldsWithOwners } from '../../src/model/type-graph.js';

/**
 * Values for the WCF wire test, independent of the SDK's runtime: full argument values built from the
 * model (every field set, arrays of two or more, distinct leaves so that a swapped or dropped field
 * shows), and a model-guided but order-insensitive reading of what DataContractSerializer wrote, so
 * both sides can be compared as plain normalised data.
 */

export type Lookup = (ref: TypeRef) => TypeDef | undefined;

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** The primitive a leaf is compared as. */
function leafKind(ref: TypeRef, lookup: Lookup): string {
  if (ref === 'ser:guid') return 'guid';
  if (ref === 'ser:char') return 'xs:int';
  if (ref === 'ser:duration') return 'xs:duration';
  const def = lookup(ref);
  if (!def) return ref;
  if (def.kind === 'simple') return leafKind(def.base ?? 'xs:string', lookup);
  return ref;
}

/** Builds full values: every optional field set; recursion stops where a type is already twice on the path. */
export class ValueMaker {
  private n = 0;
  private readonly path: TypeRef[] = [];
  constructor(private readonly lookup: Lookup) {}

  value(ref: TypeRef): unknown {
    const n = ++this.n;
    const def = this.lookup(ref);
    if (!def || def.kind === 'simple') return this.leaf(leafKind(ref, this.lookup), n);
    if (def.kind === 'enum') {
      const values = def.values!;
      return values.length === 1 ? values[0]!.name : values[1 + (n % (values.length - 1))]!.name;
    }
    if (def.kind === 'flags') {
      const values = flagValues(def);
      const bits = [...values].filter(([, v]) => v > 0 && (v & (v - 1)) === 0).map(([name]) => name);
      if (bits.length < 2) return [...values.keys()].slice(0, 1);
      return [bits[n % bits.length]!, bits[(n + 1) % bits.length]!];
    }
    const recursing = this.path.filter((p) => p === ref).length >= 2 || this.path.length > 12;
    if (recursing) return def.kind === 'array' ? [] : def.kind === 'dictionary' ? {} : undefined;
    this.path.push(ref);
    try {
      switch (def.kind) {
        case 'array': {
          const items = [this.value(def.item!.type), this.value(def.item!.type)].filter((v) => v !== undefined);
          return def.item!.nillable ? [...items, null] : items;
        }
        case 'dictionary': {
          // Keys are the record's strings, sent as written: the key type's wire text (dateTime keys exist).
          const key = (suffix: string) => {
            const kind = leafKind(def.entry!.keyType, this.lookup);
            if (kind === 'xs:string') return `key ${n}.${suffix} <&>`;
            const v = this.value(def.entry!.keyType);
            return v instanceof Date ? v.toISOString() : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : String(v);
          };
          return { [key('a')]: this.value(def.entry!.valueType), [key('b')]: this.value(def.entry!.valueType) };
        }
        default: {
          const out: Record<string, unknown> = {};
          for (const { field } of fieldsWithOwners(def, this.lookup)) {
            const v = field.maxOccurs !== 1 ? [this.value(field.type), this.value(field.type)] : this.value(field.type);
            if (v !== undefined) out[field.name] = v;
          }
          return out;
        }
      }
    } finally {
      this.path.pop();
    }
  }

  private leaf(kind: string, n: number): unknown {
    switch (kind) {
      case 'xs:string':
        return `cli${n} <&> "é€" 'x'`;
      case 'xs:int':
        return -2147483648 + n;
      case 'xs:short':
        return -32768 + n;
      case 'xs:byte':
        return -128 + (n % 200);
      case 'xs:unsignedInt':
        return 4294967295 - n;
      case 'xs:unsignedShort':
        return 65535 - (n % 60000);
      case 'xs:unsignedByte':
        return 255 - (n % 200);
      case 'xs:long':
        return 9007199254740993n + BigInt(n);
      case 'xs:unsignedLong':
        return 18446744073709551615n - BigInt(n);
      case 'xs:double':
        return (n + 0.5) * 1e300;
      case 'xs:float':
        return n + 0.25;
      case 'xs:decimal':
        return `-1234567890123456789012345.${String(n % 1000).padStart(3, '0')}`;
      case 'xs:boolean':
        return true;
      case 'xs:dateTime':
        return new Date(Date.UTC(2026, 1, 3, 4, 5, 6, 789) + n * 60_000);
      case 'xs:base64Binary':
        return new Uint8Array([0, 1, 2, 253, 254, 255, n % 256]);
      case 'xs:anyURI':
        return `https://example.invalid/a?b=c&d=${n}`;
      case 'xs:duration':
        return `P1DT2H3M${n % 60}.5S`;
      case 'guid':
        return `6f9619ff-8b86-d011-b42d-00c04fc9${(n % 65536).toString(16).padStart(4, '0')}`;
      default:
        return `cli${n}`;
    }
  }
}

// --- XML as DataContractSerializer writes it --------------------------------------------------------

export interface XmlNode {
  name: string;
  ns: string;
  nil: boolean;
  children: XmlNode[];
  text: string;
}

export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  parser.on('opentag', (tag) => {
    const nil = Object.values(tag.attributes).some((a) => typeof a === 'object' && a.local === 'nil' && a.uri === XSI && a.value === 'true');
    const node: XmlNode = { name: tag.local!, ns: tag.uri!, nil, children: [], text: '' };
    if (stack.length > 0) stack.at(-1)!.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    if (stack.length > 0) stack.at(-1)!.text += t;
  });
  parser.on('cdata', (t) => {
    if (stack.length > 0) stack.at(-1)!.text += t;
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(xml).close();
  return root!;
}

// --- normalised data: leaves as strings, so both sides compare exactly --------------------------------

export type Plain = null | string | Plain[] | { [key: string]: Plain };

function durationMs(text: string): string {
  const m = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text.trim());
  if (!m) return `duration? ${text}`;
  const ms = ((Number(m[2] ?? 0) * 24 + Number(m[3] ?? 0)) * 60 + Number(m[4] ?? 0)) * 60_000 + Math.round(Number(m[5] ?? 0) * 1000);
  return `${m[1] && ms !== 0 ? '-' : ''}${ms}ms`;
}

function decimal(text: string): string {
  let t = text.trim().replace(/^\+/, '');
  const negative = t.startsWith('-');
  if (negative) t = t.slice(1);
  let [int = '0', frac = ''] = t.split('.');
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

function dateText(text: string): string {
  const t = text.trim();
  if (!/(Z|[+-]\d\d:\d\d)$/.test(t)) return `unzoned ${t}`;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? `date? ${t}` : new Date(ms).toISOString();
}

function doubleText(text: string): string {
  const t = text.trim();
  if (t === 'INF') return 'Infinity';
  if (t === '-INF') return '-Infinity';
  return String(Number(t));
}

/**
 * A flag enum's numbers as DataContractSerializer gives them: the `EnumerationValue` annotation, or
 * else 2^position. Names may alias (Services88 EFieldRight: Nullable is annotated 32, the value Unused4
 * has by position), so flags are compared by number.
 */
function flagValues(def: TypeDef): Map<string, number> {
  return new Map(def.values!.map((v, i) => [v.name, v.value ?? 2 ** i]));
}

function flagsPlain(names: string[], def: TypeDef): Plain {
  const values = flagValues(def);
  if (names.every((n) => values.has(n))) return `flags ${names.reduce((acc, n) => acc | values.get(n)!, 0)}`;
  return `flags? ${[...names].sort().join(' ')}`;
}

/** A leaf the server wrote, as text, normalised by its type. */
function leafFromText(text: string, kind: string): Plain {
  switch (kind) {
    case 'xs:int':
    case 'xs:short':
    case 'xs:byte':
    case 'xs:unsignedInt':
    case 'xs:unsignedShort':
    case 'xs:unsignedByte':
      return String(Number(text.trim()));
    case 'xs:long':
    case 'xs:unsignedLong':
      return BigInt(text.trim()).toString();
    case 'xs:double':
    case 'xs:float':
      return doubleText(text);
    case 'xs:decimal':
      return decimal(text);
    case 'xs:boolean':
      return String(text.trim() === 'true' || text.trim() === '1');
    case 'xs:dateTime':
      return dateText(text);
    case 'xs:base64Binary':
      return Buffer.from(text.trim(), 'base64').toString('base64');
    case 'xs:duration':
      return durationMs(text);
    case 'guid':
      return text.trim().toLowerCase();
    default:
      return text;
  }
}

/** A leaf the client sent or decoded, normalised by its type. */
function leafFromValue(value: unknown, kind: string): Plain {
  switch (kind) {
    case 'xs:long':
    case 'xs:unsignedLong':
      return BigInt(value as bigint | number | string).toString();
    case 'xs:double':
    case 'xs:float':
      return String(Number(value));
    case 'xs:decimal':
      return decimal(String(value));
    case 'xs:boolean':
      return String(value === true);
    case 'xs:dateTime':
      return value instanceof Date ? (Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()) : `not a Date: ${String(value)}`;
    case 'xs:base64Binary':
      return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : `not bytes: ${String(value)}`;
    case 'xs:duration':
      return durationMs(String(value));
    case 'guid':
      return String(value).toLowerCase();
    default:
      return typeof value === 'number' ? String(value) : String(value);
  }
}

/**
 * What the server wrote, read by element name (order-insensitive: DataContractSerializer already
 * decided what it took), guided by the model. Elements the model does not know are reported.
 */
export function plainFromXml(node: XmlNode, ref: TypeRef, lookup: Lookup, where: string, problems: string[]): Plain {
  if (node.nil) return null;
  const def = lookup(ref);
  if (!def || def.kind === 'simple') return leafFromText(node.text, leafKind(ref, lookup));
  switch (def.kind) {
    case 'enum':
      return node.text.trim();
    case 'flags':
      return flagsPlain(node.text.trim().split(/\s+/).filter(Boolean), def);
    case 'array':
      return node.children.map((c, i) => {
        if (c.name !== def.item!.elementName) problems.push(`${where}[${i}]: server wrote <${c.name}>, the model's item is <${def.item!.elementName}>`);
        return plainFromXml(c, def.item!.type, lookup, `${where}[${i}]`, problems);
      });
    case 'dictionary': {
      const out: Record<string, Plain> = {};
      const e = def.entry!;
      for (const c of node.children) {
        const key = c.children.find((k) => k.name === e.keyName);
        const value = c.children.find((k) => k.name === e.valueName);
        if (c.name !== e.elementName || !key) {
          problems.push(`${where}: server wrote a dictionary entry <${c.name}> without <${e.keyName}>`);
          continue;
        }
        const k = leafFromText(key.text, leafKind(e.keyType, lookup));
        out[`key ${k}`] = value ? plainFromXml(value, e.valueType, lookup, `${where}[${k}]`, problems) : null;
      }
      return out;
    }
    default: {
      const fields = new Map(fieldsWithOwners(def, lookup).map(({ field }) => [field.name, field]));
      const out: Record<string, Plain> = {};
      for (const c of node.children) {
        const field = fields.get(c.name);
        if (!field) {
          problems.push(`${where}.${c.name}: the server wrote a field the model of ${ref} does not have`);
          continue;
        }
        const v = plainFromXml(c, field.type, lookup, `${where}.${c.name}`, problems);
        if (field.maxOccurs !== 1) ((out[c.name] ??= []) as Plain[]).push(v);
        else out[c.name] = v;
      }
      return out;
    }
  }
}

/** What the client sent or decoded, in the same normalised form (undefined: absent). */
export function plainFromValue(value: unknown, ref: TypeRef, lookup: Lookup): Plain | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  const def = lookup(ref);
  if (!def || def.kind === 'simple') return leafFromValue(value, leafKind(ref, lookup));
  switch (def.kind) {
    case 'enum':
      return String(value);
    case 'flags':
      return flagsPlain(Array.isArray(value) ? value.map(String) : String(value).split(/[\s,]+/).filter(Boolean), def);
    case 'array':
      return Array.isArray(value) ? value.map((v) => plainFromValue(v, def.item!.type, lookup) ?? null) : `not an array: ${JSON.stringify(value)}`;
    case 'dictionary': {
      if (typeof value !== 'object') return `not a dictionary: ${String(value)}`;
      const out: Record<string, Plain> = {};
      const keyKind = leafKind(def.entry!.keyType, lookup);
      for (const [k, v] of Object.entries(value as object)) out[`key ${leafFromText(k, keyKind)}`] = plainFromValue(v, def.entry!.valueType, lookup) ?? null;
      return out;
    }
    default: {
      if (typeof value !== 'object') return `not an object: ${String(value)}`;
      const out: Record<string, Plain> = {};
      for (const { field } of fieldsWithOwners(def, lookup)) {
        const v = (value as Record<string, unknown>)[field.name];
        if (v === undefined) continue;
        out[field.name] = field.maxOccurs !== 1 && Array.isArray(v) ? v.map((x) => plainFromValue(x, field.type, lookup) ?? null) : plainFromValue(v, field.type, lookup)!;
      }
      return out;
    }
  }
}

/** Every value of `expected` must be in `actual` (fields `actual` has beyond it are not a loss). */
export function missing(expected: Plain | undefined, actual: Plain | undefined, where: string, out: string[]): string[] {
  if (expected === undefined) return out;
  const show = (v: Plain | undefined) => (v === undefined ? 'nothing' : JSON.stringify(v).slice(0, 120));
  if (expected === null || typeof expected === 'string') {
    if (actual !== expected) out.push(`${where}: ${show(expected)} became ${show(actual)}`);
    return out;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push(`${where}: ${expected.length} items became ${show(actual)}`);
      return out;
    }
    if (actual.length !== expected.length) out.push(`${where}: ${expected.length} items became ${actual.length}`);
    expected.forEach((e, i) => missing(e, actual[i], `${where}[${i}]`, out));
    return out;
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
    out.push(`${where}: ${show(expected)} became ${show(actual)}`);
    return out;
  }
  for (const [k, v] of Object.entries(expected)) missing(v, actual[k], `${where}.${k}`, out);
  return out;
}

/** How many leaf values a normalised value holds (what a comparison looked at). */
export function leaves(value: Plain | undefined): number {
  if (value === undefined) return 0;
  if (value === null || typeof value === 'string') return 1;
  return (Array.isArray(value) ? value : Object.values(value)).reduce((n: number, v) => n + leaves(v), 0);
}
