import type { Agent, ApiVersion } from '../model/api-model.js';
import { safeIdentifier } from './safe-identifier.js';

/** One file the generator writes. */
export interface GeneratedFile {
  /** Path below the output folder, posix separators. */
  path: string;
  content: string;
}

/** The order of generated files everywhere they are listed: by path, compared as strings. */
export function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The folder of a version's SDK: `services88`, `rest-v1`. */
export function versionFolder(version: ApiVersion): string {
  const name = version.name.toLowerCase().replace(/[^a-z0-9-]/g, '_');
  return version.kind === 'rest' ? `rest-${name}` : name;
}

export function agentClassName(agent: Agent): string {
  return safeIdentifier(`${agent.name}Agent`);
}

/** An entity-API resource's class: `ContactRestApi`. */
export function resourceClassName(resource: Agent): string {
  return safeIdentifier(`${resource.name}RestApi`);
}
