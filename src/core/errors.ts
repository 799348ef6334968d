/**
 * Exit codes. Errors have their own codes, distinct from the user's `--exit-code N`
 * (which only ever reports "findings remain"). Documented in README.md.
 */
export const ExitCode = {
  OK: 0,
  USAGE: 2, // bad flags or arguments
  INPUT: 3, // unreadable or invalid input: corrupt tar, missing blob, digest mismatch, not an image
  DB: 4, // vulnerability database missing, corrupt, or failed update
  CONFIG: 5, // malformed policy / config / VEX / rules file
  NETWORK: 6, // registry or download unreachable
  AUTH: 7, // registry authentication failed
  SIGNATURE: 8, // signature verification failed
  TIMEOUT: 9, // --timeout reached (default 5m for scans)
  INTERNAL: 70, // a bug: please report it
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * The one error type the CLI prints as `coastguard: <what>: <where>` and maps to an exit code.
 * `where` is a path, path:line, URL or reference: whatever lets the user find the problem.
 */
export class CoastguardError extends Error {
  constructor(
    readonly what: string,
    readonly where: string | undefined,
    readonly exitCode: ExitCodeValue = ExitCode.INPUT,
    options?: { cause?: unknown },
  ) {
    super(where ? `${what}: ${where}` : what, options);
    this.name = 'CoastguardError';
  }
}

export const inputError = (what: string, where?: string, cause?: unknown) =>
  new CoastguardError(what, where, ExitCode.INPUT, { cause });
export const usageError = (what: string, where?: string) => new CoastguardError(what, where, ExitCode.USAGE);
export const configError = (what: string, where?: string, cause?: unknown) =>
  new CoastguardError(what, where, ExitCode.CONFIG, { cause });
export const dbError = (what: string, where?: string, cause?: unknown) =>
  new CoastguardError(what, where, ExitCode.DB, { cause });
