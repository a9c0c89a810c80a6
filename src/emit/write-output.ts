import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GeneratedFile } from './output-names.js';

export const MANIFEST = '.sdkgen-manifest.json';

export interface Manifest {
  generator: 'superoffice-sdkgen';
  files: Record<string, string>;
}

export interface WriteReport {
  written: string[];
  unchanged: string[];
  deleted: string[];
}

export interface CheckReport {
  stale: string[];
  missing: string[];
  extra: string[];
}

/** The hash the manifest records for a generated file. */
export function manifestHash(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

/** Paths come from the model; refuse anything that could point outside the output folder. */
export function assertSafe(relative: string): void {
  if (relative === '' || path.isAbsolute(relative) || relative.split('/').some((part) => part === '..' || part === '' || part === '.')) {
    throw new Error(`refusing to write '${relative}': not a plain relative path`);
  }
}

/** The output still holds exactly what its manifest says was generated. */
export function outputIntact(outDir: string): boolean {
  const manifest = readManifest(outDir);
  if (!manifest) return false;
  return Object.entries(manifest.files).every(([file, recorded]) => {
    const target = path.join(outDir, file);
    return existsSync(target) && manifestHash(readFileSync(target, 'utf8')) === recorded;
  });
}

export function readManifest(outDir: string): Manifest | undefined {
  try {
    const data = JSON.parse(readFileSync(path.join(outDir, MANIFEST), 'utf8')) as Manifest;
    return data.generator === 'superoffice-sdkgen' && data.files ? data : undefined;
  } catch {
    return undefined;
  }
}

/** What `--check` reports: generated files that differ, are missing, or were generated before and no longer are. */
export function checkOutput(outDir: string, files: GeneratedFile[]): CheckReport {
  const report: CheckReport = { stale: [], missing: [], extra: [] };
  const wanted = new Set(files.map((f) => f.path));
  for (const file of files) {
    const target = path.join(outDir, file.path);
    if (!existsSync(target)) report.missing.push(file.path);
    else if (readFileSync(target, 'utf8') !== file.content) report.stale.push(file.path);
  }
  for (const old of Object.keys(readManifest(outDir)?.files ?? {})) {
    if (!wanted.has(old) && existsSync(path.join(outDir, old))) report.extra.push(old);
  }
  return report;
}

/** A staging folder inside the output folder, where a run's files wait until all of them are written. */
export interface Staging {
  outDir: string;
  dir: string;
  previous: Manifest | undefined;
  /** The outermost folder this run had to create for the output folder, if any. */
  created: string | undefined;
}

/** Makes the output folder and an empty staging folder in it, and reads what the previous run generated. */
export function openStaging(outDir: string): Staging {
  const created = mkdirSync(outDir, { recursive: true });
  const staging: Staging = { outDir, dir: path.join(outDir, `.sdkgen-staging-${process.pid}`), previous: readManifest(outDir), created };
  rmSync(staging.dir, { recursive: true, force: true });
  return staging;
}

/**
 * Stages one generated file: written to the staging folder, unless the output already holds it with
 * this content (then it is left alone, timestamp and all). Returns whether it was staged.
 */
export function stageFile(staging: Pick<Staging, 'outDir' | 'dir'>, file: GeneratedFile): boolean {
  assertSafe(file.path);
  const target = path.join(staging.outDir, file.path);
  if (existsSync(target) && readFileSync(target, 'utf8') === file.content) return false;
  const staged = path.join(staging.dir, file.path);
  mkdirSync(path.dirname(staged), { recursive: true });
  writeFileSync(staged, file.content);
  return true;
}

/** Removes the staging folder, after a failure: the output stays as the previous run left it. */
export function discardStaging(staging: Pick<Staging, 'dir'>): void {
  rmSync(staging.dir, { recursive: true, force: true });
}

/**
 * Writes the generated files so that a failure leaves the previous output whole: everything is first
 * written to a staging folder, then moved into place file by file (a failed move puts back what was
 * replaced), and only then
 * are files that the previous run generated, and this one did not, deleted. Files the generator never
 * wrote are never touched. Unchanged files keep their timestamps.
 */
export function writeOutput(outDir: string, files: GeneratedFile[]): WriteReport {
  for (const file of files) assertSafe(file.path);
  const staging = openStaging(outDir);
  const staged = new Set<string>();
  try {
    for (const file of files) if (stageFile(staging, file)) staged.add(file.path);
  } catch (error) {
    discardStaging(staging);
    throw error;
  }
  return commitStaging(staging, files.map(entryOf), staged);
}

/** What the manifest records of a generated file, once it is staged: its path and its hash. */
export interface OutputEntry {
  path: string;
  hash: string;
}

export function entryOf(file: GeneratedFile): OutputEntry {
  return { path: file.path, hash: manifestHash(file.content) };
}

/**
 * Ends a run whose files are all staged (`files`, in path order; `staged`: the paths written to the
 * staging folder, the others were unchanged): writes the manifest, moves the staged files into
 * place, deletes what the previous run generated and this one did not.
 */
export function commitStaging(staging: Staging, files: OutputEntry[], staged: ReadonlySet<string>): WriteReport {
  const { outDir, previous } = staging;
  const report: WriteReport = { written: [], unchanged: [], deleted: [] };
  const toMove: OutputEntry[] = [];
  for (const file of files) {
    if (staged.has(file.path)) toMove.push(file);
    else report.unchanged.push(file.path);
  }
  try {
    mkdirSync(staging.dir, { recursive: true });
    const manifest: Manifest = { generator: 'superoffice-sdkgen', files: Object.fromEntries(files.map((f) => [f.path, f.hash])) };
    writeFileSync(path.join(staging.dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    discardStaging(staging);
    throw error;
  }
  // Move into place; if any move fails, put back every file replaced so far.
  const backup = path.join(staging.dir, '.previous');
  const moved: Array<{ target: string; saved: string | undefined }> = [];
  try {
    for (const file of toMove) {
      const target = path.join(outDir, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      let saved: string | undefined;
      if (existsSync(target)) {
        saved = path.join(backup, file.path);
        mkdirSync(path.dirname(saved), { recursive: true });
        renameSync(target, saved);
      }
      moved.push({ target, saved });
      renameSync(path.join(staging.dir, file.path), target);
      report.written.push(file.path);
    }
  } catch (error) {
    for (const { target, saved } of moved.reverse()) {
      rmSync(target, { force: true });
      if (saved) renameSync(saved, target);
    }
    discardStaging(staging);
    throw error;
  }
  const wanted = new Set(files.map((f) => f.path));
  for (const old of Object.keys(previous?.files ?? {}).sort()) {
    if (wanted.has(old)) continue;
    try {
      assertSafe(old);
    } catch {
      continue;
    }
    const target = path.join(outDir, old);
    if (existsSync(target)) {
      rmSync(target);
      report.deleted.push(old);
      removeEmptyParents(path.dirname(target), outDir);
    }
  }
  renameSync(path.join(staging.dir, MANIFEST), path.join(outDir, MANIFEST));
  discardStaging(staging);
  return report;
}

/** Removes `dir` and the folders above it while they are empty, up to (not including) `stop`. */
export function removeEmptyParents(dir: string, stop: string): void {
  for (let d = dir; d.startsWith(stop) && d !== stop; d = path.dirname(d)) {
    if (readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}
