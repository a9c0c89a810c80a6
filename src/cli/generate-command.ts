import type { Argv } from 'yargs';
import { EXIT } from './exit-codes.js';
import { consoleReporter, DEFAULT_MAX_DIAGNOSTICS, inputOptions, reportUsageProblems, writeDiagnosticsFile } from './report.js';
import { runGenerate } from './run-generate.js';

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
        .option('tests', { type: 'boolean', default: false, describe: 'Also generate vitest files from the documented samples, and SAMPLE-ISSUES.md' })
        .option('typecheck', { type: 'boolean', default: false, describe: 'Type-check the emitted program under strict before writing; write nothing on an error' })
        .option('check', { type: 'boolean', default: false, describe: 'Write nothing; exit 1 if the output is stale, missing or has extra files' })
        .option('cache', { type: 'boolean', default: true, describe: 'Reuse what earlier runs read from unchanged files (--no-cache to read all)' })
        .option('cache-dir', { type: 'string', describe: 'Where the cache lives (default: .sdkgen-cache beside the output)' })
        .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable summary on stdout' }),
    async (argv) => {
      if (reportUsageProblems(argv.input.map(String), argv.out)) return;
      const reporter = consoleReporter({ quiet: argv.quiet, verbose: argv.verbose, silent: argv.json, maxDiagnostics: argv['max-diagnostics'] });
      const { summary, diagnostics } = await runGenerate({
        inputs: argv.input.map(String),
        out: argv.out,
        templates: argv.templates,
        versions: argv.versions?.map(String) ?? [],
        agents: argv.agents?.map(String) ?? [],
        check: argv.check,
        tests: argv.tests,
        typecheck: argv.typecheck,
        cache: argv.cache,
        cacheDir: argv['cache-dir'],
        quiet: argv.quiet || argv.json,
      });
      reporter.diagnostics(diagnostics);
      writeDiagnosticsFile(argv.diagnostics, diagnostics);
      const d = summary.diagnostics;
      reporter.info(
        `files: ${summary.files.read} read (${summary.files.parsed} parsed, the rest cached), ${summary.files.used} used, ${summary.files.skipped} skipped; ` +
          `versions: ${summary.versions.join(', ') || 'none'}; operations: ${summary.operations}; diagnostics: ${d.error} errors, ${d.warning} warnings, ${d.info} info`,
      );
      let failed = argv.strict && diagnostics.length > 0;
      if (summary.typeErrors?.length) {
        for (const error of summary.typeErrors.slice(0, argv['max-diagnostics'] ?? (argv.verbose ? Infinity : DEFAULT_MAX_DIAGNOSTICS))) process.stderr.write(`type error: ${error}\n`);
        process.stderr.write(`superoffice-sdkgen: the emitted program has ${summary.typeErrors.length} type errors; nothing was written\n`);
        failed = true;
      }
      if (summary.check) {
        const c = summary.check;
        if (!argv.json) {
          for (const f of c.stale) process.stdout.write(`stale: ${f}\n`);
          for (const f of c.missing) process.stdout.write(`missing: ${f}\n`);
          for (const f of c.extra) process.stdout.write(`extra: ${f}\n`);
        }
        const problems = c.stale.length + c.missing.length + c.extra.length;
        reporter.info(problems === 0 ? `${argv.out} is up to date` : `${argv.out} is out of date: ${problems} files`);
        failed ||= problems > 0;
      } else if (summary.output) {
        const o = summary.output;
        reporter.info(`${argv.out}: ${o.written.length} written, ${o.unchanged.length} unchanged, ${o.deleted.length} deleted${summary.upToDate ? ' (nothing changed)' : ''} in ${summary.durationMs} ms`);
      }
      if (argv.json) process.stdout.write(`${JSON.stringify({ ok: !failed, ...summary }, null, 2)}\n`);
      if (failed) process.exitCode = EXIT.diagnostics;
    },
  );
}
