/**
 * Where a value sits (`response[3].ConfigFields["url"]`), kept as links and spelled out only for an
 * error: a big answer has hundreds of thousands of values and, almost always, no error.
 */
export type Path =
  | string
  /** a field (`.Name`) or an array item (`[3]`) */
  | { readonly up: Path; readonly key: string | number }
  /** a dictionary entry (`["key"]`) */
  | { readonly up: Path; readonly entry: string };

export function pathText(path: Path): string {
  if (typeof path === 'string') return path;
  const up = pathText(path.up);
  if ('entry' in path) return `${up}[${JSON.stringify(path.entry)}]`;
  return typeof path.key === 'number' ? `${up}[${path.key}]` : `${up}.${path.key}`;
}
