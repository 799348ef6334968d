// Packages-only scan of a ~1 GB real image (build-essential, python3, default-jdk-headless on
// Debian 12; built by scripts/build-test-images.sh bench-1g) against the peer, both with a cold
// cache, both writing a CycloneDX SBOM. Prints wall time, peak RSS, and ratios with the peer's
// start-up (its binary is UPX-packed: `--version` alone takes seconds) taken off.
// The first section (issue 17's cold full scan) runs on BENCH_IMAGE, by default `bench-1g-clean`:
// bench-1g without apt's package lists, as images built with `rm -rf /var/lib/apt/lists/*` are
// (with the lists, the peer's secret scanner spends over a minute on debootstrap's 50 MB Packages
// file alone). `bench-1g` and `bench-text` (five layers whose bulk is text: Python, JavaScript,
// Ruby/Perl) can be named instead (docs/images.md). The other sections always use bench-1g.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmtRow, measure, trivyPath } from './lib/peer.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const images = process.env.COASTGUARD_TEST_IMAGES ?? '/var/cache/coastguard-test-images';
function testImage(name) {
  const dir = join(images, name);
  if (!existsSync(join(dir, '.done'))) execFileSync('bash', [join(root, 'scripts/build-test-images.sh'), name], { stdio: 'inherit' });
  return dir;
}
const fullImage = process.env.BENCH_IMAGE ?? 'bench-1g-clean';
const fullDir = testImage(fullImage);
const trivy = trivyPath();
const ours = join(root, 'dist/cli/bin.js');
const runs = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function best(fn) {
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await fn());
  const ms = median(rs.map((r) => r.ms));
  return { ms, peakKiB: Math.max(...rs.map((r) => r.peakKiB ?? 0)), last: rs[rs.length - 1] };
}

const startup = await best(() => measure(trivy, ['--version']));
console.log(`peer start-up (trivy --version): ${startup.ms.toFixed(0)} ms`);

// Issue 17's figure: a cold full scan (packages + secrets + misconfiguration, no vulnerability DB)
// of the docker-archive, ours and the peer's alternating run by run (the machine's load then hits
// both alike), median of `runs`; then ours warm (the layer cache of the last cold run).
{
  const input = join(fullDir, 'image.docker.tar');
  console.log(`full-scan image: ${fullImage} (${input}, ${(statSync(input).size / 1e6).toFixed(0)} MB)`);
  const out = join(tmpdir(), 'cg-bench-full.json');
  const ourArgs = (cache) => [ours, 'image', '--input', input, '--scanners', 'secret,misconfig', '--skip-db', '--format', 'json', '--output', out, '--cache-dir', cache, '--quiet'];
  const peerArgs = (cache) => ['image', '--input', input, '--scanners', 'secret,config', '--list-all-pkgs', '--format', 'json', '--output', out, '--cache-dir', cache,
    '--skip-db-update', '--offline-scan', '--skip-policy-update', '--skip-files', '**/*.jar', '--quiet'];
  const cold = { ours: [], peer: [] };
  const warmCache = mkdtempSync(join(tmpdir(), 'cg-bench-warm-'));
  try {
    for (let i = 0; i < runs; i++) {
      const last = i === runs - 1;
      const c1 = last ? warmCache : mkdtempSync(join(tmpdir(), 'cg-bench-cache-'));
      cold.ours.push(await measure(process.execPath, ourArgs(c1)));
      if (!last) rmSync(c1, { recursive: true, force: true });
      const c2 = mkdtempSync(join(tmpdir(), 'cg-bench-trivy-'));
      cold.peer.push(await measure(trivy, peerArgs(c2)));
      rmSync(c2, { recursive: true, force: true });
    }
    const warm = [];
    for (let i = 0; i < runs; i++) warm.push(await measure(process.execPath, ourArgs(warmCache)));
    const sum = (rs) => ({ ms: median(rs.map((r) => r.ms)), peakKiB: Math.max(...rs.map((r) => r.peakKiB ?? 0)) });
    console.log(fmtRow(`full scan (packages+secret+misconfig) cold, docker-archive, alternating (${runs} runs, median)`, sum(cold.ours), sum(cold.peer), startup.ms));
    console.log(`  exit codes ours ${cold.ours.map((r) => r.code).join(',')}, peer ${cold.peer.map((r) => r.code).join(',')}; ours warm (layer cache): ${sum(warm).ms.toFixed(0)} ms / ${(sum(warm).peakKiB / 1024).toFixed(0)} MiB peak`);
  } finally {
    rmSync(warmCache, { recursive: true, force: true });
    rmSync(out, { force: true });
  }
}
if (process.env.BENCH_FULL_ONLY) process.exit(0);
const imgDir = testImage('bench-1g');
// The peer reads docker-archive tars and OCI layout directories (an OCI *archive* tar makes it exit 1
// without a word), and it stops with an error on the first jar unless it can download its Java DB
// (no network here), so it is given `--skip-files '**/*.jar'` (2 jars in this image; ours reads them).
for (const [form, peerForm] of [['image.docker.tar', 'image.docker.tar'], ['oci-layout', 'oci-layout'], ['image.oci.tar', 'oci-layout']]) {
  const input = join(imgDir, form);
  const peerInput = join(imgDir, peerForm);
  const out = join(tmpdir(), 'cg-bench.cdx.json');
  const our = await best(async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cg-bench-cache-'));
    try {
      return await measure(process.execPath, [ours, 'image', '--input', input, '--format', 'cyclonedx', '--output', out, '--cache-dir', cache, '--quiet']);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
  const ourCount = JSON.parse(readFileSync(out, 'utf8')).components?.length ?? 0;
  rmSync(out, { force: true });
  const peer = await best(async () => {
    const cache = mkdtempSync(join(tmpdir(), 'cg-bench-trivy-'));
    try {
      return await measure(trivy, ['image', '--input', peerInput, '--format', 'cyclonedx', '--output', out, '--cache-dir', cache, '--skip-db-update', '--offline-scan', '--skip-files', '**/*.jar', '--quiet']);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
  const peerCount = peer.last.code === 0 ? JSON.parse(readFileSync(out, 'utf8')).components?.length ?? 0 : 'none (peer failed)';
  rmSync(out, { force: true });
  console.log(fmtRow(`packages-only ours ${form} vs peer ${peerForm} (${runs} runs, median)`, our, peer, startup.ms));
  console.log(`  components: ours ${ourCount}, peer ${peerCount}; exit codes ours ${our.last.code}, peer ${peer.last.code}`);
}
// The physical floor: decompressing every layer once.
const zt0 = process.hrtime.bigint();
execFileSync('bash', ['-c', `for f in ${join(imgDir, 'oci-layout/blobs/sha256')}/*; do if [ $(stat -c%s "$f") -gt 100000 ]; then zcat -f "$f" > /dev/null; fi; done`]);
console.log(`floor: zcat of all layers ${(Number(process.hrtime.bigint() - zt0) / 1e6).toFixed(0)} ms`);
