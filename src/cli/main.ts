import { parseArgs } from 'node:util';
import { CoastguardError, ExitCode } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import type { Command, CommandContext } from './command.js';
import { commands } from './commands.js';


function usage(): string {
  return [
    'coastguard: security for container images, configuration, secrets and runtime',
    '',
    'Usage: coastguard <command> [flags]',
    '',
    'Commands: ' + Object.keys(commands).join(', '),
    "Run 'coastguard <command> --help' for a command's flags.",
  ].join('\n');
}

/** Parses argv for one command; unknown flags are a usage error (exit 2), never a stack trace. */
export function parseCommandArgs(cmd: Command, argv: string[]): Omit<CommandContext, 'stdout' | 'stderr'> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
      tokens: true,
    });
  } catch (e) {
    throw new CoastguardError((e as Error).message.split('\n')[0], `coastguard ${cmd.name}`, ExitCode.USAGE);
  }
  const ordered = (parsed.tokens ?? [])
    .filter((t) => t.kind === 'option')
    .map((t) => ({ name: (t as { name: string }).name, value: (t as { value?: string }).value }));
  return { values: parsed.values as CommandContext['values'], positionals: parsed.positionals, ordered };
}

export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function main(argv: string[], io: CliIO = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage() + '\n');
    return name ? ExitCode.OK : ExitCode.USAGE;
  }
  if (name === '--version' || name === 'version') {
    io.stdout.write(`coastguard ${TOOL_VERSION}\n`);
    return ExitCode.OK;
  }
  const load = commands[name];
  if (!load) throw new CoastguardError(`unknown command "${name}"`, "see 'coastguard --help'", ExitCode.USAGE);
  let cmd = await load();
  let args = rest;
  while (cmd.subcommands) {
    const sub = cmd.subcommands.find((s) => s.name === args[0]);
    if (!sub) {
      if (args[0] === '--help' || args[0] === '-h' || !args[0]) {
        io.stdout.write(`${cmd.usage}\n\nSubcommands:\n${cmd.subcommands.map((s) => `  ${s.name.padEnd(10)} ${s.summary}`).join('\n')}\n`);
        return args[0] ? ExitCode.OK : ExitCode.USAGE;
      }
      throw new CoastguardError(`unknown subcommand "${args[0]}"`, `coastguard ${name}`, ExitCode.USAGE);
    }
    cmd = sub;
    args = args.slice(1);
  }
  const ctx = parseCommandArgs(cmd, args);
  if (ctx.values.help) {
    io.stdout.write(cmd.usage + '\n');
    return ExitCode.OK;
  }
  if (!cmd.run) throw new CoastguardError('command has nothing to run', cmd.name, ExitCode.USAGE);
  return cmd.run({ ...ctx, stdout: io.stdout, stderr: io.stderr });
}

/** Prints an error as one line; a stack trace only with --debug or for real bugs. */
export function reportError(e: unknown, debug: boolean, stderr: NodeJS.WritableStream = process.stderr): number {
  if (e instanceof CoastguardError) {
    stderr.write(`coastguard: ${e.message}\n`);
    if (debug && e.cause) stderr.write(String((e.cause as Error).stack ?? e.cause) + '\n');
    return e.exitCode;
  }
  const err = e as Error;
  stderr.write(`coastguard: internal error: ${err?.message ?? String(e)} (run with --debug for details)\n`);
  if (debug) stderr.write(String(err?.stack) + '\n');
  return ExitCode.INTERNAL;
}
