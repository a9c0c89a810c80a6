/**
 * A deep copy of plain data (objects, arrays and primitives, as facts and the model are made of).
 * structuredClone gives the same copy, but serialises through V8's value serializer: it was a
 * third of building the model of the 60 Services88 WSDLs.
 */
export function copyPlain<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlain) as T;
  const copy: Record<string, unknown> = {};
  for (const key in value) copy[key] = copyPlain((value as Record<string, unknown>)[key]);
  return copy as T;
}

/**
 * Whether two definitions are the same on the wire: deep equality ignoring where they were read,
 * their prose, and properties set to undefined. Every agent's WSDL repeats the shared types, so
 * this runs for thousands of them.
 */
export function sameWireShape(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameWireShape(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let unmatched = 0;
  for (const key in left) {
    if (key === 'sources' || key === 'description' || left[key] === undefined) continue;
    if (!sameWireShape(left[key], right[key])) return false;
    unmatched++;
  }
  for (const key in right) {
    if (key === 'sources' || key === 'description' || right[key] === undefined) continue;
    unmatched--;
  }
  return unmatched === 0;
}
