import { ExitCode, configError, parseSeverityList, usageError, type ScanResult, type ScanWarning, type Severity } from '../core/index.js';
import { findIgnoreFile, loadIgnoreFile } from '../policy/ignore-file.js';
import { checkIgnoreIds } from '../policy/known-ids.js';
import { applyPolicy, loadPolicy, loadVex, type KubernetesObject, type Policy, type VexStatement } from '../policy/index.js';
import { FORMATS, isFormat, writeReports, type OutputSpec } from '../report/index.js';
import type { CommandContext } from './command.js';
import { flagList } from './flag-values.js';
import { planUpgrades } from '../remediate/index.js';

const MAX_PRINTED_WARNINGS = 20;

/** What a scan runs under: loaded before scanning, applied after. */
export interface RunPolicy {
  policy: Policy;
  vex: VexStatement[];
  outputs: OutputSpec[];
  severities?: Severity[];
  exitCode?: number;
  ignoreUnfixed?: boolean;
  minEpss?: number;
  kev?: boolean;
  quiet: boolean;
  /** `--server URL --token T`: where the finished result is uploaded. */
  upload?: { server: string; token: string };
}

/**
 * `--format`/`--output` pairs in command-line order: each `--output` belongs to the `--format`
 * before it (or, given first, to the next one). With no `--format`, the policy file's `outputs`,
 * else one table on stdout. An `--output` with no `--format` at all writes a table to that file.
 */
export function outputsFrom(ctx: Pick<CommandContext, 'ordered'>, policy: Policy): OutputSpec[] {
  const out: OutputSpec[] = [];
  let pendingFile: string | undefined;
  for (const t of ctx.ordered) {
    if (t.name === 'format') {
      out.push({ format: String(t.value), ...(pendingFile ? { file: pendingFile } : {}) });
      pendingFile = undefined;
    } else if (t.name === 'output') {
      const last = out[out.length - 1];
      if (last && last.file === undefined) last.file = String(t.value);
      else if (pendingFile === undefined) pendingFile = String(t.value);
      else throw usageError(`--output ${t.value} has no --format to pair with`, 'coastguard');
    }
  }
  if (out.length === 0) {
    const fromFile = policy.settings.outputs?.map((o) => ({ format: o.format, ...(o.output ? { file: o.output } : {}) }));
    if (fromFile?.length && pendingFile === undefined) return fromFile;
    return [{ format: 'table', ...(pendingFile ? { file: pendingFile } : {}) }];
  }
  if (pendingFile !== undefined) throw usageError(`--output ${pendingFile} has no --format to pair with`, 'coastguard');
  return out;
}

/**
 * Reads the policy file (`--config` or `.coastguard.yaml` in the working directory), the VEX
 * documents (`--vex`, repeatable, plus the policy file's `vex:`) and the gate flags. Call it before
 * scanning: a malformed policy, VEX document or flag throws here, so nothing is scanned under it.
 */
export async function loadRunPolicy(ctx: CommandContext, cwd: string = process.cwd()): Promise<RunPolicy> {
  const v = ctx.values;
  const policy = loadPolicy(v.config as string | undefined, cwd);
  const ignoreFile = findIgnoreFile(v.ignorefile as string | undefined, cwd);
  if (ignoreFile) policy.ignores.push(...loadIgnoreFile(ignoreFile));
  // A typo in an ignore must not silently hide nothing (or, worse, be trusted to hide something).
  await checkIgnoreIds(policy.ignores, policy.policies.map((p) => p.id));
  fillScannerSettings(ctx, policy);
  const outputs = outputsFrom(ctx, policy);
  const fromFile = !ctx.ordered.some((t) => t.name === 'format') && (policy.settings.outputs?.length ?? 0) > 0;
  outputs.forEach((o, i) => {
    if (isFormat(o.format)) return;
    const what = `unknown format "${o.format}" (one of ${FORMATS.join(', ')})`;
    if (fromFile) throw configError(`invalid policy file: outputs[${i}].format: ${what}`, policy.outputsWhere?.[i] ?? policy.file);
    throw usageError(what, '--format');
  });
  let severities: Severity[] | undefined;
  if (typeof v.severity === 'string') {
    try {
      severities = parseSeverityList(v.severity);
    } catch (e) {
      throw usageError((e as Error).message, '--severity');
    }
  }
  let exitCode: number | undefined;
  if (v['exit-code'] !== undefined) {
    const s = String(v['exit-code']);
    if (!/^\d{1,3}$/.test(s) || Number(s) > 255) throw usageError(`--exit-code must be a number from 0 to 255, not "${s}"`, '--exit-code');
    exitCode = Number(s);
  }
  let minEpss: number | undefined;
  if (v['min-epss'] !== undefined) {
    const s = String(v['min-epss']);
    minEpss = Number(s);
    if (!/^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(s)) throw usageError(`--min-epss must be a probability from 0 to 1, not "${s}"`, '--min-epss');
  }
  const vex = loadVex([...flagList(v.vex), ...policy.vexFiles], cwd);
  const upload = uploadTargetFrom(v);
  return {
    upload,
    policy,
    vex,
    outputs,
    severities,
    exitCode,
    ignoreUnfixed: v['ignore-unfixed'] === true ? true : undefined,
    minEpss,
    kev: v.kev === true ? true : undefined,
    quiet: v.quiet === true,
  };
}

/** `--server`/`--token`, else COASTGUARD_SERVER/COASTGUARD_TOKEN; a server without a token is a usage error before any scanning. */
function uploadTargetFrom(v: CommandContext['values']): RunPolicy['upload'] {
  const server = (typeof v.server === 'string' ? v.server : undefined) ?? process.env.COASTGUARD_SERVER;
  if (!server) return undefined;
  const token = (typeof v.token === 'string' ? v.token : undefined) ?? process.env.COASTGUARD_TOKEN;
  if (!token) throw usageError('--server needs --token TOKEN (or COASTGUARD_TOKEN)', '--token');
  return { server, token };
}

/**
 * Scanner settings from the policy file become flag values where the command line gave none, so
 * the scan commands' own flag reading (scan-options.ts) sees them: flags override the file.
 */
function fillScannerSettings(ctx: CommandContext, policy: Policy): void {
  const s = policy.settings;
  const v = ctx.values;
  const fill = (key: string, value: string | string[] | boolean | undefined) => {
    if (v[key] === undefined && value !== undefined) v[key] = value;
  };
  fill('scanners', s.scanners?.join(','));
  fill('skip-dirs', s['skip-dirs']);
  fill('skip-files', s['skip-files']);
  fill('db', s.db);
  fill('cache-dir', s['cache-dir']);
  if (s['ignore-unfixed'] === true) fill('ignore-unfixed', true);
}

/**
 * After the scan: applies the policy (flags override the file), prints warnings on stderr (unless
 * `--quiet`), writes every report, and returns the exit code the process should end with.
 */
export async function finishScan(
  result: ScanResult,
  ctx: CommandContext,
  run?: RunPolicy,
  extra: { kubernetes?: KubernetesObject[]; now?: Date } = {},
): Promise<number> {
  const rp = run ?? (await loadRunPolicy(ctx));
  const outcome = applyPolicy(result, rp.policy, {
    severities: rp.severities,
    exitCode: rp.exitCode,
    ignoreUnfixed: rp.ignoreUnfixed,
    minEpss: rp.minEpss,
    kev: rp.kev,
    vex: rp.vex,
    kubernetes: extra.kubernetes,
    now: extra.now,
  });
  outcome.result.upgrades = planUpgrades(outcome.result);
  const gated = (rp.exitCode ?? rp.policy.settings['exit-code'] ?? 0) > 0;
  const unchecked = gated ? (outcome.result.warnings ?? []).filter((w) => w.notChecked) : [];
  if (!rp.quiet) {
    // Scan warnings (unreadable files, unknown versions, a missing DB) first, capped so a tree of
    // broken fixtures does not drown the terminal; every one is in the JSON report. What the gate
    // fails on is printed below instead, once.
    const scanWarnings = (result.warnings ?? []).filter((w) => !unchecked.includes(w));
    for (const w of scanWarnings.slice(0, MAX_PRINTED_WARNINGS)) ctx.stderr.write(`coastguard: warning: ${warningLine(w)}\n`);
    if (scanWarnings.length > MAX_PRINTED_WARNINGS) ctx.stderr.write(`coastguard: warning: ${scanWarnings.length - MAX_PRINTED_WARNINGS} more warnings (see the json report)\n`);
    for (const w of outcome.warnings) ctx.stderr.write(`coastguard: warning: ${warningLine(w)}\n`);
  }
  await writeReports(outcome.result, rp.outputs, ctx.stdout);
  if (rp.upload) {
    // After the reports: the scan's own output is the same with or without a server; a failed upload is exit 6.
    const { uploadScan } = await import('../server/upload.js');
    const r = await uploadScan(outcome.result, rp.upload.server, rp.upload.token);
    if (!rp.quiet) ctx.stderr.write(`coastguard: uploaded to ${rp.upload.server} (${r.digest}: ${r.new} new, ${r.resolved} resolved findings)\n`);
  }
  if (unchecked.length === 0) return outcome.exitCode;
  return gateFailure(unchecked, ctx.stderr);
}

const warningLine = (w: ScanWarning) => `${w.what}${w.where ? `: ${w.where}` : ''}`;

/**
 * A gated scan that did not check everything it was asked to fails, even under --quiet: exit 4
 * when the vulnerability scanner could not run, else 3 (files it could not read or parse). One
 * line each: the scanner's reason, or the files counted with the first one named.
 */
function gateFailure(unchecked: ScanWarning[], stderr: NodeJS.WritableStream): number {
  const scanners = unchecked.filter((w) => w.notChecked === 'scanner');
  const files = unchecked.filter((w) => w.notChecked === 'file');
  for (const w of scanners) stderr.write(`coastguard: gate failed: ${warningLine(w)}\n`);
  if (files.length) {
    const more = files.length > 1 ? ` (and ${files.length - 1} more file${files.length > 2 ? 's' : ''}, see the json report)` : '';
    stderr.write(`coastguard: gate failed: not checked: ${warningLine(files[0])}${more}\n`);
  }
  return scanners.length ? ExitCode.DB : ExitCode.INPUT;
}
