import { SCHEMA_VERSION, TOOL_NAME, TOOL_VERSION, type ScanResult } from '../core/index.js';
import { isoNow, type ReportOptions } from './util.js';

/**
 * The native shape (docs/json-format.md): the ScanResult itself, keys in a fixed order so diffs
 * between runs stay small, with what an auditor needs to trust it: the tool and its version, when
 * the report was made (UTC), and the vulnerability DB used. `schemaVersion` is always the current one.
 */
export function writeJson(result: ScanResult, opts: ReportOptions = {}): string {
  return [...jsonChunks(result, opts)].join('');
}

/**
 * The same bytes as `JSON.stringify(report, null, 2)`, in pieces: one per package, finding and
 * suppressed entry. A report of a 50,000-object manifest is larger than the longest string V8
 * can hold, so files and stdout are written from these pieces (JSON.stringify has no streaming
 * mode, hence the hand-made outer level; every element is still serialised by JSON.stringify).
 */
export function* jsonChunks(result: ScanResult, opts: ReportOptions = {}): Generator<string> {
  const out: Record<string, unknown> = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: opts.toolVersion ?? TOOL_VERSION },
    createdAt: isoNow(opts),
    artifact: result.artifact,
  };
  if (result.db) out.db = result.db;
  out.packages = result.packages;
  out.findings = result.findings;
  if (result.upgrades) out.upgrades = result.upgrades;
  if (result.baseAdvice) out.baseAdvice = result.baseAdvice;
  if (result.suppressed?.length) out.suppressed = result.suppressed;
  if (result.warnings?.length) out.warnings = result.warnings;
  const keys = Object.keys(out).filter((k) => out[k] !== undefined);
  yield '{\n';
  for (let i = 0; i < keys.length; i++) {
    const v = out[keys[i]];
    const end = i < keys.length - 1 ? ',\n' : '\n';
    if (Array.isArray(v) && v.length > 0) {
      yield `  ${JSON.stringify(keys[i])}: [\n`;
      for (let j = 0; j < v.length; j++) yield `    ${indented(v[j], '    ')}${j < v.length - 1 ? ',\n' : '\n'}`;
      yield `  ]${end}`;
    } else {
      yield `  ${JSON.stringify(keys[i])}: ${indented(v, '  ')}${end}`;
    }
  }
  yield '}\n';
}

function indented(v: unknown, pad: string): string {
  return (JSON.stringify(v, null, 2) ?? 'null').replace(/\n/g, `\n${pad}`);
}
