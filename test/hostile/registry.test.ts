import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CoastguardError, ExitCode } from '../../src/core/errors.js';
import { RegistryClient } from '../../src/source/registry/client.js';
import { parseReference } from '../../src/source/registry/reference.js';
import { spawnCli } from '../support/cli.js';
import { assertOneLineError } from './expect.js';

// Registries that stall, trickle or flood: per-request idle timeouts, capped manifests, and the
// scan-wide --timeout, each with its documented exit code.
type Mode = 'stall-headers' | 'stall-body' | 'huge-manifest';

async function hostileRegistry(mode: Mode): Promise<{ server: Server; host: string; open: Set<ServerResponse> }> {
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    open.add(res);
    if (mode === 'stall-headers') return; // never answers
    if (mode === 'stall-body') {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': '1000' });
      res.write('{"schemaVersion":2,'); // …and nothing more
      return;
    }
    // 20 MiB of manifest, streamed without a content-length.
    res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const more = () => {
      while (sent < 20 && res.write(chunk)) sent++;
      if (sent < 20) res.once('drain', more);
      else res.end();
    };
    more();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, host: `127.0.0.1:${(server.address() as AddressInfo).port}`, open };
}

async function stop(r: { server: Server; open: Set<ServerResponse> }) {
  for (const res of r.open) res.destroy();
  r.server.closeAllConnections();
  await new Promise((res) => r.server.close(res));
}

async function expectError(p: Promise<unknown>, code: number, re: RegExp) {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof CoastguardError, String(e));
    assert.equal(e.exitCode, code, e.message);
    assert.match(e.message, re);
    return true;
  });
}

test('a registry that never answers, or stops mid-body, is given up on after the idle timeout (exit 6)', async () => {
  for (const mode of ['stall-headers', 'stall-body'] as const) {
    const r = await hostileRegistry(mode);
    try {
      const client = new RegistryClient(parseReference(`${r.host}/hostile/app:1`), { timeoutMs: 300, retries: 1 });
      await expectError(client.getManifest('1'), ExitCode.NETWORK, mode === 'stall-headers' ? /registry unreachable \(no response headers for 0\.3 s\)/ : /manifest 1: the server stopped sending \(no body bytes for 0\.3 s\)/);
    } finally {
      await stop(r);
    }
  }
});

test('a 20 MiB manifest is refused after 16 MiB, not buffered whole (exit 3)', async () => {
  const r = await hostileRegistry('huge-manifest');
  try {
    const client = new RegistryClient(parseReference(`${r.host}/hostile/app:1`), { retries: 0 });
    await expectError(client.getManifest('1'), ExitCode.INPUT, /^manifest 1 is over the 16 MiB limit \(\d+ bytes sent so far\): http:\/\/127\.0\.0\.1:\d+\/v2\/hostile\/app\/manifests\/1$/);
  } finally {
    await stop(r);
  }
});

test('--timeout bounds the whole scan: exit 9, one line', async () => {
  const r = await hostileRegistry('stall-headers');
  try {
    const res = await spawnCli(['image', `${r.host}/hostile/app:1`, '--timeout', '2s', '--format', 'cyclonedx', '--no-cache'], { timeoutMs: 60_000 });
    assertOneLineError(res, 9, /^coastguard: timed out after 2s \(--timeout; raise it for big images\): coastguard image$/, '--timeout 2s');
    const bad = await spawnCli(['image', `${r.host}/hostile/app:1`, '--timeout', 'soon'], { timeoutMs: 60_000 });
    assertOneLineError(bad, 2, /^coastguard: --timeout must be a duration such as 5m or 90s, not "soon"/, 'bad --timeout');
  } finally {
    await stop(r);
  }
});
