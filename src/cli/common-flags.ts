import type { OptionSpec } from './command.js';

/** Flags every scanning command shares (DESIGN.md, "Command line"). */
export const scanFlags: OptionSpec = {
  scanners: { type: 'string' },
  format: { type: 'string', short: 'f', multiple: true },
  output: { type: 'string', short: 'o', multiple: true },
  severity: { type: 'string', short: 's' },
  'exit-code': { type: 'string' },
  config: { type: 'string', short: 'c' },
  db: { type: 'string' },
  'skip-db': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  platform: { type: 'string' },
  insecure: { type: 'boolean' },
  'skip-dirs': { type: 'string', multiple: true },
  'skip-files': { type: 'string', multiple: true },
  'ignore-unfixed': { type: 'boolean' },
  'min-epss': { type: 'string' },
  kev: { type: 'boolean' },
  'no-cache': { type: 'boolean' },
  vex: { type: 'string', multiple: true },
  ignorefile: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean', short: 'd' },
  // Trivy's: the whole scan's deadline (default 5m, 0 = none); exit 9 when reached.
  timeout: { type: 'string' },
  // Upload the result to a `coastguard server` (or COASTGUARD_SERVER / COASTGUARD_TOKEN).
  server: { type: 'string' },
  token: { type: 'string' },
};
