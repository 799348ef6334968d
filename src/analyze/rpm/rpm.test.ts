import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rpmAnalyzer } from './analyzer.js';
import { parseSourceRpm } from './header.js';
import type { Package } from '../../core/types.js';
import { finalizeOsPackages } from '../os/finalize.js';

const td = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

function analyze(path: string, file: string | Buffer, layer?: string) {
  const content = typeof file === 'string' ? readFileSync(join(td, file)) : file;
  assert.ok(rpmAnalyzer.wants(path, { size: content.length, mode: 0o644 }), `wants ${path}`);
  const r = rpmAnalyzer.analyze({ path, size: content.length, mode: 0o644, content, layer });
  assert.ok(r && !(r instanceof Promise));
  return r;
}

/** Splits a Package back into rpm's own fields to compare with rpm's answers. */
function fields(p: Package) {
  const m = /^(?:(\d+):)?(.*)-([^-]*)$/.exec(p.version)!;
  return { epoch: m[1] ?? '', version: m[2], release: m[3] };
}

/** go-rpmdb's packages.csv: `rpm -qa` inside the image, fields separated by ¶ (see HOW-CSV-WAS-GENERATED.txt). */
function csvRows(file: string): string[] {
  return readFileSync(join(td, file), 'utf8').split('\n').filter(Boolean).map((l) => l.split('¶'))
    .filter((f) => f[1] !== 'gpg-pubkey')
    .map(([epoch, name, version, release, arch, srpm, , license, vendor]) => [name, epoch, version, release, arch, srpm, license, vendor].join('\t'))
    .sort();
}
const ourCsvRows = (ps: Package[]) =>
  ps.map((p) => {
    const f = fields(p);
    return [p.name, f.epoch, f.version, f.release, p.arch ?? '', (p.meta?.sourceRpm as string) ?? '', p.licenses.join(' '), (p.meta?.vendor as string) ?? ''].join('\t');
  }).sort();

/** rpm-qa.tsv: Debian's rpm 4.18 reading the same DB (query format in testdata/NOTICE.md), plus the file count. */
const rpmQaRows = (file: string) => readFileSync(join(td, file), 'utf8').split('\n').filter(Boolean).sort();
const ourQaRows = (ps: Package[]) => ps.map((p) => {
  const [name, epoch, version, release, arch, srpm, license, vendor] = ourCsvRows([p])[0].split('\t');
  return [name, epoch, version, release, arch, srpm, license, vendor, String(p.files?.length ?? 0)].join('\t');
}).sort();

test('SQLite rpmdb (Amazon Linux 2023): exact set vs packages.csv and vs rpm -qa on the same file', () => {
  const r = analyze('var/lib/rpm/rpmdb.sqlite', 'amazonlinux2023-plain/rpmdb.sqlite', 'sha256:l0');
  assert.equal(r.warnings, undefined);
  assert.equal(r.packages!.length, 102);
  assert.deepEqual(ourCsvRows(r.packages!), csvRows('amazonlinux2023-plain/packages.csv'));
  assert.deepEqual(ourQaRows(r.packages!), rpmQaRows('amazonlinux2023-plain/rpm-qa.tsv'));
  const bash = r.packages!.find((p) => p.name === 'bash')!;
  assert.deepEqual(bash.files, readFileSync(join(td, 'amazonlinux2023-plain/rpm-ql-bash.txt'), 'utf8').split('\n').filter(Boolean));
  assert.deepEqual(bash.locations, [{ path: 'var/lib/rpm/rpmdb.sqlite', layer: 'sha256:l0' }]);
  assert.deepEqual(bash.source, { name: 'bash', version: bash.version });
});

test('SQLite rpmdb: every file of every package, as rpm lists them (7,800 paths)', () => {
  const r = analyze('var/lib/rpm/rpmdb.sqlite', 'amazonlinux2023-plain/rpmdb.sqlite');
  const ours = r.packages!.flatMap((p) => (p.files ?? []).map((f) => `${p.name}\t${f}`)).sort();
  const want = gunzipSync(readFileSync(join(td, 'amazonlinux2023-plain/rpm-qa-files.tsv.gz'))).toString('utf8').split('\n').filter(Boolean).sort();
  assert.equal(want.length, 7800);
  assert.deepEqual(ours, want);
});

test('NDB Packages.db (SLE 15 BCI): exact set vs packages.csv', () => {
  const r = analyze('usr/lib/sysimage/rpm/Packages.db', 'sle15-bci/Packages.db');
  assert.equal(r.warnings, undefined);
  assert.equal(r.packages!.length, 36);
  assert.deepEqual(ourCsvRows(r.packages!), csvRows('sle15-bci/packages.csv'));
  assert.ok(r.packages!.every((p) => (p.files?.length ?? 0) > 0 || p.name.startsWith('skelcd') || p.name.startsWith('system-user')) );
});

test('Berkeley DB Packages (RHEL 8 libuuid): exact set and file list vs rpm -qa (bdb_ro)', () => {
  const r = analyze('var/lib/rpm/Packages', 'libuuid/Packages');
  assert.equal(r.warnings, undefined);
  assert.deepEqual(ourQaRows(r.packages!), rpmQaRows('libuuid/rpm-qa.tsv'));
  const [p] = r.packages!;
  assert.deepEqual(p.files, readFileSync(join(td, 'libuuid/rpm-ql-libuuid.txt'), 'utf8').split('\n').filter(Boolean));
  assert.deepEqual(p.source, { name: 'util-linux', version: '2.32.1-42.el8_8' });
});

test('Berkeley DB built from real headers: 4 KiB LE (overflow chains), 64 KiB BE (inline items), 16 KiB with page checksums', () => {
  for (const name of ['Packages-4k-le', 'Packages-64k-be', 'Packages-16k-chksum']) {
    const r = analyze('var/lib/rpm/Packages', `bdb-built/${name}`);
    assert.equal(r.warnings, undefined, name);
    assert.deepEqual(ourQaRows(r.packages!), rpmQaRows(`bdb-built/${name}.rpm-qa.tsv`), name);
  }
});

test('epochs: EVR in version, numeric epoch, source version carries the epoch too', () => {
  const r = analyze('var/lib/rpm/rpmdb.sqlite', 'amazonlinux2023-plain/rpmdb.sqlite');
  const withEpoch = r.packages!.filter((p) => p.epoch !== undefined);
  assert.ok(withEpoch.length > 0);
  for (const p of withEpoch) {
    assert.ok(p.version.startsWith(`${p.epoch}:`), p.version);
    assert.ok(p.source!.version.startsWith(`${p.epoch}:`), p.source!.version);
  }
});

test('finalizeOsPackages: rpm PURL with namespace, arch, epoch qualifier and distro', () => {
  const r = analyze('var/lib/rpm/rpmdb.sqlite', 'amazonlinux2023-plain/rpmdb.sqlite');
  const fin = finalizeOsPackages(r.packages!, { family: 'amazon', version: '2023' });
  const p = fin.find((x) => x.epoch !== undefined && x.epoch > 0)!;
  const f = fields(p);
  assert.equal(p.ecosystem, 'Amazon Linux');
  assert.equal(p.purl, `pkg:rpm/amazon/${p.name}@${f.version}-${f.release}?arch=${p.arch}&distro=amazon-2023&epoch=${p.epoch}`.replace(/\+/g, '%2B'));
  const sle = finalizeOsPackages(analyze('usr/lib/sysimage/rpm/Packages.db', 'sle15-bci/Packages.db').packages!, { family: 'sles', version: '15.3' });
  assert.equal(sle.find((x) => x.name === 'filesystem')!.purl, 'pkg:rpm/suse/filesystem@15.0-11.8.1?arch=x86_64&distro=sles-15.3');
  assert.equal(sle[0].ecosystem, 'SUSE');
});

test('source RPM file names split into name, version, release', () => {
  assert.deepEqual(parseSourceRpm('util-linux-2.32.1-42.el8_8.src.rpm'), { name: 'util-linux', version: '2.32.1', release: '42.el8_8' });
  assert.deepEqual(parseSourceRpm('system-release-2023.1.20230825-0.amzn2023.src.rpm'), { name: 'system-release', version: '2023.1.20230825', release: '0.amzn2023' });
  assert.equal(parseSourceRpm('garbage'), undefined);
});

test('corrupt or truncated databases give one warning naming the file, never a throw', () => {
  const sqlite = readFileSync(join(td, 'amazonlinux2023-plain/rpmdb.sqlite'));
  const ndb = readFileSync(join(td, 'sle15-bci/Packages.db'));
  const bdb = readFileSync(join(td, 'libuuid/Packages'));
  const cases: [string, Buffer][] = [
    ['var/lib/rpm/rpmdb.sqlite', Buffer.from('hello')],
    ['var/lib/rpm/rpmdb.sqlite', sqlite.subarray(0, 4096)],
    ['usr/lib/sysimage/rpm/Packages.db', Buffer.from('hello')],
    ['usr/lib/sysimage/rpm/Packages.db', ndb.subarray(0, 8192)],
    ['var/lib/rpm/Packages', Buffer.alloc(8192)],
    ['var/lib/rpm/Packages', bdb.subarray(0, 3 * 4096)],
  ];
  for (const [path, content] of cases) {
    const r = analyze(path, content);
    assert.ok(r.warnings && r.warnings.length >= 1, `${path} ${content.length}`);
    assert.ok(r.warnings.every((w) => w.where === path && /^unreadable rpm (database|header)/.test(w.what)), JSON.stringify(r.warnings));
  }
  // A header blob with damaged bytes: that package is reported, the others still come out.
  const damaged = Buffer.from(ndb);
  const slot = 32; // first slot → its blob
  const blob = damaged.readUInt32LE(slot + 8) * 16 + 16;
  damaged.writeInt32BE(0x7fffffff, blob); // il
  const r = analyze('usr/lib/sysimage/rpm/Packages.db', damaged);
  assert.equal(r.packages!.length, 35);
  assert.deepEqual(r.warnings, [{ what: 'unreadable rpm header #1 (implausible header sizes il=2147483647 dl=' + damaged.readInt32BE(blob + 4) + ')', where: 'usr/lib/sysimage/rpm/Packages.db' }]);
});

test('wants: the three DB files in the three places rpm keeps them, nothing else', () => {
  for (const dir of ['var/lib/rpm', 'usr/lib/sysimage/rpm', 'usr/share/rpm']) {
    for (const f of ['rpmdb.sqlite', 'Packages', 'Packages.db']) assert.ok(rpmAnalyzer.wants(`${dir}/${f}`, { size: 1, mode: 0o644 }));
  }
  for (const p of ['var/lib/rpm/constructor', 'var/lib/rpm/__proto__', 'var/lib/rpm/Name', 'var/lib/rpm/rpmdb.sqlite-wal', 'opt/var/lib/rpm/Packages', 'var/lib/rpm/Packages.bak']) {
    assert.equal(rpmAnalyzer.wants(p, { size: 1, mode: 0o644 }), false, p);
  }
});
