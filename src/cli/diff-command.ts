import { readFileSync, statSync, writeFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import type { ApiModel } from '../model/api-model.js';
import { diffModels, VersionPairingError } from '../diff/diff-models.js';
import { formatHtml } from '../diff/format-html.js';
import { formatJson, formatMarkdown } from '../diff/format-markdown.js';
import { EXIT } from './exit-codes.js';
import { loadModel } from './load-model.js';

/** A side of a diff: a `model.json`, or an input folder or file to read (a REST definition is JSON too). */
async function loadSide(side: string): Promise<ApiModel> {
  const stat = statSync(side, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${side} does not exist`);
  if (side.endsWith('.json') && stat.isFile()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(side, 'utf8'));
    } catch (error) {
      throw new UsageError(`${side} cannot be read: ${(error as Error).message}`);
    }
    const model = parsed as ApiModel;
    if (model && typeof model === 'object' && 'modelVersion' in model) {
      const versionsOk = Array.isArray(model.versions) && model.versions.every((v) => typeof v?.name === 'string' && Array.isArray(v.agents) && Array.isArray(v.types));
      if (model.modelVersion !== 1 || !versionsOk) throw new UsageError(`${side} is not a superoffice-sdkgen model`);
      return model;
    }
    const other = parsed as Record<string, unknown> | null;
    if (!other || typeof other !== 'object' || !('openapi' in other || 'swagger' in other)) {
      throw new UsageError(`${side} is neither a superoffice-sdkgen model nor a REST definition`);
    }
  }
  return loadModel([side]);
}

/** A side that cannot be read, or an output that cannot be written: exit 2, where anything else is a bug (exit 3). */
class UsageError extends Error {}

function usageProblem(message: string): void {
  process.stderr.write(`superoffice-sdkgen diff: ${message}\n`);
  process.exitCode = EXIT.usage;
}

export function diffCommand(yargs: Argv) {
  return yargs.command(
    'diff <old> [new]',
    'What changed between two versions or doc drops, and what breaks',
    (y) =>
      y
        .positional('old', { type: 'string', demandOption: true, describe: 'Input folder or file, or a model.json' })
        .positional('new', { type: 'string', describe: 'The newer side (default: the old side, with --from/--to)' })
        .option('from', { type: 'string', describe: 'Version of the old side (Services87)' })
        .option('to', { type: 'string', describe: 'Version of the new side (Services88)' })
        .option('agents', { type: 'string', array: true, describe: 'Only these agents' })
        .option('docs', { type: 'boolean', default: false, describe: 'Also report description changes' })
        .option('format', { choices: ['markdown', 'md', 'json', 'html'] as const, default: 'markdown' as const })
        .option('out', { alias: 'o', type: 'string', describe: 'Write the report here instead of stdout' })
        .option('fail-on', { choices: ['breaking', 'any'] as const, describe: 'Exit 1 when there is a breaking change, or any change' }),
    async (argv) => {
      let report;
      try {
        const oldModel = await loadSide(argv.old!);
        const newModel = argv.new ? await loadSide(argv.new) : oldModel;
        const options: Parameters<typeof diffModels>[2] = { docs: argv.docs, agents: argv.agents?.map(String) ?? [] };
        if (argv.from) options.from = argv.from;
        if (argv.to) options.to = argv.to;
        report = diffModels(oldModel, newModel, options);
      } catch (error) {
        // Anything else is a bug: main reports it as an internal error.
        if (!(error instanceof UsageError || error instanceof VersionPairingError)) throw error;
        usageProblem(error.message);
        return;
      }
      const text = argv.format === 'json' ? formatJson(report) : argv.format === 'html' ? formatHtml(report) : formatMarkdown(report);
      if (argv.out) {
        try {
          writeFileSync(argv.out, text);
        } catch (error) {
          if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
          usageProblem(`cannot write ${argv.out}: ${(error as Error).message}`);
          return;
        }
      } else process.stdout.write(text);
      const failing = argv['fail-on'] === 'any' ? report.changes.length : argv['fail-on'] === 'breaking' ? report.changes.filter((c) => c.breaking).length : 0;
      if (failing > 0) process.exitCode = EXIT.diagnostics;
    },
  );
}
