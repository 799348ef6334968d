import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const execFileAsync = promisify(execFile);

/** A real `docker-registry` (Debian package) on 127.0.0.1 with htpasswd basic auth, for one test file. */
export interface TestRegistry {
  host: string; // 127.0.0.1:PORT
  user: string;
  password: string;
  storage: string;
  /** Async: with token auth the token server runs in this process and must keep answering. */
  push(source: string, repoTag: string, extra?: string[]): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** With `token`, the registry uses bearer-token auth against that token server instead of htpasswd. */
export async function startRegistry(dir: string, token?: { realm: string; service: string; issuer: string; certPath: string }): Promise<TestRegistry> {
  const port = await freePort();
  const user = 'alice';
  const password = 's3cret-' + port;
  const storage = join(dir, 'storage');
  mkdirSync(storage, { recursive: true });
  execFileSync('htpasswd', ['-Bbc', join(dir, 'htpasswd'), user, password], { stdio: 'ignore' });
  // Never the package's default config: that one listens on every interface.
  writeFileSync(join(dir, 'config.yml'), [
    'version: 0.1',
    'log: { level: error }',
    `storage: { filesystem: { rootdirectory: ${storage} }, delete: { enabled: true } }`,
    `http: { addr: 127.0.0.1:${port} }`,
    token
      ? `auth: { token: { realm: "${token.realm}", service: ${token.service}, issuer: ${token.issuer}, rootcertbundle: ${token.certPath} } }`
      : `auth: { htpasswd: { realm: coastguard-test, path: ${join(dir, 'htpasswd')} } }`,
  ].join('\n'));
  const proc: ChildProcess = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: 'ignore' });
  const host = `127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://${host}/v2/`);
      if (r.status === 401 || r.status === 200) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    host,
    user,
    password,
    storage,
    async push(source, repoTag, extra = []) {
      await execFileAsync('skopeo', ['copy', '--quiet', '--preserve-digests', '--dest-tls-verify=false', '--dest-creds', `${user}:${password}`, ...extra, source, `docker://${host}/${repoTag}`]);
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}
