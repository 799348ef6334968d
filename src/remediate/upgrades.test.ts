import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from '../../test/helpers.js';
import { runCli } from '../../test/support/cli.js';
import type { Upgrade } from '../core/types.js';
import { installCommand } from './install-commands.js';

const sampleTar = join(repoRoot, 'samples', 'debian13-sample.tar');
const sampleFeed = join(repoRoot, 'samples', 'debian-security-tracker.json');

/** dpkg's own answer, never ours. */
const dpkgGt = (a: string, b: string) => {
  try {
    execFileSync('dpkg', ['--compare-versions', a, 'gt', b]);
    return true;
  } catch {
    return false;
  }
};

interface Scan {
  packages: { name: string; version: string; source?: { name: string } }[];
  findings: { kind: string; id: string; fixedVersion?: string; package?: { name: string; version: string } }[];
  upgrades: Upgrade[];
}

async function scanWith(feed: string): Promise<Scan> {
  const dir = tempDir('cg-upgrades-');
  const db = join(dir, 'vuln.db');
  assert.equal((await runCli(['db', 'build', '--output', db, feed])).code, 0);
  const r = await runCli(['image', '--input', sampleTar, '--db', db, '--scanners', 'vuln', '--format', 'json', '--cache-dir', join(dir, 'cache'), '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Scan;
}

/** For every package with fixable findings: dpkg's highest fixed version and the ids; nothing for the rest. */
function expectedFromFindings(scan: Scan): Map<string, { to: string; fixes: string[] }> {
  const by = new Map<string, { to: string; fixes: Set<string> }>();
  for (const f of scan.findings) {
    if (f.kind !== 'vulnerability' || !f.fixedVersion || !f.package) continue;
    const e = by.get(f.package.name);
    if (!e) by.set(f.package.name, { to: f.fixedVersion, fixes: new Set([f.id]) });
    else {
      if (dpkgGt(f.fixedVersion, e.to)) e.to = f.fixedVersion;
      e.fixes.add(f.id);
    }
  }
  return new Map([...by].map(([k, v]) => [k, { to: v.to, fixes: [...v.fixes].sort() }]));
}

function checkAgainstDpkg(scan: Scan) {
  const expected = expectedFromFindings(scan);
  assert.deepEqual(
    new Map(scan.upgrades.map((u) => [u.name, { to: u.to, fixes: u.fixes }])),
    expected,
  );
  const installed = new Map(scan.packages.map((p) => [p.name, p]));
  for (const u of scan.upgrades) {
    const p = installed.get(u.name)!;
    assert.equal(u.from, p.version, u.name);
    assert.equal(u.source, p.source?.name ?? p.name, u.name);
    assert.notEqual(u.to, u.from);
    // Every binary of the same source package is on the same install line.
    const siblings = scan.upgrades.filter((o) => o.source === u.source).map((o) => o.name);
    for (const s of siblings) assert.match(u.command, new RegExp(`(^| )${s.replace(/[+.]/g, '\\$&')}=`), `${u.name}: ${u.command}`);
    assert.ok(u.command.startsWith('apt-get install --only-upgrade '), u.command);
  }
}

test('bundled sample: one upgrade per fixable binary, to = dpkg max of its fixed versions, one line per source', async () => {
  const scan = await scanWith(sampleFeed);
  assert.deepEqual(scan.upgrades.map((u) => u.name), ['libgssapi-krb5-2', 'libk5crypto3', 'libkrb5-3', 'libkrb5support0']);
  assert.equal(scan.upgrades[0].fixes.length, 18);
  checkAgainstDpkg(scan);
  assert.equal(
    scan.upgrades[0].command,
    'apt-get install --only-upgrade libgssapi-krb5-2=1.21.3-5+deb13u2 libk5crypto3=1.21.3-5+deb13u2 libkrb5-3=1.21.3-5+deb13u2 libkrb5support0=1.21.3-5+deb13u2',
  );
});

test('several fixes per package: dpkg ordering (numeric parts, tilde, epoch), unfixed findings left out', async () => {
  // The sample feed plus advisories whose fixed versions sort differently as strings and for dpkg.
  const feed = JSON.parse(readFileSync(sampleFeed, 'utf8'));
  const fixed = (v: string) => ({ description: '', scope: 'local', releases: { trixie: { status: 'resolved', fixed_version: v, urgency: 'medium', repositories: {} } } });
  const open = { description: '', scope: 'local', releases: { trixie: { status: 'open', urgency: 'low', repositories: {} } } };
  feed.apt = { 'CVE-2026-900001': fixed('3.0.5'), 'CVE-2026-900002': fixed('3.0.10'), 'CVE-2026-900003': fixed('3.0.4+deb13u1'), 'CVE-2026-900004': open };
  feed.krb5['CVE-2026-900005'] = fixed('1.21.3-5+deb13u2~rc1');
  feed['util-linux'] = { 'CVE-2026-900006': fixed('2.41.5-0+deb13u2'), 'CVE-2026-900007': fixed('2.41.5-0+deb13u10') };
  feed.diffutils = { 'CVE-2026-900008': fixed('1:3.10-4+deb13u1'), 'CVE-2026-900009': fixed('1:3.10-5') };
  const file = join(tempDir('cg-feed-'), 'feed.json');
  writeFileSync(file, JSON.stringify(feed));
  const scan = await scanWith(file);
  checkAgainstDpkg(scan);
  const by = new Map(scan.upgrades.map((u) => [u.name, u]));
  assert.equal(by.get('apt')!.to, '3.0.10');
  assert.deepEqual(by.get('apt')!.fixes, ['CVE-2026-900001', 'CVE-2026-900002', 'CVE-2026-900003']);
  assert.equal(by.get('libkrb5-3')!.to, '1.21.3-5+deb13u2');
  assert.equal(by.get('libkrb5-3')!.fixes.length, 19);
  assert.equal(by.get('diffutils')!.to, '1:3.10-5');
  assert.equal(by.get('bsdutils')!.to, '2.41.5-0+deb13u10');
  // The binary carries an epoch its source version does not: apt needs it in the pin.
  assert.match(by.get('bsdutils')!.command, / bsdutils=1:2\.41\.5-0\+deb13u10( |$)/);
});

test('install lines per ecosystem', () => {
  const one = (eco: string, name: string, to: string, osVersion?: string, purl?: string) => installCommand(eco, [{ name, to, purl }], osVersion);
  assert.equal(one('Alpine', 'busybox', '1.36.1-r7'), 'apk add --upgrade busybox=1.36.1-r7');
  assert.equal(one('Red Hat', 'openssl-libs', '1:3.0.7-27.el9'), 'dnf upgrade -y openssl-libs-1:3.0.7-27.el9');
  assert.equal(one('CentOS', 'bash', '4.2.46-35.el7_9', '7.9.2009'), 'yum upgrade -y bash-4.2.46-35.el7_9');
  assert.equal(one('Amazon Linux', 'curl', '8.3.0-1.amzn2023', '2023'), 'dnf upgrade -y curl-8.3.0-1.amzn2023');
  assert.equal(one('npm', '@babel/traverse', '7.23.2'), 'npm install @babel/traverse@7.23.2');
  assert.equal(one('PyPI', 'requests', '2.32.0'), 'pip install requests==2.32.0');
  assert.equal(one('Go', 'golang.org/x/net', '0.23.0'), 'go get golang.org/x/net@v0.23.0');
  assert.equal(one('Go', 'stdlib', '1.22.2'), 'go get toolchain@go1.22.2');
  assert.equal(one('Maven', 'log4j-core', '2.17.1', undefined, 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1'),
    'mvn versions:use-dep-version -Dincludes=org.apache.logging.log4j:log4j-core -DdepVersion=2.17.1 -DforceVersion=true');
  assert.equal(one('crates.io', 'time', '0.2.23'), 'cargo update -p time --precise 0.2.23');
  assert.equal(one('RubyGems', 'rack', '2.2.8.1'), 'gem install rack -v 2.2.8.1');
  assert.equal(one('NuGet', 'System.Text.Json', '8.0.4'), 'dotnet add package System.Text.Json --version 8.0.4');
  assert.equal(one('Packagist', 'guzzlehttp/guzzle', '7.4.5'), 'composer require guzzlehttp/guzzle:7.4.5');
  assert.equal(one('npm', "we'ird", '1.0.0'), `npm install 'we'\\''ird@1.0.0'`);
});

test('the upgrade lines in the table, Markdown and HTML reports', async () => {
  const dir = tempDir('cg-upgrades-report-');
  const db = join(dir, 'vuln.db');
  assert.equal((await runCli(['db', 'build', '--output', db, sampleFeed])).code, 0);
  const line = 'apt-get install --only-upgrade libgssapi-krb5-2=1.21.3-5+deb13u2 libk5crypto3=1.21.3-5+deb13u2 libkrb5-3=1.21.3-5+deb13u2 libkrb5support0=1.21.3-5+deb13u2';
  const out = (format: string) => runCli(['image', '--input', sampleTar, '--db', db, '--scanners', 'vuln', '--format', format, '--cache-dir', join(dir, 'cache'), '--quiet']);
  const table = (await out('table')).stdout;
  assert.match(table, /^Upgrade \(4 packages, fixes 18 vulnerabilities\)$/m);
  assert.ok(table.includes(`libgssapi-krb5-2 libk5crypto3 libkrb5-3 libkrb5support0  1.21.3-5+deb13u1 → 1.21.3-5+deb13u2  (18 fixed)\n  ${line}\n`), table.slice(-600));
  const md = (await out('markdown')).stdout;
  assert.ok(md.includes(`| libgssapi-krb5-2 libk5crypto3 libkrb5-3 libkrb5support0 | 1.21.3-5+deb13u1 | 1.21.3-5+deb13u2 | 18 | \`${line}\` |`), md.slice(-800));
  const html = (await out('html')).stdout;
  assert.ok(html.includes(`<td><code>${line}</code></td>`));
});
