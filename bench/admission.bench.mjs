// Admission webhook latency (issue 15): `coastguard admission serve` in its own process on
// 127.0.0.1, loaded open-loop at a fixed 200 AdmissionReviews/s for 20 s over keep-alive TLS.
// Open loop: each review is sent at its scheduled time whether or not earlier ones have been
// answered, and latency counts from that scheduled time, so a stall shows up in the figures
// instead of quietly slowing the sender (coordinated omission). Payloads are the real Kubernetes
// objects of the repo's misconfig fixtures, in turn. Target: p99 < 25 ms, no failure.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const RATE = Number(process.env.ADMISSION_RATE ?? 200);
const SECONDS = Number(process.env.ADMISSION_SECONDS ?? 20);
const { parseK8s } = await import('../dist/misconfig/index.js');

const work = mkdtempSync(join(tmpdir(), 'cg-bench-admission-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(work, 'tls.key'),
  '-out', join(work, 'tls.crt'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
const ca = readFileSync(join(work, 'tls.crt'));

const bodies = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.ya?ml$/.test(name)) {
      for (const o of parseK8s(readFileSync(p, 'utf8'), p).objects) {
        const object = o.value;
        const [group, version] = String(object.apiVersion).includes('/') ? String(object.apiVersion).split('/') : ['', String(object.apiVersion)];
        bodies.push((uid) => JSON.stringify({
          apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
          request: { uid, kind: { group, version, kind: object.kind }, namespace: object.metadata?.namespace ?? 'default', operation: 'CREATE', userInfo: { username: 'bench' }, object, dryRun: false },
        }));
      }
    }
  }
};
for (const d of ['polaris', 'trivy-checks/checks/kubernetes', 'checkov/tests/kubernetes', 'corpus/kubernetes-examples']) walk(join(root, 'test', 'fixtures', 'misconfig', d));

const proc = spawn(process.execPath, [join(root, 'dist', 'cli', 'bin.js'), 'admission', 'serve', '--listen', '127.0.0.1:0',
  '--tls-cert', join(work, 'tls.crt'), '--tls-key', join(work, 'tls.key'), '--severity', 'HIGH,CRITICAL', '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
const url = await new Promise((resolve, reject) => {
  let err = '';
  proc.stderr.on('data', (d) => {
    err += d;
    const m = /listening on (https:\/\/\S+)\/validate/.exec(err);
    if (m) resolve(m[1]);
  });
  proc.on('exit', (c) => reject(new Error(`admission serve exited ${c}: ${err}`)));
});
const agent = new Agent({ keepAlive: true, maxSockets: 32 });

function send(body) {
  return new Promise((resolve) => {
    const req = request(new URL('/validate', url), { method: 'POST', ca, agent, timeout: 10_000, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        try {
          const r = JSON.parse(Buffer.concat(chunks).toString()).response;
          resolve(res.statusCode === 200 && typeof r?.allowed === 'boolean' ? (r.allowed ? 'allowed' : 'denied') : 'failure');
        } catch {
          resolve('failure');
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve('failure'));
    req.end(body);
  });
}

async function serverCpuSeconds() {
  const text = await new Promise((resolve, reject) => {
    request(new URL('/metrics', url), { ca, agent }, (res) => {
      let t = '';
      res.on('data', (d) => (t += d));
      res.on('end', () => resolve(t));
    }).on('error', reject).end();
  });
  return Number(/^process_cpu_seconds_total (\S+)$/m.exec(text)[1]);
}

// Warm-up: open connections and JIT the rules (not counted).
for (let i = 0; i < 200; i++) await send(bodies[i % bodies.length](`warm-${i}`));

console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (shared; figures vary with load)`);
console.log(`payloads: ${bodies.length} real Kubernetes objects from the misconfig fixtures, in turn; --severity HIGH,CRITICAL`);
const total = RATE * SECONDS;
const cpu0 = await serverCpuSeconds();
const latencies = [];
const outcome = { allowed: 0, denied: 0, failure: 0 };
const t0 = performance.now();
const inflight = [];
for (let i = 0; i < total; i++) {
  const due = t0 + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  const body = bodies[i % bodies.length](`bench-${i}`);
  inflight.push(send(body).then((r) => {
    latencies.push(performance.now() - due);
    outcome[r]++;
  }));
}
await Promise.all(inflight);
const elapsed = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(`open loop: ${total} reviews at ${RATE}/s scheduled over ${SECONDS} s, finished in ${elapsed.toFixed(1)} s over keep-alive TLS`);
console.log(`latency from scheduled send: p50 ${q(0.5).toFixed(2)} ms, p90 ${q(0.9).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, max ${latencies.at(-1).toFixed(2)} ms`);
const cpuMs = ((await serverCpuSeconds()) - cpu0) * 1000;
console.log(`webhook process CPU: ${(cpuMs / total).toFixed(2)} ms per review (TLS, HTTP, JSON and verdict; independent of the machine's load), ${(cpuMs / elapsed / 10).toFixed(1)}% of one core at ${RATE}/s`);
console.log(`answers: ${outcome.allowed} allowed, ${outcome.denied} denied, ${outcome.failure} failures`);
console.log(`target p99 < 25 ms with no failure: ${q(0.99) < 25 && outcome.failure === 0 ? 'met' : 'NOT met'}`);
agent.destroy();
proc.kill('SIGTERM');
