import type { Argv } from 'yargs';

/**
 * A subcommand: its options, and what it does with them. `main` registers the options with yargs
 * but runs the command itself after parsing, because yargs renders the whole help text after every
 * handler it runs, in case it fails later: about 30 ms of a cold run, for text nobody sees.
 */
export interface CliCommand<A> {
  /** The first word on the command line. */
  name: string;
  /** The yargs command string, with positionals: `diff <old> [new]`. */
  usage: string;
  describe: string;
  options: (y: Argv) => Argv<A>;
  run: (argv: A) => Promise<void>;
}

/** Infers the parsed arguments of a command from its options. */
export function defineCommand<A>(command: CliCommand<A>): CliCommand<A> {
  return command;
}
