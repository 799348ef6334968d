// `npm run bench -- server`: the server with 10,000 stored images on both stores.
// Inventories come from the real package sets of the test images (debian-layers, lang-apps,
// bench-1g, the Debian 13 sample), each copy with version variation (a quarter of the packages
// get their last version number moved by ±1..3), about 1.5–2M package rows in all.
// Measures: upload throughput (POST /api/v1/scans over HTTP, 8 in flight, server without a DB),
// then a full re-match when a DB file appears (every image gets its findings), then a full
// re-match after the DB is rebuilt from the same feeds (nothing changes: the pure matching cost).
// Real server processes (dist/cli/bin.js server), real PostgreSQL (test/support/postgres.ts).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const { startPostgres } = await import('../test/support/postgres.ts');
const { freePort } = await import('../test/support/registry.ts');

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const bin = join(repo, 'dist', 'cli', 'bin.js');
const IMAGES = Number(process.env.COASTGUARD_BENCH_IMAGES ?? 10000);
const work = mkdtempSync(join(tmpdir(), 'cg-bench-server-'));
const imagesDir = process.env.COASTGUARD_TEST_IMAGES ?? '/var/cache/coastguard-test-images';

// ── the DB: every advisory feed at hand ────────────────────────────────────────────────────────
const shared = process.env.COASTGUARD_ADVISORIES ?? resolve(repo, '../shared/data/advisories');
const feedRoot = existsSync(shared) ? shared : join(repo, 'test', 'fixtures', 'vulndb');
const feeds = [...readdirSync(feedRoot).map((n) => join(feedRoot, n)).filter((p) => statSync(p).isDirectory()), join(repo, 'samples', 'debian-security-tracker.json')];
const dbFile = join(work, 'vuln.db');
const buildDb = (out) => execFileSync(process.execPath, [bin, 'db', 'build', '--quiet', '--output', out, ...feeds], { stdio: ['ignore', 'ignore', 'inherit'] });
buildDb(join(work, 'ready.db'));

// ── real package sets ──────────────────────────────────────────────────────────────────────────
const inputs = [join(repo, 'samples', 'debian13-sample.tar'), ...['debian-layers', 'lang-apps', 'bench-1g'].map((n) => join(imagesDir, n, 'image.docker.tar')).filter(existsSync)];
const bases = inputs.map((input) => {
  const out = execFileSync(process.execPath, [bin, 'image', '--input', input, '--quiet', '--format', 'json', '--scanners', 'vuln', '--skip-db', '--cache-dir', join(work, 'cache')], { maxBuffer: 1 << 28 });
  const r = JSON.parse(out.toString());
  for (const p of r.packages) delete p.files;
  return r;
});
console.log(`package sets: ${bases.map((b) => `${b.artifact.name} (${b.packages.length})`).join(', ')}`);

let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const vary = (v) => v.replace(/(\d+)(?!.*\d)/, (d) => String(Math.max(0, Number(d) + Math.floor(rand() * 7) - 3)));
const hex = (n) => n.toString(16).padStart(64, '0');
function imageNumber(i) {
  const base = bases[i % bases.length];
  const packages = base.packages.map((p) => {
    if (rand() >= 0.25) return p;
    const version = vary(p.version);
    const src = p.source ? { ...p.source, version: p.source.version === p.version ? version : vary(p.source.version) } : undefined;
    return { ...p, version, purl: p.purl.replace(`@${encodeURIComponent(p.version)}`, `@${encodeURIComponent(version)}`).replace(`@${p.version}`, `@${version}`), ...(src ? { source: src } : {}) };
  });
  return { schemaVersion: 1, artifact: { ...base.artifact, name: `bench.example/team-${i % 97}/app-${i}:1`, digest: `sha256:${hex(i + 1)}` }, packages, findings: [] };
}
const uploads = Array.from({ length: IMAGES }, (_, i) => JSON.stringify(imageNumber(i)));
const rows = uploads.reduce((n, u, i) => n + bases[i % bases.length].packages.length, 0);
console.log(`${IMAGES} images, ${rows} package rows, ${(uploads.reduce((n, u) => n + u.length, 0) / 1048576).toFixed(0)} MB of upload JSON`);
console.log(`machine: ${cpus().length} CPUs (${cpus()[0].model}), load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

async function runStore(label, store) {
  rmSync(dbFile, { force: true });
  const port = await freePort();
  const adminFile = join(work, `admin-${label}`);
  const proc = spawn(process.execPath, [bin, 'server', '--listen', `127.0.0.1:${port}`, '--store', store, '--db', dbFile, '--admin-token-file', adminFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  proc.stderr.on('data', (c) => (log += c));
  while (!/listening on/.test(log)) {
    if (proc.exitCode !== null) throw new Error(log);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = `http://127.0.0.1:${port}`;
  const token = readFileSync(adminFile, 'utf8').trim();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  // Upload throughput: 8 requests in flight.
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = next++; i < uploads.length; i = next++) {
        const r = await fetch(url + '/api/v1/scans', { method: 'POST', headers, body: uploads[i] });
        if (r.status !== 201) throw new Error(`upload ${i}: ${r.status} ${await r.text()}`);
        await r.arrayBuffer();
      }
    }),
  );
  const upMs = performance.now() - t0;
  console.log(`  ${label}: upload ${IMAGES} scans in ${(upMs / 1000).toFixed(1)} s = ${(IMAGES / (upMs / 1000)).toFixed(0)} scans/s (${((rows / upMs) * 1000).toFixed(0)} package rows/s)`);

  const rematch = async (what) => {
    const before = (await (await fetch(url + '/api/v1/db', { headers })).json()).lastRematch?.finishedAt;
    const t = performance.now();
    renameSync(join(work, 'ready.db'), dbFile); // as `db build --output` does: a rename into place
    for (;;) {
      const s = (await (await fetch(url + '/api/v1/db', { headers })).json()).lastRematch;
      if (s && s.finishedAt !== before && s.images === IMAGES) {
        const wall = performance.now() - t;
        console.log(`  ${label}: ${what}: ${s.images} images, ${s.packages} packages re-matched in ${(s.ms / 1000).toFixed(1)} s (${(wall / 1000).toFixed(1)} s from the file rename), ${s.newFindings} new / ${s.resolvedFindings} resolved findings in ${s.changedImages} images`);
        return s;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  await rematch('first DB (every finding new)');
  buildDb(join(work, 'ready.db'));
  await rematch('DB rebuilt, same advisories (nothing changes)');
  const imgs = await (await fetch(url + '/api/v1/images?limit=1', { headers })).json();
  const t1 = performance.now();
  await (await fetch(url + '/api/v1/images?limit=100&sort=-critical', { headers })).json();
  console.log(`  ${label}: ${imgs.total} images stored; GET /api/v1/images?sort=-critical&limit=100 in ${(performance.now() - t1).toFixed(0)} ms`);
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
  buildDb(join(work, 'ready.db'));
}

try {
  await runStore('sqlite', join(work, 'store.db'));
  const pg = await startPostgres();
  try {
    await runStore('postgres', pg.createDb('bench'));
  } finally {
    await pg.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
