import { PackageURL } from 'packageurl-js';
import type { Finding, Package, ScanResult } from '../core/index.js';
import { isOsPurl } from '../core/ecosystems.js';
import { cvssEntries, cvssMethod } from './cvss.js';
import { spdxId } from './licenses.js';
import {
  TOOL_NAME, TOOL_URI, TOOL_VERSION, findingPackage, fixText, groupBy, isoNow, packageKey, stableUuid, str, whyText,
  type ReportOptions,
} from './util.js';

const ROOT_REF = 'coastguard:root';

function rootPurl(result: ScanResult): string | undefined {
  const d = result.artifact.digest;
  if (result.artifact.type !== 'container_image' || !d) return undefined;
  const name = result.artifact.name.replace(/[@:][^/]*$/, '').split('/').pop()!.toLowerCase();
  try {
    return new PackageURL('oci', undefined, name, d, undefined, undefined).toString();
  } catch {
    return undefined;
  }
}

function property(name: string, value: string | undefined) {
  return value ? [{ name: `coastguard:${name}`, value }] : [];
}

function component(p: Package, ref: string) {
  const props = [
    ...property('package:ecosystem', p.ecosystem),
    ...property('package:source-name', p.source?.name),
    ...property('package:source-version', p.source?.version),
    ...property('package:arch', p.arch),
    ...p.locations.flatMap((l) => [...property('location:path', l.path), ...property('location:layer', l.layer)]),
  ];
  return {
    type: 'library',
    'bom-ref': ref,
    name: p.name,
    version: p.version,
    ...(p.purl ? { purl: p.purl } : {}),
    ...(p.licenses.length ? { licenses: p.licenses.map((l) => ({ license: spdxId(l) ? { id: spdxId(l)! } : { name: l } })) } : {}),
    ...(props.length ? { properties: props } : {}),
  };
}

const CDX_SEVERITY = { CRITICAL: 'critical', HIGH: 'high', MEDIUM: 'medium', LOW: 'low', UNKNOWN: 'unknown' } as const;

function vulnSource(id: string): { name: string; url?: string } {
  if (id.startsWith('CVE-')) return { name: 'NVD', url: `https://nvd.nist.gov/vuln/detail/${id}` };
  if (id.startsWith('GHSA-')) return { name: 'GitHub', url: `https://github.com/advisories/${id}` };
  if (/^(GO|PYSEC|RUSTSEC|OSV)-/.test(id)) return { name: 'OSV', url: `https://osv.dev/vulnerability/${id}` };
  return { name: id.split('-')[0] || 'unknown' };
}

/** VEX analysis for findings a VEX statement suppressed (policy stage puts it on `finding.vex`). */
function analysisOf(f: Finding) {
  const v = f.vex as { status?: string; justification?: string; statement?: string } | undefined;
  if (!v?.status) return undefined;
  const state = v.status === 'fixed' ? 'resolved' : v.status === 'not_affected' ? 'not_affected' : undefined;
  if (!state) return undefined;
  const just: Record<string, string> = {
    component_not_present: 'code_not_present',
    vulnerable_code_not_present: 'code_not_present',
    vulnerable_code_not_in_execute_path: 'code_not_reachable',
    vulnerable_code_cannot_be_controlled_by_adversary: 'protected_by_mitigating_control',
    inline_mitigations_already_exist: 'protected_by_mitigating_control',
  };
  const mapped = v.justification ? (just[v.justification] ?? (Object.values(just).includes(v.justification) ? v.justification : undefined)) : undefined;
  return { state, ...(mapped ? { justification: mapped } : {}), ...(v.statement ? { detail: v.statement } : {}) };
}

/**
 * CycloneDX 1.6 JSON: the root (image or directory), its OS as an `operating-system` component,
 * every package as a `library` with its purl, a dependency tree (root → OS → OS packages, root →
 * other packages) and a `vulnerabilities` section (one entry per advisory id, `affects` listing
 * the packages; VEX-suppressed ones carry their `analysis`).
 */
export function writeCycloneDx(result: ScanResult, opts: ReportOptions = {}): string {
  const refs = new Map<string, string>(); // packageKey → bom-ref
  const components: ReturnType<typeof component>[] = [];
  for (const p of result.packages) {
    const key = packageKey(p);
    if (refs.has(key)) continue;
    refs.set(key, key);
    components.push(component(p, key));
  }
  const os = result.artifact.os;
  const osRef = os ? `coastguard:os:${os.family}@${os.version}` : undefined;
  const osComponent = os
    ? {
        type: 'operating-system',
        'bom-ref': osRef!,
        name: os.family,
        version: os.version,
        ...(os.name ? { description: os.name } : {}),
        ...(os.eol ? { properties: property('os:eol', os.eol) } : {}),
      }
    : undefined;

  const osPkgs = components.filter((c) => isOsPurl(c.purl)).map((c) => c['bom-ref']);
  const otherPkgs = components.filter((c) => !(isOsPurl(c.purl))).map((c) => c['bom-ref']);
  const dependencies = [
    { ref: ROOT_REF, dependsOn: [...(osRef ? [osRef] : osPkgs), ...otherPkgs] },
    ...(osRef ? [{ ref: osRef, dependsOn: osPkgs }] : []),
    ...components.map((c) => ({ ref: c['bom-ref'], dependsOn: [] as string[] })),
  ];

  const vulnFindings = [
    ...result.findings.filter((f) => f.kind === 'vulnerability'),
    ...(result.suppressed ?? []).map((s) => s.finding).filter((f) => f.kind === 'vulnerability' && analysisOf(f)),
  ];
  const vulnerabilities = [...groupBy(vulnFindings, (f) => f.id)].map(([id, list]) => {
    const f = list[0];
    const ratings = [
      { severity: CDX_SEVERITY[f.severity], method: 'other' as const, ...(str(f.severitySource) ? { source: { name: String(f.severitySource) } } : {}) },
      ...cvssEntries(f.cvss).map((c) => ({
        ...(c.score !== undefined ? { score: c.score } : {}),
        ...(c.vector ? { vector: c.vector } : {}),
        method: cvssMethod(c.vector),
        ...(c.severity && c.severity.toUpperCase() in CDX_SEVERITY ? { severity: CDX_SEVERITY[c.severity.toUpperCase() as keyof typeof CDX_SEVERITY] } : {}),
        ...(c.source ? { source: { name: c.source } } : {}),
      })),
    ];
    const affects = [
      ...new Set(
        list.map((x) => {
          const p = findingPackage(x);
          return (p?.purl && refs.get(p.purl)) || ROOT_REF;
        }),
      ),
    ].map((ref) => ({ ref }));
    const analysis = analysisOf(f);
    const fixes = [...new Set(list.map((x) => fixText(x)).filter(Boolean))];
    return {
      'bom-ref': `coastguard:vuln:${id}`,
      id,
      source: vulnSource(id),
      ...(f.aliases.length ? { references: f.aliases.map((a) => ({ id: a, source: vulnSource(a) })) } : {}),
      ratings,
      ...(whyText(f) ? { description: whyText(f) } : f.title ? { description: f.title } : {}),
      ...(fixes.length ? { recommendation: fixes.join('\n') } : {}),
      ...(f.references?.length ? { advisories: f.references.filter((u) => /^https?:\/\//.test(u)).map((url) => ({ url })) } : {}),
      affects,
      ...(analysis ? { analysis } : {}),
    };
  });

  const rp = rootPurl(result);
  const bom = {
    $schema: 'http://cyclonedx.org/schema/bom-1.6.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${stableUuid(JSON.stringify([result.artifact, isoNow(opts), components.length]))}`,
    version: 1,
    metadata: {
      timestamp: isoNow(opts),
      tools: {
        components: [
          {
            type: 'application',
            group: TOOL_NAME,
            name: TOOL_NAME,
            version: opts.toolVersion ?? TOOL_VERSION,
            externalReferences: [{ type: 'website', url: TOOL_URI }],
          },
        ],
      },
      component: {
        type: result.artifact.type === 'container_image' ? 'container' : 'application',
        'bom-ref': ROOT_REF,
        name: result.artifact.name,
        ...(rp ? { purl: rp } : {}),
        ...(result.artifact.digest ? { properties: property('image:digest', result.artifact.digest) } : {}),
      },
    },
    components: [...(osComponent ? [osComponent] : []), ...components],
    dependencies,
    ...(vulnerabilities.length ? { vulnerabilities } : {}),
  };
  return JSON.stringify(bom, null, 2) + '\n';
}
