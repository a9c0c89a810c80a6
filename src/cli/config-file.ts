import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const CONFIG_FILE = 'superoffice-sdkgen.config.json';

/** `superoffice-sdkgen.config.json`: what a project always passes. Flags on the command line win. */
export interface ConfigFile {
  inputs?: string[];
  out?: string;
  versions?: string[];
  agents?: string[];
  templates?: string;
  tests?: boolean;
  typecheck?: boolean;
  strict?: boolean;
  cache?: boolean;
}

const KEYS: Record<keyof ConfigFile, 'strings' | 'string' | 'boolean'> = {
  inputs: 'strings',
  out: 'string',
  versions: 'strings',
  agents: 'strings',
  templates: 'string',
  tests: 'boolean',
  typecheck: 'boolean',
  strict: 'boolean',
  cache: 'boolean',
};

/**
 * Reads the config file (the one named, or the one in the working folder) and returns yargs defaults.
 * Paths in the file are relative to the file. Unknown keys and wrong types are errors, not surprises.
 */
export function loadConfig(explicit: string | undefined): Record<string, unknown> {
  const file = explicit ?? (existsSync(CONFIG_FILE) ? CONFIG_FILE : undefined);
  if (!file) return {};
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not readable JSON (${(error as Error).message})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${file}: expected a JSON object`);
  const base = path.dirname(file);
  const relative = (p: string) => (path.isAbsolute(p) ? p : path.join(base, p));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const kind = KEYS[key as keyof ConfigFile];
    if (!kind) throw new Error(`${file}: unknown key '${key}' (known: ${Object.keys(KEYS).join(', ')})`);
    const ok = kind === 'boolean' ? typeof value === 'boolean' : kind === 'string' ? typeof value === 'string' : Array.isArray(value) && value.every((v) => typeof v === 'string');
    if (!ok) throw new Error(`${file}: '${key}' must be ${kind === 'strings' ? 'a list of strings' : `a ${kind}`}`);
    if (key === 'inputs') out['input'] = (value as string[]).map(relative);
    else if (key === 'out' || key === 'templates') out[key] = relative(value as string);
    else out[key] = value;
  }
  return out;
}
