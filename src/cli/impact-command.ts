import { readFileSync, writeFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import type { ApiModel, ApiVersion } from '../model/api-model.js';
import { diffVersions } from '../diff/diff-versions.js';
import { EXIT } from './exit-codes.js';
import { loadModel, loadSide, UsageError } from './load-model.js';
import { reportUsageProblems } from './report.js';

function usageProblem(message: string): void {
  process.stderr.write(`superoffice-sdkgen impact: ${message}\n`);
  process.exitCode = EXIT.usage;
}

function isModelFile(file: string): boolean {
  if (!file.endsWith('.json')) return false;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'modelVersion' in parsed;
  } catch {
    return false;
  }
}

function versionOf(model: ApiModel, name: string, side: string): ApiVersion {
  const version = model.versions.find((v) => v.name.toLowerCase() === name.toLowerCase());
  if (!version) throw new UsageError(`the ${side} has no version ${name} (it has ${model.versions.map((v) => v.name).join(', ') || 'none'})`);
  return version;
}

export function impactCommand(yargs: Argv) {
  return yargs.command(
    'impact',
    'Which lines of a TypeScript project break when it moves from one version of the generated SDK to another',
    (y) =>
      y
        .option('project', { alias: 'p', type: 'string', demandOption: true, describe: 'The project: its tsconfig.json, or the folder holding it' })
        .option('from', { type: 'string', demandOption: true, describe: 'The version the project uses now (Services87)' })
        .option('to', { type: 'string', demandOption: true, describe: 'The version it moves to (Services88)' })
        .option('input', { alias: 'i', type: 'string', array: true, default: ['input-docs'], describe: 'Inputs holding both versions (as for generate), or two model.json files, old then new' })
        .option('format', { choices: ['text', 'json', 'github'] as const, default: 'text' as const })
        .option('out', { alias: 'o', type: 'string', describe: 'Write the report here instead of stdout' })
        .option('fail-on', { choices: ['breaking', 'any'] as const, describe: 'Exit 1 when a use breaks (every hit is a breaking change: both say the same)' })
        .option('fix', { type: 'boolean', default: false, describe: 'In files whose uses all survive, rewrite the imports to the new version folder' }),
    async (argv) => {
      const inputs = argv.input.map(String);
      if (reportUsageProblems(inputs)) return;
      const twoModels = inputs.length === 2 && inputs.every(isModelFile);
      // Two drops of one version can differ; one input holds each version once.
      if (!twoModels && argv.from.toLowerCase() === argv.to.toLowerCase()) return usageProblem(`--from and --to are the same version (${argv.from}): nothing can break`);
      let result;
      let toFolder: string;
      try {
        // Two model.json files are the old and the new side; anything else is one input holding both versions.
        const oldModel = twoModels ? await loadSide(inputs[0]!) : await loadModel(inputs);
        const newModel = twoModels ? await loadSide(inputs[1]!) : oldModel;
        const from = versionOf(oldModel, argv.from, twoModels ? `old model (${inputs[0]})` : 'input');
        const to = versionOf(newModel, argv.to, twoModels ? `new model (${inputs[1]})` : 'input');
        // ts-morph is large: loaded only for this command.
        const { analyseImpact, ImpactInputError } = await import('../impact/impact.js');
        const { sdkNames } = await import('../impact/sdk-names.js');
        toFolder = sdkNames(to).folder;
        try {
          result = analyseImpact(argv.project, from, to, diffVersions(from, to), { fix: argv.fix });
        } catch (error) {
          if (error instanceof ImpactInputError) throw new UsageError(error.message);
          throw error;
        }
      } catch (error) {
        // Anything else is a bug: main reports it as an internal error.
        if (!(error instanceof UsageError)) throw error;
        return usageProblem(error.message);
      }
      const { formatGithub, formatJson, formatText } = await import('../impact/hits.js');
      for (const problem of result.syntaxErrors.slice(0, 5)) process.stderr.write(`superoffice-sdkgen impact: warning: ${problem} (uses in code TypeScript cannot read may be missed)\n`);
      if (result.importers === 0) process.stderr.write(`superoffice-sdkgen impact: no file of ${argv.project} imports the generated ${argv.from} SDK\n`);
      for (const line of result.fixed) process.stderr.write(`superoffice-sdkgen impact: fixed ${line}\n`);
      if (result.fixRefused) process.stderr.write(`superoffice-sdkgen impact: --fix: ${result.fixRefused}\n`);
      const text = argv.format === 'json' ? formatJson(result.hits, result.switchable) : argv.format === 'github' ? formatGithub(result.hits) : formatText(result.hits, result.switchable, toFolder!);
      if (argv.out) {
        try {
          writeFileSync(argv.out, text);
        } catch (error) {
          if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error;
          return usageProblem(`cannot write ${argv.out}: ${(error as Error).message}`);
        }
      } else process.stdout.write(text);
      if (argv['fail-on'] && result.hits.length > 0) process.exitCode = EXIT.diagnostics;
    },
  );
}
