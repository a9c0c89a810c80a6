/** One difference between two versions of the API, shaped as `diff --format json` prints it. */
export interface Change {
  /** Set when one diff covers several versions (two drops with Services86 to 88 each). */
  version?: string;
  change: 'added' | 'removed' | 'changed';
  what: 'agent' | 'method' | 'param' | 'return' | 'type' | 'field' | 'enum-value';
  agent?: string;
  type?: string;
  name?: string;
  /** For `changed`: which property changed (`type`, `order`, `optional`, `nillable`, `base`, `kind`, `description`). */
  aspect?: string;
  from?: string;
  to?: string;
  breaking: boolean;
}

/**
 * Whether a change breaks code written against the generated TypeScript SDK. Types are used both to
 * build arguments and to read results, so anything that narrows or widens what a value may be breaks;
 * additions that nobody has to write are safe. The README lists these rules; keep the two in step.
 */
export const BREAKING_RULES: ReadonlyArray<{ rule: string; breaking: boolean }> = [
  { rule: 'agent, method, type, field or enum value removed', breaking: true },
  { rule: 'agent, method or type added', breaking: false },
  { rule: 'parameter added: required (minOccurs ≥ 1)', breaking: true },
  { rule: 'parameter added: optional', breaking: false },
  { rule: 'parameter removed', breaking: true },
  { rule: 'parameter or field type changed, return type changed, base type changed, type kind changed', breaking: true },
  { rule: 'parameters reordered (the SDK takes one object; the wire order follows the WSDL)', breaking: false },
  { rule: 'parameter made required, or no longer nillable', breaking: true },
  { rule: 'parameter made optional, or nillable', breaking: false },
  { rule: 'result becomes nillable, or optional', breaking: true },
  { rule: 'field added: required', breaking: true },
  { rule: 'field added: optional', breaking: false },
  { rule: 'field optional or nillable changed (either way: types are read and written)', breaking: true },
  { rule: 'enum value added', breaking: false },
  { rule: 'description changed (with --docs)', breaking: false },
];

export function compareChanges(a: Change, b: Change): number {
  const key = (c: Change) => [c.version ?? '', c.agent ?? '', c.type ?? '', c.what, c.name ?? '', c.change, c.aspect ?? ''];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return 0;
}
