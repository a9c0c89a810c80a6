import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const generatorVersion: string = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

let cached: string | undefined;

/**
 * Identifies this build of the generator: its version plus the bytes of its code, templates and
 * runtime, so a cache never outlives a change to any of them (also between releases, in development).
 */
export function generatorId(): string {
  cached ??= hashFiles(['dist', 'templates', 'src/runtime'].map((dir) => path.join(packageRoot, dir)), generatorVersion);
  return cached;
}

/** One hash of every file (names and bytes) below the folders; missing folders count as empty. */
export function hashFiles(dirs: string[], salt = ''): string {
  const hash = createHash('sha256').update(salt);
  for (const dir of dirs) for (const file of listFiles(dir)) hash.update(file).update(readFileSync(file));
  return hash.digest('hex').slice(0, 32);
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}
