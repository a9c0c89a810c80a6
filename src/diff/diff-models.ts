import type { ApiModel, ApiVersion } from '../model/api-model.js';
import type { Change } from './changes.js';
import { diffVersions, type DiffOptions } from './diff-versions.js';
import type { DiffReport } from './format-markdown.js';

export interface PairOptions extends DiffOptions {
  /** Version of the old side to compare (`Services87`). */
  from?: string;
  /** Version of the new side (`Services88`); defaults to `from`. */
  to?: string;
}

/** The versions asked for, or the sides given, cannot be paired: a bad command line, not a bug. */
export class VersionPairingError extends Error {}

/**
 * Pairs the versions of two models and diffs each pair: the named ones, else every version both sides
 * have (two drops of the same docs), else the single SOAP version each side has.
 */
export function diffModels(oldModel: ApiModel, newModel: ApiModel, options: PairOptions = {}): DiffReport {
  const find = (model: ApiModel, name: string, side: string): ApiVersion => {
    const version = model.versions.find((v) => v.name.toLowerCase() === name.toLowerCase());
    if (!version) throw new VersionPairingError(`the ${side} side has no version ${name} (it has ${model.versions.map((v) => v.name).join(', ') || 'none'})`);
    return version;
  };
  let pairs: Array<[ApiVersion, ApiVersion]>;
  if (options.from || options.to) {
    const from = options.from ?? options.to!;
    pairs = [[find(oldModel, from, 'old'), find(newModel, options.to ?? from, 'new')]];
  } else {
    pairs = oldModel.versions.flatMap((v) => {
      const match = newModel.versions.find((w) => w.name === v.name);
      return match ? [[v, match] as [ApiVersion, ApiVersion]] : [];
    });
    const soapOld = oldModel.versions.filter((v) => v.kind === 'soap');
    const soapNew = newModel.versions.filter((v) => v.kind === 'soap');
    if (pairs.length === 0 && soapOld.length === 1 && soapNew.length === 1) pairs = [[soapOld[0]!, soapNew[0]!]];
    if (pairs.length === 0) throw new VersionPairingError('the two sides have no version in common: name them with --from and --to');
  }
  const changes: Change[] = [];
  for (const [a, b] of pairs) {
    for (const change of diffVersions(a, b, options)) changes.push(pairs.length > 1 ? { version: b.name, ...change } : change);
  }
  const label = (side: ApiVersion[]) => side.map((v) => v.name).join(', ');
  return { from: label(pairs.map((p) => p[0])), to: label(pairs.map((p) => p[1])), changes };
}
