// Image rules on pod specs of every workload kind and of CRD pod templates, against a real
// registry on 127.0.0.1 with real cosign signatures: trusted registries, digest pinning, and
// signatures read only from the background cache (unknown first, known once the lookup is done).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { emptyPolicy } from '../policy/index.js';
import { resolveRemote } from '../source/registry/pull.js';
import { tempDir } from '../../test/helpers.js';
import { startRegistry, type TestRegistry } from '../../test/support/registry.js';
import { cosignSign } from '../../test/support/cosign-sign.js';
import { testImage } from '../../test/support/test-images.js';
import { admissionReview } from '../../test/support/admission.js';
import { ImagePolicy, parseModes, review, type ImagePolicyOptions } from './index.js';

let reg: TestRegistry;
let digest = '';
const key = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const amd64 = { os: 'linux', architecture: 'amd64' };

before(async () => {
  reg = await startRegistry(join(tempDir('cg-admission-img-'), 'registry'));
  const src = `oci:${join(testImage('debian-layers'), 'oci-layout')}:debian-layers`;
  await reg.push(src, 'team/signed:1');
  await reg.push(src, 'team/unsigned:1');
  const creds = { username: reg.user, password: reg.password };
  digest = (await resolveRemote(`${reg.host}/team/signed:1`, { platform: amd64, credentials: creds })).topDigest;
  await cosignSign(`${reg.host}/team/signed:1`, digest, key.privateKey, creds);
});
after(async () => reg?.stop());

const judge = (images: ImagePolicy, object: Record<string, unknown>) =>
  review(admissionReview(object, 'u'), { policy: emptyPolicy(), severities: ['CRITICAL'], modes: parseModes([]), images }) as Extract<ReturnType<typeof review>, { ok: true }>;
const policy = (o: ImagePolicyOptions) => new ImagePolicy({ credentials: { username: reg.user, password: reg.password }, ...o });
const deployment = (...images: string[]) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
  spec: { template: { spec: { containers: images.map((image, i) => ({ name: `c${i}`, image })) } } },
});

test('trusted registries and digest pinning: every container image of a workload, named in the denial', () => {
  const images = policy({ trustedRegistries: [`${reg.host}/team`], requireDigest: true });
  const r = judge(images, deployment('nginx:1.25', `${reg.host}/team/signed@${digest}`));
  assert.equal(r.response.allowed, false);
  assert.deepEqual(r.denied, ['CG-ADM-001', 'CG-ADM-002']);
  assert.match(r.response.status!.message, /CG-ADM-001 \[HIGH\] Image from a registry that is not trusted — Deployment\/shop\/web: container "c0" image "nginx:1.25" comes from docker\.io/);
  assert.match(r.response.status!.message, /CG-ADM-002 \[HIGH\] Image not pinned by digest .*Fix: Reference the image as name@sha256/);
  assert.equal(judge(images, deployment(`${reg.host}/team/signed@${digest}`)).response.allowed, true);
  // An Argo Rollout (a CRD embedding a pod template) is read the same way.
  const rollout = { ...deployment('nginx:1.25'), apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' };
  assert.deepEqual(judge(images, rollout).denied, ['CG-ADM-001', 'CG-ADM-002']);
});

test('signatures: unknown at first (admitted with a warning), then known from the background lookup: signed admitted, unsigned denied', async () => {
  const images = policy({ signatures: [{ registry: reg.host, keys: [key.publicKey] }] });
  const signed = deployment(`${reg.host}/team/signed@${digest}`);
  const unsigned = deployment(`${reg.host}/team/unsigned@${digest}`);
  const first = judge(images, unsigned);
  assert.equal(first.response.allowed, true);
  assert.match(first.response.warnings!.join('\n'), /^pending: 127\.0\.0\.1:\d+\/team\/unsigned@sha256:[0-9a-f]{7}/m);
  assert.equal(judge(images, signed).response.allowed, true);
  await images.signatures!.settle();
  assert.equal(images.signatures!.stats.lookups, 2);
  const s = judge(images, signed);
  assert.equal(s.response.allowed, true);
  assert.ok(!s.response.warnings!.some((w) => w.startsWith('pending:')));
  const u = judge(images, unsigned);
  assert.equal(u.response.allowed, false);
  assert.deepEqual(u.denied, ['CG-ADM-003']);
  assert.match(u.response.status!.message, new RegExp(`has no valid cosign signature: no signatures found for ${digest}`));
  // A tag is looked up by its reference too.
  judge(images, deployment(`${reg.host}/team/signed:1`));
  await images.signatures!.settle();
  assert.equal(judge(images, deployment(`${reg.host}/team/signed:1`)).response.allowed, true);
});

test('--unknown deny: an image whose signature is not known yet is denied, naming the rule', () => {
  const images = policy({ signatures: [{ registry: reg.host, keys: [key.publicKey] }], unknown: 'deny' });
  const r = judge(images, deployment(`${reg.host}/team/signed@${digest}`));
  assert.deepEqual(r.denied, ['CG-ADM-003']);
  assert.match(r.response.status!.message, /signature not known yet \((lookup in progress|not looked up yet)\); unknown images are denied/);
});
