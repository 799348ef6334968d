import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkImageConfig, imageFileAnalyzer } from './index.js';
import type { ImageFacts } from '../../core/types.js';

test('image config: root user, healthcheck, SSH, secrets in env/labels/history, remote ADD', () => {
  const image: ImageFacts = {
    layers: [],
    config: {
      Env: ['PATH=/usr/bin', 'AWS_SECRET_ACCESS_KEY=abc', 'DB_PASSWORD_FILE=/run/secrets/db'],
      ExposedPorts: { '22/tcp': {}, '8080/tcp': {} },
      Labels: { 'org.example.api-token': 'xyz', 'org.opencontainers.image.version': '1.0' },
    },
    history: [
      { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
      { created_by: 'ADD https://example.com/tool.tgz /opt/ # buildkit' },
      { created_by: '|1 NPM_TOKEN=s3cr3t /bin/sh -c npm ci' },
      { created_by: 'RUN |1 NPM_TOKEN= /bin/sh -c true # buildkit' },
    ],
  };
  const got = checkImageConfig(image, 'example:1').map((f) => `${f.id} ${f.object ?? ''}`).sort();
  assert.deepEqual(got, [
    'CG-IMG-001 ',
    'CG-IMG-002 ',
    'CG-IMG-003 ',
    'CG-IMG-004 env/AWS_SECRET_ACCESS_KEY',
    'CG-IMG-005 label/org.example.api-token',
    'CG-IMG-006 history/2',
    'CG-IMG-007 history/1',
  ]);
  const clean: ImageFacts = { layers: [], config: { User: '10001', Healthcheck: { Test: ['CMD', 'true'] } } };
  assert.deepEqual(checkImageConfig(clean, 'x'), []);
});

test('image files: setuid/setgid and world-writable from headers, caches from marker files', () => {
  const obs = (path: string, mode: number, type: 'file' | 'directory' = 'file') =>
    imageFileAnalyzer.observe!({ path, mode, type, size: 1, layer: 'sha256:l1' })?.findings?.map((f) => `${f.id} ${f.location.path}`) ?? [];
  assert.deepEqual(obs('usr/bin/passwd', 0o4755), ['CG-IMG-008 /usr/bin/passwd']);
  assert.deepEqual(obs('usr/bin/wall', 0o2755), ['CG-IMG-008 /usr/bin/wall']);
  assert.deepEqual(obs('tmp', 0o1777, 'directory'), []);
  assert.deepEqual(obs('app/data', 0o777, 'directory'), ['CG-IMG-009 /app/data']);
  assert.deepEqual(obs('etc/passwd', 0o644), []);
  assert.equal(imageFileAnalyzer.wants('var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease', { size: 151_000, mode: 0o644 }), true);
  assert.equal(imageFileAnalyzer.wants('var/lib/apt/lists/lock', { size: 0, mode: 0o640 }), false);
  assert.equal(imageFileAnalyzer.wants('var/cache/apk/APKINDEX.abcd.tar.gz', { size: 600_000, mode: 0o644 }), true);
  assert.equal(imageFileAnalyzer.wants('usr/bin/ls', { size: 100, mode: 0o755 }), false);
  const r = imageFileAnalyzer.analyze({ path: 'var/cache/apt/pkgcache.bin', size: 30, mode: 0o644, content: Buffer.alloc(30), layer: 'sha256:l2' }) as { findings: { id: string; location: { layer?: string } }[] };
  assert.deepEqual(r.findings.map((f) => [f.id, f.location.layer]), [['CG-IMG-010', 'sha256:l2']]);
});
