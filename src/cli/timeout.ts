import { CoastguardError, ExitCode, usageError } from '../core/errors.js';

/** Trivy's default for `--timeout`: a scan that runs longer than this stops with exit 9. */
export const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** "5m", "90s", "1h30m", "250ms" (Go durations, as Trivy takes them) or plain seconds; 0 = no limit. */
export function parseDuration(s: string): number {
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let ms = 0;
  let rest = t;
  const re = /^(\d+(?:\.\d+)?)(ms|s|m|h)/;
  if (!rest) throw usageError(`--timeout must be a duration such as 5m or 90s, not "${s}"`);
  while (rest) {
    const m = re.exec(rest);
    if (!m) throw usageError(`--timeout must be a duration such as 5m or 90s, not "${s}"`);
    ms += Number(m[1]) * unit[m[2]];
    rest = rest.slice(m[0].length);
  }
  return ms;
}

const fmt = (ms: number) => (ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`);

/** Runs `work` with a deadline: past it, a CoastguardError with exit 9 (the process then exits). */
export async function withTimeout<T>(ms: number, where: string, work: Promise<T>): Promise<T> {
  if (!(ms > 0)) return work;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CoastguardError(`timed out after ${fmt(ms)} (--timeout; raise it for big images)`, where, ExitCode.TIMEOUT)), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
