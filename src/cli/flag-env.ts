import type { CommandContext, OptionSpec } from './command.js';

/** `--skip-dirs` → COASTGUARD_SKIP_DIRS, as Trivy reads TRIVY_SKIP_DIRS. */
export const envName = (flag: string) => `COASTGUARD_${flag.toUpperCase().replace(/-/g, '_')}`;

/**
 * Flags not given on the command line are taken from COASTGUARD_<FLAG> (CI systems set these once
 * for every step). The command line wins. Booleans take true/false/1/0; repeatable flags take a
 * comma-separated list. `--format`/`--output` from the environment act as if typed last.
 */
export function fillFromEnv(options: OptionSpec, ctx: Pick<CommandContext, 'values' | 'ordered'>, env: NodeJS.ProcessEnv = process.env): void {
  for (const [name, spec] of Object.entries(options)) {
    if (name === 'help' || ctx.values[name] !== undefined) continue;
    const raw = env[envName(name)];
    if (raw === undefined || raw === '') continue;
    if (spec.type === 'boolean') {
      if (/^(1|true|yes)$/i.test(raw)) ctx.values[name] = true;
      else if (/^(0|false|no)$/i.test(raw)) ctx.values[name] = false;
      continue;
    }
    const list = spec.multiple ? raw.split(',').map((s) => s.trim()).filter(Boolean) : [raw];
    ctx.values[name] = spec.multiple ? list : raw;
    if (name === 'format' || name === 'output') for (const value of list) ctx.ordered.push({ name, value });
  }
}
