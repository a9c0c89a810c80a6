import type { TypeDef, TypeRef } from './api-model.js';

/** Lexical forms of the XML Schema primitives NetServer uses, checked the way the server would parse them. */
const PATTERNS: Record<string, RegExp> = {
  'xs:int': /^[+-]?\d+$/,
  'xs:short': /^[+-]?\d+$/,
  'xs:byte': /^[+-]?\d+$/,
  'xs:long': /^[+-]?\d+$/,
  'xs:unsignedInt': /^\+?\d+$/,
  'xs:unsignedShort': /^\+?\d+$/,
  'xs:unsignedByte': /^\+?\d+$/,
  'xs:unsignedLong': /^\+?\d+$/,
  'xs:decimal': /^[+-]?(\d+(\.\d*)?|\.\d+)$/,
  'xs:double': /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)$/,
  'xs:float': /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)$/,
  'xs:boolean': /^(true|false|1|0)$/,
  'xs:dateTime': /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
  'xs:base64Binary': /^[A-Za-z0-9+/\s]*={0,2}\s*$/,
  'ser:guid': /^[\da-fA-F]{8}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{4}-[\da-fA-F]{12}$/,
  'ser:char': /^\d+$/,
  'ser:duration': /^-?P(\d*D)?(T(\d*H)?(\d*M)?(\d*(\.\d*)?S)?)?$/,
};

const RANGES: Record<string, [bigint, bigint]> = {
  'xs:int': [-(2n ** 31n), 2n ** 31n - 1n],
  'xs:short': [-(2n ** 15n), 2n ** 15n - 1n],
  'xs:byte': [-128n, 127n],
  'xs:long': [-(2n ** 63n), 2n ** 63n - 1n],
  'xs:unsignedInt': [0n, 2n ** 32n - 1n],
  'xs:unsignedShort': [0n, 65535n],
  'xs:unsignedByte': [0n, 255n],
  'xs:unsignedLong': [0n, 2n ** 64n - 1n],
};

/**
 * Why a text is not a valid value of a simple type, or undefined when it is.
 * Enums and flag enums are checked against their values; other simple types against their base.
 */
export function lexicalProblem(text: string, ref: TypeRef, lookup: (ref: TypeRef) => TypeDef | undefined): string | undefined {
  const def = lookup(ref);
  if (def?.kind === 'enum') {
    return def.values?.some((v) => v.name === text.trim()) ? undefined : `'${text}' is not a value of ${ref}`;
  }
  if (def?.kind === 'flags') {
    const bad = text.trim().split(/\s+/).filter((t) => t && !def.values?.some((v) => v.name === t));
    return bad.length === 0 ? undefined : `'${bad.join(' ')}' is not a value of ${ref}`;
  }
  if (def?.kind === 'simple') {
    if (def.pattern && ref.startsWith('ser:') && PATTERNS[ref] && !PATTERNS[ref]!.test(text.trim())) return `'${text}' is not a valid ${ref}`;
    return def.base ? lexicalProblem(text, def.base, lookup) : undefined;
  }
  const pattern = PATTERNS[ref];
  if (!pattern) return undefined;
  const trimmed = text.trim();
  if (!pattern.test(trimmed)) return trimmed === '' ? `empty text is not a valid ${ref}` : `'${clip(trimmed)}' is not a valid ${ref}`;
  const range = RANGES[ref];
  if (range) {
    const n = BigInt(trimmed.replace(/^\+/, ''));
    if (n < range[0] || n > range[1]) return `${trimmed} is out of range for ${ref}`;
  }
  return undefined;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Text that documents a value instead of being one: `GIF89....File contents as raw bytes...`. */
export function looksLikePlaceholder(text: string): boolean {
  return /\.\.\.|file contents|raw bytes|<[^>]+>|^\s*(string|value|todo|example)\s*$/i.test(text);
}
