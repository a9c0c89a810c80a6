/**
 * Words that cannot name a type, and globals that generated code relies on: a NetServer type called
 * `Date` or `Record` would otherwise shadow them inside the types module.
 */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'as implements interface let package private protected public static yield any boolean constructor declare get ' +
    'module require number set string symbol type from of async await never unknown object bigint undefined keyof ' +
    'readonly infer is asserts satisfies accessor out'
  ).split(' '),
);
const GLOBALS_USED = new Set(['Date', 'Record', 'Array', 'Promise', 'Uint8Array', 'Partial', 'Readonly', 'Error', 'Object', 'String', 'Number', 'Boolean', 'Symbol', 'Map', 'Set', 'T', 'globalThis']);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A name that is safe to declare as a type or value: odd characters become `_`, clashes get a `_` suffix. */
export function safeIdentifier(name: string): string {
  let id = name.replace(/[^A-Za-z0-9_$]/g, '_');
  if (id === '' || /^[0-9]/.test(id)) id = `_${id}`;
  while (RESERVED.has(id) || GLOBALS_USED.has(id)) id = `${id}_`;
  return id;
}

/** A property or method key: bare when it is an identifier, a string literal otherwise. */
export function propertyKey(name: string): string {
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** A key in an object literal that is evaluated: `__proto__` would set the prototype unless computed. */
export function objectKey(name: string): string {
  return name === '__proto__' ? `[${stringLiteral(name)}]` : propertyKey(name);
}

/** A class member name: as `propertyKey`, but `constructor` cannot name a method. */
export function methodKey(name: string): string {
  return name === 'constructor' ? '"constructor_"' : propertyKey(name);
}

/** A string literal that is safe anywhere in a TypeScript file (JSON escaping, plus the line separators). */
export function stringLiteral(value: string): string {
  // Emitting tens of thousands of literals, nearly all of plain text: one scan decides.
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c === 0x22 /* " */ || c === 0x5c /* \ */ || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) {
      return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    }
  }
  return `"${value}"`;
}
