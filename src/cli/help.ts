import { envName } from './flag-env.js';
import type { Command } from './command.js';

/**
 * `coastguard CMD --help`: the command's own usage text, then every flag it takes, generated from
 * its option table so no flag can be missing from the help.
 */
export function commandHelp(cmd: Command): string {
  const names = Object.keys(cmd.options).sort();
  const rows = names.map((name) => {
    const o = cmd.options[name];
    const flag = `--${name}${o.short ? `, -${o.short}` : ''}${o.type === 'string' ? ' VALUE' : ''}`;
    return `  ${flag.padEnd(28)} ${o.multiple ? 'repeatable; ' : ''}env ${envName(name)}`;
  });
  return [cmd.usage, '', 'All flags:', ...rows, `  ${'--help, -h'.padEnd(28)} this text`].join('\n');
}
