import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPublicKey, verifyImage } from '../../src/source/registry/cosign.js';
import { resolveRemote } from '../../src/source/registry/pull.js';
import { CoastguardError } from '../../src/core/errors.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { cosignSign } from '../support/cosign-sign.js';
import { testImage } from '../support/test-images.js';
import { fixture, tempDir } from '../helpers.js';

const amd64 = { os: 'linux', architecture: 'amd64' };
let reg: TestRegistry;
let work: string;

before(async () => {
  work = tempDir('cg-cosign-');
  reg = await startRegistry(join(work, 'registry'));
  await reg.push(`oci:${join(testImage('debian-layers'), 'oci-layout')}:debian-layers`, 'team/signed:1');
});
after(async () => reg?.stop());

const creds = () => ({ username: reg.user, password: reg.password });

test('cosign signatures: right key passes, wrong key and tampered manifests fail (ECDSA P-256 and Ed25519)', async () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = (k: typeof ec.publicKey, name: string) => {
    const p = join(work, name);
    writeFileSync(p, k.export({ type: 'spki', format: 'pem' }));
    return p;
  };
  const ref = `${reg.host}/team/signed:1`;
  const { topDigest } = await resolveRemote(ref, { platform: amd64, credentials: creds() });
  await cosignSign(ref, topDigest, ec.privateKey, creds());

  const good = await verifyImage(ref, [loadPublicKey(pem(ec.publicKey, 'ec.pub'))], { platform: amd64, credentials: creds() });
  assert.equal(good.digest, topDigest);
  assert.equal(good.verified.length, 1);
  assert.equal(good.verified[0].via, `tag ${topDigest.replace(':', '-')}.sig`);

  const wrong = await verifyImage(ref, [loadPublicKey(pem(other.publicKey, 'other.pub'))], { platform: amd64, credentials: creds() });
  assert.equal(wrong.verified.length, 0);
  assert.deepEqual(wrong.problems, [`tag ${topDigest.replace(':', '-')}.sig: signature does not verify with the given key`]);

  // Tampered: the tag now points at a different manifest (another image); the old signature does not cover it.
  await reg.push(`oci-archive:${fixture('images/dive/test-oci-gzip-image.tar')}`, 'team/signed:1');
  const tampered = await verifyImage(ref, [loadPublicKey(join(work, 'ec.pub'))], { platform: amd64, credentials: creds() });
  assert.equal(tampered.verified.length, 0);
  assert.match(tampered.problems[0], /^no signatures found for sha256:/);

  // A signature whose payload names another digest is refused even with the right key.
  const { topDigest: d2 } = await resolveRemote(ref, { platform: amd64, credentials: creds() });
  await cosignSign(ref, d2, ed.privateKey, creds(), topDigest);
  const mismatch = await verifyImage(ref, [loadPublicKey(pem(ed.publicKey, 'ed.pub'))], { platform: amd64, credentials: creds() });
  assert.equal(mismatch.verified.length, 0);
  assert.match(mismatch.problems[0], new RegExp(`payload signs ${topDigest}, not ${d2}`));
  // …and Ed25519 verifies when the payload is right.
  await cosignSign(ref, d2, ed.privateKey, creds());
  const edOk = await verifyImage(ref, [loadPublicKey(join(work, 'ed.pub'))], { platform: amd64, credentials: creds() });
  assert.equal(edOk.verified.length, 1);
});

test('a non-key file is a clear error', () => {
  const p = join(work, 'junk.pub');
  writeFileSync(p, 'not a key');
  assert.throws(() => loadPublicKey(p), (e: unknown) => e instanceof CoastguardError && /not a usable public key/.test(e.message));
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(p, rsa.publicKey.export({ type: 'spki', format: 'pem' }));
  assert.throws(() => loadPublicKey(p), /unsupported key type rsa/);
});

test('policy file: images from a registry must be signed with a listed key (CG-BASE-006 otherwise)', async () => {
  const { runCliAs } = await import('../support/cli.js');
  const { readFileSync } = await import('node:fs');
  const ref = `${reg.host}/team/signed:1`; // signed with ed.pub by the test above
  const run = async (key: string) => {
    const policy = join(work, `policy-${key}.yaml`);
    writeFileSync(policy, `base-image:\n  require-signature:\n    - registry: "${reg.host}"\n      keys: [${key}]\n`);
    const out = join(work, `sig-${key}.json`);
    const { code } = await runCliAs(reg.user, reg.password, ['image', ref, '--config', policy, '--scanners', 'misconfig', '--format', 'json', '--output', out, '--cache-dir', join(work, 'cache')]);
    return { code, findings: (JSON.parse(readFileSync(out, 'utf8')).findings as { id: string; title: string }[]).filter((f) => f.id === 'CG-BASE-006') };
  };
  assert.deepEqual((await run('ed.pub')).findings, []);
  const bad = await run('ec.pub');
  assert.equal(bad.findings.length, 1);
  assert.equal(bad.findings[0].title, 'Image signature missing or invalid');
});
