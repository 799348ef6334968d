import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Package } from '../core/types.js';
import { buildDb } from '../vulndb/build.js';
import { openVulnDb } from '../vulndb/store.js';
import { fixture, tempDir } from '../vulndb/testing.js';
import { runCli } from '../../test/support/cli.js';
import { detectVulnerabilities } from './index.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const work = tempDir('cg-risk-');

const apk = (name: string, version: string, origin: string): Package => ({
  name, version, ecosystem: 'Alpine', purl: `pkg:apk/alpine/${name}@${version}`, source: { name: origin, version },
  locations: [{ path: 'lib/apk/db/installed' }], licenses: [],
});
const goStdlib: Package = { name: 'stdlib', version: 'go1.19.0', ecosystem: 'Go', purl: 'pkg:golang/stdlib@go1.19.0', locations: [{ path: 'usr/local/bin/app' }], licenses: [] };

test('NVD records turn Alpine and Go findings from UNKNOWN into their CVSS severity, and say so', async () => {
  const feeds = [{ path: fixture('alpine/3.19') }, { path: fixture('go-vulndb/go-stdlib-xcrypto.zip') }];
  const pick = (db: ReturnType<typeof openVulnDb>) =>
    detectVulnerabilities([apk('libcrypto3', '3.0.1-r0', 'openssl'), goStdlib], { family: 'alpine', version: '3.19.1' }, db, { now: NOW })
      .findings.filter((f) => ['CVE-2022-0778', 'CVE-2023-0286', 'GO-2022-0969'].includes(f.id))
      .map((f) => [f.id, f.severity, f.severitySource ?? null, f.cvss.map((c) => `${c.vector} ${c.score}`).join(' ')]);

  const before = openVulnDb((await buildDb({ output: join(work, 'plain.db'), sources: feeds, now: NOW })).output);
  assert.deepEqual(pick(before), [
    ['CVE-2022-0778', 'UNKNOWN', null, ''],
    ['CVE-2023-0286', 'UNKNOWN', null, ''],
    ['GO-2022-0969', 'UNKNOWN', null, ''],
  ]);
  before.close();

  // The same feeds plus three real NVD API 2.0 records (vunnel's nvd provider layout).
  const withNvd = await buildDb({ output: join(work, 'nvd.db'), sources: [...feeds, { path: fixture('distros/nvd-alpine-go') }], now: NOW });
  assert.deepEqual(withNvd.sources[2].formats, ['nvd']);
  assert.equal(withNvd.sources[2].records, 3);
  const db = openVulnDb(withNvd.output);
  assert.deepEqual(pick(db), [
    // NVD's own (Primary) v3.1 vector decides; v2 is kept for reference.
    ['CVE-2022-0778', 'HIGH', 'nvd', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H 7.5 AV:N/AC:L/Au:N/C:N/I:N/A:P 5'],
    ['CVE-2023-0286', 'HIGH', 'nvd', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H 7.4'],
    // The Go record has no CVSS: its alias CVE-2022-27664 carries NVD's.
    ['GO-2022-0969', 'HIGH', 'nvd', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H 7.5'],
  ]);
  // Alpine's secdb has no text: the title and description come from NVD.
  const f = detectVulnerabilities([apk('libcrypto3', '3.0.1-r0', 'openssl')], { family: 'alpine', version: '3.19.1' }, db, { now: NOW }).findings.find((x) => x.id === 'CVE-2022-0778')!;
  assert.match(f.description ?? '', /^The BN_mod_sqrt\(\) function/);
  assert.equal(f.title, f.description!.split('\n')[0].slice(0, 157) + '…');
  db.close();
});

test('a vendor severity is never replaced by NVD: vendor first, then the record\'s CVSS, then NVD', async () => {
  // Ubuntu rates CVE-2022-38178 Medium; NVD scores it 7.5 (HIGH).
  const out = await buildDb({ output: join(work, 'vendor.db'), sources: [{ path: fixture('distros/grype/ubuntu-22.04') }, { path: fixture('distros/grype/nvd') }], now: NOW });
  const db = openVulnDb(out.output);
  assert.equal(db.enrichment('CVE-2022-38178')?.severity, 'HIGH');
  const bind: Package = { name: 'bind9-libs', version: '1:9.18.1-1ubuntu1.1', ecosystem: 'Ubuntu', purl: 'pkg:deb/ubuntu/bind9-libs@1:9.18.1-1ubuntu1.1', source: { name: 'bind9', version: '1:9.18.1-1ubuntu1.1' }, locations: [{ path: 'var/lib/dpkg/status' }], licenses: [] };
  const [f] = detectVulnerabilities([bind], { family: 'ubuntu', version: '22.04' }, db, { now: NOW }).findings;
  assert.deepEqual([f.id, f.severity, f.severitySource, f.fixedVersion], ['CVE-2022-38178', 'MEDIUM', 'vendor', '1:9.18.1-1ubuntu1.2']);
  // Ubuntu gave no description: NVD's is used; the rejected NVD record (CVE-2020-15415) is not stored.
  assert.match(f.description ?? '', /^By spoofing the target resolver with responses that have a malformed EdDSA signature/);
  assert.equal(db.enrichment('CVE-2020-15415'), undefined);
  db.close();
});

/** A Trivy-style CycloneDX SBOM of a few OS packages. */
function sbom(file: string, distro: string, purls: string[]) {
  writeFileSync(file, JSON.stringify({
    bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, metadata: { component: { type: 'container', name: distro } },
    components: purls.map((p) => ({ type: 'library', name: p.split('/')[2].split('@')[0], purl: p })),
  }));
}

test('EPSS and KEV on findings, in the JSON and the table; --min-epss and --kev gate on them', async () => {
  const db = join(work, 'risk.db');
  // CISA's entry for HTTP/2 Rapid Reset (catalogue of 2023-10-10), as the KEV JSON feed lists it.
  const kevDir = join(work, 'kev');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(kevDir);
  writeFileSync(join(kevDir, 'rapid-reset.json'), JSON.stringify({
    title: 'CISA Catalog of Known Exploited Vulnerabilities', catalogVersion: '2023.10.10', count: 1,
    vulnerabilities: [{ cveID: 'CVE-2023-44487', vendorProject: 'IETF', product: 'HTTP/2', vulnerabilityName: 'HTTP/2 Rapid Reset Attack Vulnerability', dateAdded: '2023-10-10', dueDate: '2023-10-31', knownRansomwareCampaignUse: 'Unknown' }],
  }));
  let r = await runCli(['db', 'build', '--output', db, fixture('distros/grype/ubuntu-22.04'), fixture('distros/vunnel/photon-4.0'), fixture('distros/grype/epss'), fixture('distros/epss'), fixture('distros/kev'), kevDir]);
  assert.equal(r.code, 0, r.stderr);
  r = await runCli(['db', 'info', '--db', db]);
  // EPSS: 2 vunnel records + 5 CSV rows; KEV: the 3-entry catalogue excerpt + Rapid Reset.
  assert.match(r.stdout, /^risk: {7}0 NVD\/CVE records, 7 EPSS scores, 4 KEV entries$/m);

  const ubuntu = join(work, 'ubuntu.cdx.json');
  sbom(ubuntu, 'ubuntu', [
    'pkg:deb/ubuntu/bind9-libs@1%3A9.18.1-1ubuntu1.1?arch=amd64&distro=ubuntu-22.04&upstream=bind9',
    'pkg:deb/ubuntu/thunderbird@1%3A140.0%2Bbuild1-0ubuntu0.22.04.1?arch=amd64&distro=ubuntu-22.04',
  ]);
  const json = join(work, 'ubuntu.json');
  r = await runCli(['sbom', ubuntu, '--db', db, '--format', 'json', '--output', json, '--format', 'table']);
  assert.equal(r.code, 0, r.stderr);
  const findings = JSON.parse(readFileSync(json, 'utf8')).findings as { id: string; epss?: object; kev?: object }[];
  assert.deepEqual(findings.map((f) => [f.id, f.epss, f.kev]), [
    ['CVE-2022-38178', { score: 0.00947, percentile: 0.75986, date: '2026-02-24' }, undefined],
    ['CVE-2025-13012', { score: 0.00052, percentile: 0.16008, date: '2026-02-24' }, undefined],
  ]);
  assert.match(r.stdout, /│ Package +│ Vulnerability +│ Severity │ Risk +│/);
  assert.match(r.stdout, /│ bind9-libs +│ CVE-2022-38178 +│ MEDIUM +│ EPSS 0\.009 \(p75\) +│/);

  // --min-epss keeps the vulnerabilities at or above the score; the gate fails only on those.
  r = await runCli(['sbom', ubuntu, '--db', db, '--format', 'json', '--min-epss', '0.005', '--exit-code', '9']);
  assert.equal(r.code, 9, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).findings.map((f: { id: string }) => f.id), ['CVE-2022-38178']);
  r = await runCli(['sbom', ubuntu, '--db', db, '--format', 'json', '--min-epss', '0.5', '--exit-code', '9']);
  assert.equal(r.code, 0, r.stderr);
  // None of these is known exploited.
  r = await runCli(['sbom', ubuntu, '--db', db, '--format', 'json', '--kev', '--exit-code', '9']);
  assert.equal(r.code, 0, r.stderr);
  r = await runCli(['sbom', ubuntu, '--db', db, '--min-epss', 'lots']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim(), 'coastguard: --min-epss must be a probability from 0 to 1, not "lots": --min-epss');

  // Photon's nghttp2 has CVE-2023-44487, which CISA lists: --kev keeps exactly that one.
  const photon = join(work, 'photon.cdx.json');
  sbom(photon, 'photon', ['pkg:rpm/photon/nghttp2@1.51.0-1.ph4?arch=x86_64&distro=photon-4.0', 'pkg:rpm/photon/curl@7.88.1-2.ph4?arch=x86_64&distro=photon-4.0']);
  r = await runCli(['sbom', photon, '--db', db, '--format', 'json', '--kev', '--exit-code', '9']);
  assert.equal(r.code, 9, r.stderr);
  const kev = JSON.parse(r.stdout).findings;
  assert.deepEqual(kev.map((f: { package: { name: string }; id: string; kev: { dateAdded: string; dueDate: string } }) => [f.package.name, f.id, f.kev.dateAdded, f.kev.dueDate]), [['nghttp2', 'CVE-2023-44487', '2023-10-10', '2023-10-31']]);

  // The same facts in a CEL policy: deny known-exploited vulnerabilities.
  const cfg = join(work, 'policy.yaml');
  writeFileSync(cfg, [
    'policies:',
    '  - id: no-known-exploited',
    '    on: finding',
    '    severity: CRITICAL',
    "    deny: finding.kind == 'vulnerability' && has(finding.kev)",
    "    message: '{{ finding.id }} is known exploited (CISA KEV since {{ finding.kev.dateAdded }})'",
  ].join('\n'));
  r = await runCli(['sbom', photon, '--db', db, '--format', 'json', '--config', cfg]);
  assert.equal(r.code, 0, r.stderr);
  const policy = JSON.parse(r.stdout).findings.filter((f: { kind: string }) => f.kind === 'policy');
  assert.deepEqual(policy.map((f: { title: string }) => f.title), ['CVE-2023-44487 is known exploited (CISA KEV since 2023-10-10)']);
});
