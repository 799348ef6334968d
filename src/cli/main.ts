import { parseArgs } from 'node:util';
import { CoastguardError, ExitCode } from '../core/errors.js';
import { didYouMean } from './did-you-mean.js';
import { fillFromEnv } from './flag-env.js';
import { commandHelp } from './help.js';
import type { Command, CommandContext } from './command.js';
import { commands } from './commands.js';
import { DEFAULT_TIMEOUT_MS, parseDuration, withTimeout } from './timeout.js';


function usage(): string {
  return [
    'coastguard: security for container images, configuration, secrets and runtime',
    '',
    'Usage: coastguard <command> [flags]',
    '',
    'Commands: ' + Object.keys(commands).join(', '),
    "Run 'coastguard <command> --help' for a command's flags; each flag can also be set as COASTGUARD_<FLAG>",
    '(COASTGUARD_SEVERITY=HIGH,CRITICAL). `coastguard version` shows the version and the vulnerability DB.',
  ].join('\n');
}

/** Parses argv for one command; unknown flags are a usage error (exit 2), never a stack trace. */
export function parseCommandArgs(cmd: Command, argv: string[], env: NodeJS.ProcessEnv = process.env): Omit<CommandContext, 'stdout' | 'stderr'> {
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
    throw new CoastguardError(flagErrorMessage(e as Error, cmd), `coastguard ${cmd.name}`, ExitCode.USAGE);
  }
  const ordered = (parsed.tokens ?? [])
    .filter((t) => t.kind === 'option')
    .map((t) => ({ name: (t as { name: string }).name, value: (t as { value?: string }).value }));
  const ctx = { values: parsed.values as CommandContext['values'], positionals: parsed.positionals, ordered };
  fillFromEnv(cmd.options, ctx, env);
  return ctx;
}

/** node's "Unknown option '--severty'. To specify…" as `unknown flag --severty (did you mean --severity?)`. */
function flagErrorMessage(e: Error, cmd: Command): string {
  const first = e.message.split('\n')[0];
  const m = /^Unknown option '(-{1,2})([^']*)'/.exec(first);
  if (!m) return first;
  const names = [...Object.keys(cmd.options), 'help'];
  const guess = m[1] === '--' ? didYouMean(m[2], names) : undefined;
  return `unknown flag ${m[1]}${m[2]}${guess ? ` (did you mean --${guess}?)` : ''}`;
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
  const load = commands[name === '--version' ? 'version' : name];
  if (!load) {
    const guess = didYouMean(name, Object.keys(commands));
    throw new CoastguardError(`unknown command "${name}"${guess ? ` (did you mean ${guess}?)` : ''}`, "see 'coastguard --help'", ExitCode.USAGE);
  }
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
    io.stdout.write(commandHelp(cmd) + '\n');
    return ExitCode.OK;
  }
  if (!cmd.run) throw new CoastguardError('command has nothing to run', cmd.name, ExitCode.USAGE);
  // Scanning commands have a deadline (--timeout, Trivy's flag and default).
  if (!('timeout' in cmd.options)) return cmd.run({ ...ctx, stdout: io.stdout, stderr: io.stderr });
  const t = ctx.values.timeout;
  const ms = t === undefined ? DEFAULT_TIMEOUT_MS : parseDuration(String(t));
  return withTimeout(ms, `coastguard ${name}`, cmd.run({ ...ctx, stdout: io.stdout, stderr: io.stderr }));
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
