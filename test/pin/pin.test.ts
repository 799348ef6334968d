import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DockerfileParser } from 'dockerfile-ast';
import { runCliAs } from '../support/cli.js';
import { resolveRemote } from '../../src/source/registry/pull.js';
import { startRegistry, type TestRegistry } from '../support/registry.js';
import { fixture, tempDir } from '../helpers.js';

const amd64 = { os: 'linux', architecture: 'amd64' };
let reg: TestRegistry;
let work: string;

before(async () => {
  work = tempDir('cg-pin-');
  reg = await startRegistry(join(work, 'registry'));
  await reg.push(`oci-archive:${fixture('images/dive/test-oci-gzip-image.tar')}`, 'base/alpine:3.19');
  await reg.push(`oci-archive:${fixture('images/dive/test-oci-zstd-image.tar')}`, 'apps/web:1.2');
});
after(async () => reg?.stop());

test('pin: Dockerfile, multi-document manifest and compose file gain digests and nothing else', async () => {
  const H = reg.host;
  const creds = { username: reg.user, password: reg.password };
  const d1 = (await resolveRemote(`${H}/base/alpine:3.19`, { platform: amd64, credentials: creds })).topDigest;
  const d2 = (await resolveRemote(`${H}/apps/web:1.2`, { platform: amd64, credentials: creds })).topDigest;
  const dockerfile = `# syntax=docker/dockerfile:1
ARG BASE=${H}/base/alpine:3.19
FROM ${H}/base/alpine:3.19 AS build
RUN echo hi
FROM \${BASE} AS other
FROM scratch
COPY --from=build /x /x
FROM build
FROM   ${H}/apps/web:1.2@${d2}
`;
  const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: a   # keep this comment
spec:
  containers:
    - name: web
      image: "${H}/apps/web:1.2"
      ports: [{containerPort: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b}
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: ${H}/base/alpine:3.19
      containers:
      - {name: c, image: '${H}/apps/web:1.2'}
`;
  const compose = `services:
  web:
    image: ${H}/apps/web:1.2
    ports:
      - "8080:80"
  db:
    build: .
`;
  const files = { Dockerfile: dockerfile, 'k8s.yaml': manifest, 'compose.yaml': compose };
  for (const [n, t] of Object.entries(files)) writeFileSync(join(work, n), t);
  const first = await runCliAs(reg.user, reg.password, ['pin', join(work, 'Dockerfile'), join(work, 'k8s.yaml'), join(work, 'compose.yaml')]);
  assert.equal(first.code, 0, first.stderr);
  const pinnedDf = readFileSync(join(work, 'Dockerfile'), 'utf8');
  const pinnedK8s = readFileSync(join(work, 'k8s.yaml'), 'utf8');
  const pinnedCompose = readFileSync(join(work, 'compose.yaml'), 'utf8');
  // Only additions are the digests:
  const strip = (s: string, ...ds: string[]) => ds.reduce((t, d) => t.split(`@${d}`).join(''), s);
  assert.equal(strip(pinnedDf, d1), dockerfile);
  assert.equal(strip(pinnedK8s, d1, d2), manifest);
  assert.equal(strip(pinnedCompose, d2), compose);
  // Exactly the references that were mutable, by line:
  assert.deepEqual(first.stdout.trim().split('\n').map((l) => l.replace(work + '/', '').split(': ')[0]), ['Dockerfile:3', 'k8s.yaml:8', 'k8s.yaml:19', 'k8s.yaml:21', 'compose.yaml:3']);
  assert.ok(pinnedDf.includes(`FROM ${H}/base/alpine:3.19@${d1} AS build`));
  assert.ok(pinnedDf.includes('FROM ${BASE} AS other') && pinnedDf.includes('FROM build\n') && pinnedDf.includes('FROM scratch\n'));
  // Still valid files:
  for (const d of parseAllDocuments(pinnedK8s)) assert.equal(d.errors.length, 0);
  const images = parseAllDocuments(pinnedK8s).map((d) => JSON.stringify(d.toJS()));
  assert.ok(images[0].includes(`"image":"${H}/apps/web:1.2@${d2}"`));
  assert.equal(DockerfileParser.parse(pinnedDf).getFROMs()[0].getImageDigest(), d1);
  // Second run: nothing left to pin.
  const again = await runCliAs(reg.user, reg.password, ['pin', work]);
  assert.equal(again.code, 0);
  assert.equal(again.stdout, '');
});
