import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import type { ApiModel } from '../model/api-model.js';
import { formatDiagnostic, groupByCode, type Diagnostic } from '../facts/diagnostics.js';
import { formatProvenance } from '../facts/provenance.js';
import { EXIT } from './exit-codes.js';

/** How many diagnostics are printed one by one when --max-diagnostics is not given (and not --verbose). */
export const DEFAULT_MAX_DIAGNOSTICS = 20;

/** Options every command that reads inputs shares. */
export function inputOptions<T>(y: Argv<T>) {
  return y
    .option('input', { alias: 'i', type: 'string', array: true, default: ['input-docs'], describe: 'Input folder or file (repeatable)' })
    .option('strict', { type: 'boolean', default: false, describe: 'Exit non-zero on any diagnostic' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing but results and errors' })
    .option('verbose', { type: 'boolean', default: false, describe: 'Print every diagnostic, not a summary of the warnings by code' })
    .option('max-diagnostics', { type: 'number', describe: `How many diagnostics to print one by one (default ${DEFAULT_MAX_DIAGNOSTICS}; all with --verbose)` })
    .option('diagnostics', { type: 'string', describe: 'Write every diagnostic to this file, one per line' });
}

/**
 * Problems with the command line itself: inputs that do not exist, an output that is a file. Each is
 * printed and the exit code set to 2; returns whether there were any.
 */
export function reportUsageProblems(inputs: string[], out?: string): boolean {
  const problems = inputs.filter((i) => !existsSync(i)).map((i) => `input '${i}' does not exist`);
  if (out !== undefined && existsSync(out) && !statSync(out).isDirectory()) problems.push(`output '${out}' is a file, not a folder`);
  for (const p of problems) process.stderr.write(`superoffice-sdkgen: ${p}\n`);
  if (problems.length > 0) process.exitCode = EXIT.usage;
  return problems.length > 0;
}

export function writeDiagnosticsFile(file: string | undefined, list: Diagnostic[]): void {
  if (!file) return;
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, list.map((d) => `${formatDiagnostic(d)}\n`).join(''));
}

export interface Reporter {
  info(line: string): void;
  diagnostics(list: Diagnostic[]): void;
}

export interface ReporterOptions {
  /** Only errors, one by one, and no info lines. */
  quiet?: boolean;
  /** Every diagnostic one by one instead of the warnings and infos summarised by code. */
  verbose?: boolean;
  /** Nothing at all (`--json` prints the counts on stdout). */
  silent?: boolean;
  /** How many diagnostics to print one by one: DEFAULT_MAX_DIAGNOSTICS, or all with `verbose`. */
  maxDiagnostics?: number | undefined;
}

/**
 * Diagnostics go to stderr, `file:line: severity [code] message` each, ready for an editor's jump list.
 * Errors are listed one by one; warnings and infos, which a doc drop has by the hundred and mostly of a
 * few codes, are summarised by code (count and the first one) unless `verbose`.
 */
export function consoleReporter(options: ReporterOptions = {}): Reporter {
  return {
    info(line) {
      if (!options.quiet && !options.silent) process.stderr.write(`${line}\n`);
    },
    diagnostics(list) {
      if (options.silent) return;
      const limit = options.maxDiagnostics ?? (options.verbose ? Infinity : DEFAULT_MAX_DIAGNOSTICS);
      const shown = options.verbose && !options.quiet ? list : list.filter((d) => d.severity === 'error');
      for (const d of shown.slice(0, limit)) process.stderr.write(`${formatDiagnostic(d)}\n`);
      if (shown.length > limit) process.stderr.write(`... and ${shown.length - limit} more${shown === list ? '' : ' errors'} (see --diagnostics FILE)\n`);
      if (options.verbose || options.quiet) return;
      for (const line of summariseByCode(list.filter((d) => d.severity !== 'error'))) process.stderr.write(`${line}\n`);
    },
  };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * One line per code: a code seen once is printed as it is; a code seen more often as its count and
 * its first occurrence (`warning [sample-envelope] 14 times, e.g. file:line: message`). Warnings before
 * infos, then the most frequent first. A last line says how to see them all when anything was folded.
 */
export function summariseByCode(list: Diagnostic[]): string[] {
  const groups = [...groupByCode(list).values()].sort(
    (a, b) => SEVERITY_ORDER[a[0]!.severity] - SEVERITY_ORDER[b[0]!.severity] || b.length - a.length || (a[0]!.code < b[0]!.code ? -1 : 1),
  );
  const lines = groups.map((same) => {
    const first = same[0]!;
    return same.length === 1 ? formatDiagnostic(first) : `${first.severity} [${first.code}] ${same.length} times, e.g. ${formatProvenance(first)}: ${first.message}`;
  });
  if (groups.some((same) => same.length > 1)) {
    const warnings = list.filter((d) => d.severity === 'warning').length;
    const counts = [warnings && `${warnings} warnings`, list.length - warnings && `${list.length - warnings} info`].filter(Boolean).join(' and ');
    lines.push(`(${counts} summarised by code: --verbose prints each one, --diagnostics FILE writes them all)`);
  }
  return lines;
}

export function summaryLine(model: ApiModel): string {
  const s = model.summary;
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const d of model.diagnostics) bySeverity[d.severity]++;
  const ops = model.versions.reduce((n, v) => n + [...v.agents, ...(v.resources ?? [])].reduce((m, a) => m + a.methods.length, 0), 0);
  return (
    `files: ${s.filesRead} read, ${s.filesUsed} used, ${s.filesSkipped} skipped; ` +
    `versions: ${model.versions.map((v) => v.name).join(', ') || 'none'}; operations: ${ops}; ` +
    `diagnostics: ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} info`
  );
}
