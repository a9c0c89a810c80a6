#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { generateCommand } from './generate-command.js';
import { modelCommand } from './model-command.js';
import { EXIT } from './exit-codes.js';

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
  await cli.parseAsync();
}

main().catch((error: unknown) => {
  process.stderr.write(`superoffice-sdkgen: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(EXIT.internal);
});
