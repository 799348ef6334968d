// `npm run bench -- dashboard`: dashboard pages with 1,000 stored images (target: each under 1 s).
// A real server process (dist/cli/bin.js server, SQLite store, the sample DB), 1,000 uploads of
// the bundled Debian 13 sample's scan under distinct names and digests (each matched by the
// server: 72 vulnerability findings apiece), then each page fetched with a signed-in cookie,
// 5 times, median and max. The pages are server-rendered: this is the time to first byte of HTML
// the browser receives complete (the trend chart loads its events afterwards, not timed here).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const bin = join(repo, 'dist', 'cli', 'bin.js');
const IMAGES = Number(process.env.COASTGUARD_BENCH_IMAGES ?? 1000);
const work = mkdtempSync(join(tmpdir(), 'cg-bench-dash-'));
const db = join(work, 'vuln.db');
execFileSync(process.execPath, [bin, 'db', 'build', '--quiet', '--output', db, join(repo, 'samples', 'debian-security-tracker.json')]);
const scan = JSON.parse(execFileSync(process.execPath, [bin, 'image', '--input', join(repo, 'samples', 'debian13-sample.tar'), '--db', db, '--quiet', '--format', 'json'], { maxBuffer: 1 << 28 }).toString());

const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(process.execPath, [bin, 'server', '--listen', `127.0.0.1:${port}`, '--store', join(work, 'store.db'), '--db', db, '--admin-token-file', join(work, 'admin')], { stdio: ['ignore', 'ignore', 'pipe'] });
let log = '';
server.stderr.on('data', (c) => (log += c));
await new Promise((ok, fail) => {
  const t = setInterval(() => /listening on/.test(log) && (clearInterval(t), ok()), 100);
  server.once('exit', (c) => fail(new Error(`server exited ${c}: ${log}`)));
});
const base = `http://127.0.0.1:${port}`;
const admin = readFileSync(join(work, 'admin'), 'utf8').trim();
try {
  const hex = (n) => n.toString(16).padStart(64, '0');
  let t0 = performance.now();
  const queue = Array.from({ length: IMAGES }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        const body = JSON.stringify({ ...scan, artifact: { ...scan.artifact, name: `bench.example/team-${i % 37}/app-${i}:1`, digest: `sha256:${hex(i + 1)}` } });
        const r = await fetch(`${base}/api/v1/scans`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body });
        if (r.status !== 201) throw new Error(`upload ${i}: HTTP ${r.status} ${await r.text()}`);
      }
    }),
  );
  console.log(`uploaded ${IMAGES} scans in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const cookie = `cg_session=${encodeURIComponent(admin)}`;
  const cve = scan.findings.find((f) => f.kind === 'vulnerability').id;
  const pages = ['/', `/images/${encodeURIComponent(`sha256:${hex(IMAGES)}`)}`, `/vulnerabilities/${cve}`, '/rules', '/events', '/admin'];
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('page                                   median ms   max ms   KB');
  let worst = 0;
  for (const p of pages) {
    const times = [];
    let size = 0;
    for (let k = 0; k < 5; k++) {
      t0 = performance.now();
      const r = await fetch(base + p, { headers: { cookie }, redirect: 'manual' });
      const text = await r.text();
      times.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`${p}: HTTP ${r.status}`);
      size = text.length;
    }
    times.sort((a, b) => a - b);
    worst = Math.max(worst, times[2]);
    console.log(`${p.slice(0, 38).padEnd(38)} ${times[2].toFixed(0).padStart(9)} ${times[4].toFixed(0).padStart(8)} ${(size / 1024).toFixed(0).padStart(6)}`);
  }
  console.log(`slowest median ${worst.toFixed(0)} ms (target < 1000 ms): ${worst < 1000 ? 'met' : 'NOT met'}`);
} finally {
  server.kill('SIGTERM');
}
