import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RuntimeEngine } from '../engine.js';
import { imageCounts } from '../watch.js';
import { DEFAULT_CONTAINER_RULES, DEFAULT_RULES_NAME } from '../rules/container-engine.js';
import { containerEngineSource, imageDigest, imageRegistry, imageTag, type ContainerEventObj } from './container.js';
import type { JsonEvent } from './types.js';

const ID = '1e6f62614d46fb52deeb33cc1f040ec41792dd58cef5bceb8b2474b10f3a1dcd';

// Shaped as Podman 4.3 answered GET /containers/{id}/json for `podman run --privileged -v /var/run:/host-run …`.
function started(over: Partial<NonNullable<ContainerEventObj['container']>['HostConfig']> = {}, image = 'docker.io/coastguard-test/debian-layers:latest', mounts = [{ Type: 'bind', Source: '/var/run', Destination: '/host-run', RW: true }]): JsonEvent {
  const obj: ContainerEventObj = {
    engine: 'podman',
    event: { type: 'container', action: 'start', id: ID, name: 'c2', image, attributes: { name: 'c2', image }, timeNano: '1796471180698071178' },
    container: { Id: ID, Name: '/c2', Image: 'sha256:d8e0ed56b850ad6f9fe8eaf3e19e2fca9e29fc0e45c99410241db6fb440d19b0', Config: { Image: image, User: '' }, HostConfig: { Privileged: false, PidMode: 'private', NetworkMode: 'none', IpcMode: 'shareable', ...over }, Mounts: mounts },
  };
  return { obj: obj as unknown as Record<string, unknown>, tsNs: 1796471180698071178n, num: 1 };
}

const engine = RuntimeEngine.fromTexts([{ path: DEFAULT_RULES_NAME, text: DEFAULT_CONTAINER_RULES }], { fieldSource: containerEngineSource, ruleMatching: 'all' });

test('the built-in rules compile against the container fields, every one of them', () => {
  assert.equal(engine.summary.skipped.length, 0);
  assert.deepEqual(engine.summary.warnings, []);
  assert.equal(engine.activeRules, 8);
});

test('image reference parts as Falco\'s container plugin splits them, plus the registry', () => {
  assert.deepEqual([imageTag('nginx'), imageTag('nginx:1.25'), imageTag('localhost:5000/app'), imageTag('a/b:c@sha256:00')], [undefined, '1.25', undefined, 'c']);
  assert.deepEqual([imageDigest('a@sha256:ab'), imageDigest('a:1')], ['sha256:ab', undefined]);
  assert.deepEqual([imageRegistry('nginx'), imageRegistry('library/nginx'), imageRegistry('ghcr.io/x/y:1'), imageRegistry('localhost:5000/app'), imageRegistry('localhost/app')], ['docker.io', 'docker.io', 'ghcr.io', 'localhost:5000', 'localhost']);
});

test('a privileged start with /var/run mounted raises privileged, sensitive-mount and mutable-tag alerts, naming the container', () => {
  const alerts = engine.process(started({ Privileged: true }));
  assert.deepEqual(alerts.map((a) => [a.rule, a.priority]), [
    ['Launch Privileged Container', 'Critical'],
    ['Launch Sensitive Mount Container', 'Error'],
    ['Launch Container By Mutable Tag', 'Notice'],
  ]);
  assert.deepEqual(alerts[0].output_fields, { 'container.name': 'c2', 'container.id': ID.slice(0, 12), 'container.image': 'docker.io/coastguard-test/debian-layers:latest', 'container.type': 'podman' });
  assert.equal(alerts[1].output_fields['container.mounts'], '(/var/run:/host-run::true:)');
});

test('the engine socket, host namespaces, an untrusted registry; a digest-pinned image from a trusted one is quiet', () => {
  const sock = engine.process(started({ PidMode: 'host' }, 'registry.example.com/app:1.0', [{ Type: 'bind', Source: '/run/podman/podman.sock', Destination: '/run/podman/podman.sock', RW: true }]));
  assert.deepEqual(sock.map((a) => a.rule), ['Container Engine Socket Mounted', 'Launch Container With Host Namespaces', 'Launch Container From Untrusted Registry']);
  const pinned = engine.process(started({}, 'ghcr.io/org/app:1.0@sha256:d8e0ed56b850ad6f9fe8eaf3e19e2fca9e29fc0e45c99410241db6fb440d19b0', []));
  assert.deepEqual(pinned, []);
});

test('--image-results: counts of the image\'s scan (found by image id) raise the critical-findings rule', () => {
  const counts = imageCounts([
    {
      schemaVersion: 1,
      artifact: { name: 'docker.io/coastguard-test/debian-layers:latest', type: 'container_image', digest: 'sha256:d8e0ed56b850ad6f9fe8eaf3e19e2fca9e29fc0e45c99410241db6fb440d19b0' },
      packages: [],
      findings: [{ kind: 'vulnerability', id: 'CVE-2026-0001', aliases: [], severity: 'CRITICAL', title: 't', target: 't', location: { path: 'var/lib/dpkg/status' }, fingerprint: 'f' }],
    },
  ]);
  const e = started({}, 'ghcr.io/org/app:1.0@sha256:d8e0ed56b850ad6f9fe8eaf3e19e2fca9e29fc0e45c99410241db6fb440d19b0', []);
  (e.obj as unknown as ContainerEventObj).scan = counts.get('sha256:d8e0ed56b850ad6f9fe8eaf3e19e2fca9e29fc0e45c99410241db6fb440d19b0');
  const alerts = engine.process(e);
  assert.deepEqual(alerts.map((a) => [a.rule, a.output_fields['coastguard.image.critical'], a.output_fields['coastguard.image.drift']]), [['Container From Image With Critical Findings', '1', '0']]);
});
