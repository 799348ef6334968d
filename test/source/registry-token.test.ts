import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CoastguardError, ExitCode } from '../../src/core/errors.js';
import { pullImage } from '../../src/source/registry/index.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { startTokenServer, type TokenServer } from '../support/token-server.js';
import { fixture, tempDir } from '../helpers.js';

const amd64 = { os: 'linux', architecture: 'amd64' };
let reg: TestRegistry;
let tokens: TokenServer;
let work: string;
const users: Record<string, string> = {};

before(async () => {
  work = tempDir('cg-token-');
  mkdirSync(join(work, 'token'));
  tokens = await startTokenServer(join(work, 'token'), users);
  reg = await startRegistry(join(work, 'registry'), tokens);
  users[reg.user] = reg.password;
  await reg.push(`oci-archive:${fixture('images/dive/test-oci-zstd-image.tar')}`, 'team/app:2');
});
after(async () => {
  await reg?.stop();
  await tokens?.stop();
});

test('bearer-token challenge flow: credentials go to the token server, the token to the registry', async () => {
  const before = tokens.requests;
  const img = await pullImage(`${reg.host}/team/app:2`, { platform: amd64, cacheDir: join(work, 'c1'), credentials: { username: reg.user, password: reg.password } });
  assert.equal(img.layers.length, 1);
  assert.ok(tokens.requests > before, 'the token server was asked');
});

test('bearer-token flow: a refused password or an anonymous token is an authentication error', async () => {
  for (const credentials of [{ username: reg.user, password: 'nope' }, undefined]) {
    await assert.rejects(pullImage(`${reg.host}/team/app:2`, { platform: amd64, cacheDir: join(work, 'c2'), credentials }), (e: unknown) => {
      assert.ok(e instanceof CoastguardError);
      assert.equal(e.exitCode, ExitCode.AUTH);
      assert.match(e.message, /authentication failed/);
      return true;
    });
  }
});
