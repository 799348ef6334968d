// Secret scanning against the peer (Trivy, `--scanners secret`) in the same run:
//  1. a directory tree (BENCH_SECRET_DIR, default /usr/share/doc): our scanDirectory (worker
//     threads) vs `trivy fs --scanners secret`;
//  2. the ~1 GB test image (scripts/build-test-images.sh bench-1g) when it is built:
//     `coastguard image --input … --scanners secret` vs `trivy image --input … --scanners secret`.
// Prints wall time, peak RSS and the time ratio with the peer's start-up (`trivy --version`,
// UPX-packed, seconds) taken off. BENCH_RUNS (default 1) runs each side that many times (median).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmtRow, measure, trivyPath } from './lib/peer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const runs = Number(process.env.BENCH_RUNS ?? 1);
const dir = process.env.BENCH_SECRET_DIR ?? '/usr/share/doc';
const images = process.env.COASTGUARD_TEST_IMAGES ?? '/var/cache/coastguard-test-images';
const image = join(images, 'bench-1g', 'image.docker.tar');
const trivy = trivyPath();

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function best(fn) {
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await fn());
  return { ms: median(rs.map((r) => r.ms)), peakKiB: Math.max(...rs.map((r) => r.peakKiB ?? 0)), last: rs[rs.length - 1] };
}
const withTmp = async (prefix, fn) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  try {
    return await fn(d);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
};
const trivyCount = (file) => {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  return (doc.Results ?? []).reduce((n, r) => n + (r.Secrets?.length ?? 0), 0);
};

const startup = await best(() => measure(trivy, ['--version']));
console.log(`peer start-up (trivy --version): ${startup.ms.toFixed(0)} ms`);

if (existsSync(dir)) {
  const our = await best(() => measure(process.execPath, [join(here, 'lib', 'secret-dir.mjs'), dir]));
  const ourOut = JSON.parse(our.last.stdout.trim().split('\n').pop() || '{}');
  let peerFindings = 0;
  const peer = await best(() =>
    withTmp('cg-bench-trivy-', async (d) => {
      const out = join(d, 'out.json');
      const r = await measure(trivy, ['fs', '--scanners', 'secret', '--format', 'json', '--output', out, '--cache-dir', join(d, 'cache'), '--quiet', dir]);
      if (existsSync(out)) peerFindings = trivyCount(out);
      return r;
    }),
  );
  console.log(fmtRow(`secret scan of directory ${dir} (${runs} run(s), median)`, our, peer, startup.ms));
  console.log(`  findings: ours ${ourOut.findings}, peer ${peerFindings}; exit codes ours ${our.last.code}, peer ${peer.last.code}`);
} else console.log(`directory ${dir} missing: skipped`);

if (existsSync(image)) {
  let ourFindings = 0;
  const our = await best(() =>
    withTmp('cg-bench-ours-', async (d) => {
      const out = join(d, 'out.json');
      const r = await measure(process.execPath, [join(root, 'dist/cli/bin.js'), 'image', '--input', image, '--scanners', 'secret', '--format', 'json', '--output', out, '--cache-dir', join(d, 'cache'), '--quiet']);
      if (existsSync(out)) ourFindings = JSON.parse(readFileSync(out, 'utf8')).findings.filter((f) => f.kind === 'secret').length;
      return r;
    }),
  );
  let peerFindings = 0;
  const peer = await best(() =>
    withTmp('cg-bench-trivy-', async (d) => {
      const out = join(d, 'out.json');
      const r = await measure(trivy, ['image', '--input', image, '--scanners', 'secret', '--format', 'json', '--output', out, '--cache-dir', join(d, 'cache'), '--skip-db-update', '--offline-scan', '--quiet']);
      if (existsSync(out)) peerFindings = trivyCount(out);
      return r;
    }),
  );
  console.log(fmtRow(`secret scan of image ${image} (${runs} run(s), median)`, our, peer, startup.ms));
  console.log(`  findings: ours ${ourFindings}, peer ${peerFindings}; exit codes ours ${our.last.code}, peer ${peer.last.code}`);
} else console.log(`image ${image} not built (scripts/build-test-images.sh bench-1g): skipped`);
