/**
 * What changed in a running container compared with its image: the engine's change list
 * (GET /containers/{id}/changes), each changed path looked at through GET /containers/{id}/archive
 * (type, mode, first bytes), and packages dpkg installed or removed at run time with their
 * vulnerabilities. Immutable infrastructure says this list should be empty.
 */
import { inputError } from '../core/errors.js';
import { fingerprint } from '../core/fingerprint.js';
import { SCHEMA_VERSION, type Finding, type Package, type ScanResult, type ScanWarning } from '../core/types.js';
import { runScanners, type ScannerOptions } from '../scan/run-scanners.js';
import { EngineNotFound, type ContainerInspect, type EngineClient } from '../source/engine/client.js';
import { CHANGE_KINDS, DEFAULT_IGNORES, isExecutable, isIgnored, RULES, ruleFor, type Change } from './classify.js';
import { readContainerPath } from './container-files.js';
import { runtimePackages } from './packages.js';

export interface DriftOptions extends ScannerOptions {
  /** Extra paths to ignore (prefixes). */
  ignorePaths?: string[];
  /** Drop the default ignore list (scratch dirs, engine-written files); declared volumes stay ignored. */
  noDefaultIgnores?: boolean;
  /** Look packages up in the vulnerability DB (the `vuln` scanner). */
  vulns?: boolean;
}

export interface ContainerRef {
  id: string;
  name: string;
  image: string;
  imageId: string;
}

export interface DriftSummary {
  added: number;
  modified: number;
  deleted: number;
  packages: number;
}

export interface ContainerDrift {
  container: ContainerRef;
  findings: Finding[];
  warnings: ScanWarning[];
  summary: DriftSummary;
  os?: ScanResult['artifact']['os'];
  /** Packages installed or changed at run time, as the inventory names them (for the DB). */
  packages: Package[];
}

const containerName = (c: ContainerInspect) => c.Name.replace(/^\//, '');

export async function inspectOrFail(client: EngineClient, idOrName: string): Promise<ContainerInspect> {
  try {
    return await client.inspectContainer(idOrName);
  } catch (e) {
    if (e instanceof EngineNotFound) throw inputError(`no such container in the ${client.endpoint.kind} engine`, idOrName);
    throw e;
  }
}

/** The container's drift as findings (without the vulnerability stage; see driftResult). */
export async function containerDrift(client: EngineClient, idOrName: string, opts: DriftOptions = {}): Promise<ContainerDrift> {
  const c = await inspectOrFail(client, idOrName);
  const ref: ContainerRef = { id: c.Id, name: containerName(c), image: c.Config?.Image ?? c.Image, imageId: c.Image };
  const gone = async (e: unknown): Promise<never> => {
    // A 404 after the inspect: the container was removed while we looked.
    if (e instanceof EngineNotFound) throw inputError('container went away during the drift check', ref.name);
    throw e;
  };
  const volumes = [...(c.Mounts ?? []).map((m) => m.Destination), ...Object.keys(c.Config?.Volumes ?? {})];
  const ignores = [...(opts.noDefaultIgnores ? [] : DEFAULT_IGNORES), ...volumes, ...(opts.ignorePaths ?? [])];
  const raw = (await client.changes(c.Id).catch(gone)) ?? [];
  const all = raw.map((r) => ({ path: r.Path, change: CHANGE_KINDS[r.Kind] ?? 'modified' })).filter((r) => !isIgnored(r.path, ignores));
  // A directory shows up as modified when anything below it changed; its children say what.
  const parents = new Set<string>();
  for (const r of all) for (let p = r.path; p.lastIndexOf('/') > 0; ) parents.add((p = p.slice(0, p.lastIndexOf('/'))));
  const findings: Finding[] = [];
  const warnings: ScanWarning[] = [];
  const summary: DriftSummary = { added: 0, modified: 0, deleted: 0, packages: 0 };
  const finding = (path: string, change: Change, rule: { id: string; severity: Finding['severity']; title: string }, extra: Record<string, unknown> = {}): Finding => ({
    kind: 'drift',
    id: rule.id,
    aliases: [],
    severity: rule.severity,
    title: `${rule.title}: ${path} (${change})`,
    target: ref.name,
    location: { path },
    fingerprint: fingerprint('drift', rule.id, ref.name, path, change),
    change,
    container: { id: ref.id, name: ref.name, image: ref.image },
    ...extra,
  });
  for (const r of all) {
    if (r.change !== 'added' && r.change !== 'deleted' && parents.has(r.path)) continue;
    if (r.change === 'deleted') {
      findings.push(finding(r.path, 'deleted', ruleFor(r.path, 'deleted', false)));
      summary.deleted++;
      continue;
    }
    const f = await readContainerPath(client, c.Id, r.path, 4).catch(gone);
    if (!f) {
      // Changed and gone again between the two calls; the container itself is still there?
      await client.inspectContainer(c.Id).catch(gone);
      warnings.push({ what: `${r.change} path vanished before it could be read`, where: r.path });
      continue;
    }
    if (f.type === 'directory' && (r.change === 'modified' || parents.has(r.path))) continue;
    const executable = f.type === 'file' && isExecutable(f.head, f.mode);
    const fileType = f.type === 'file' ? (executable ? 'executable' : 'file') : f.type;
    findings.push(finding(r.path, r.change, ruleFor(r.path, r.change, executable), { fileType, mode: `0${(f.mode & 0o7777).toString(8)}`, ...(f.linkname ? { linkTarget: f.linkname } : {}) }));
    summary[r.change]++;
  }
  const pk = await runtimePackages(client, c.Id, all).catch(gone);
  warnings.push(...pk.warnings);
  for (const p of pk.changes) {
    const rule = p.change === 'deleted' ? RULES.packageRemoved : RULES.package;
    const verb = p.change === 'added' ? 'installed' : p.change === 'deleted' ? 'removed' : 'changed';
    const { name, version, ecosystem } = p.package;
    findings.push({
      ...finding(p.evidence, p.change, rule),
      title: `package ${name} ${version} ${verb} at run time`.replace('  ', ' '),
      fingerprint: fingerprint('drift', rule.id, ref.name, ecosystem, name, version, p.change),
      package: { name, version, ecosystem, ...(p.package.purl ? { purl: p.package.purl } : {}) },
    });
    summary.packages++;
  }
  return { container: ref, findings, warnings, summary, os: pk.os, packages: pk.changes.filter((p) => p.change !== 'deleted').map((p) => p.package) };
}

/**
 * One ScanResult for the containers given: drift findings, plus the vulnerabilities of packages
 * installed at run time (found by the DB as in any scan), ready for reports and the gate.
 */
export async function driftResult(client: EngineClient, ids: string[], opts: DriftOptions = {}): Promise<{ result: ScanResult; drifts: ContainerDrift[] }> {
  const drifts: ContainerDrift[] = [];
  for (const id of ids) drifts.push(await containerDrift(client, id, opts));
  const one = drifts.length === 1 ? drifts[0] : undefined;
  const result: ScanResult = {
    schemaVersion: SCHEMA_VERSION,
    artifact: { name: one ? one.container.name : `${drifts.length} containers`, type: 'container', ...(one ? { digest: one.container.imageId, os: one.os } : {}) },
    packages: [],
    findings: drifts.flatMap((d) => d.findings),
    warnings: drifts.flatMap((d) => d.warnings),
  };
  if (opts.vulns) {
    for (const d of drifts) {
      if (!d.packages.length) continue;
      const sub: ScanResult = { schemaVersion: SCHEMA_VERSION, artifact: { name: d.container.name, type: 'container', os: d.os }, packages: d.packages, findings: [], warnings: [] };
      await runScanners(sub, new Set(['vuln']), opts);
      for (const v of sub.findings) result.findings.push({ ...v, target: d.container.name, runtimeInstalled: true });
      result.warnings!.push(...(sub.warnings ?? []));
      result.packages.push(...sub.packages);
    }
  }
  return { result, drifts };
}
