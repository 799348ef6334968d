import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PackageURL } from 'packageurl-js';
import { runCli } from '../../test/support/cli.js';
import { fixture, tempDir } from '../vulndb/testing.js';

/**
 * CycloneDX SBOMs written the way Trivy writes them (an operating-system component, OS package
 * purls with `distro` qualifiers, the source package as `upstream`) for seven rpm and deb
 * distributions, scanned against a DB built from real vunnel records (and AlmaLinux / Rocky OSV).
 * The expected findings are derived here from the fixture files themselves, with `rpm`'s and
 * `dpkg`'s own version comparison, not with Coastguard's matcher.
 */

const FEEDS = fixture('distros');
const work = tempDir('cg-distro-sbom-');
const db = join(work, 'distros.db');

interface Spec {
  distro: string; // the purl distro qualifier, Trivy-style "<family>-<version>"
  os: [string, string]; // Trivy's operating-system component (name, version)
  type: 'rpm' | 'deb';
  purlNamespace: string;
  vunnelNs: string; // the records' NamespaceName (or OSV ecosystem) this release reads
  packages: { name: string; version: string; epoch?: number; upstream?: string }[];
}

const SPECS: Spec[] = [
  {
    distro: 'ubuntu-22.04', os: ['ubuntu', '22.04'], type: 'deb', purlNamespace: 'ubuntu', vunnelNs: 'ubuntu:22.04',
    packages: [
      { name: 'bind9-libs', version: '1:9.18.1-1ubuntu1.1', upstream: 'bind9@1:9.18.1-1ubuntu1.1' },
      { name: 'bind9-host', version: '1:9.18.1-1ubuntu1.2', upstream: 'bind9' }, // the fixed version itself
      { name: 'bind9-dnsutils', version: '9.18.1-1ubuntu1', epoch: 1, upstream: 'bind9' }, // epoch as a qualifier
      { name: 'thunderbird', version: '1:140.0+build1-0ubuntu0.22.04.1' },
      { name: 'libc6', version: '2.35-0ubuntu3.1', upstream: 'glibc' },
    ],
  },
  {
    distro: 'ubuntu-12.04', os: ['ubuntu', '12.04'], type: 'deb', purlNamespace: 'ubuntu', vunnelNs: 'ubuntu:12.04',
    packages: [{ name: 'chromium-codecs-ffmpeg-extra', version: '20.0.1132.47~r144678-0ubuntu0.12.04.1', upstream: 'chromium-browser' }],
  },
  {
    distro: 'amazon-2 (Karoo)', os: ['amazon', '2 (Karoo)'], type: 'rpm', purlNamespace: 'amazon', vunnelNs: 'amzn:2',
    packages: [
      { name: 'kernel', version: '4.9.62-10.57.amzn2' },
      { name: 'kernel-headers', version: '4.9.62-10.57.amzn2', upstream: 'kernel' },
      { name: 'perf', version: '4.9.76-38.79.amzn2', upstream: 'kernel' },
      { name: 'bash', version: '4.2.46-34.amzn2' },
    ],
  },
  {
    distro: 'amazon-2023.3.20240108', os: ['amazon', '2023.3.20240108'], type: 'rpm', purlNamespace: 'amazon', vunnelNs: 'amzn:2023',
    packages: [{ name: 'kpartx', version: '0.8.7-16.amzn2023', upstream: 'device-mapper-multipath-0.8.7-16.amzn2023.src.rpm' }],
  },
  {
    distro: 'alma-8.7', os: ['alma', '8.7'], type: 'rpm', purlNamespace: 'alma', vunnelNs: 'AlmaLinux:8',
    packages: [
      { name: 'python3-requests', version: '2.20.0-2.1.el8_1', upstream: 'python-requests' },
      { name: 'mariadb', version: '10.3.35-1.module_el8.6.0+2867+72759d2f', epoch: 3 },
      { name: 'krb5-libs', version: '1.18.2-14.el8', upstream: 'krb5' }, // fixed
    ],
  },
  {
    distro: 'rocky-8.7', os: ['rocky', '8.7'], type: 'rpm', purlNamespace: 'rocky', vunnelNs: 'Rocky Linux:8',
    packages: [
      { name: 'firefox', version: '102.10.0-1.el8_7' },
      { name: 'java-11-openjdk', version: '11.0.12.0.7-0.el8_4', epoch: 1 },
    ],
  },
  {
    distro: 'oracle-10.0', os: ['oracle', '10.0'], type: 'rpm', purlNamespace: 'oracle', vunnelNs: 'ol:10',
    packages: [
      { name: 'unbound-libs', version: '1.20.0-9.el10', upstream: 'unbound' },
      { name: 'libsoup3', version: '3.6.5-3.el10_0.9' },
    ],
  },
  {
    distro: 'oracle-5.11', os: ['oracle', '5.11'], type: 'rpm', purlNamespace: 'oracle', vunnelNs: 'ol:5',
    packages: [
      { name: 'bind-libs', version: '9.3.3-7.el5', epoch: 30, upstream: 'bind' },
      { name: 'bind-utils', version: '9.3.3-8.el5', epoch: 30, upstream: 'bind' },
    ],
  },
  {
    distro: 'photon-4.0', os: ['photon', '4.0'], type: 'rpm', purlNamespace: 'photon', vunnelNs: 'photon:4.0',
    packages: [
      { name: 'curl', version: '7.88.1-2.ph4' },
      { name: 'curl-libs', version: '7.88.1-2.ph4', upstream: 'curl' },
      { name: 'nghttp2', version: '1.57.0-1.ph4' },
      { name: 'python3', version: '3.10.11-1.ph4' },
      { name: 'bindutils', version: '9.16.27-1.ph4' },
    ],
  },
  {
    distro: 'sles-15.1', os: ['suse linux enterprise server', '15.1'], type: 'rpm', purlNamespace: 'suse', vunnelNs: 'sles:15.1',
    packages: [{ name: 'kernel-default', version: '4.12.14-197.86.1' }],
  },
  {
    distro: 'sles-15', os: ['suse linux enterprise server', '15'], type: 'rpm', purlNamespace: 'suse', vunnelNs: 'sles:15',
    packages: [
      { name: 'krb5-client', version: '1.15.2-4.20', upstream: 'krb5' },
      { name: 'python3-cryptography', version: '2.1.4-3.9.1' }, // "0": never affected
    ],
  },
  {
    distro: 'cbl-mariner-2.0', os: ['cbl-mariner', '2.0'], type: 'rpm', purlNamespace: 'cbl-mariner', vunnelNs: 'mariner:2.0',
    packages: [
      { name: 'mysql', version: '8.0.32-1.cm2' },
      { name: 'bind-utils', version: '9.16.27-1.cm2', upstream: 'bind' },
      { name: 'golang', version: '1.19.5-1.cm2' },
      { name: 'msft-golang', version: '1.18.8-1.cm2', upstream: 'golang' }, // below the range's lower bound
    ],
  },
];

function purl(s: Spec, p: Spec['packages'][number]): string {
  const q: Record<string, string> = { arch: s.type === 'deb' ? 'amd64' : 'x86_64', distro: s.distro };
  if (p.epoch) q.epoch = String(p.epoch);
  if (p.upstream) q.upstream = p.upstream;
  return new PackageURL(s.type, s.purlNamespace, p.name, p.version, q, undefined).toString();
}

function cyclonedx(s: Spec, withOs: boolean) {
  const components: object[] = s.packages.map((p) => ({
    'bom-ref': purl(s, p),
    type: 'library',
    name: p.name,
    version: p.version,
    purl: purl(s, p),
    properties: [{ name: 'aquasecurity:trivy:PkgType', value: s.os[0] }],
  }));
  if (withOs) components.unshift({ 'bom-ref': 'os', type: 'operating-system', name: s.os[0], version: s.os[1] });
  return {
    $schema: 'http://cyclonedx.org/schema/bom-1.5.schema.json',
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    version: 1,
    metadata: { component: { 'bom-ref': 'image', type: 'container', name: `test/${s.distro}` } },
    components,
  };
}

// ---- the independent expectation ----------------------------------------------------------

interface Rec { id: string; ns: string; severity: string; fixedIn: { name: string; version: string; range?: string }[] }

function readRecords(): Rec[] {
  const out: Rec[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.json')) {
        const doc = JSON.parse(readFileSync(p, 'utf8'));
        for (const r of Array.isArray(doc) ? doc : [doc]) {
          const v = (r.item ?? r).Vulnerability;
          if (v) {
            out.push({ id: v.Name, ns: v.NamespaceName, severity: v.Severity, fixedIn: v.FixedIn.map((f: { Name: string; Version: string; VulnerableRange?: string }) => ({ name: f.Name, version: f.Version, range: f.VulnerableRange ?? undefined })) });
          } else if (r.affected) {
            // OSV (AlmaLinux, Rocky): one fixed event per package; Rocky's CVSS vector is scored below.
            for (const a of r.affected) {
              const fixed = a.ranges[0].events.find((e: { fixed?: string }) => e.fixed)?.fixed;
              out.push({ id: r.id, ns: a.package.ecosystem, severity: r.id === 'RLSA-2021:3891' ? 'MEDIUM' : 'UNKNOWN', fixedIn: [{ name: a.package.name, version: fixed }] });
            }
          }
        }
      }
    }
  };
  walk(FEEDS);
  return out;
}

/** rpm.vercmp from rpm itself, for many pairs at once; a side without an epoch takes the other's (as the matcher documents). */
function rpmCompare(pairs: [string, string][]): number[] {
  const epoch = (v: string) => /^(\d+):/.exec(v)?.[1];
  const aligned = pairs.map(([a, b]) => [epoch(a) || !epoch(b) ? a : `${epoch(b)}:${a}`, epoch(b) || !epoch(a) ? b : `${epoch(a)}:${b}`]);
  const file = join(work, `pairs-${Math.random()}`);
  writeFileSync(file, aligned.map(([a, b]) => `${a} ${b}`).join('\n') + '\n');
  const lua = `%{lua: local out = {}; for l in io.lines("${file}") do local a, b = l:match("(%S+) (%S+)"); out[#out + 1] = rpm.vercmp(a, b) end; print(table.concat(out, ","))}`;
  const r = spawnSync('rpm', ['--eval', lua], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split(',').map(Number);
}

function dpkgLess(a: string, b: string): boolean {
  return spawnSync('dpkg', ['--compare-versions', a, 'lt', b]).status === 0;
}

const SEVERITY: Record<string, string> = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', negligible: 'LOW', unknown: 'UNKNOWN' };

function expected(s: Spec, records: Rec[]): string[] {
  const out = new Set<string>();
  for (const p of s.packages) {
    const installed = p.epoch ? `${p.epoch}:${p.version}` : p.version;
    const source = p.upstream?.endsWith('.src.rpm') ? p.upstream.replace(/-[^-]+-[^-]+\.src\.rpm$/, '') : p.upstream?.split('@')[0];
    // deb: the source package only; rpm: the binary name or the source name.
    const names = s.type === 'deb' ? [source ?? p.name] : [p.name, ...(source ? [source] : [])];
    for (const r of records) {
      if (r.ns !== s.vunnelNs) continue;
      for (const f of r.fixedIn.filter((x) => names.includes(x.name))) {
        if (f.version === '0') continue;
        const unfixed = f.version === 'None';
        let vulnerable: boolean;
        if (f.range) {
          // "> 0:1.19.0.cm2, < 0:1.20.7-1.cm2": every comparator must hold.
          const parts = f.range.split(',').map((x) => /^\s*(<=|>=|<|>|=)\s*(\S+)\s*$/.exec(x)!);
          const cmp = rpmCompare(parts.map((m) => [installed, m[2]]));
          vulnerable = parts.every((m, i) => ({ '<': cmp[i] < 0, '<=': cmp[i] <= 0, '>': cmp[i] > 0, '>=': cmp[i] >= 0, '=': cmp[i] === 0 })[m[1]]!);
        } else if (unfixed) vulnerable = true;
        else vulnerable = s.type === 'rpm' ? rpmCompare([[installed, f.version]])[0] < 0 : dpkgLess(installed, f.version);
        if (vulnerable) out.add(`${p.name}|${r.id}|${unfixed ? '-' : f.version}|${SEVERITY[r.severity.toLowerCase()] ?? r.severity}`);
      }
    }
  }
  return [...out].sort();
}

before(async () => {
  const r = await runCli(['db', 'build', '--output', db, FEEDS]);
  assert.equal(r.code, 0, r.stderr);
});

for (const s of SPECS) {
  test(`Trivy-style CycloneDX SBOM of ${s.distro}: exactly the findings the fixture records imply`, async (t) => {
    if (spawnSync('rpm', ['--version']).status !== 0) return t.skip('rpm not installed (scripts/install-test-deps.sh)');
    const want = expected(s, readRecords());
    assert.ok(want.length > 0, 'the chosen packages are vulnerable to something');
    for (const withOs of [true, false]) {
      const bom = join(work, `${s.distro}-${withOs}.cdx.json`);
      writeFileSync(bom, JSON.stringify(cyclonedx(s, withOs)));
      const out = join(work, `${s.distro}-${withOs}.json`);
      const r = await runCli(['sbom', bom, '--db', db, '--format', 'json', '--output', out]);
      assert.equal(r.code, 0, r.stderr);
      const res = JSON.parse(readFileSync(out, 'utf8'));
      const got = (res.findings as { package: { name: string }; id: string; fixedVersion?: string; severity: string }[])
        .map((f) => `${f.package.name}|${f.id}|${f.fixedVersion ?? '-'}|${f.severity}`)
        .sort();
      assert.deepEqual(got, want, `${s.distro} (OS component: ${withOs})`);
      const missing = ((res.warnings ?? []) as { what: string }[]).filter((w) => /not checked|could not be read|unknown version/.test(w.what));
      assert.deepEqual(missing, [], 'every package was checked against its release');
    }
  });
}
