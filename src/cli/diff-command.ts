import { writeFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { diffModels, VersionPairingError } from '../diff/diff-models.js';
import { formatHtml } from '../diff/format-html.js';
import { formatJson, formatMarkdown } from '../diff/format-markdown.js';
import { EXIT } from './exit-codes.js';
import { loadSide, UsageError } from './load-model.js';

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
