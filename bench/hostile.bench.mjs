// `npm run bench -- hostile`: the multi-GB hostile inputs of test/hostile, made here at run time,
// each run through the built CLI with wall time and peak RSS (GNU time). Exit codes are checked;
// memory and time are reported, never asserted (docs/limits.md has the figures).
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { measure } from './lib/peer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'dist', 'cli', 'bin.js');
const zstd = createRequire(import.meta.url)('zstd-napi');
const tmp = mkdtempSync(join(tmpdir(), 'cg-hostile-bench-'));
const GiB = 1024 ** 3;
const zeroGiB = Number(process.env.HOSTILE_ZSTD_GIB ?? 3);
console.log(`machine: ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

const sha = (b) => 'sha256:' + createHash('sha256').update(b).digest('hex');
function header(name, size) {
  const b = Buffer.alloc(512);
  b.write(name, 0);
  b.write('0000644\0', 100);
  b.write('0000000\0', 108);
  b.write('0000000\0', 116);
  b.write(size.toString(8).padStart(11, '0') + '\0', 124);
  b.write('00000000000\0', 136);
  b.write('0', 156);
  b.write('ustar\0', 257);
  b.write('00', 263);
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const x of b) sum += x;
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return b;
}
/** An OCI layout with one layer blob (already written under blobs/) whose uncompressed tar hashes to diffID. */
function layout(dir, layerDigest, layerSize, diffID) {
  const put = (buf) => {
    const d = sha(buf);
    writeFileSync(join(dir, 'blobs', 'sha256', d.slice(7)), buf);
    return d;
  };
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [diffID] } }));
  const cd = put(config);
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: cd, size: config.length }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+zstd', digest: layerDigest, size: layerSize }] }));
  const md = put(manifest);
  writeFileSync(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: md, size: manifest.length }] }));
  writeFileSync(join(dir, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  return dir;
}

/** A zstd layer holding one file of N GiB of zeros (a few hundred KiB compressed). */
function zstdZeros(gib) {
  const dir = join(tmp, 'zstd-bomb');
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const size = gib * GiB;
  const diff = createHash('sha256');
  const stored = createHash('sha256');
  const c = new zstd.Compressor();
  c.setParameters({ compressionLevel: 3 });
  const parts = [];
  const chunk = Buffer.alloc(64 * 1024 * 1024);
  const feed = (buf) => {
    diff.update(buf);
    parts.push(c.compress(buf));
  };
  // Independent frames per 64 MiB: a valid zstd stream (frames concatenate).
  feed(header('zeros.bin', size));
  for (let left = size; left > 0; left -= chunk.length) feed(left >= chunk.length ? chunk : chunk.subarray(0, left));
  feed(Buffer.alloc(1024));
  const blob = Buffer.concat(parts);
  stored.update(blob);
  const digest = 'sha256:' + stored.digest('hex');
  writeFileSync(join(dir, 'blobs', 'sha256', digest.slice(7)), blob);
  return layout(dir, digest, blob.length, 'sha256:' + diff.digest('hex'));
}

/** An uncompressed layer whose var/lib/dpkg/status is 700 MB (over the 128 MiB package-DB cap). */
function bigDpkgStatus() {
  const dir = join(tmp, 'dpkg-700m');
  mkdirSync(join(dir, 'blobs', 'sha256'), { recursive: true });
  const size = 700 * 1000 * 1000;
  const path = join(dir, 'layer.tmp');
  const fd = openSync(path, 'w');
  const h = createHash('sha256');
  const w = (b) => {
    writeSync(fd, b);
    h.update(b);
  };
  w(header('var/lib/dpkg/status', size));
  const stanza = Buffer.from('Package: p\nStatus: install ok installed\nVersion: 1.0\nArchitecture: amd64\n\n');
  const block = Buffer.alloc(8 * 1024 * 1024);
  for (let i = 0; i + stanza.length <= block.length; i += stanza.length) stanza.copy(block, i);
  for (let left = size; left > 0; left -= block.length) w(left >= block.length ? block : block.subarray(0, left));
  w(Buffer.alloc((512 - (size % 512)) % 512 + 1024));
  closeSync(fd);
  const digest = 'sha256:' + h.digest('hex');
  const blob = join(dir, 'blobs', 'sha256', digest.slice(7));
  renameSync(path, blob);
  return layout(dir, digest, statSync(blob).size, digest);
}

/** `config` input: 50,000 objects (pods, services, service accounts, network policies) in 50 namespaces. */
function manyObjects(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const ns = `ns${i % 50}`;
    const k = i % 5;
    if (k < 2) out.push(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\n  namespace: ${ns}\n  labels: {app: a${i % 100}}\nspec:\n  serviceAccountName: sa${i % 30}\n  containers:\n  - name: c\n    image: nginx:1.25\n`);
    else if (k === 2) out.push(`apiVersion: v1\nkind: Service\nmetadata:\n  name: s${i}\n  namespace: ${ns}\nspec:\n  selector: {app: a${i % 100}}\n  ports: [{port: 80}]\n`);
    else if (k === 3) out.push(`apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa${i % 30}\n  namespace: ${ns}\n`);
    else out.push(`apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np${i}\n  namespace: ${ns}\nspec:\n  podSelector: {matchLabels: {app: a${i % 100}}}\n  policyTypes: [Ingress]\n`);
  }
  const p = join(tmp, `objects-${n}.yaml`);
  writeFileSync(p, out.join('---\n'));
  return p;
}

function vex(n) {
  const statements = Array.from({ length: n }, (_, i) => ({ vulnerability: { name: `CVE-2024-${String(i).padStart(6, '0')}` }, products: [{ '@id': 'pkg:npm/lodash@4.17.20' }], status: 'not_affected', justification: 'component_not_present' }));
  const p = join(tmp, 'vex.json');
  writeFileSync(p, JSON.stringify({ '@context': 'https://openvex.dev/ns/v0.2.0', '@id': 'x', author: 'bench', timestamp: '2024-01-01T00:00:00Z', version: 1, statements }));
  const src = join(tmp, 'src');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'package.json'), '{"dependencies":{}}');
  return { vexFile: p, src };
}

const cases = [
  [`zstd layer, one ${zeroGiB} GiB file of zeros`, async () => ['image', '--input', zstdZeros(zeroGiB), '--format', 'cyclonedx', '--output', join(tmp, 'o.json'), '--no-cache', '--quiet'], 0],
  ['700 MB dpkg status in a layer', async () => ['image', '--input', await bigDpkgStatus(), '--format', 'cyclonedx', '--output', join(tmp, 'o.json'), '--no-cache'], 0],
  ['config, 50,000 objects', async () => ['config', manyObjects(50_000), '--format', 'json', '--output', join(tmp, 'o.json'), '--quiet'], 0],
  ['config, 5,000 objects', async () => ['config', manyObjects(5_000), '--format', 'json', '--output', join(tmp, 'o.json'), '--quiet'], 0],
  ['VEX with 150,000 statements', async () => {
    const { vexFile, src } = vex(150_000);
    return ['fs', src, '--vex', vexFile, '--skip-db', '--format', 'json', '--output', join(tmp, 'o.json'), '--quiet'];
  }, 0],
];

let bad = 0;
try {
  for (const [name, make, want] of cases) {
    const args = await make();
    const r = await measure(process.execPath, [bin, ...args]);
    const ok = r.code === want;
    if (!ok) bad++;
    console.log(`${name}: exit ${r.code}${ok ? '' : ` (expected ${want})`}, ${(r.ms / 1000).toFixed(1)} s, peak ${r.peakKiB ? (r.peakKiB / 1024).toFixed(0) + ' MiB' : '?'}${r.stderr.trim() ? ` — ${r.stderr.trim().split('\n')[0].slice(0, 160)}` : ''}`);
    rmSync(join(tmp, 'zstd-bomb'), { recursive: true, force: true });
    rmSync(join(tmp, 'dpkg-700m'), { recursive: true, force: true });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(bad ? 1 : 0);
