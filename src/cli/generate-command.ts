import path from 'node:path';
import type { Argv } from 'yargs';
import { emitSdk } from '../emit/emit-sdk.js';
import { loadTemplates } from '../emit/templates.js';
import { checkOutput, writeOutput } from '../emit/write-output.js';
import { EXIT } from './exit-codes.js';
import { loadModel } from './load-model.js';
import { consoleReporter, inputOptions, summaryLine, writeDiagnosticsFile } from './report.js';

export function generateCommand(yargs: Argv) {
  return yargs.command(
    'generate',
    'Generate the TypeScript SDK (one folder per version) from the doc drops and WSDL',
    (y) =>
      inputOptions(y)
        .option('out', { alias: 'o', type: 'string', default: 'generated', describe: 'Output folder' })
        .option('templates', { type: 'string', describe: 'Folder of templates overriding the built-in ones (same file names)' })
        .option('versions', { type: 'string', array: true, describe: 'Only these versions (Services88, v1)' })
        .option('agents', { type: 'string', array: true, describe: 'Only these agents (ErpSync)' })
        .option('check', { type: 'boolean', default: false, describe: 'Write nothing; exit 1 if the output is stale, missing or has extra files' }),
    async (argv) => {
      const reporter = consoleReporter({ quiet: argv.quiet, maxDiagnostics: argv['max-diagnostics'] });
      const inputs = argv.input.map(String);
      const model = await loadModel(inputs);
      const files = emitSdk(model, loadTemplates(argv.templates), {
        sourceRoots: inputs.map((i) => i.split(path.sep).join('/')),
        versions: argv.versions?.map(String) ?? [],
        agents: argv.agents?.map(String) ?? [],
      });
      reporter.diagnostics(model.diagnostics);
      writeDiagnosticsFile(argv.diagnostics, model.diagnostics);
      reporter.info(summaryLine(model));
      if (argv.check) {
        const report = checkOutput(argv.out, files);
        for (const f of report.stale) process.stdout.write(`stale: ${f}\n`);
        for (const f of report.missing) process.stdout.write(`missing: ${f}\n`);
        for (const f of report.extra) process.stdout.write(`extra: ${f}\n`);
        const problems = report.stale.length + report.missing.length + report.extra.length;
        reporter.info(problems === 0 ? `${argv.out} is up to date (${files.length} files)` : `${argv.out} is out of date: ${problems} files`);
        if (problems > 0) process.exitCode = EXIT.diagnostics;
      } else {
        const report = writeOutput(argv.out, files);
        reporter.info(`${argv.out}: ${report.written.length} written, ${report.unchanged.length} unchanged, ${report.deleted.length} deleted`);
      }
      if (argv.strict && model.diagnostics.length > 0) process.exitCode = EXIT.diagnostics;
    },
  );
}
