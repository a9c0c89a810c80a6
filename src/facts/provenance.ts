/**
 * Where a fact came from: a file relative to its input root (posix separators), 1-based line and column,
 * and in a JSON file the RFC 6901 pointer of the value (`/paths/~1api~1v1~1Agents~1ErpSync~1SaveConnection/post`).
 */
export interface Provenance {
  file: string;
  line: number;
  column?: number;
  pointer?: string;
}

export function formatProvenance(p: Provenance): string {
  return p.column === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
}

export function compareProvenance(a: Provenance, b: Provenance): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  return (a.column ?? 0) - (b.column ?? 0);
}
