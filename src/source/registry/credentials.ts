import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CoastguardError, ExitCode } from '../../core/errors.js';

export interface Credentials {
  username?: string;
  password?: string;
  /** An identity token (OAuth refresh token) from a credential helper. */
  identityToken?: string;
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string }>;
  credHelpers?: Record<string, string>;
  credsStore?: string;
}

const hubKeys = ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];

function configKeys(registry: string): string[] {
  if (registry === 'docker.io') return hubKeys;
  return [registry, `https://${registry}`, `http://${registry}`, `https://${registry}/v1/`, `https://${registry}/v2/`];
}

/** Runs `docker-credential-<helper> get`, as the Docker CLI does, with the server URL on stdin. */
function fromHelper(helper: string, server: string): Credentials | undefined {
  const r = spawnSync(`docker-credential-${helper}`, ['get'], { input: server, encoding: 'utf8', timeout: 30_000 });
  if (r.error) {
    throw new CoastguardError(`credential helper docker-credential-${helper} could not run (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`, server, ExitCode.AUTH);
  }
  if (r.status !== 0) return undefined; // "credentials not found": anonymous
  try {
    const j = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
    if (j.Username === '<token>') return { identityToken: j.Secret };
    return { username: j.Username, password: j.Secret };
  } catch {
    throw new CoastguardError(`credential helper docker-credential-${helper} printed invalid JSON`, server, ExitCode.AUTH);
  }
}

/**
 * Credentials for a registry, in the order users expect: explicit flags, then environment
 * (COASTGUARD_USERNAME / COASTGUARD_PASSWORD), then $DOCKER_CONFIG/config.json (credHelpers,
 * auths, credsStore). None found: anonymous.
 */
export function findCredentials(registry: string, explicit?: Credentials): Credentials | undefined {
  if (explicit?.username) return explicit;
  if (process.env.COASTGUARD_USERNAME) return { username: process.env.COASTGUARD_USERNAME, password: process.env.COASTGUARD_PASSWORD ?? '' };
  const dir = process.env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  let cfg: DockerConfig;
  try {
    cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as DockerConfig;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CoastguardError(`cannot read Docker config (${(e as Error).message})`, join(dir, 'config.json'), ExitCode.CONFIG);
  }
  const keys = configKeys(registry);
  for (const k of keys) {
    const helper = cfg.credHelpers?.[k];
    if (helper) return fromHelper(helper, k);
  }
  for (const k of keys) {
    const a = cfg.auths?.[k];
    if (!a) continue;
    if (a.identitytoken) return { identityToken: a.identitytoken };
    if (a.auth) {
      const dec = Buffer.from(a.auth, 'base64').toString('utf8');
      const i = dec.indexOf(':');
      return { username: dec.slice(0, i), password: dec.slice(i + 1) };
    }
    if (a.username) return { username: a.username, password: a.password };
  }
  if (cfg.credsStore) return fromHelper(cfg.credsStore, registry === 'docker.io' ? hubKeys[0] : registry);
  return undefined;
}
