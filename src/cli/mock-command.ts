import { existsSync } from 'node:fs';
import type { Argv } from 'yargs';
import { EXIT } from './exit-codes.js';
import { inputOptions, reportUsageProblems } from './report.js';

export function mockCommand(yargs: Argv) {
  return yargs.command(
    'mock',
    'Serve a local mock NetServer from the model: it checks every request as NetServer would and answers with the documented samples',
    (y) =>
      inputOptions(y)
        .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
        .option('port', { type: 'number', default: 0, describe: 'Port (0: any free one)' })
        .option('versions', { type: 'string', array: true, describe: 'Only these versions (Services88)' })
        .option('agents', { type: 'string', array: true, describe: 'Only these agents (ErpSync)' })
        .option('seed', { type: 'number', default: 1, describe: 'Seed of the values made from the schema' })
        .option('answers', { choices: ['samples', 'generated'] as const, default: 'samples' as const, describe: 'The documented sample responses where they read, or always values made from the schema' })
        .option('record', { type: 'string', describe: 'Append every request and answer to this file, one JSON object per line' }),
    async (argv) => {
      const inputs = argv.input.map(String);
      if (reportUsageProblems(inputs)) return;
      if (argv.record !== undefined && existsSync(argv.record) && !/\.jsonl?$/.test(argv.record)) {
        process.stderr.write(`superoffice-sdkgen mock: --record ${argv.record} exists and is not a .jsonl file: not appending to it\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      const { loadModel } = await import('./load-model.js');
      const { serveModel } = await import('../mock/server.js');
      let mock;
      try {
        mock = await serveModel({
          model: await loadModel(inputs),
          host: argv.host,
          port: argv.port,
          versions: argv.versions?.map(String) ?? [],
          agents: argv.agents?.map(String) ?? [],
          seed: argv.seed,
          answers: argv.answers,
          ...(argv.record === undefined ? {} : { record: argv.record }),
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (typeof code !== 'string') throw error;
        process.stderr.write(`superoffice-sdkgen mock: cannot start (listening on ${argv.host}:${argv.port}${argv.record === undefined ? '' : `, recording to ${argv.record}`}): ${(error as Error).message}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      process.stdout.write(`listening on ${mock.url}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void mock.close().then(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    },
  );
}
