#!/usr/bin/env node
import v8 from 'node:v8';
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { diffCommand } from './diff-command.js';
import { generateCommand } from './generate-command.js';
import { impactCommand } from './impact-command.js';
import { mockCommand } from './mock-command.js';
import { modelCommand } from './model-command.js';
import { CONFIG_FILE, loadConfig } from './config-file.js';
import { EXIT } from './exit-codes.js';
import { generatorVersion } from './generator-id.js';

// A cold run keeps most of what it reads, and every young-generation collection copies what survives
// it. V8 grows the young generation twofold at a time up to its 16 MB limit; sixteenfold reaches the
// limit at the first growth: 20 -> 13 collections on the 60 Services88 WSDLs, and medians 65-100 ms
// lower in three sets of 12-20 interleaved runs (no change on the full corpus). The flag only steers
// that heuristic; where a Node version ignores it, nothing else changes.
v8.setFlagsFromString('--semi-space-growth-factor=16');
// A cold run executes most of its code only a few times, and on two cores the optimising compiler's
// background work competes with the two reading threads. V8 considers a function hot after about
// 132 KB of its bytecode ran; four times that optimises only what stays hot: CPU time of a cold
// corpus run 0.72-0.84 of before in interleaved runs (twice: 0.91, eight times: 0.95 of fourfold).
// A long run reaches its steady state a little later, which a run of a few seconds never reaches.
v8.setFlagsFromString('--interrupt-budget=528000');

// `superoffice-sdkgen diff … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

/** The config file describes the build step: all of it applies to generate, inputs and strict to model, none to diff. */
function configFor(command: string | undefined, config: Record<string, unknown>): Record<string, unknown> {
  if (command === 'generate') return config;
  if (command === 'impact' || command === 'mock') return Object.fromEntries(Object.entries(config).filter(([k]) => k === 'input'));
  if (command === 'model') return Object.fromEntries(Object.entries(config).filter(([k]) => k === 'input' || k === 'strict'));
  return {};
}

async function main(): Promise<void> {
  const args = hideBin(process.argv);
  const configAt = args.indexOf('--config');
  let config: Record<string, unknown>;
  try {
    config = configFor(args[0], loadConfig(configAt === -1 ? undefined : args[configAt + 1]));
  } catch (error) {
    process.stderr.write(`superoffice-sdkgen: ${(error as Error).message}\n`);
    process.exit(EXIT.usage);
  }
  let cli: Argv = yargs(args)
    .scriptName('superoffice-sdkgen')
    // Bundled, yargs cannot find the package.json it would read the version from.
    .version(generatorVersion)
    .option('config', { type: 'string', describe: `Config file (default: ${CONFIG_FILE} in the working folder, if there)` })
    .config(config)
    .strict()
    .demandCommand(1, 'Name a command: model, generate, diff, impact or mock')
    .recommendCommands()
    .help()
    .fail((message, error) => {
      if (error) throw error;
      process.stderr.write(`superoffice-sdkgen: ${message}\nRun with --help for usage.\n`);
      process.exit(EXIT.usage);
    });
  cli = modelCommand(cli);
  cli = generateCommand(cli);
  cli = diffCommand(cli);
  cli = impactCommand(cli);
  cli = mockCommand(cli);
  await cli.parseAsync();
}

main().catch((error: unknown) => {
  process.stderr.write(`superoffice-sdkgen: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(EXIT.internal);
});
