import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What a command gets: parsed flags, positional arguments, the raw tokens (for ordered pairs). */
export interface CommandContext {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  /** Flags in command-line order: `--format sarif --output a.sarif --format table` pairs by position. */
  ordered: { name: string; value?: string }[];
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/**
 * One file per command in src/cli/: flag parsing and printing only, no scanning logic.
 * `run` returns the process exit code; errors are thrown as CoastguardError.
 */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Sub-commands (`db build`, `runtime check`): the first positional picks one. */
  subcommands?: Command[];
  run?(ctx: CommandContext): Promise<number>;
}
