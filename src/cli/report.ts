import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import type { ApiModel } from '../model/api-model.js';
import { formatDiagnostic, type Diagnostic } from '../model/diagnostics.js';
import { EXIT } from './exit-codes.js';

/** Options every command that reads inputs shares. */
export function inputOptions<T>(y: Argv<T>) {
  return y
    .option('input', { alias: 'i', type: 'string', array: true, default: ['input-docs'], describe: 'Input folder or file (repeatable)' })
    .option('strict', { type: 'boolean', default: false, describe: 'Exit non-zero on any diagnostic' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing but results and errors' })
    .option('max-diagnostics', { type: 'number', default: 20, describe: 'How many diagnostics to print' })
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

/** Diagnostics go to stderr, one `file:line: severity [code] message` each, ready for an editor's jump list. */
export function consoleReporter(options: { quiet?: boolean; maxDiagnostics?: number } = {}): Reporter {
  return {
    info(line) {
      if (!options.quiet) process.stderr.write(`${line}\n`);
    },
    diagnostics(list) {
      if (options.quiet) return;
      const limit = options.maxDiagnostics ?? Infinity;
      for (const d of list.slice(0, limit)) process.stderr.write(`${formatDiagnostic(d)}\n`);
      if (list.length > limit) process.stderr.write(`... and ${list.length - limit} more (see --diagnostics FILE)\n`);
    },
  };
}

export function summaryLine(model: ApiModel): string {
  const s = model.summary;
  const bySeverity = { error: 0, warning: 0, info: 0 };
  for (const d of model.diagnostics) bySeverity[d.severity]++;
  const ops = model.versions.reduce((n, v) => n + v.agents.reduce((m, a) => m + a.methods.length, 0), 0);
  return (
    `files: ${s.filesRead} read, ${s.filesUsed} used, ${s.filesSkipped} skipped; ` +
    `versions: ${model.versions.map((v) => v.name).join(', ') || 'none'}; operations: ${ops}; ` +
    `diagnostics: ${bySeverity.error} errors, ${bySeverity.warning} warnings, ${bySeverity.info} info`
  );
}
