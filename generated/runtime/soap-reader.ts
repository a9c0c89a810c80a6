import { DecodeError, NetServerError } from './errors.js';
import { asMisfit, entryStep, Misfit, within } from './misfit.js';
import { decodeScalar } from './scalars.js';
import { fieldsOf, madeOnce, NILLABLE, REPEATED, scalarPrimitive, type SoapOperation, type WireField, type WireSchema } from './schema.js';
import { END, EOF, START, TEXT, XmlCursor } from './xml-cursor.js';
import { isNil, readNode, type XmlNode } from './xml.js';

/**
 * Reads a SOAP answer as it is parsed: the operation's schema says, element by element, what value
 * to make, so no tree of the answer is built. Elements are matched by local name; unknown ones are
 * skipped (still checked for well-formedness), so newer servers stay readable.
 */
type ReadValue = (cursor: XmlCursor) => unknown;

/** Known types nest this deep at most; deeper is an attack or a loop, not an answer. */
const MAX_DEPTH = 512;

const readers = new WeakMap<WireSchema, Map<string, ReadValue>>();

function readerFor(schema: WireSchema, type: string): ReadValue {
  return madeOnce(readers, schema, type, () => makeReader(schema, type));
}

function makeReader(schema: WireSchema, type: string): ReadValue {
  const primitive = scalarPrimitive(schema, type);
  if (primitive !== undefined) return (cursor) => (cursor.nil ? skipped(cursor) : scalar(cursor, primitive));
  const wire = schema.types[type]!;
  if (wire[0] === 'f') {
    return (cursor) => (cursor.nil ? skipped(cursor) : cursor.elementText().split(/\s+/).filter((t) => t.length > 0));
  }
  if (wire[0] === 'a') {
    const itemName = wire[1];
    const readItem = readerFor(schema, wire[2]);
    return (cursor) => {
      if (cursor.nil) return skipped(cursor);
      enter(cursor);
      const out: unknown[] = [];
      try {
        for (let token = cursor.next(); token !== END; token = cursor.next()) {
          if (token !== START) continue;
          if (cursor.is(itemName)) out.push(readItem(cursor));
          else cursor.skipElement();
        }
      } catch (error) {
        throw within(error, out.length);
      }
      return out;
    };
  }
  if (wire[0] === 'd') {
    const [, entryName, keyName, , valueName, valueType] = wire;
    const readEntryValue = readerFor(schema, valueType);
    return (cursor) => {
      if (cursor.nil) return skipped(cursor);
      enter(cursor);
      const out: Record<string, unknown> = {};
      for (let token = cursor.next(); token !== END; token = cursor.next()) {
        if (token !== START) continue;
        if (!cursor.is(entryName)) {
          cursor.skipElement();
          continue;
        }
        let key: string | undefined;
        let value: unknown = null;
        let hasValue = false;
        let failure: unknown;
        for (let inner = cursor.next(); inner !== END; inner = cursor.next()) {
          if (inner !== START) continue;
          if (key === undefined && cursor.is(keyName)) key = cursor.elementText();
          else if (!hasValue && cursor.is(valueName)) {
            hasValue = true;
            const depth = cursor.depth;
            try {
              value = readEntryValue(cursor);
            } catch (error) {
              // An entry without a key is the error to report, whatever its value holds; and the key may come after it.
              if (!(error instanceof Misfit)) throw error;
              failure = error;
              cursor.skipTo(depth);
            }
          } else cursor.skipElement();
        }
        if (key === undefined) throw new Misfit(`: dictionary entry without <${keyName}>`);
        if (failure !== undefined) throw within(failure, entryStep(key));
        if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
      return out;
    };
  }
  const readObject = objectReader(schema, fieldsOf(schema, type).map((f) => f.field));
  return (cursor) => (cursor.nil ? skipped(cursor) : readObject(cursor, undefined));
}

type ReadObject = (cursor: XmlCursor, others: Set<string> | undefined) => Record<string, unknown>;

interface FieldReader {
  readonly name: string;
  readonly step: string;
  readonly index: number;
  readonly repeated: boolean;
  readonly read: ReadValue;
  /** Named like an Object.prototype member: set as an own property and tested as one. */
  readonly guarded: boolean;
}

/**
 * An object of fields matched by local name, in any order: the first element of a single field
 * counts, every element of a repeated one. Where two fields share a name the later one decides, as
 * when each field took its matches in turn. `others` collects the names of elements no field takes.
 */
function objectReader(schema: WireSchema, wireFields: readonly WireField[]): ReadObject {
  const byName = new Map<string, FieldReader>();
  const fields: FieldReader[] = [];
  for (const [name, type, flags] of wireFields) {
    const index = byName.get(name)?.index ?? fields.length;
    const field = { name, step: `.${name}`, index, repeated: (flags & REPEATED) !== 0, read: readerFor(schema, type), guarded: name in Object.prototype };
    byName.set(name, field);
    fields[index] = field;
  }
  return (cursor, others) => {
    enter(cursor);
    const out: Record<string, unknown> = {};
    // The field expected next: elements usually come in the schema's order.
    let expected = 0;
    // A value that does not fit is reported once the object is read, the one of the earliest field
    // in the schema's order (as when each field took its matches in turn), not the first in the text.
    let failure: { index: number; error: Misfit } | undefined;
    for (let token = cursor.next(); token !== END; token = cursor.next()) {
      if (token !== START) continue;
      const guess = fields[expected];
      const field = guess !== undefined && cursor.is(guess.name) ? guess : byName.get(cursor.local);
      if (field === undefined) {
        others?.add(cursor.local);
        cursor.skipElement();
        continue;
      }
      expected = field.repeated ? field.index : field.index + 1;
      const { name } = field;
      const present = field.guarded ? Object.prototype.hasOwnProperty.call(out, name) : out[name] !== undefined;
      if (!field.repeated && present) {
        cursor.skipElement();
        continue;
      }
      const depth = cursor.depth;
      try {
        if (field.repeated) {
          const list = present ? (out[name] as unknown[]) : [];
          if (!present) define(out, name, list, field.guarded);
          try {
            list.push(field.read(cursor));
          } catch (error) {
            throw within(error, list.length);
          }
        } else define(out, name, field.read(cursor), field.guarded);
      } catch (error) {
        if (!(error instanceof Misfit)) throw error;
        if (!failure || field.index < failure.index) failure = { index: field.index, error: within(error, field.step) as Misfit };
        cursor.skipTo(depth);
      }
    }
    if (failure) throw failure.error;
    return out;
  };
}

function define(out: Record<string, unknown>, name: string, value: unknown, guarded: boolean): void {
  if (guarded) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}

function enter(cursor: XmlCursor): void {
  if (cursor.depth > MAX_DEPTH) throw new Misfit(`: nested more than ${MAX_DEPTH} elements deep`);
}

function skipped(cursor: XmlCursor): null {
  cursor.skipElement();
  return null;
}

/**
 * Right after a START: the element's text as its type. The usual element holds one plain text,
 * read where it stands (an int or a boolean makes no string); anything else goes the long way.
 */
function scalar(cursor: XmlCursor, primitive: string): unknown {
  const token = cursor.next();
  if (token === END) return scalarOf('', primitive);
  if (token === TEXT && cursor.plain && cursor.atEndTag()) {
    const { xml, textStart: start, textEnd: end } = cursor;
    cursor.next();
    if (primitive === 'xs:int' && end - start < 10 && end > start) {
      let value = 0;
      let i = start;
      for (; i < end; i++) {
        const digit = xml.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) break;
        value = value * 10 + digit;
      }
      if (i === end) return value;
    } else if (primitive === 'xs:boolean') {
      if (end - start === 4 && xml.startsWith('true', start)) return true;
      if (end - start === 5 && xml.startsWith('false', start)) return false;
    }
    return scalarOf(xml.slice(start, end), primitive);
  }
  return scalarOf(cursor.elementText(token), primitive);
}

function scalarOf(text: string, primitive: string): unknown {
  return primitive === 'xs:string' ? text : asMisfit(() => decodeScalar(text, primitive, ''));
}

const wrappers = new WeakMap<SoapOperation, ReadObject>();

function wrapperReader(schema: WireSchema, op: SoapOperation): ReadObject {
  let reader = wrappers.get(op);
  if (!reader) wrappers.set(op, (reader = objectReader(schema, op.results)));
  return reader;
}

/** Right after a START: the element as a node, attributes kept (headers and faults are small and read whole). */
function wholeNode(cursor: XmlCursor): XmlNode {
  cursor.keepAttributes = true;
  try {
    return readNode(cursor);
  } finally {
    cursor.keepAttributes = false;
  }
}

/** Reads a SOAP answer: a fault or an `ExceptionInfo` header becomes a NetServerError. */
export function decodeResponse(schema: WireSchema, op: SoapOperation, xml: string, status: number): unknown {
  const cursor = new XmlCursor(xml);
  const wrapperLocal = op.response.slice(op.response.indexOf(':') + 1);
  let root: string | undefined;
  let header: XmlNode | undefined;
  let hasBody = false;
  let fault: XmlNode | undefined;
  let wrapper: { values: Record<string, unknown>; others: Set<string> } | undefined;
  let failure: unknown;
  // The checks below run in a fixed order once the whole text has been read, so that what is
  // reported does not depend on where in the answer each part sits.
  for (let token = cursor.next(); token !== EOF; token = cursor.next()) {
    if (token !== START) continue;
    // The one root (the cursor refuses a second).
    root = cursor.local;
    if (root !== 'Envelope') {
      cursor.skipElement();
      continue;
    }
    for (let part = cursor.next(); part !== END; part = cursor.next()) {
      if (part !== START) continue;
      const name = cursor.local;
      if (name === 'Header' && header === undefined) header = wholeNode(cursor);
      else if (name === 'Body' && !hasBody) {
        hasBody = true;
        for (let item = cursor.next(); item !== END; item = cursor.next()) {
          if (item !== START) continue;
          const name = cursor.local;
          if (name === 'Fault' && fault === undefined) fault = wholeNode(cursor);
          else if (name === wrapperLocal && wrapper === undefined) {
            const others = new Set<string>();
            const depth = cursor.depth;
            try {
              wrapper = { values: wrapperReader(schema, op)(cursor, others), others };
            } catch (error) {
              // Reported only if nothing that comes first in the order below (a fault, a malformed text) is found.
              if (!(error instanceof Misfit)) throw error;
              failure = error.error(wrapperLocal);
              wrapper = { values: {}, others };
              cursor.skipTo(depth);
            }
          } else cursor.skipElement();
        }
      } else cursor.skipElement();
    }
  }
  if (root !== 'Envelope') throw new DecodeError(`expected a SOAP Envelope, got <${root}>`);
  if (!hasBody) throw new DecodeError('the SOAP answer has no Body');
  if (fault) throw faultError(fault, header, status);
  const info = exceptionInfoOf(header);
  if (info) throw exceptionInfoError(info, status);
  const succeeded = header?.children.find((c) => c.local === 'Succeeded');
  if (succeeded && succeeded.text.trim() === 'false') throw new NetServerError({ message: 'NetServer reported Succeeded=false', status });
  if (!wrapper) throw new DecodeError(`the SOAP Body holds no <${wrapperLocal}>`);
  if (failure !== undefined) throw failure;
  const { values, others } = wrapper;
  if (op.results.length === 0) return undefined;
  // Unknown elements beside the named ones are skipped (as WCF does), but an answer holding only
  // others names its result differently (GetAllConnectionsResult for Response): not a null result.
  if (others.size > 0 && op.results.every(([name]) => !(name in values))) {
    const named = op.results.map(([name]) => `<${name}>`);
    const found = [...others].map((local) => `<${local}>`);
    throw new DecodeError(`the answer has ${named.length === 1 ? `no ${named[0]}` : `none of ${named.join(', ')}`}; found ${found.join(', ')}`);
  }
  if (op.results.length === 1 && op.result !== null) {
    const [name, , flags] = op.results[0]!;
    if (!(name in values)) {
      if (flags & NILLABLE) return null;
      throw new DecodeError(`the answer has no <${name}>`);
    }
    return values[name];
  }
  return values;
}

function childText(node: XmlNode | undefined, local: string): string | undefined {
  const child = node?.children.find((c) => c.local === local);
  return child && !isNil(child) ? child.text : undefined;
}

/** Inner exceptions followed this far: a chain deeper than this is no longer telling anyone anything. */
const MAX_INNER = 32;

function exceptionInfoError(info: XmlNode, status: number, depth = 0): NetServerError {
  const inner = depth < MAX_INNER ? info.children.find((c) => c.local === 'InnerException') : undefined;
  return new NetServerError({
    message: childText(info, 'Message') ?? '',
    exceptionType: childText(info, 'ExceptionType'),
    stackTrace: childText(info, 'StackTrace'),
    friendlyText: childText(info, 'FriendlyText'),
    source: childText(info, 'Source'),
    status,
    inner: inner && !isNil(inner) && inner.children.length > 0 ? exceptionInfoError(inner, status, depth + 1) : undefined,
  });
}

/** The `ExceptionInfo` header where it describes an error (WCF also sends it nil, or empty). */
function exceptionInfoOf(header: XmlNode | undefined): XmlNode | undefined {
  const info = header?.children.find((c) => c.local === 'ExceptionInfo');
  return info && !isNil(info) && info.children.length > 0 ? info : undefined;
}

function faultError(fault: XmlNode, header: XmlNode | undefined, status: number): NetServerError {
  const info = exceptionInfoOf(header);
  if (info) return exceptionInfoError(info, status);
  const detail = fault.children.find((c) => c.local === 'detail' || c.local === 'Detail');
  const described = detail?.children[0];
  return new NetServerError({
    message: childText(fault, 'faultstring') ?? childText(described, 'Message') ?? '',
    exceptionType: childText(described, 'ExceptionType') ?? childText(described, 'Type') ?? childText(fault, 'faultcode')?.trim(),
    stackTrace: childText(described, 'StackTrace'),
    status,
  });
}
