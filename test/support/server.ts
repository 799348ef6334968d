import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { repoRoot } from '../helpers.js';
import { freePort } from './registry.js';

/** A real `coastguard server` process on 127.0.0.1 (started through tsx, as bin.ts runs), stopped by its PID. */
export interface TestServer {
  url: string;
  port: number;
  proc: ChildProcess;
  /** Everything the server wrote on stderr so far. */
  log(): string;
  /** Sends SIGTERM and waits for the exit code. */
  stop(): Promise<number | null>;
}

export async function startServerProcess(args: string[], port?: number, env: Record<string, string> = {}): Promise<TestServer> {
  const p = port ?? (await freePort());
  return startCoastguardProcess(['server', '--listen', `127.0.0.1:${p}`, ...args], /listening on/, `http://127.0.0.1:${p}`, p, env);
}

/** `coastguard worker …` as a real process; ready when it says it waits for jobs. */
export function startWorkerProcess(args: string[], env: Record<string, string> = {}): Promise<TestServer> {
  return startCoastguardProcess(['worker', ...args], /waiting for jobs/, '', 0, env);
}

async function startCoastguardProcess(argv: string[], ready: RegExp, url: string, p: number, env: Record<string, string>): Promise<TestServer> {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'bin.ts'), ...argv], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let log = '';
  proc.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${argv[0]} did not start in 60 s:\n${log}`)), 60_000);
    const check = () => {
      if (ready.test(log)) {
        clearTimeout(t);
        proc.stderr!.off('data', check);
        resolve();
      }
    };
    proc.stderr!.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(t);
      reject(new Error(`${argv[0]} exited with ${code}:\n${log}`));
    });
  });
  proc.removeAllListeners('exit');
  return {
    url,
    port: p,
    proc,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve(proc.exitCode);
        proc.once('exit', (code) => resolve(code));
        process.kill(proc.pid!, 'SIGTERM');
      }),
  };
}

/** A tiny HTTP receiver for webhooks: every POST body (parsed JSON) in arrival order. */
export async function startReceiver(status = () => 200): Promise<{ url: string; bodies: unknown[]; close(): Promise<void>; server: Server }> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let b = '';
    req.on('data', (c: Buffer) => (b += c.toString()));
    req.on('end', () => {
      const code = status();
      if (code < 300) {
        try {
          bodies.push(JSON.parse(b));
        } catch {
          bodies.push(b);
        }
      }
      res.writeHead(code).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/hook`, bodies, server, close: () => new Promise((r) => server.close(() => r())) };
}

/** GET/POST against the API with a token; answers status and parsed JSON. */
export async function api(base: string, path: string, token?: string, init: { method?: string; body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string> } = {}): Promise<{ status: number; body: any }> {
  const r = await fetch(base + path, {
    method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...init.headers },
    body: (init.raw as BodyInit | undefined) ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, body };
}

/** Polls `fn` until it returns a truthy value or `ms` pass. */
export async function waitFor<T>(fn: () => Promise<T | undefined | false>, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
