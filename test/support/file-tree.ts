import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file under a folder with its text, read again from the disk, keyed by its path relative to
 * the folder with `/` separators. `skipDotFiles` leaves out files whose name starts with a dot (the
 * output manifest, staging leftovers) for comparisons of what a user sees.
 */
export function fileTree(dir: string, options: { skipDotFiles?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!(options.skipDotFiles && entry.name.startsWith('.'))) out[path.relative(dir, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}
