import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Argv } from 'yargs';
import { stableJson } from '../model/model-json.js';
import { loadModel } from './load-model.js';
import { consoleReporter, inputOptions, summaryLine, reportUsageProblems, writeDiagnosticsFile } from './report.js';
import { EXIT } from './exit-codes.js';

export function modelCommand(yargs: Argv) {
  return yargs.command(
    'model',
    'Read the doc drops and WSDL into the API model and print it as JSON',
    (y) =>
      inputOptions(y).option('out', { alias: 'o', type: 'string', describe: 'Write the model here instead of stdout' }),
    async (argv) => {
      if (reportUsageProblems(argv.input.map(String))) return;
      const reporter = consoleReporter({ quiet: argv.quiet, verbose: argv.verbose, maxDiagnostics: argv['max-diagnostics'] });
      const model = await loadModel(argv.input.map(String));
      const json = stableJson(model);
      if (argv.out) {
        mkdirSync(path.dirname(path.resolve(argv.out)), { recursive: true });
        writeFileSync(argv.out, json);
      } else process.stdout.write(json);
      reporter.diagnostics(model.diagnostics);
      writeDiagnosticsFile(argv.diagnostics, model.diagnostics);
      reporter.info(summaryLine(model));
      if (argv.strict && model.diagnostics.length > 0) process.exitCode = EXIT.diagnostics;
    },
  );
}
