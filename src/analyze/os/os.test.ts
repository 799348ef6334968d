import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { osReleaseAnalyzer } from './analyzer.js';
import { findEol } from './eol.js';
import { EOL_DATA } from './eol-data.js';
import type { OSInfo } from '../../core/types.js';

const here = dirname(fileURLToPath(import.meta.url));
const td = join(here, 'testdata');

function run(path: string, file: string) {
  const content = readFileSync(join(td, file));
  assert.ok(osReleaseAnalyzer.wants(path, { size: content.length, mode: 0o644 }), `wants ${path}`);
  return osReleaseAnalyzer.analyze({ path, size: content.length, mode: 0o644, content }) as { os?: OSInfo; warnings?: unknown[] } | undefined;
}

/** Root-filesystem fixtures (snyk, syft): every release file found → what it must say. */
const ROOTFS_CASES: Record<string, (string[])[]> = {
  // [path, family, version, codename?]
  'snyk/centos_5/fs': [['etc/redhat-release', 'centos', '5.11']],
  'snyk/centos_6/fs': [['etc/redhat-release', 'centos', '6.9']],
  'snyk/centos_7/fs': [['etc/os-release', 'centos', '7']],
  'snyk/alpine_2_6_6/fs': [['etc/alpine-release', 'alpine', '2.6.6']],
  'snyk/alpine_3_7_0/fs': [['etc/os-release', 'alpine', '3.7.0']],
  'snyk/ubuntu_10_04/fs': [['etc/debian_version', 'debian', 'squeeze/sid'], ['etc/lsb-release', 'ubuntu', '10.04', 'lucid']],
  'snyk/ubuntu_12_04/fs': [['etc/os-release', 'ubuntu', '12.04', 'precise']],
  'snyk/ubuntu_14_04/fs': [['etc/os-release', 'ubuntu', '14.04', 'trusty']],
  'snyk/ubuntu_16_04/fs': [['etc/os-release', 'ubuntu', '16.04', 'xenial']],
  'snyk/ubuntu_18_04/fs': [['etc/os-release', 'ubuntu', '18.04', 'bionic']],
  'snyk/debian_6/fs': [['etc/debian_version', 'debian', '6.0.10']],
  'snyk/debian_7/fs': [['etc/os-release', 'debian', '7', 'wheezy']],
  'snyk/debian_8/fs': [['etc/os-release', 'debian', '8', 'jessie']],
  'snyk/debian_9/fs': [['etc/os-release', 'debian', '9', 'stretch']],
  'snyk/debian_unstable/fs': [['etc/os-release', 'debian', 'buster/sid']],
  'snyk/redhat_6_5/fs': [['etc/redhat-release', 'redhat', '6.5', 'Santiago']],
  'snyk/redhat_7/fs': [['etc/os-release', 'redhat', '7.0'], ['etc/redhat-release', 'redhat', '7.0', 'Maipo']],
  'snyk/oraclelinux_5_11/fs': [['etc/oracle-release', 'oracle', '5.11'], ['etc/redhat-release', 'redhat', '5.11', 'Tikanga']],
  'snyk/oraclelinux_6_9/fs': [['etc/os-release', 'oracle', '6.9']],
  'snyk/oraclelinux_7_5/fs': [['etc/os-release', 'oracle', '7.5']],
  'snyk/sles_15/fs': [['etc/os-release', 'sles', '15']],
  'syft/alpine': [['etc/os-release', 'alpine', '3.11.6']],
  'syft/amazon': [['etc/os-release', 'amazon', '2']],
  'syft/arch': [['etc/os-release', 'arch', '']],
  'syft/centos': [['usr/lib/os-release', 'centos', '8']],
  'syft/centos5': [['etc/redhat-release', 'centos', '5.7']],
  'syft/centos6': [['etc/system-release-cpe', 'centos', '6']],
  'syft/custom': [['etc/os-release', 'scientific', '8']],
  'syft/fedora': [['usr/lib/os-release', 'fedora', '36']],
  'syft/mariner': [['etc/os-release', 'cbl-mariner', '1.0']],
  'syft/opensuse-leap': [['etc/os-release', 'opensuse-leap', '15.2']],
  'syft/oraclelinux': [['etc/os-release', 'oracle', '8.3']],
  'syft/photon': [['etc/os-release', 'photon', '2.0']],
  'syft/sles': [['etc/os-release', 'sles', '15.2']],
  'syft/ubuntu': [['etc/os-release', 'ubuntu', '20.04', 'focal']],
  'syft/wolfi': [['etc/os-release', 'wolfi', '20220914']],
  'syft/almalinux/from-os-release': [['etc/os-release', 'alma', '8.4']],
  'syft/almalinux/from-redhat-release': [['etc/redhat-release', 'alma', '8.10', 'Cerulean Leopard']],
  'syft/debian/from-debian_version': [['etc/debian_version', 'debian', '10.8'], ['etc/os-release', 'debian', '']],
  'syft/debian/from-os-release': [['usr/lib/os-release', 'debian', '8', 'jessie']],
  'syft/debian/with-point-release': [['etc/debian_version', 'debian', '13.5'], ['etc/os-release', 'debian', '13', 'trixie']],
  'syft/redhat/from-os-release': [['usr/lib/os-release', 'redhat', '7.3']],
  'syft/redhat/from-redhat-release': [['etc/redhat-release', 'redhat', '8.10', 'Ootpa']],
  'syft/rockylinux/from-os-release': [['etc/os-release', 'rocky', '8.4']],
  'syft/rockylinux/from-redhat-release': [['etc/redhat-release', 'rocky', '8.10', 'Green Obsidian']],
  'syft/scientific/from-os-release': [['etc/os-release', 'scientific', '7.5']],
  'syft/scientific/from-redhat-release': [['etc/redhat-release', 'scientific', '7.9', 'Nitrogen']],
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

test('release files of real root filesystems give family, version and codename', () => {
  const bad: string[] = [];
  for (const [root, cases] of Object.entries(ROOTFS_CASES)) {
    const got: string[][] = [];
    for (const abs of walk(join(td, root)).sort()) {
      const path = relative(join(td, root), abs);
      if (!osReleaseAnalyzer.wants(path, { size: 1, mode: 0o644 })) continue;
      const os = run(path, relative(td, abs))?.os;
      if (os) got.push(os.codename ? [path, os.family, os.version, os.codename] : [path, os.family, os.version]);
    }
    if (JSON.stringify(got) !== JSON.stringify(cases)) bad.push(`${root}: ${JSON.stringify(got)}`);
  }
  assert.deepEqual(bad, []);
});

test('os-release files from Trivy fixtures map IDs to families', () => {
  const expect: Record<string, [string, string] | undefined> = {
    activestate: ['activestate', '1.0'], alma: ['alma', '9.4'], alpine: ['alpine', '3.15.4'], 'azurelinux-3.0': ['azurelinux', '3.0'],
    bottlerocket: ['bottlerocket', '1.34.0'], centos: ['centos', '7'], 'centos-stream': ['centos', '8'], coreos: ['coreos', '3.15.4'],
    echo: ['echo', '1'], fedora: ['fedora', '42'], 'mariner-1.0': ['cbl-mariner', '1.0'], 'mariner-2.0': ['cbl-mariner', '2.0'],
    minimos: ['minimos', '20241031'], 'no-id': undefined, 'no-version': ['alpine', ''], 'opensuseleap-15.2.1': ['opensuse-leap', '15.2.1'],
    'opensuseleap-42.3': ['opensuse-leap', '42.3'], opensusetumbleweed: ['opensuse-tumbleweed', '20220412'], oracle: ['oracle', '8.10'],
    photon: ['photon', '4.0'], rhel: ['redhat', '9.4'], rocky: ['rocky', '9.3'], slemicro: ['sle-micro', '5.3'],
    'slemicro-rancher': ['sle-micro', '5.4'], 'slemicro6.0': ['sle-micro', '6.0'], sles: ['sles', '15.3'], unknown: ['unknown', '4.3.2'],
  };
  for (const [name, want] of Object.entries(expect)) {
    const os = run('etc/os-release', `trivy/${name}`)?.os;
    assert.deepEqual(os ? [os.family, os.version] : undefined, want, name);
  }
});

test('redhat-style release files from Trivy fixtures', () => {
  const cases: [string, string, string, string][] = [
    ['etc/almalinux-release', 'alma/almalinux-release', 'alma', '8.4'],
    ['etc/centos-release', 'centos/centos-release', 'centos', '7.6.1810'],
    ['etc/fedora-release', 'fedora_29/fedora-release', 'fedora', '29'],
    ['etc/oracle-release', 'oracle_7/oracle-release', 'oracle', '7.6'],
    ['etc/redhat-release', 'redhat_6/redhat-release', 'redhat', '6.2'],
    ['etc/rocky-release', 'rocky/rocky-release', 'rocky', '8.4'],
  ];
  for (const [path, file, family, version] of cases) {
    const os = run(path, `trivy-redhatbase/${file}`)?.os;
    assert.deepEqual([os?.family, os?.version], [family, version], file);
  }
  assert.equal(run('etc/redhat-release', 'trivy-redhatbase/not_redhatbase/empty'), undefined);
});

test('corrupt release files give a warning naming the file, never a throw', () => {
  for (const [path, file] of [
    ['etc/os-release', 'snyk/os_release_corrupt/fs/etc/os-release'],
    ['etc/alpine-release', 'snyk/alpine_release_corrupt/fs/etc/alpine-release'],
    ['etc/debian_version', 'snyk/debian_version_corrupt/fs/etc/debian_version'],
    ['etc/lsb-release', 'snyk/lsb_release_corrupt/fs/etc/lsb-release'],
  ]) {
    const r = run(path, file);
    assert.equal(r?.os, undefined, file);
    assert.deepEqual(r?.warnings, [{ what: 'release file does not name a known release', where: path }], file);
  }
});

test('wants only the release files themselves (no prototype names, no big files)', () => {
  for (const p of ['constructor', 'toString', '__proto__', 'etc/os-release.bak', 'etc/os-release/x']) {
    assert.equal(osReleaseAnalyzer.wants(p, { size: 10, mode: 0o644 }), false, p);
  }
  assert.equal(osReleaseAnalyzer.wants('etc/os-release', { size: 10 * 1024 * 1024, mode: 0o644 }), false);
});

test('distroless: base-files status.d entry gives the Debian release', () => {
  const content = Buffer.from('Package: base-files\nStatus: install ok installed\nVersion: 12.4+deb12u5\nArchitecture: amd64\n');
  const path = 'var/lib/dpkg/status.d/base-files';
  assert.ok(osReleaseAnalyzer.wants(path, { size: content.length, mode: 0o644 }));
  const r = osReleaseAnalyzer.analyze({ path, size: content.length, mode: 0o644, content }) as { os: OSInfo };
  assert.equal(r.os.family, 'debian');
  assert.equal(r.os.version, '12');
  assert.equal(r.os.eol, '2028-06-30');
});

test('end-of-life table: lookups by release prefix, and every entry names its source', () => {
  assert.equal(findEol('debian', '12.5')?.eol, '2028-06-30');
  assert.equal(findEol('alpine', '3.19.1')?.eol, '2025-11-01');
  assert.equal(findEol('alpine', '3.1'), undefined); // 3.1 is not 3.19
  assert.equal(findEol('ubuntu', '22.04')?.codename, 'jammy');
  assert.equal(findEol('amazon', '2023')?.eol, '2029-06-30');
  assert.equal(findEol('amazon', '2')?.eol, '2026-06-30');
  assert.equal(findEol('redhat', '9.3')?.eol, '2032-05-31');
  const seen = new Set<string>();
  for (const e of EOL_DATA) {
    assert.match(e.eol, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(e.source, /^https:\/\//);
    assert.ok(!seen.has(e.family + e.release), `duplicate ${e.family} ${e.release}`);
    seen.add(e.family + e.release);
  }
  assert.equal(run('etc/os-release', 'trivy/centos-stream')!.os!.eol, '2024-05-31');
  assert.equal(run('etc/os-release', 'syft/centos/usr/lib/os-release')!.os!.eol, '2021-12-31');
  assert.equal(run('etc/os-release', 'snyk/alpine_3_7_0/fs/etc/os-release')!.os!.eol, '2019-11-01');
  assert.equal(findEol('alpine', '3.10.2')?.eol, '2021-05-01');
  const os = run('etc/os-release', 'snyk/debian_9/fs/etc/os-release')!.os!;
  assert.equal(os.eol, '2022-06-30');
  assert.match(os.eolSource!, /wiki\.debian\.org\/LTS/);
});

test('product release files and CPE names (Photon, Mariner, Azure Linux, system-release-cpe)', async () => {
  const { parseProductRelease, parseCpeRelease } = await import('./release-files.js');
  // First lines as the distributions ship them.
  assert.deepEqual(parseProductRelease('VMware Photon OS 4.0\nPHOTON_BUILD_NUMBER=ca7c9e933\n'), { family: 'photon', version: '4.0', name: 'VMware Photon OS 4.0' });
  assert.deepEqual(parseProductRelease('CBL-Mariner 2.0.20230630\nMARINER_BUILD_NUMBER=rpm-based\n'), { family: 'cbl-mariner', version: '2.0.20230630', name: 'CBL-Mariner 2.0.20230630' });
  assert.deepEqual(parseProductRelease('Microsoft Azure Linux 3.0.20240727\n'), { family: 'azurelinux', version: '3.0.20240727', name: 'Microsoft Azure Linux 3.0.20240727' });
  assert.equal(parseProductRelease('Something else 1.0'), undefined);
  assert.deepEqual(parseCpeRelease('cpe:2.3:o:amazon:amazon_linux:2023\n'), { family: 'amazon', version: '2023' });
  assert.deepEqual(parseCpeRelease('cpe:/o:amazon:amazon_linux:2'), { family: 'amazon', version: '2' });
  assert.deepEqual(parseCpeRelease('cpe:/o:redhat:enterprise_linux:8.4:ga'), { family: 'redhat', version: '8.4' });
  assert.deepEqual(parseCpeRelease('cpe:/o:oracle:linux:8:9:server'), { family: 'oracle', version: '8.9' });
  assert.equal(parseCpeRelease('cpe:/a:apache:httpd:2.4'), undefined);
  // The EOL table knows these families too.
  assert.equal(findEol('cbl-mariner', '2.0.20230630')?.eol, '2025-07-31');
  assert.equal(findEol('oracle', '8.9')?.eol, '2029-07-31');
  assert.equal(findEol('amazon', '2018.03')?.eol, '2023-12-31');
});

test('an OS named by another tool: Trivy OS components and purl distro qualifiers (Trivy, syft, OSV)', async () => {
  const { osFromName, osFromDistroQualifier } = await import('./from-name.js');
  assert.deepEqual(osFromName('amazon', '2 (Karoo)'), { family: 'amazon', version: '2' });
  assert.deepEqual(osFromName('amazon', 'AMI release 2018.03'), { family: 'amazon', version: '2018.03' });
  assert.deepEqual(osFromName('cbl-mariner', '2.0.20230630'), { family: 'cbl-mariner', version: '2.0.20230630' });
  assert.deepEqual(osFromName('suse linux enterprise server', '15.5'), { family: 'sles', version: '15.5' });
  assert.deepEqual(osFromName('opensuse.leap', '15.5'), { family: 'opensuse-leap', version: '15.5' });
  const q = (d: string, ns?: string) => { const o = osFromDistroQualifier(d, ns); return o && `${o.family} ${o.version}${o.codename ? ` ${o.codename}` : ''}`; };
  assert.deepEqual(
    ['ubuntu-22.04', 'amzn-2', 'amazon-2 (Karoo)', 'rhel-9.4+eus', 'ol-8.7', 'oracle-8.7', 'almalinux-8.7', 'alma-8.7', 'rocky-9.3', 'mariner-2.0', 'cbl-mariner-2.0', 'azurelinux-3.0', 'photon-4.0', 'opensuse-leap-15.5', 'sles-15.5', 'wolfi-20230201'].map((d) => q(d)),
    ['ubuntu 22.04', 'amazon 2', 'amazon 2', 'redhat 9.4+eus', 'oracle 8.7', 'oracle 8.7', 'alma 8.7', 'alma 8.7', 'rocky 9.3', 'cbl-mariner 2.0', 'cbl-mariner 2.0', 'azurelinux 3.0', 'photon 4.0', 'opensuse-leap 15.5', 'sles 15.5', 'wolfi 20230201'],
  );
  assert.equal(q('jammy'), 'ubuntu 22.04 jammy');
  assert.equal(q('3.19.1', 'alpine'), 'alpine 3.19.1');
  assert.equal(q('20230201', 'wolfi'), 'wolfi 20230201');
  assert.equal(q('nonsense'), undefined);
});
