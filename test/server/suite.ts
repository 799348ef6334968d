/**
 * The server's behaviour, run once per store (sqlite.test.ts, postgres.test.ts): a real server
 * process on 127.0.0.1, the real CLI uploading, the server's --db file rebuilt by `db build`.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoRoot, tempDir } from '../helpers.js';
import { runCli } from '../support/cli.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { api, startReceiver, startServerProcess, waitFor, type TestServer } from '../support/server.js';

const SAMPLE = join(repoRoot, 'samples', 'debian13-sample.tar');
const DEBIAN_FEED = join(repoRoot, 'samples', 'debian-security-tracker.json');
// A DB that knows none of the sample's advisories: Alpine only.
const OTHER_FEED = join(repoRoot, 'test', 'fixtures', 'vulndb', 'alpine');
const DIGEST = 'sha256:d9e9582c9dff790d55ee366c594aaabc258e3b76f9efbb97228f94d1d426492a';

export function serverSuite(name: string, storeFor: () => string): void {
  describe(`coastguard server (${name} store)`, () => {
    const dir = tempDir('cg-server-');
    const emptyDb = join(dir, 'empty.db');
    const fullDb = join(dir, 'full.db');
    const serverDb = join(dir, 'server.db');
    const adminFile = join(dir, 'admin-token');
    let store: string;
    let server: TestServer;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    let admin: string;
    let uploader: string;
    let reader: string;
    let args: string[];
    let registry: TestRegistry;
    let env: Record<string, string>;

    before(async () => {
      assert.equal((await runCli(['db', 'build', '--quiet', '--output', emptyDb, OTHER_FEED])).code, 0);
      assert.equal((await runCli(['db', 'build', '--quiet', '--output', fullDb, DEBIAN_FEED])).code, 0);
      copyFileSync(emptyDb, serverDb);
      store = storeFor();
      receiver = await startReceiver();
      registry = await startRegistry(tempDir('cg-server-reg-'));
      env = { COASTGUARD_USERNAME: registry.user, COASTGUARD_PASSWORD: registry.password, COASTGUARD_CACHE_DIR: join(dir, 'cache') };
      args = ['--store', store, '--db', serverDb, '--admin-token-file', adminFile, '--webhook', receiver.url, '--max-body-mb', '4', '--insecure', '--watch', `${registry.host}/team/watched:1`, '--watch-interval', '2s'];
      server = await startServerProcess(args, undefined, env);
      admin = readFileSync(adminFile, 'utf8').trim();
    });
    after(async () => {
      await server?.stop();
      await receiver?.close();
      await registry?.stop();
    });

    it('answers 401 without a token, with a wrong one, and 403 without the scope', async () => {
      assert.equal((await api(server.url, '/api/v1/images')).status, 401);
      const wrong = await api(server.url, '/api/v1/images', 'cgt_not-a-token');
      assert.equal(wrong.status, 401);
      assert.deepEqual(wrong.body, { error: 'invalid token', status: 401 });
      const t = await api(server.url, '/api/v1/tokens', admin, { body: { name: 'ci', scopes: ['upload', 'read'] } });
      assert.equal(t.status, 201);
      assert.match(t.body.token, /^cgt_[A-Za-z0-9_-]{43}$/);
      uploader = t.body.token;
      const r = await api(server.url, '/api/v1/tokens', admin, { body: { name: 'dashboard', scopes: ['read'] } });
      reader = r.body.token;
      const forbidden = await api(server.url, '/api/v1/scans', reader, { body: {} });
      assert.equal(forbidden.status, 403);
      assert.equal(forbidden.body.error, 'token "dashboard" lacks the upload scope');
      // Shown once: the list has names and scopes, never a token.
      const list = await api(server.url, '/api/v1/tokens', admin);
      assert.deepEqual(list.body.items.map((x: any) => [x.name, x.scopes, 'token' in x]), [['ci', ['upload', 'read'], false], ['dashboard', ['read'], false]]);
      const expired = await api(server.url, '/api/v1/tokens', admin, { body: { name: 'old', scopes: ['read'], expiresAt: '2020-01-01T00:00:00Z' } });
      assert.deepEqual((await api(server.url, '/api/v1/images', expired.body.token)).body, { error: 'token expired', status: 401 });
    });

    it('keeps the scan output and exit code of an uploading scan, and stores the image', async () => {
      const plain = await runCli(['image', '--input', SAMPLE, '--db', emptyDb, '--exit-code', '9', '--quiet']);
      const up = await runCli(['image', '--input', SAMPLE, '--db', emptyDb, '--exit-code', '9', '--quiet', '--server', server.url, '--token', uploader]);
      // The gate fails (exit 4: the DB covers none of the image's ecosystems) with or without a server.
      assert.equal(plain.code, 4);
      assert.equal(up.code, 4);
      assert.equal(up.stdout, plain.stdout);
      assert.equal(up.stderr, plain.stderr);
      const images = await api(server.url, '/api/v1/images', reader);
      assert.equal(images.body.total, 1);
      const img = images.body.items[0];
      assert.deepEqual([img.name, img.digest, img.os, img.packages, img.scans], ['docker.io/coastguard/sample:debian13', DIGEST, { family: 'debian', version: '13.8' }, 129, 1]);
      const vulns = await api(server.url, `/api/v1/images/${DIGEST}/findings?kind=vulnerability`, reader);
      assert.equal(vulns.body.total, 0);
    });

    it('a failed upload is exit 6 with one line, after the scan output', async () => {
      const r = await runCli(['image', '--input', SAMPLE, '--db', emptyDb, '--quiet', '--format', 'json', '--server', server.url, '--token', 'cgt_wrong']);
      assert.equal(r.code, 6);
      assert.equal(JSON.parse(r.stdout).artifact.digest, DIGEST);
      assert.equal(r.stderr, `coastguard: upload failed: HTTP 401 (invalid token): ${server.url}/api/v1/scans\n`);
    });

    it('re-matches stored images when the DB file is rebuilt: findings and a webhook within 90 s, no further call', async () => {
      // The CLI's own verdict with the new DB is what the server must arrive at without rescanning.
      const direct = JSON.parse((await runCli(['image', '--input', SAMPLE, '--db', fullDb, '--quiet', '--format', 'json', '--scanners', 'vuln'])).stdout);
      const expected = direct.findings.map((f: any) => f.fingerprint).sort();
      assert.equal(expected.length, 72);
      assert.equal((await runCli(['db', 'build', '--quiet', '--output', serverDb, DEBIAN_FEED])).code, 0);
      const found = await waitFor(async () => {
        const r = await api(server.url, `/api/v1/images/${DIGEST}/findings?kind=vulnerability&limit=1000`, reader);
        return r.body.total === 72 && r.body;
      }, 90_000, 'the re-matched findings');
      assert.deepEqual(found.items.map((f: any) => f.fingerprint).sort(), expected);
      assert.equal(found.items[0].kind, 'vulnerability');
      assert.ok(found.items.every((f: any) => f.package?.purl?.startsWith('pkg:deb/debian/')));
      const hook = await waitFor(async () => receiver.bodies.find((b: any) => b.event === 'findings.new' && b.findings.some((f: any) => f.kind === 'vulnerability')) as any, 90_000, 'the webhook');
      assert.deepEqual(hook.image, { name: 'docker.io/coastguard/sample:debian13', digest: DIGEST });
      assert.equal(hook.cause, 'db-change');
      assert.deepEqual(hook.findings.map((f: any) => f.fingerprint).sort(), expected);
      const events = await api(server.url, `/api/v1/events?digest=${DIGEST}&type=findings.new&limit=5000`, reader);
      assert.equal(events.body.items.filter((e: any) => e.cause === 'db-change').length, 72);
      const img = (await api(server.url, `/api/v1/images/${DIGEST}`, reader)).body;
      assert.equal(img.counts.high + img.counts.critical + img.counts.medium + img.counts.low + img.counts.unknown, 74);
    });

    it('answers where a vulnerability is, what it is, and which images hold a package', async () => {
      const some = (await api(server.url, `/api/v1/images/${DIGEST}/findings?kind=vulnerability&limit=1`, reader)).body.items[0];
      const where = await api(server.url, `/api/v1/vulnerabilities/${some.id}/images`, reader);
      assert.equal(where.body.total, 1);
      assert.equal(where.body.items[0].digest, DIGEST);
      assert.ok(where.body.items[0].findings.some((f: any) => f.fingerprint === some.fingerprint));
      const v = await api(server.url, `/api/v1/vulnerabilities/${some.id}`, reader);
      assert.equal(v.status, 200);
      assert.equal(v.body.id, some.id);
      assert.deepEqual(Object.keys(v.body).filter((k) => ['severity', 'cvss', 'references', 'aliases'].includes(k)).sort(), ['aliases', 'cvss', 'references', 'severity']);
      assert.equal((await api(server.url, '/api/v1/vulnerabilities/CVE-1999-0000', reader)).status, 404);
      const purl = some.package.purl.split('@')[0];
      const pk = await api(server.url, `/api/v1/packages?purl=${encodeURIComponent(purl)}`, reader);
      assert.equal(pk.body.total, 1);
      assert.ok(pk.body.items[0].matches.every((m: any) => m.purl.startsWith(purl + '@')));
    });

    it('refuses bad input with a 4xx JSON error, stores nothing, stays up', async () => {
      const before = (await api(server.url, '/api/v1/audit?limit=5000', admin)).body.items.length;
      const garbage = await api(server.url, '/api/v1/scans', uploader, { raw: '{"schemaVersion": 1, "artifact": ' });
      assert.equal(garbage.status, 400);
      assert.match(garbage.body.error, /^request body is not valid JSON/);
      const wrongShape = await api(server.url, '/api/v1/scans', uploader, { body: { schemaVersion: 1, artifact: { name: 'x', type: 'container_image' }, packages: [{ name: 'a' }], findings: [] } });
      assert.equal(wrongShape.status, 400);
      assert.match(wrongShape.body.error, /^not a coastguard scan result: packages\.0\.version: /);
      const version = await api(server.url, '/api/v1/scans', uploader, { body: { schemaVersion: 99, artifact: { name: 'x', type: 'sbom' }, packages: [], findings: [] } });
      assert.equal(version.body.error, 'not a coastguard scan result: schemaVersion: schemaVersion must be 1');
      // Declared 1 GB: refused from the header, before any body is read.
      const huge = await api(server.url, '/api/v1/scans', uploader, { raw: 'x', headers: { 'content-length': String(1024 ** 3) } }).catch((e) => ({ status: 0, body: String(e) }));
      assert.ok(huge.status === 413 || huge.status === 0, `huge: ${huge.status}`);
      // Streamed past the 4 MB cap (no length announced up front).
      const big = await fetch(server.url + '/api/v1/scans', {
        method: 'POST',
        headers: { authorization: `Bearer ${uploader}`, 'content-type': 'application/json' },
        body: new ReadableStream({
          start(c) {
            for (let i = 0; i < 6; i++) c.enqueue(new Uint8Array(1024 * 1024).fill(32));
            c.close();
          },
        }),
        duplex: 'half',
      } as RequestInit).then((r) => r.status, () => 0);
      assert.ok(big === 413 || big === 0, `streamed: ${big}`);
      assert.equal((await api(server.url, '/api/v1/images/sha256:0000000000000000000000000000000000000000000000000000000000000000/findings', reader)).status, 404);
      assert.equal((await api(server.url, '/api/v1/nothing', reader)).status, 404);
      assert.equal((await api(server.url, '/api/v1/images?limit=0', reader)).status, 400);
      const images = await api(server.url, '/api/v1/images', reader);
      assert.equal(images.body.total, 1);
      assert.equal((await api(server.url, '/api/v1/audit?limit=5000', admin)).body.items.length, before);
      assert.equal((await api(server.url, '/api/v1/health')).body.status, 'ok');
    });

    it('refuses a corrupt replacement DB and keeps matching with the old one', async () => {
      const junk = join(dir, 'junk.db');
      writeFileSync(junk, 'SQLite format 3\0' + 'x'.repeat(4000));
      renameSync(junk, serverDb);
      const db = await waitFor(async () => {
        const r = await api(server.url, '/api/v1/db', reader);
        return r.body.refused && r.body;
      }, 30_000, 'the refusal');
      assert.equal(db.loaded, true);
      assert.match(db.refused, /vulnerability database/);
      assert.match(server.log(), /new vulnerability DB refused, the old one is kept/);
      assert.equal((await api(server.url, `/api/v1/images/${DIGEST}/findings?kind=vulnerability`, reader)).body.total, 72);
      // A forced reload of the broken file is refused too, with a 422.
      assert.equal((await api(server.url, '/api/v1/db/reload', admin, { method: 'POST' })).status, 422);
    });

    it('records every write in the audit log', async () => {
      const log = (await api(server.url, '/api/v1/audit?limit=5000', admin)).body.items;
      const actions = log.map((e: any) => `${e.actor} ${e.action}`);
      assert.deepEqual(actions.filter((a: string) => a.includes('tokens')), ['admin POST /api/v1/tokens', 'admin POST /api/v1/tokens', 'admin POST /api/v1/tokens']);
      assert.deepEqual(actions.filter((a: string) => a.includes('scans')), ['ci POST /api/v1/scans']);
      assert.equal(log.find((e: any) => e.action === 'POST /api/v1/scans').detail.digest, DIGEST);
      assert.equal((await api(server.url, '/api/v1/audit', reader)).status, 403);
    });

    it('loses nothing on restart', async () => {
      const beforeFindings = (await api(server.url, `/api/v1/images/${DIGEST}/findings?limit=1000`, reader)).body;
      const beforeEvents = (await api(server.url, '/api/v1/events?limit=5000', reader)).body;
      assert.equal(await server.stop(), 0);
      copyFileSync(fullDb, serverDb);
      server = await startServerProcess(args, server.port, env);
      assert.equal((await api(server.url, '/api/v1/images')).status, 401);
      assert.deepEqual((await api(server.url, `/api/v1/images/${DIGEST}/findings?limit=1000`, reader)).body, beforeFindings);
      assert.deepEqual((await api(server.url, '/api/v1/events?limit=5000', reader)).body, beforeEvents);
      assert.equal((await api(server.url, '/api/v1/images', uploader)).body.items[0].scans, 1);
    });

    it('scans an image on the server through the job queue (POST /api/v1/scan-requests)', async () => {
      await registry.push(`docker-archive:${SAMPLE}`, 'team/sample:1');
      const ref = `${registry.host}/team/sample:1`;
      assert.equal((await api(server.url, '/api/v1/scan-requests', uploader, { body: { ref: 'not a ref!' } })).status, 400);
      const r = await api(server.url, '/api/v1/scan-requests', uploader, { body: { ref } });
      assert.equal(r.status, 202);
      assert.deepEqual([r.body.ref, r.body.status, r.body.origin], [ref, 'queued', 'api']);
      const done = await waitFor(async () => {
        const x = (await api(server.url, `/api/v1/scan-requests/${r.body.id}`, reader)).body;
        assert.notEqual(x.status, 'failed', x.error);
        return x.status === 'done' && x;
      }, 60_000, 'the server-side scan');
      assert.equal(done.attempts, 1);
      // The server's DB is the Debian feed by now: the same 72 vulnerabilities as the CLI finds.
      const f = await api(server.url, `/api/v1/images/${encodeURIComponent(done.digest)}/findings?kind=vulnerability&limit=1000`, reader);
      assert.equal(f.body.total, 72);
      const ev = await api(server.url, `/api/v1/events?digest=${encodeURIComponent(done.digest)}&type=findings.new&limit=5000`, reader);
      assert.ok(ev.body.items.length >= 72 && ev.body.items.every((e: any) => e.cause === 'server-scan'));
    });

    it('scans a new digest of a watched tag without being asked (--watch)', async () => {
      await registry.push(`docker-archive:${SAMPLE}`, 'team/watched:1');
      const img = await waitFor(async () => {
        const r = await api(server.url, '/api/v1/images?name=team/watched', reader);
        return r.body.total === 1 && r.body.items[0];
      }, 60_000, 'the watched tag to be scanned');
      assert.equal(img.packages, 129);
      const reqs = (await api(server.url, '/api/v1/scan-requests', reader)).body.items.filter((x: any) => x.origin === 'watch');
      assert.equal(reqs.length, 1);
      assert.equal(reqs[0].status, 'done');
    });

    it('takes Dependency-Track BOM uploads (PUT base64 JSON, POST multipart) and matches them', async () => {
      const cdx = (await runCli(['image', '--input', SAMPLE, '--quiet', '--format', 'cyclonedx', '--scanners', 'vuln', '--db', fullDb])).stdout;
      const put = await api(server.url, '/api/v1/bom', undefined, { method: 'PUT', body: { projectName: 'shop', projectVersion: '1.0', autoCreate: true, bom: Buffer.from(cdx).toString('base64') }, headers: { 'x-api-key': uploader } });
      assert.equal(put.status, 200);
      assert.match(put.body.token, /^[0-9a-f-]{36}$/);
      assert.deepEqual((await api(server.url, `/api/v1/bom/token/${put.body.token}`, reader)).body, { processing: false });
      const shop = (await api(server.url, '/api/v1/images?name=shop', reader)).body.items[0];
      assert.deepEqual([shop.name, shop.type, shop.packages], ['shop:1.0', 'sbom', 129]);
      assert.equal((await api(server.url, `/api/v1/images/${shop.digest}/findings?kind=vulnerability`, reader)).body.total, 72);
      const form = new FormData();
      form.set('projectName', 'shop');
      form.set('projectVersion', '1.0');
      form.set('bom', new Blob([cdx], { type: 'application/json' }), 'bom.json');
      const post = await fetch(server.url + '/api/v1/bom', { method: 'POST', headers: { 'x-api-key': uploader }, body: form });
      assert.equal(post.status, 200);
      assert.equal((await api(server.url, `/api/v1/images/${shop.digest}`, reader)).body.scans, 2);
      const unknown = await api(server.url, '/api/v1/bom', uploader, { method: 'PUT', body: { projectName: 'nobody', projectVersion: '1', bom: Buffer.from(cdx).toString('base64') } });
      assert.equal(unknown.status, 404);
      const broken = await api(server.url, '/api/v1/bom', uploader, { method: 'PUT', body: { projectName: 'broken', autoCreate: true, bom: Buffer.from('{"bomFormat": "CycloneDX", "components": [').toString('base64') } });
      assert.equal(broken.status, 400);
      assert.match(broken.body.error, /^malformed BOM: SBOM is not valid JSON/);
      assert.equal((await api(server.url, '/api/v1/images?name=broken', reader)).body.total, 0);
    });

    it('uploads from `coastguard sbom` and `coastguard fs` with COASTGUARD_SERVER / COASTGUARD_TOKEN', async () => {
      const cdxFile = join(dir, 'sample.cdx.json');
      writeFileSync(cdxFile, (await runCli(['image', '--input', SAMPLE, '--quiet', '--format', 'cyclonedx', '--scanners', 'vuln', '--db', fullDb])).stdout);
      const tree = join(dir, 'tree');
      mkdirSync(tree);
      writeFileSync(join(tree, 'requirements.txt'), 'jinja2==2.10\n');
      process.env.COASTGUARD_SERVER = server.url;
      process.env.COASTGUARD_TOKEN = uploader;
      try {
        const sb = await runCli(['sbom', cdxFile, '--db', fullDb, '--quiet', '--format', 'json', '--output', join(dir, 'sbom.json')]);
        assert.equal(sb.code, 0, sb.stderr);
        const fsScan = await runCli(['fs', tree, '--db', fullDb, '--quiet', '--format', 'json', '--output', join(dir, 'fs.json')]);
        assert.equal(fsScan.code, 0, fsScan.stderr);
      } finally {
        delete process.env.COASTGUARD_SERVER;
        delete process.env.COASTGUARD_TOKEN;
      }
      const all = (await api(server.url, '/api/v1/images?limit=1000', reader)).body.items;
      const sbom = all.find((i: any) => i.type === 'sbom' && i.name === 'docker.io/coastguard/sample:debian13');
      assert.equal(sbom.packages, 129);
      assert.equal((await api(server.url, `/api/v1/images/${sbom.digest}/findings?kind=vulnerability`, reader)).body.total, 72);
      const fsImage = all.find((i: any) => i.type === 'filesystem' && i.name === tree);
      assert.equal(fsImage.packages, 1);
    });

    it('is a Harbor pluggable scanner (v1.2): metadata, scan → 202, report after 302 + Refresh-After', async () => {
      const meta = await fetch(server.url + '/harbor/api/v1/metadata', { headers: { authorization: `Bearer ${reader}` } });
      assert.equal(meta.headers.get('content-type'), 'application/vnd.scanner.adapter.metadata+json; version=1.1');
      const m = await meta.json();
      assert.deepEqual(m.capabilities.map((c: any) => c.type), ['vulnerability', 'sbom']);
      assert.ok(m.properties['harbor.scanner-adapter/vulnerability-database-updated-at']);
      const manifest = await fetch(`http://${registry.host}/v2/team/sample/manifests/1`, {
        method: 'HEAD',
        headers: { authorization: 'Basic ' + Buffer.from(`${registry.user}:${registry.password}`).toString('base64'), accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' },
      });
      const digest = manifest.headers.get('docker-content-digest')!;
      const scan = await api(server.url, '/harbor/api/v1/scan', uploader, {
        body: {
          registry: { url: `http://${registry.host}`, authorization: 'Basic ' + Buffer.from(`${registry.user}:${registry.password}`).toString('base64') },
          artifact: { repository: 'team/sample', digest, tag: '1', mime_type: 'application/vnd.docker.distribution.manifest.v2+json' },
        },
        headers: { 'content-type': 'application/vnd.scanner.adapter.scan.request+json; version=1.1' },
      });
      assert.equal(scan.status, 202);
      const reportUrl = `${server.url}/harbor/api/v1/scan/${scan.body.id}/report`;
      const headers = { authorization: `Bearer ${reader}`, accept: 'application/vnd.security.vulnerability.report; version=1.1' };
      const first = await fetch(reportUrl, { headers, redirect: 'manual' });
      if (first.status === 302) assert.equal(first.headers.get('refresh-after'), '5');
      else assert.equal(first.status, 200);
      const report = await waitFor(async () => {
        const r = await fetch(reportUrl, { headers, redirect: 'manual' });
        return r.status === 200 && { type: r.headers.get('content-type'), body: await r.json() };
      }, 60_000, 'the Harbor report');
      assert.equal(report.type, 'application/vnd.security.vulnerability.report; version=1.1');
      assert.deepEqual(report.body.artifact, { repository: 'team/sample', digest });
      assert.equal(report.body.vulnerabilities.length, 72);
      assert.equal(report.body.severity, report.body.vulnerabilities[0].severity);
      const v = report.body.vulnerabilities[0];
      assert.deepEqual(Object.keys(v).sort(), ['cwe_ids', 'description', 'fix_version', 'id', 'links', 'package', 'preferred_cvss', 'severity', 'vendor_attributes', 'version'].filter((k) => k !== 'preferred_cvss' || 'preferred_cvss' in v).sort());
      const sbom = await fetch(`${reportUrl}?sbom_media_type=application/vnd.cyclonedx%2Bjson`, { headers: { authorization: `Bearer ${reader}`, accept: 'application/vnd.security.sbom.report+json; version=1.0' } });
      const sb = await sbom.json();
      assert.equal(sb.media_type, 'application/vnd.cyclonedx+json');
      assert.equal(sb.sbom.bomFormat, 'CycloneDX');
      const missing = await fetch(`${server.url}/harbor/api/v1/scan/nope/report`, { headers });
      assert.equal(missing.status, 404);
      assert.deepEqual(await missing.json(), { error: { message: 'no scan request nope' } });
    });
  });
}
