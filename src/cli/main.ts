#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { diffCommand } from './diff-command.js';
import { generateCommand } from './generate-command.js';
import { modelCommand } from './model-command.js';
import { EXIT } from './exit-codes.js';

// `superoffice-sdkgen diff … | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});

async function main(): Promise<void> {
  let cli = yargs(hideBin(process.argv))
    .scriptName('superoffice-sdkgen')
    .strict()
    .demandCommand(1, 'Name a command: model, generate or diff')
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
  await cli.parseAsync();
}

main().catch((error: unknown) => {
  process.stderr.write(`superoffice-sdkgen: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(EXIT.internal);
});
