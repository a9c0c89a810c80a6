import path from 'node:path';
import { emitEach, emitSdk } from '../emit/emit-sdk.js';
import { loadTemplates } from '../emit/templates.js';
import { OutputWriter } from '../emit/output-writer.js';
import { checkOutput, outputIntact, readManifest, writeOutput, type CheckReport, type WriteReport } from '../emit/write-output.js';
import { FactsCache } from '../ingest/facts-cache.js';
import { fingerprint, ingest, snapshotInputs } from '../ingest/ingest.js';
import { toPosix } from '../ingest/read-inputs.js';
import type { ApiModel } from '../model/api-model.js';
import { buildModel } from '../model/build-model.js';
import type { Diagnostic } from '../facts/diagnostics.js';
import { generatorId, hashFiles } from './generator-id.js';
import { Progress } from './progress.js';

export interface GenerateOptions {
  inputs: string[];
  out: string;
  templates?: string | undefined;
  versions: string[];
  agents: string[];
  check: boolean;
  tests?: boolean;
  /** Type-check the emitted program under strict (with ts-morph) before writing anything. */
  typecheck?: boolean;
  cache: boolean;
  cacheDir?: string | undefined;
  quiet: boolean;
}

export interface GenerateSummary {
  files: { read: number; used: number; skipped: number; parsed: number };
  versions: string[];
  operations: number;
  diagnostics: { error: number; warning: number; info: number };
  /** True when nothing changed since the last run and no work was done. */
  upToDate: boolean;
  /** Peak resident memory of the process (worker threads included), in MiB. */
  peakRssMb?: number;
  /** With --typecheck: the type errors found; nothing was written when there are any. */
  typeErrors?: string[];
  output?: WriteReport;
  check?: CheckReport;
  durationMs: number;
}

interface RunRecord {
  summary: Omit<GenerateSummary, 'output' | 'check' | 'durationMs' | 'upToDate'>;
  diagnostics: Diagnostic[];
}

/** Where the cache lives by default: beside the output folder, in `.sdkgen-cache`. */
export function defaultCacheDir(out: string): string {
  return path.join(path.dirname(path.resolve(out)), '.sdkgen-cache');
}

function summaryOf(model: ApiModel, parsed: number): RunRecord['summary'] {
  const diagnostics = { error: 0, warning: 0, info: 0 };
  for (const d of model.diagnostics) diagnostics[d.severity]++;
  return {
    files: { read: model.summary.filesRead, used: model.summary.filesUsed, skipped: model.summary.filesSkipped, parsed },
    versions: model.versions.map((v) => v.name),
    operations: model.versions.reduce((n, v) => n + [...v.agents, ...(v.resources ?? [])].reduce((m, a) => m + a.methods.length, 0), 0),
    diagnostics,
  };
}

/**
 * One `generate` run: read (reusing cached facts of unchanged files), build the model, emit, and write
 * or check. When neither the inputs, the options nor the generator changed and the output is intact,
 * the run stops after hashing the inputs.
 */
export async function runGenerate(options: GenerateOptions): Promise<{ summary: GenerateSummary; diagnostics: Diagnostic[] }> {
  const started = performance.now();
  const progress = new Progress(options.quiet);
  const cache = options.cache ? new FactsCache(options.cacheDir ?? defaultCacheDir(options.out), generatorId()) : undefined;
  const sourceRoots = options.inputs.map(toPosix);
  progress.phase('hashing inputs…');
  const snapshot = snapshotInputs(options.inputs);
  const keyOf = (dependencies: string[]) => JSON.stringify({ fingerprint: fingerprint(snapshot, dependencies), tests: options.tests ?? false, typecheck: options.typecheck ?? false, versions: options.versions, agents: options.agents, templates: options.templates ? hashFiles([options.templates]) : '', sourceRoots, out: path.resolve(options.out) });
  const previous = cache?.getRun(keyOf(cache.lastDependencies())) as RunRecord | undefined;
  if (previous && outputIntact(options.out)) {
    progress.done();
    const summary: GenerateSummary = { ...previous.summary, upToDate: true, durationMs: Math.round(performance.now() - started), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
    if (options.check) summary.check = { stale: [], missing: [], extra: [] };
    else summary.output = { written: [], unchanged: Object.keys(readManifest(options.out)!.files), deleted: [] };
    return { summary, diagnostics: previous.diagnostics };
  }
  progress.phase('reading inputs…');
  const { results, listingDiagnostics, parsed } = await ingest(snapshot, { cache });
  progress.phase(`building the model of ${results.length} files…`);
  const model = buildModel(results, listingDiagnostics);
  progress.phase('emitting…');
  const templates = loadTemplates(options.templates);
  const emitOptions = { sourceRoots, versions: options.versions, agents: options.agents, tests: options.tests ?? false };
  const counts = summaryOf(model, parsed);
  const summary: GenerateSummary = { ...counts, upToDate: false, durationMs: 0 };
  if (options.check || options.typecheck) {
    // Compared or type-checked before anything is written: every file is kept.
    const files = emitSdk(model, templates, emitOptions);
    if (options.typecheck) {
      progress.phase(`type-checking ${files.length} files…`);
      // ts-morph is large: load it only when asked for.
      const { typeCheck } = await import('../emit/check-program.js');
      summary.typeErrors = typeCheck(files, options.out);
      if (summary.typeErrors.length > 0) {
        progress.done();
        summary.durationMs = Math.round(performance.now() - started);
        return { summary, diagnostics: model.diagnostics };
      }
    }
    if (options.check) summary.check = checkOutput(options.out, files);
    else {
      progress.phase(`writing ${files.length} files…`);
      summary.output = writeOutput(options.out, files);
    }
  } else {
    // Each file is staged as soon as it is rendered.
    const writer = OutputWriter.open(options.out);
    try {
      emitEach(model, templates, emitOptions, (file) => writer.stage(file));
    } catch (error) {
      await writer.discard();
      throw error;
    }
    progress.phase(`writing ${writer.count} files…`);
    summary.output = await writer.commit();
  }
  progress.done();
  if (cache && !options.check) {
    const dependencies = [...new Set(results.flatMap((r) => r.dependencies ?? []))];
    // The key covers the included files too, so that the next run hashes them before deciding.
    cache.setRun(keyOf(dependencies), dependencies, { summary: counts, diagnostics: model.diagnostics } satisfies RunRecord);
    cache.save();
  }
  summary.durationMs = Math.round(performance.now() - started);
  summary.peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return { summary, diagnostics: model.diagnostics };
}
