/** One difference between two versions of the API, shaped as `diff --format json` prints it. */
export interface Change {
  /** Set when one diff covers several versions (two drops with Services86 to 88 each). */
  version?: string;
  change: 'added' | 'removed' | 'changed';
  what: 'agent' | 'resource' | 'method' | 'param' | 'return' | 'type' | 'field' | 'enum-value';
  agent?: string;
  type?: string;
  name?: string;
  /** For `changed`: which property changed (`type`, `order`, `optional`, `nillable`, `base`, `kind`, `description`). */
  aspect?: string;
  from?: string;
  to?: string;
  /**
   * Whether the change breaks code written against the generated SDK; the rules are in the README
   * ("What breaks") and in diff-versions.ts, where each change is made.
   */
  breaking: boolean;
}

export function compareChanges(a: Change, b: Change): number {
  const key = (c: Change) => [c.version ?? '', c.agent ?? '', c.type ?? '', c.what, c.name ?? '', c.change, c.aspect ?? ''];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
  return 0;
}
