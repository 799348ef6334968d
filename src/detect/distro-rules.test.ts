import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { OSInfo, Package } from '../core/types.js';
import { buildDb } from '../vulndb/build.js';
import { openVulnDb, type VulnDb } from '../vulndb/store.js';
import { fixture, tempDir } from '../vulndb/testing.js';
import { detectVulnerabilities } from './index.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const work = tempDir('cg-distro-rules-');

async function dbOf(...paths: string[]): Promise<VulnDb> {
  const out = await buildDb({ output: join(work, `${paths.join('+').replace(/\W+/g, '_')}.db`), sources: paths.map((p) => ({ path: fixture(p) })), now: NOW });
  return openVulnDb(out.output);
}

const rpm = (name: string, version: string, meta?: Record<string, unknown>, source?: string): Package => ({
  name, version, ecosystem: 'rpm', purl: `pkg:rpm/${name}@${version}`, locations: [{ path: 'var/lib/rpm/rpmdb.sqlite' }], licenses: [],
  ...(meta ? { meta } : {}), ...(source ? { source: { name: source, version } } : {}),
});
const apk = (name: string, version: string): Package => ({
  name, version, ecosystem: 'apk', purl: `pkg:apk/${name}@${version}`, source: { name, version }, locations: [{ path: 'usr/lib/apk/db/installed' }], licenses: [],
});
const brief = (db: VulnDb, pkgs: Package[], os: OSInfo, opts = {}) =>
  detectVulnerabilities(pkgs, os, db, { now: NOW, ...opts }).findings.map((f) => [f.package.name, f.id, f.fixedVersion ?? null, f.status, f.severity]);

test('RHEL module streams: a labelled package matches its stream only; an unlabelled one the nearest fix above it', async () => {
  const db = await dbOf('distros/grype/transformer-inputs');
  const ol8: OSInfo = { family: 'oracle', version: '8.9' };
  // Oracle Linux 8 lists CVE-2020-14350 for postgresql in the streams 10, 12 and 9.6.
  assert.deepEqual(brief(db, [rpm('postgresql', '10.13-1.module+el8.2.0+7000+aaaa', { sourceRpm: 'postgresql-10.13-1.src.rpm', modularityLabel: 'postgresql:10:8020020200619093322:4cda2c84' })], ol8), [
    ['postgresql', 'CVE-2020-14350', '0:10.14-1.module+el8.2.0+7801+be0fed80', 'fixed', 'MEDIUM'],
  ]);
  // Stream 12 at 12.4: its own fix 12.5 applies, not stream 10's (which is lower).
  assert.deepEqual(brief(db, [rpm('postgresql', '12.4-1.module+el8.3.0+9000+aaaa', { sourceRpm: 'x.src.rpm', modularityLabel: 'postgresql:12:8030020201207095526:229f0a1c' })], ol8), [
    ['postgresql', 'CVE-2020-14350', '0:12.5-1.module+el8.3.0+9042+664538f4', 'fixed', 'MEDIUM'],
  ]);
  // An rpm read from an image without a label is not modular: the module rows are not its.
  assert.deepEqual(brief(db, [rpm('postgresql', '10.13-1.el8', { sourceRpm: 'postgresql-10.13-1.el8.src.rpm' })], ol8), []);
  // From an SBOM that does not say: the nearest fix above the installed version.
  assert.deepEqual(brief(db, [rpm('postgresql', '12.4-1.module+el8.3.0+9000+aaaa')], ol8), [
    ['postgresql', 'CVE-2020-14350', '0:12.5-1.module+el8.3.0+9042+664538f4', 'fixed', 'MEDIUM'],
  ]);
  assert.deepEqual(brief(db, [rpm('postgresql', '12.5-1.module+el8.3.0+9042+664538f4')], ol8), []);
  // Red Hat's "0" (never affected) adds nothing; RHEL 8.9 reads rhel:8.
  assert.deepEqual(brief(db, [rpm('ghostscript', '9.25-5.el8'), rpm('firefox', '68.5.0-2.el8_1')], { family: 'redhat', version: '8.9' }), [
    ['firefox', 'CVE-2020-99999', '0:68.6.1-1.el8_1', 'fixed', 'MEDIUM'],
  ]);
  // Azure Linux 3.0 (vunnel files it as mariner:3.0).
  assert.deepEqual(brief(db, [rpm('golang', '1.20.6-1.azl3')], { family: 'azurelinux', version: '3.0.20240727' }), [
    ['golang', 'CVE-2023-29403', '0:1.20.7-1.azl3', 'fixed', 'HIGH'],
  ]);
  db.close();
});

test('unfixed and will-not-fix: reported with their status, dropped by --ignore-unfixed', async () => {
  const db = await dbOf('distros/vunnel/rhel-7', 'distros/vunnel/photon-4.0');
  const gst = rpm('gstreamer1-plugins-good', '1.10.4-2.el7', undefined, 'gstreamer1-plugins-good');
  assert.deepEqual(brief(db, [gst], { family: 'centos', version: '7.9.2009' }), [['gstreamer1-plugins-good', 'CVE-2022-1922', null, 'will_not_fix', 'MEDIUM']]);
  assert.deepEqual(brief(db, [gst], { family: 'redhat', version: '7.9' }, { ignoreUnfixed: true }), []);
  const py = rpm('python3', '3.10.11-1.ph4');
  assert.deepEqual(brief(db, [py], { family: 'photon', version: '4.0' }), [['python3', 'CVE-2023-50447', null, 'affected', 'UNKNOWN']]);
  assert.deepEqual(brief(db, [py], { family: 'photon', version: '4.0' }, { ignoreUnfixed: true }), []);
  db.close();
});

test("Wolfi: its native secdb and vunnel's records of it give the same findings", async () => {
  const pkgs = [apk('binutils', '2.39-r1'), apk('curl', '7.85.0-r0'), apk('openssl', '3.0.7-r0')];
  const wolfi: OSInfo = { family: 'wolfi', version: '20230201' };
  const want = [
    ['binutils', 'CVE-2022-38128', '2.39-r3', 'fixed', 'UNKNOWN'],
    ['binutils', 'CVE-2022-38533', '2.39-r2', 'fixed', 'UNKNOWN'],
    ['curl', 'CVE-2022-32221', '7.86.0-r0', 'fixed', 'UNKNOWN'],
    ['curl', 'CVE-2022-42916', '7.86.0-r0', 'fixed', 'UNKNOWN'],
  ];
  for (const feed of ['distros/wolfi-secdb', 'distros/vunnel/wolfi-rolling']) {
    const db = await dbOf(feed);
    assert.deepEqual(brief(db, pkgs, wolfi), want, feed);
    assert.deepEqual(db.info().namespaces.map((n) => n.namespace), ['Wolfi'], feed);
    db.close();
  }
});

test('Red Hat CSAF VEX: fixed per stream and module, affected without a fix, impact as severity', async () => {
  const db = await dbOf('distros/csaf-vex');
  const rhel9: OSInfo = { family: 'redhat', version: '9.5' };
  assert.deepEqual(
    brief(db, [
      rpm('test-package', '1:0.9.0-3.el9', { sourceRpm: 'test-package-0.9.0-3.el9.src.rpm' }),
      rpm('affected-package-bin', '2.0-1.el9', { sourceRpm: 'affected-package-2.0-1.el9.src.rpm' }, 'affected-package'),
      rpm('modular-package', '2.4.37-60.module+el8.10.0+20000+aaaaaaaa', { sourceRpm: 'x.src.rpm', modularityLabel: 'module:2.4:8100020240612075645:489197e6' }),
      rpm('pam', '1.5.1-20.el9', { sourceRpm: 'pam-1.5.1-20.el9.src.rpm' }),
    ], rhel9),
    [
      ['affected-package-bin', 'CVE-2024-11111', null, 'affected', 'HIGH'],
      ['affected-package-bin', 'CVE-2024-22222', null, 'affected', 'CRITICAL'],
      ['modular-package', 'CVE-2024-11111', '2.4.37-65.module+el8.10.0+21982+14717793', 'fixed', 'MEDIUM'],
      ['modular-package', 'CVE-2024-22222', '2.4.37-65.module+el8.10.0+21982+14717793', 'fixed', 'MEDIUM'],
      ['pam', 'CVE-2024-10041', '1.5.1-21.el9_5', 'fixed', 'MEDIUM'],
      ['test-package', 'CVE-2024-11111', '1:1.0.0-1.el9', 'fixed', 'HIGH'],
      ['test-package', 'CVE-2024-22222', '1:1.0.0-1.el9', 'fixed', 'CRITICAL'],
    ],
  );
  // The same modular package in another stream is not covered by these rows.
  assert.deepEqual(brief(db, [rpm('modular-package', '2.4.37-60.module+el8', { sourceRpm: 'x.src.rpm', modularityLabel: 'module:2.6:1:1' })], rhel9), []);
  assert.deepEqual(detectVulnerabilities([rpm('pam', '1.5.1-20.el9')], rhel9, db, { now: NOW }).findings[0].advisories, ['RHSA-2024:9941']);
  db.close();
});

test("Ubuntu's OSV records (vunnel's current Ubuntu output) keep their upstream CVE as an alias and match by source package", async () => {
  const db = await dbOf('ubuntu');
  assert.deepEqual(db.vuln('UBUNTU-CVE-2021-3782')?.aliases, ['CVE-2021-3782']);
  const wayland: Package = { name: 'libwayland-client0', version: '1.20.0-1', ecosystem: 'deb', purl: 'pkg:deb/libwayland-client0@1.20.0-1', source: { name: 'wayland', version: '1.20.0-1' }, locations: [{ path: 'var/lib/dpkg/status' }], licenses: [] };
  assert.deepEqual(brief(db, [wayland], { family: 'ubuntu', version: '22.04', codename: 'jammy' }).filter((f) => f[1] === 'UBUNTU-CVE-2021-3782'), [
    ['libwayland-client0', 'UBUNTU-CVE-2021-3782', '1.20.0-1ubuntu0.1', 'fixed', 'MEDIUM'],
  ]);
  db.close();
});
