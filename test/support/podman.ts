import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testImage } from './test-images.js';

/**
 * A real Podman (Debian's podman + runc) with its own store in a temp dir, serving the Docker
 * Engine API on a unix socket: tests never touch the machine's Podman store. vfs and cgroupfs
 * because overlay mounts and systemd cgroups are not available in every sandbox; the podman CLI
 * runs with CONTAINER_HOST unset (set, it would turn into a remote client).
 */
export interface TestPodman {
  socket: string;
  host: string;
  /** Runs the podman CLI against this store; returns stdout. */
  run(args: string[], input?: string | Buffer): string;
  /** `podman run -d` with the flags this sandbox needs; returns the container id. */
  start(name: string, args: string[], image?: string): string;
  /** Stops and starts the API service (same store, same socket): clients see their streams cut. */
  restartService(): Promise<void>;
  stop(): Promise<void>;
}

export const DEBIAN_IMAGE = 'docker.io/coastguard-test/debian-layers:latest';

export async function startPodman(prefix = 'cg-podman-'): Promise<TestPodman> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const socket = join(dir, 'podman.sock');
  const env = { ...process.env };
  delete env.CONTAINER_HOST;
  delete env.DOCKER_HOST;
  const global = [
    '--root', join(dir, 'root'),
    '--runroot', join(dir, 'run'),
    '--tmpdir', join(dir, 'tmp'),
    '--storage-driver', 'vfs',
    '--runtime', 'runc',
    '--cgroup-manager', 'cgroupfs',
    '--events-backend', 'file',
  ];
  const run = (args: string[], input?: string | Buffer) =>
    execFileSync('podman', [...global, ...args], { env, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  let service: ChildProcess;
  const startService = async () => {
    rmSync(socket, { force: true });
    service = spawn('podman', [...global, 'system', 'service', '--time=0', `unix://${socket}`], { env, stdio: 'ignore' });
    for (let i = 0; i < 200 && !existsSync(socket); i++) await new Promise((r) => setTimeout(r, 50));
    if (!existsSync(socket)) throw new Error('podman system service did not start');
  };
  const stopService = async () => {
    if (service.exitCode !== null || service.signalCode !== null) return;
    const gone = new Promise((r) => service.once('exit', r));
    service.kill('SIGTERM');
    await gone;
  };
  await startService();
  const stop = async () => {
    try {
      run(['rm', '-f', '-a', '-t', '0']);
    } catch {
      /* nothing to remove */
    }
    await stopService();
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    socket,
    host: `unix://${socket}`,
    run,
    start(name, args, image = DEBIAN_IMAGE) {
      const sandbox = ['--network', 'none', '--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];
      return run(['run', '-d', '--name', name, ...sandbox, ...args, image, 'sleep', '600']).trim();
    },
    async restartService() {
      await stopService();
      await startService();
    },
    stop,
  };
}

/** Loads the project's own Debian test image (docker save tar) into the store. */
export function loadDebianImage(p: TestPodman): void {
  p.run(['load', '-q', '-i', join(testImage('debian-layers'), 'image.docker.tar')]);
}
