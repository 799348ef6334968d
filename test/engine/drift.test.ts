import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import type { ScanResult } from '../../src/core/types.js';
import { tempDir } from '../helpers.js';
import { runCli } from '../support/cli.js';
import { loadDebianImage, startPodman, type TestPodman } from '../support/podman.js';

// A real container of the project's Debian test image in a real Podman: the test adds an
// executable, changes and deletes files, adds data, and installs a .deb it builds with dpkg-deb.
let podman: TestPodman;
const work = tempDir('cg-drift-');
let db: string;

before(async () => {
  podman = await startPodman();
  loadDebianImage(podman);
  // A tiny Debian package, and a DB (built by `db build` from a Debian security tracker record) that knows a CVE in it.
  const pkg = join(work, 'pkg');
  mkdirSync(join(pkg, 'DEBIAN'), { recursive: true });
  mkdirSync(join(pkg, 'usr/bin'), { recursive: true });
  writeFileSync(join(pkg, 'DEBIAN/control'), 'Package: cg-hello\nVersion: 1.0-1\nArchitecture: all\nMaintainer: Coastguard tests <tests@example.org>\nDescription: drift test package\n');
  writeFileSync(join(pkg, 'usr/bin/cg-hello'), '#!/bin/sh\necho hello\n');
  chmodSync(join(pkg, 'usr/bin/cg-hello'), 0o755);
  execFileSync('dpkg-deb', ['--root-owner-group', '--build', pkg, join(work, 'cg-hello.deb')], { stdio: 'ignore' });
  const tracker = { 'cg-hello': { 'CVE-2026-0001': { description: 'drift test', scope: 'local', releases: { bookworm: { status: 'resolved', fixed_version: '1.0-2', urgency: 'high', repositories: { bookworm: '1.0-2' } } } } } };
  writeFileSync(join(work, 'tracker.json'), JSON.stringify(tracker));
  db = join(work, 'drift.db');
  assert.equal((await runCli(['db', 'build', '--output', db, join(work, 'tracker.json')])).code, 0);

  const data = join(work, 'volume');
  mkdirSync(data);
  podman.start('web', ['-v', `${data}:/data`]);
  podman.run(['cp', join(work, 'cg-hello.deb'), 'web:/root/cg-hello.deb']);
  const script = [
    'dpkg -i /root/cg-hello.deb >/dev/null',
    'rm /root/cg-hello.deb',
    'cp /bin/true /usr/local/bin/tool', // a new executable (ELF)
    'echo changed >> /etc/motd', // a changed file under /etc
    'rm /etc/issue.net', // a deleted file
    'echo data > /srv/data.txt', // data
    'echo scratch > /tmp/scratch', // ignored: /tmp
    'echo vol > /data/file', // ignored: a volume
  ].join(' && ');
  podman.run(['exec', 'web', 'sh', '-c', script]);
  podman.start('clean', []);
});
after(() => podman?.stop());

async function drift(args: string[]): Promise<{ code: number; result: ScanResult; stderr: string }> {
  const out = join(work, `out-${Math.random().toString(36).slice(2)}.json`);
  const r = await runCli(['drift', ...args, '--podman-host', podman.host, '--format', 'json', '--output', out]);
  return { code: r.code, stderr: r.stderr, result: r.code === 0 || r.code === 9 ? (JSON.parse(readFileSync(out, 'utf8')) as ScanResult) : ({} as ScanResult) };
}

test('drift reports exactly the changed paths, the new executable HIGH, and the package dpkg installed with its CVE', async () => {
  const { code, result, stderr } = await drift(['web', '--db', db]);
  assert.equal(code, 0, stderr);
  assert.equal(result.artifact.type, 'container');
  assert.equal(result.artifact.name, 'web');
  const paths = result.findings.filter((f) => f.kind === 'drift' && f.id !== 'CG-DRIFT-002').map((f) => `${f.severity} ${f.change} ${f.location.path}`).sort();
  assert.deepEqual(paths, [
    'HIGH added /usr/bin/cg-hello',
    'HIGH added /usr/local/bin/tool',
    'LOW added /srv/data.txt',
    // dpkg's own bookkeeping for the install: real changes too
    'LOW added /var/lib/dpkg/info/cg-hello.list',
    'LOW added /var/lib/dpkg/info/cg-hello.md5sums',
    'LOW modified /var/lib/dpkg/lock',
    'LOW modified /var/lib/dpkg/lock-frontend',
    'LOW modified /var/lib/dpkg/status',
    'LOW modified /var/lib/dpkg/status-old',
    'LOW modified /var/lib/dpkg/triggers/Lock',
    'LOW modified /var/log/dpkg.log',
    'MEDIUM deleted /etc/issue.net',
    'MEDIUM modified /etc/motd',
  ]);
  const tool = result.findings.find((f) => f.location.path === '/usr/local/bin/tool')!;
  assert.equal(tool.fileType, 'executable');
  assert.equal(tool.id, 'CG-DRIFT-001');
  const pkgs = result.findings.filter((f) => f.id === 'CG-DRIFT-002');
  assert.deepEqual(pkgs.map((f) => [f.severity, f.change, f.package]), [
    ['HIGH', 'added', { name: 'cg-hello', version: '1.0-1', ecosystem: 'Debian', purl: 'pkg:deb/debian/cg-hello@1.0-1?arch=all&distro=debian-12.15' }],
  ]);
  const vulns = result.findings.filter((f) => f.kind === 'vulnerability');
  assert.deepEqual(vulns.map((f) => [f.id, f.severity, (f.package as { name: string }).name, f.fixedVersion ?? (f as { fixed?: string }).fixed]), [['CVE-2026-0001', 'HIGH', 'cg-hello', '1.0-2']]);
});

test('an untouched container has no drift; --exit-code gates; --no-default-ignores shows /tmp, --ignore-path hides', async () => {
  let r = await drift(['clean', '--db', db, '--exit-code', '9']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.result.findings, []);
  r = await drift(['web', '--db', db, '--exit-code', '9', '--severity', 'HIGH']);
  assert.equal(r.code, 9);
  r = await drift(['web', '--db', db, '--no-default-ignores', '--ignore-path', '/var,/usr', '--scanners', 'vuln']);
  assert.deepEqual(r.result.findings.map((f) => f.location.path).sort(), ['/etc/issue.net', '/etc/motd', '/srv/data.txt', '/tmp/scratch']);
  r = await drift(['--all', '--db', db]);
  assert.deepEqual([...new Set(r.result.findings.map((f) => f.target))], ['web']);
  assert.equal(r.result.artifact.name, '2 containers');
});

test('a SARIF report of drift names the paths', async () => {
  const out = join(work, 'drift.sarif');
  const r = await runCli(['drift', 'web', '--podman-host', podman.host, '--db', db, '--format', 'sarif', '--output', out]);
  assert.equal(r.code, 0, r.stderr);
  const uris = (JSON.parse(readFileSync(out, 'utf8')).runs[0].results as { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[]).map((x) => x.locations[0].physicalLocation.artifactLocation.uri);
  assert.ok(uris.includes('usr/local/bin/tool'), uris.join(' '));
  assert.ok(uris.includes('etc/motd'), uris.join(' '));
});

test('bad input: no such container exit 3, no engine exit 6, one line each', async () => {
  let r = await runCli(['drift', 'nope', '--podman-host', podman.host]);
  assert.equal(r.code, 3);
  assert.equal(r.stderr, 'coastguard: no such container in the podman engine: nope\n');
  const sock = `unix://${join(work, 'absent.sock')}`;
  r = await runCli(['drift', 'web', '--podman-host', sock]);
  assert.equal(r.code, 6);
  assert.equal(r.stderr, `coastguard: podman engine unreachable (no socket): ${sock}\n`);
  r = await runCli(['drift']);
  assert.equal(r.code, 2);
});

test('containers lists every running container with image, digest, start time, drift summary and finding counts', async () => {
  const out = join(work, 'containers.json');
  const r = await runCli(['containers', '--podman-host', podman.host, '--db', db, '--scanners', 'misconfig', '--format', 'json', '--output', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  type Row = { name: string; image: string; digest: string; startedAt: string; drift: Record<string, number>; driftFindings: Record<string, number>; imageFindings: Record<string, number> };
  const rows = (JSON.parse(readFileSync(out, 'utf8')) as { containers: Row[] }).containers.sort((a, b) => a.name.localeCompare(b.name));
  assert.deepEqual(rows.map((c) => c.name), ['clean', 'web']);
  for (const c of rows) {
    assert.equal(c.image, 'docker.io/coastguard-test/debian-layers:latest');
    assert.match(c.digest, /^(docker\.io\/coastguard-test\/debian-layers@)?sha256:[0-9a-f]{64}$/);
    assert.ok(!Number.isNaN(Date.parse(c.startedAt)), c.startedAt);
    // The image scan (misconfig: 2 image-config rules, 11 setuid files) is the same for both.
    assert.deepEqual(c.imageFindings, { UNKNOWN: 0, LOW: 12, MEDIUM: 0, HIGH: 1, CRITICAL: 0 });
  }
  assert.deepEqual(rows[0].drift, { added: 0, modified: 0, deleted: 0, packages: 0 });
  assert.deepEqual(rows[1].drift, { added: 5, modified: 7, deleted: 1, packages: 1 });
  // Drift of web without vulnerabilities (--scanners misconfig): 2 executables + 1 package HIGH, 2 /etc MEDIUM, 9 LOW.
  assert.deepEqual(rows[1].driftFindings, { UNKNOWN: 0, LOW: 9, MEDIUM: 2, HIGH: 3, CRITICAL: 0 });
  const gated = await runCli(['containers', '--podman-host', podman.host, '--skip-image-scan', '--severity', 'HIGH', '--exit-code', '7', '--quiet']);
  assert.equal(gated.code, 7);
  assert.match(gated.stdout, /^NAME +ID +IMAGE/);
});

test('a container removed while drift looks at it: exit 3, one line', async () => {
  podman.start('doomed', []);
  podman.run(['exec', 'doomed', 'sh', '-c', 'echo x > /srv/x']);
  // A relay to the real Podman that removes the container when the first file body is asked for.
  const relay = join(work, 'doomed.sock');
  let removed = false;
  const server = createServer((client) => {
    const upstream = connect(podman.socket);
    client.on('data', (c: Buffer) => {
      if (!removed && /^GET \/containers\/[^/]+\/archive/.test(c.toString('latin1'))) {
        removed = true;
        podman.run(['rm', '-f', '-t', '0', 'doomed']);
      }
      upstream.write(c);
    });
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('end', () => upstream.end());
  });
  await new Promise<void>((r) => server.listen(relay, r));
  try {
    const r = await runCli(['drift', 'doomed', '--podman-host', `unix://${relay}`, '--quiet']);
    assert.ok(removed);
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stderr, 'coastguard: container went away during the drift check: doomed\n');
  } finally {
    await new Promise((r) => server.close(r));
  }
});
