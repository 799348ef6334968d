import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CoastguardError, ExitCode } from '../core/errors.js';
import { buildDb } from './build.js';
import { openVulnDb } from './store.js';
import { ALL_FIXTURE_SOURCES, FIXTURES, fixture, tempDir } from './testing.js';
import { defaultDbPath } from './paths.js';
import { dbAgeWarning, parseAge } from './age.js';

const dir = tempDir();
const dbPath = join(dir, 'all.db');
const built = buildDb({ output: dbPath, sources: ALL_FIXTURE_SOURCES, now: new Date('2026-11-25T12:00:00Z') });

test('build reads every fixture feed format and records its sources', async () => {
  const s = await built;
  const formats = Object.fromEntries(s.sources.map((x) => [x.location.split('/vulndb/')[1], x.formats]));
  assert.deepEqual(formats, {
    ghsa: ['osv'],
    'nodejs-security-wg': ['nodejs-security-wg'],
    'go-vulndb/go-stdlib-xcrypto.zip': ['osv'],
    pypa: ['osv'],
    rustsec: ['rustsec'],
    rubysec: ['rubysec'],
    alpine: ['alpine-secdb'],
    debian: ['debian-list', 'debian-tracker'],
    alma: ['osv'],
    ubuntu: ['osv'],
  });
  const bySrc = Object.fromEntries(s.sources.map((x) => [x.location.split('/vulndb/')[1], [x.files, x.records, x.invalid]]));
  assert.deepEqual(bySrc['go-vulndb/go-stdlib-xcrypto.zip'], [1, 227, 0]);
  assert.deepEqual(bySrc.pypa, [9, 9, 0]);
  assert.deepEqual(bySrc.ghsa, [4, 4, 0]);
  assert.deepEqual(s.warnings, []);
  const db = openVulnDb(dbPath);
  const info = db.info();
  assert.equal(info.builtAt, '2026-11-25T12:00:00.000Z');
  assert.equal(info.schemaVersion, 1);
  assert.equal(info.sources.length, 10);
  assert.match(info.sources[0].sha256 ?? '', /^[0-9a-f]{64}$/);
  assert.deepEqual(
    info.namespaces.map((n) => n.namespace),
    ['AlmaLinux:9', 'Alpine:v3.15', 'Alpine:v3.19', 'Debian:*', 'Debian:10', 'Debian:11', 'Debian:12', 'Debian:13', 'Debian:3.0', 'Debian:8', 'Debian:9', 'Debian:sid', 'Go', 'Maven', 'PyPI', 'RubyGems', 'Ubuntu:22.04:LTS', 'crates.io', 'npm'],
  );
  db.close();
});

test('CVSS scores are computed from the vectors; vendor severity wins', async () => {
  await built;
  const db = openVulnDb(dbPath);
  const v = db.vuln('GHSA-p6mc-m468-83gw')!;
  assert.equal(v.severity, 'HIGH');
  assert.equal(v.vendorSeverity, 'HIGH');
  assert.deepEqual(v.cvss, [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', score: 7.4, severity: 'HIGH' }]);
  assert.deepEqual(v.aliases, ['CVE-2020-8203']);
  // The WG advisory says 2.5; the vector scores 1.8 and that is what we keep.
  const wg = db.vuln('NSWG-ECO-368')!;
  assert.deepEqual(wg.cvss.map((c) => [c.vector, c.score]), [['CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L', 1.8]]);
  assert.equal(wg.severity, 'LOW');
  assert.deepEqual(wg.aliases, ['CVE-2018-3721']);
  // RustSec native: TOML front matter, Markdown title.
  const rs = db.affected('crates.io', 'smallvec');
  assert.ok(rs.length >= 1);
  const r0 = db.vuln('RUSTSEC-2018-0003')!;
  assert.equal(r0.title, 'Possible double free during unwinding in SmallVec::insert_many');
  // RubySec: id from cve, ghsa as alias, native requirements.
  const rack = db.affected('RubyGems', 'rack').find((r) => r.vulnId === 'CVE-2022-30122')!;
  assert.deepEqual(rack.ranges, [{ type: 'native', unaffected: ['~> 2.0.9, >= 2.0.9.1', '~> 2.1.4, >= 2.1.4.1', '>= 2.2.3.1', '< 1.2'] }]);
  assert.deepEqual(rack.fixed, ['2.0.9.1', '2.1.4.1', '2.2.3.1']);
  db.close();
});

test('Debian rows keep release, status, urgency, DSA', async () => {
  await built;
  const db = openVulnDb(dbPath);
  const pick = (ns: string, pkg: string, id: string) =>
    db.affected(ns, pkg).filter((r) => r.vulnId === id).map((r) => ({ status: r.status, fixed: r.fixed, severity: r.severity, note: r.note, advisories: r.advisories }));
  assert.deepEqual(pick('Debian:12', 'shadow', 'CVE-2023-29383'), [{ status: 'fix_deferred', fixed: [], severity: undefined, note: 'no-dsa: Minor issue', advisories: [] }]);
  assert.deepEqual(pick('Debian:*', 'apt', 'CVE-2011-3374'), [{ status: 'affected', fixed: [], severity: 'LOW', note: 'unimportant', advisories: [] }]);
  assert.deepEqual(pick('Debian:12', 'xz-utils', 'CVE-2024-3094'), [{ status: 'not_affected', fixed: [], severity: undefined, note: undefined, advisories: [] }]);
  assert.deepEqual(pick('Debian:12', 'curl', 'CVE-2023-38545'), [{ status: 'fixed', fixed: ['7.88.1-10+deb12u4'], severity: undefined, note: undefined, advisories: ['DSA-5523-1'] }]);
  assert.deepEqual(pick('Debian:10', 'chromium', 'CVE-2022-0456'), [{ status: 'end_of_life', fixed: [], severity: undefined, note: undefined, advisories: [] }]);
  assert.deepEqual(pick('Debian:12', 'sope', 'CVE-2025-53603').map((r) => r.fixed), [['5.8.0-1+deb12u1'], ['5.8.0-1+deb12u1']]);
  assert.deepEqual(pick('Debian:13', 'krb5', 'CVE-2026-107364'), [{ status: 'fixed', fixed: ['1.21.3-5+deb13u2'], severity: 'HIGH', note: undefined, advisories: [] }]);
  // Alpine: the origin package, "0" (never affected) left out, YAML and split JSON alike.
  assert.equal(db.affected('Alpine:v3.19', 'zlib').some((r) => r.vulnId === 'CVE-2023-45853'), false);
  assert.deepEqual(db.affected('Alpine:v3.15', 'zstd').map((r) => [r.vulnId, r.fixed[0]]), [['CVE-2019-11922', '1.3.8-r0'], ['CVE-2021-24031', '1.4.1-r0'], ['CVE-2021-24032', '1.4.9-r0']]);
  db.close();
});

test('a directory with a malformed file warns and skips it; a malformed single file fails', async () => {
  const d = tempDir();
  const src = join(d, 'feed');
  mkdirSync(src);
  copyFileSync(fixture('ghsa', 'GHSA-p6mc-m468-83gw.json'), join(src, 'good.json'));
  writeFileSync(join(src, 'bad.json'), '{"id": "GHSA-xxxx", "affected": ');
  const s = await buildDb({ output: join(d, 'x.db'), sources: [{ path: src }] });
  assert.equal(s.vulns, 1);
  assert.equal(s.sources[0].invalid, 1);
  assert.match(s.warnings[0].what, /^not valid JSON/);
  assert.equal(s.warnings[0].where, join(src, 'bad.json'));
  await assert.rejects(buildDb({ output: join(d, 'y.db'), sources: [{ path: join(src, 'bad.json') }] }), (e: CoastguardError) => {
    assert.equal(e.where, join(src, 'bad.json'));
    assert.match(e.what, /^not valid JSON/);
    return true;
  });
  await assert.rejects(buildDb({ output: join(d, 'z.db'), sources: [{ path: src }], strict: true }), /not valid JSON/);
  assert.deepEqual(readdirSync(d).sort(), ['feed', 'x.db']); // no temp files left behind
});

test('a failed build leaves the existing DB untouched', async () => {
  const d = tempDir();
  const out = join(d, 'db.sqlite');
  await buildDb({ output: out, sources: [{ path: fixture('ghsa') }], now: new Date('2026-01-01T00:00:00Z') });
  const before = readFileSync(out);
  await assert.rejects(buildDb({ output: out, sources: [{ path: fixture('ghsa') }, { path: join(d, 'missing') }] }), /feed source not found/);
  await assert.rejects(buildDb({ output: out, sources: [{ path: fixture('alpine', 'v3.15', 'LICENSE') }] }), /no vulnerability feed recognised/);
  assert.deepEqual(readFileSync(out), before);
  const db = openVulnDb(out);
  assert.equal(db.builtAt.toISOString(), '2026-01-01T00:00:00.000Z');
  db.close();
  assert.deepEqual(readdirSync(d), ['db.sqlite']);
});

test('openVulnDb: missing, empty, truncated, foreign and wrong-schema files fail with exit code 4', async () => {
  await built;
  const d = tempDir();
  const check = (path: string, re: RegExp) =>
    assert.throws(() => openVulnDb(path), (e: CoastguardError) => e instanceof CoastguardError && e.exitCode === ExitCode.DB && re.test(e.what) && e.where === path);
  check(join(d, 'none.db'), /not found/);
  writeFileSync(join(d, 'empty.db'), '');
  check(join(d, 'empty.db'), /is empty/);
  writeFileSync(join(d, 'text.db'), 'hello world, not sqlite'.repeat(10));
  check(join(d, 'text.db'), /no SQLite header/);
  copyFileSync(dbPath, join(d, 'trunc.db'));
  truncateSync(join(d, 'trunc.db'), Math.floor(statSync(dbPath).size / 2));
  check(join(d, 'trunc.db'), /truncated/);
  const other = new Database(join(d, 'other.db'));
  other.exec("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '99')");
  other.close();
  check(join(d, 'other.db'), /schema version 99, this coastguard needs 1/);
  const foreign = new Database(join(d, 'foreign.db'));
  foreign.exec('CREATE TABLE t (x)');
  foreign.close();
  check(join(d, 'foreign.db'), /not a coastguard vulnerability database/);
  assert.ok(existsSync(dbPath));
});

test('default path honours --cache-dir, COASTGUARD_CACHE_DIR and XDG_CACHE_HOME; age warning', () => {
  assert.equal(defaultDbPath('/x/cache', {}), '/x/cache/db/coastguard.db');
  assert.equal(defaultDbPath(undefined, { COASTGUARD_CACHE_DIR: '/env/cg' }), '/env/cg/db/coastguard.db');
  if (process.platform === 'linux') assert.equal(defaultDbPath(undefined, { XDG_CACHE_HOME: '/xdg' }), '/xdg/coastguard/db/coastguard.db');
  assert.equal(parseAge('36h'), 36 * 3600e3);
  assert.equal(parseAge('7d'), 7 * 86400e3);
  assert.throws(() => parseAge('soon'), /invalid age "soon"/);
  const db = { builtAt: new Date('2026-11-01T00:00:00Z'), path: '/db' };
  assert.equal(dbAgeWarning(db, parseAge('7d'), new Date('2026-11-05T00:00:00Z')), undefined);
  assert.deepEqual(dbAgeWarning(db, parseAge('7d'), new Date('2026-11-25T00:00:00Z')), {
    what: "vulnerability database is 24 days old (built 2026-11-01T00:00:00.000Z); run 'coastguard db update'",
    where: '/db',
  });
  assert.equal(dbAgeWarning(db, 0, new Date('2030-01-01')), undefined);
});

test('records without scores borrow them from their aliases at build time', async () => {
  const d = tempDir();
  const tracker = join(d, 'tracker.json');
  // A tracker entry for the CVE that GHSA-xvch-5gv4-984h (minimist) names as its alias.
  writeFileSync(tracker, JSON.stringify({ 'node-minimist': { 'CVE-2021-44906': { releases: { bookworm: { status: 'open', urgency: 'not yet assigned' } } } } }));
  await buildDb({ output: join(d, 'b.db'), sources: [{ path: tracker }, { path: fixture('ghsa') }] });
  const db = openVulnDb(join(d, 'b.db'));
  const cve = db.vuln('CVE-2021-44906')!;
  assert.deepEqual(cve.cvss, [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', score: 9.8, severity: 'CRITICAL', source: 'GHSA-xvch-5gv4-984h' }]);
  assert.equal(cve.severity, 'CRITICAL');
  assert.equal(db.vuln('GHSA-xvch-5gv4-984h')!.cvss[0].source, undefined);
  db.close();
});

test('extension-less files are sniffed: tracker JSON saved as "json", DSA list saved as "DSA"', async () => {
  const d = tempDir();
  copyFileSync(fixture('debian', 'vunnel', 'debian.json'), join(d, 'json'));
  const s = await buildDb({ output: join(d, 'x.db'), sources: [{ path: join(d, 'json'), label: 'https://security-tracker.debian.org/tracker/data/json' }, { path: fixture('debian', 'vunnel', 'DSA') }] });
  assert.deepEqual(s.sources.map((x) => [x.location.replace(FIXTURES, ''), x.formats, x.records]), [
    ['https://security-tracker.debian.org/tracker/data/json', ['debian-tracker'], 6], // chromium-browser's entry has no releases
    ['/debian/vunnel/DSA', ['debian-list'], 8],
  ]);
});
