import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliAs } from '../support/cli.js';
import { resolveRemote } from '../../src/source/registry/pull.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { fixture, tempDir } from '../helpers.js';

const amd64 = { os: 'linux', architecture: 'amd64' };
let reg: TestRegistry;
let work: string;

before(async () => {
  work = tempDir('cg-pin-update-');
  reg = await startRegistry(join(work, 'registry'));
  await reg.push(`oci-archive:${fixture('images/dive/test-oci-gzip-image.tar')}`, 'base/alpine:3.19');
  await reg.push(`oci-archive:${fixture('images/dive/test-oci-gzip-image.tar')}`, 'base/alpine:3.18');
});
after(async () => reg?.stop());

const digestOf = async (ref: string) => (await resolveRemote(ref, { platform: amd64, credentials: { username: reg.user, password: reg.password } })).topDigest;

test('pin --update: pinned digests follow their tag in Dockerfiles, manifests and compose files; nothing else moves', async () => {
  const H = reg.host;
  const old = await digestOf(`${H}/base/alpine:3.19`);
  const files: Record<string, (d: string) => string> = {
    Dockerfile: (d) => `FROM ${H}/base/alpine:3.19@${d} AS build\nRUN true\nFROM ${H}/base/alpine@${old}\nFROM ${H}/base/alpine:3.18@${old}\n`,
    'k8s.yaml': (d) => `apiVersion: v1\nkind: Pod\nmetadata: {name: a}  # comment kept\nspec:\n  containers:\n    - name: web\n      image: "${H}/base/alpine:3.19@${d}"\n`,
    'compose.yaml': (d) => `services:\n  web:\n    image: '${H}/base/alpine:3.19@${d}'\n    ports: ["80:80"]\n`,
  };
  for (const [n, t] of Object.entries(files)) writeFileSync(join(work, n), t(old));
  const paths = Object.keys(files).map((n) => join(work, n));

  // The tag has not moved: nothing to do.
  const same = await runCliAs(reg.user, reg.password, ['pin', '--update', ...paths]);
  assert.equal(same.code, 0, same.stderr);
  assert.equal(same.stdout, '');

  // 3.19 is rebuilt (another image under the same tag); 3.18 is not.
  await reg.push(`oci-archive:${fixture('images/dive/test-oci-zstd-image.tar')}`, 'base/alpine:3.19');
  const now = await digestOf(`${H}/base/alpine:3.19`);
  assert.notEqual(now, old);

  // Without --update, pinned references are left alone.
  const plain = await runCliAs(reg.user, reg.password, ['pin', ...paths]);
  assert.equal(plain.code, 0, plain.stderr);
  for (const [n, t] of Object.entries(files)) assert.equal(readFileSync(join(work, n), 'utf8'), t(old));

  const dry = await runCliAs(reg.user, reg.password, ['pin', '--update', '--dry-run', ...paths]);
  assert.equal(dry.code, 0, dry.stderr);
  for (const [n, t] of Object.entries(files)) assert.equal(readFileSync(join(work, n), 'utf8'), t(old));

  const upd = await runCliAs(reg.user, reg.password, ['pin', '--update', ...paths]);
  assert.equal(upd.code, 0, upd.stderr);
  assert.equal(upd.stdout, dry.stdout);
  // Byte for byte the same files, with only the 3.19 digest replaced (the untagged and 3.18 pins stay).
  for (const [n, t] of Object.entries(files)) {
    const expected = t(now).replace(`${H}/base/alpine@${now}`, `${H}/base/alpine@${old}`).replace(`3.18@${now}`, `3.18@${old}`);
    assert.equal(readFileSync(join(work, n), 'utf8'), expected, n);
  }
  assert.deepEqual(upd.stdout.trim().split('\n').map((l) => l.replace(work + '/', '')), [
    `Dockerfile:1: ${H}/base/alpine:3.19@${old} -> ${H}/base/alpine:3.19@${now}`,
    `k8s.yaml:7: ${H}/base/alpine:3.19@${old} -> ${H}/base/alpine:3.19@${now}`,
    `compose.yaml:3: ${H}/base/alpine:3.19@${old} -> ${H}/base/alpine:3.19@${now}`,
  ]);
});
