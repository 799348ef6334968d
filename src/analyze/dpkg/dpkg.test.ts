import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dpkgAnalyzer } from './analyzer.js';
import type { Package } from '../../core/types.js';
import { finalizeOsPackages } from '../os/finalize.js';

const td = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

function analyze(path: string, file: string, layer?: string) {
  const content = readFileSync(join(td, file));
  assert.ok(dpkgAnalyzer.wants(path, { size: content.length, mode: 0o644 }), `wants ${path}`);
  const r = dpkgAnalyzer.analyze({ path, size: content.length, mode: 0o644, content, layer });
  assert.ok(r && !(r instanceof Promise));
  return r;
}

/** name, version, arch, source name, source version: the columns dpkg-query printed. */
const row = (p: Package) => [p.name, p.version, p.arch ?? '', p.source?.name ?? '', p.source?.version ?? ''].join('\t');
const sorted = (ps: Package[]) => ps.map(row).sort();
const tsv = (file: string) => readFileSync(join(td, file), 'utf8').split('\n').filter(Boolean).sort();

test('Debian 12 minbase: exact package set of expected-packages.json', () => {
  const r = analyze('var/lib/dpkg/status', 'bookworm-minbase/status', 'sha256:abc');
  const expected = JSON.parse(readFileSync(join(td, 'bookworm-minbase/expected-packages.json'), 'utf8')) as {
    package: string; version: string; architecture: string; source: string; source_version: string;
  }[];
  assert.equal(expected.length, 88);
  assert.deepEqual(sorted(r.packages!), expected.map((e) => [e.package, e.version, e.architecture, e.source, e.source_version].join('\t')).sort());
  assert.deepEqual(r.warnings, undefined);
  const bsdutils = r.packages!.find((p) => p.name === 'bsdutils')!;
  assert.equal(bsdutils.epoch, 1);
  assert.equal(bsdutils.ecosystem, 'dpkg');
  assert.deepEqual(bsdutils.locations, [{ path: 'var/lib/dpkg/status', line: bsdutils.locations[0].line, layer: 'sha256:abc' }]);
  assert.ok(bsdutils.locations[0].line! > 1);
});

test("status files from Trivy's fixtures: same set as dpkg-query (rc packages excluded)", () => {
  for (const name of ['valid', 'digest', 'md5sums', 'only-apt', 'third-party', 'corrupsed']) {
    const r = analyze('var/lib/dpkg/status', `trivy/${name}.status`);
    assert.deepEqual(sorted(r.packages!), tsv(`trivy/${name}.status.dpkg-query.tsv`), name);
  }
  const bad = analyze('var/lib/dpkg/status', 'trivy/corrupsed.status');
  assert.deepEqual(bad.warnings, [{ what: 'dpkg package "invalidpkg" has an invalid version "1:5.#"; skipped', where: 'var/lib/dpkg/status:85' }]);
});

test('Debian 12 minbase also agrees with dpkg-query run on the same file', () => {
  const r = analyze('var/lib/dpkg/status', 'bookworm-minbase/status');
  assert.deepEqual(sorted(r.packages!), tsv('bookworm-minbase/status.dpkg-query.tsv'));
});

test('distroless status.d files: one package per file, companions ignored', () => {
  assert.equal(dpkgAnalyzer.wants('var/lib/dpkg/status.d/libsqlite3-0.md5sums', { size: 10, mode: 0o644 }), false);
  assert.equal(dpkgAnalyzer.wants('var/lib/dpkg/status.d/libsqlite3-0.preinst', { size: 10, mode: 0o644 }), false);
  assert.equal(dpkgAnalyzer.wants('var/lib/dpkg/status.d/python3.11-minimal', { size: 10, mode: 0o644 }), true);
  assert.equal(dpkgAnalyzer.wants('var/lib/dpkg/info/bash.list', { size: 10, mode: 0o644 }), false);
  const r = analyze('var/lib/dpkg/status.d/libsqlite3-0', 'syft-distroless/libsqlite3-0');
  assert.deepEqual(sorted(r.packages!), ['libsqlite3-0\t3.34.1-3\tarm64\tsqlite3\t3.34.1-3']);
  for (const p of readdirSync(join(td, 'syft-distroless'))) {
    assert.equal(dpkgAnalyzer.wants(`var/lib/dpkg/status.d/${p}`, { size: 1, mode: 0o644 }), p === 'libsqlite3-0');
  }
});

test("syft's status.d fixtures: installed packages as dpkg-query lists them; corrupt ones warn", () => {
  const cases: Record<string, string[]> = {
    'coreutils-relationships': [
      'coreutils\t9.1-1\tarm64\tcoreutils\t9.1-1', 'gcc-12-base\t12.2.0-14\tarm64\tgcc-12\t12.2.0-14', 'libacl1\t2.3.1-3\tarm64\tacl\t2.3.1-3',
      'libattr1\t1:2.5.1-4\tarm64\tattr\t1:2.5.1-4', 'libc6\t2.36-9+deb12u1\tarm64\tglibc\t2.36-9+deb12u1', 'libgcc-s1\t12.2.0-14\tarm64\tgcc-12\t12.2.0-14',
      'libgmp10\t2:6.2.1+dfsg1-1.1\tarm64\tgmp\t2:6.2.1+dfsg1-1.1', 'libpcre2-8-0\t10.42-1\tarm64\tpcre2\t10.42-1', 'libselinux1\t3.4-1+b6\tarm64\tlibselinux\t3.4-1',
    ],
    deinstall: ['linux-image-6.14.0-1012-aws\t6.14.0-1012.12~24.04.1\tamd64\tlinux-signed-aws-6.14\t6.14.0-1012.12~24.04.1'],
    'installed-size-4KB': ['apt\t1.8.2\tamd64\tapt-dev\t1.8.2'],
    'libpam-runtime': ['libpam-runtime\t1.5.2-6+deb12u1\tall\tpam\t1.5.2-6+deb12u1'],
    single: ['apt\t1.8.2\tamd64\tapt-dev\t1.8.2'],
    // dpkg-query refuses these files outright; we keep the well-formed paragraphs.
    multiple: ['tzdata\t2020a-0+deb10u1\tall\ttzdata-dev\t2020a-0+deb10u1', 'util-linux\t2.33.1-0.1\tamd64\tutil-linux\t2.33.1-0.1'],
    'doc-examples': ['made-up-package-1\t1.0.0\t\tglibc\t1.0.0', 'made-up-package-2\t2.0.0\t\tmade-up-package-2\t2.0.0', 'made-up-package-3\t3.0.0\t\tmade-up-package-3\t3.0.0', 'made-up-package-4\t3.0.0\t\tmade-up-package-4\t3.0.0', 'mutt\t1.3.17-1\t\tmutt\t1.3.17-1'],
  };
  for (const [file, want] of Object.entries(cases)) {
    const r = analyze(`var/lib/dpkg/status.d/${file}`, `syft-status.d/${file}`);
    assert.deepEqual(sorted(r.packages!), want.sort(), file);
    assert.equal(r.warnings, undefined, file);
  }
  for (const file of ['corrupt', 'empty']) {
    const r = analyze(`var/lib/dpkg/status.d/${file}`, `syft-status.d/${file}`);
    assert.deepEqual(r.packages, []);
    assert.deepEqual(r.warnings, [{ what: 'dpkg status file has no package paragraphs (corrupt?)', where: `var/lib/dpkg/status.d/${file}` }]);
  }
});

test('finalizeOsPackages: Debian ecosystem and deb PURLs with arch and distro', () => {
  const r = analyze('var/lib/dpkg/status', 'bookworm-minbase/status');
  const fin = finalizeOsPackages(r.packages!, { family: 'debian', version: '12.15', codename: 'bookworm' });
  const by = new Map(fin.map((p) => [p.name, p]));
  assert.equal(by.get('bash')!.ecosystem, 'Debian');
  assert.equal(by.get('bash')!.purl, 'pkg:deb/debian/bash@5.2.15-2%2Bb13?arch=amd64&distro=debian-12.15');
  assert.equal(by.get('bsdutils')!.purl, 'pkg:deb/debian/bsdutils@1:2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12.15');
  assert.equal(by.get('adduser')!.purl, 'pkg:deb/debian/adduser@3.134?arch=all&distro=debian-12.15');
  const ub = finalizeOsPackages(r.packages!.slice(0, 1), { family: 'ubuntu', version: '22.04' });
  assert.equal(ub[0].ecosystem, 'Ubuntu');
  assert.match(ub[0].purl, /^pkg:deb\/ubuntu\/adduser@3\.134\?arch=all&distro=ubuntu-22\.04$/);
});

test("this machine's own dpkg database: same set as dpkg-query (skipped where dpkg is absent)", (t) => {
  if (!existsSync('/var/lib/dpkg/status')) return t.skip('no dpkg on this machine');
  const content = readFileSync('/var/lib/dpkg/status');
  const q = spawnSync('dpkg-query', ['-W', '-f', '${db:Status-Abbrev}\t${Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\n'], { encoding: 'utf8' });
  if (q.status !== 0) return t.skip('no dpkg-query on this machine');
  // Someone installing packages meanwhile would change the answer: compare only a stable file.
  if (!readFileSync('/var/lib/dpkg/status').equals(content)) return t.skip('dpkg database changed during the test');
  const want = q.stdout.split('\n').filter((l) => l && !l.startsWith('rc')).map((l) => l.split('\t').slice(1).join('\t')).sort();
  const r = dpkgAnalyzer.analyze({ path: 'var/lib/dpkg/status', size: content.length, mode: 0o644, content }) as { packages: Package[] };
  assert.ok(want.length > 50);
  assert.deepEqual(sorted(r.packages), want);
});
