// `coastguard config` vs the peer's `trivy config` over every file of shared/data/manifests-corpus
// (Kubernetes examples, Helm/kustomize/jsonnet-rendered manifests, Dockerfiles, compose files).
// Both write JSON to a file; we report wall time, peak RSS, the ratio, and how many files and
// findings each side produced. The corpus is read from ../shared directly (not copied into the repo).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmtRow, measure, trivyPath } from './lib/peer.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = process.env.COASTGUARD_CORPUS ?? join(here, '..', '..', 'shared', 'data', 'manifests-corpus');
const alt = '/work/shared/data/manifests-corpus';
const dir = existsSync(corpus) ? corpus : alt;
if (!existsSync(dir)) {
  console.log(`config bench skipped: no corpus at ${corpus}`);
  process.exit(0);
}
const ours = join(here, '..', 'dist', 'cli', 'bin.js');
const trivy = trivyPath();
const tmp = mkdtempSync(join(tmpdir(), 'cg-config-bench-'));
const runs = Number(process.env.BENCH_RUNS ?? 3);
// The peer evaluates rego over every document; on 2 shared cores it can take minutes.
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 15 * 60 * 1000);

console.log(`machine: ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}; corpus ${dir}`);

async function median(fn) {
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await fn());
  rs.sort((a, b) => a.ms - b.ms);
  return rs[Math.floor(rs.length / 2)];
}

const startup = await measure(trivy, ['--version']);
console.log(`peer start-up (trivy --version): ${startup.ms.toFixed(0)} ms`);

const ourOut = join(tmp, 'ours.json');
const our = await median(() => measure(process.execPath, [ours, 'config', dir, '--format', 'json', '--output', ourOut, '--quiet']));
if (our.code !== 0) console.log(`ours exited ${our.code}: ${our.stderr.slice(0, 500)}`);
const ourJson = JSON.parse(readFileSync(ourOut, 'utf8'));
const ourFiles = new Set(ourJson.findings.map((f) => f.location.path));
console.log(`ours: ${ourJson.findings.length} findings in ${ourFiles.size} files, ${ourJson.warnings?.length ?? 0} warnings`);

const peerOut = join(tmp, 'peer.json');
// --timeout: the peer's own default (5 min) is shorter than its run over this corpus on a shared machine.
const peerArgs = ['config', '--timeout', `${Math.ceil(timeoutMs / 1000)}s`, '--skip-policy-update', '--cache-dir', join(tmp, 'trivy-cache'), '--format', 'json', '--output', peerOut, '--quiet', dir];
// coreutils timeout stops the peer itself (exit 124) rather than leaving it running.
const peerRun = async () => {
  const r = existsSync('/usr/bin/timeout')
    ? await measure('/usr/bin/timeout', [String(Math.ceil(timeoutMs / 1000)), trivy, ...peerArgs])
    : await measure(trivy, peerArgs);
  return r.code === 124 ? { ...r, code: 'timeout' } : r;
};
// One peer run: it is the slow side by far, and the machine is shared.
const peer = await peerRun();
if (peer.code === 'timeout') {
  console.log(`peer did not finish within ${timeoutMs / 1000} s; ratio below is a lower bound`);
} else {
  try {
    const pj = JSON.parse(readFileSync(peerOut, 'utf8'));
    const results = pj.Results ?? [];
    const mis = results.reduce((a, r) => a + (r.Misconfigurations?.length ?? 0), 0);
    console.log(`peer: ${mis} failed checks in ${results.length} files`);
  } catch (e) {
    console.log(`peer output unreadable (exit ${peer.code}): ${String(e).slice(0, 200)}\n${String(peer.stderr ?? '').slice(-800)}`);
  }
}
console.log(fmtRow(`config over manifests-corpus (ours median of ${runs}, peer 1 run)`, our, peer, startup.ms));
rmSync(tmp, { recursive: true, force: true });
