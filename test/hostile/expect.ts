import assert from 'node:assert/strict';

export type CliResult = { code: number | null; signal?: string | null; stdout: string; stderr: string };

/** The contract for bad input: the documented exit code, one line `coastguard: …` on stderr, no stack trace. */
export function assertOneLineError(r: CliResult, code: number, re: RegExp, label: string) {
  assert.equal(r.signal ?? null, null, `${label}: killed by ${r.signal}`);
  assert.equal(r.code, code, `${label}: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `${label}: one line expected:\n${r.stderr}`);
  assert.match(lines[0], /^coastguard: /, label);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, label);
  assert.match(lines[0], re, label);
}
