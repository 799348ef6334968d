import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { engineEvents, normalizeEvent } from './events.js';
import { engineEndpoint, parseEngineUrl } from './endpoint.js';

// A line Podman 4.3 wrote on this project's test machine (podman exec), and the EventMessage
// example of Docker's Engine API reference: Docker 29 sends only Type, Action, Actor, scope, time(Nano).
const PODMAN_EXEC_DIED =
  '{"status":"exec_died","id":"5da9b70d559194d9f0b93b3ccbe676d2d2ecb43c69eafd7ddc6c4904b15a6022","from":"docker.io/coastguard-test/debian-layers:latest","Type":"container","Action":"exec_died","Actor":{"ID":"5da9b70d559194d9f0b93b3ccbe676d2d2ecb43c69eafd7ddc6c4904b15a6022","Attributes":{"containerExitCode":"0","image":"docker.io/coastguard-test/debian-layers:latest","name":"c1","podId":""}},"scope":"local","time":1796471180,"timeNano":1796471180025864978}';
const DOCKER_CREATE =
  '{"Type":"container","Action":"create","Actor":{"ID":"ede54ee1afda366ab42f824e8a5ffd195155d853ceaec74a927f249ea270c743","Attributes":{"com.example.some-label":"some-label-value","image":"alpine","name":"my-container"}},"scope":"local","time":1461943101}';

test('Podman and Docker 29 events read the same: Podman\'s died becomes die, ids and images come from Actor', () => {
  const p = normalizeEvent(JSON.parse(PODMAN_EXEC_DIED), PODMAN_EXEC_DIED)!;
  assert.deepEqual([p.type, p.action, p.id.slice(0, 12), p.name, p.image, p.timeNano], ['container', 'exec_die', '5da9b70d5591', 'c1', 'docker.io/coastguard-test/debian-layers:latest', 1796471180025864978n]);
  const d = normalizeEvent(JSON.parse(DOCKER_CREATE))!;
  assert.deepEqual([d.type, d.action, d.id.slice(0, 12), d.name, d.image, d.timeNano], ['container', 'create', 'ede54ee1afda', 'my-container', 'alpine', 1461943101000000000n]);
  assert.equal(d.attributes['com.example.some-label'], 'some-label-value');
  // Docker puts the exec'd command after the action.
  const x = normalizeEvent({ Type: 'container', Action: 'exec_start: /bin/sh -c id', Actor: { ID: 'abc', Attributes: {} }, time: 1 })!;
  assert.deepEqual([x.action, x.detail], ['exec_start', '/bin/sh -c id']);
  // Only the deprecated fields (very old engines).
  const old = normalizeEvent({ status: 'died', id: 'abc', from: 'alpine', time: 2 })!;
  assert.deepEqual([old.action, old.id, old.image, old.type], ['die', 'abc', 'alpine', 'container']);
  assert.equal(normalizeEvent({ Type: 'container' }), undefined);
});

test('the event stream is split into lines across chunk boundaries; bad lines are counted, not fatal', async () => {
  const text = `${PODMAN_EXEC_DIED}\nnot json\n${DOCKER_CREATE}\n`;
  const chunks = [text.slice(0, 100), text.slice(100, 500), text.slice(500)];
  const got = [];
  for await (const item of engineEvents(Readable.from(chunks))) got.push(item.event ? item.event.action : `bad:${item.bad}`);
  assert.deepEqual(got, ['exec_die', 'bad:not json', 'create']);
});

test('engine addresses: flags, DOCKER_HOST / CONTAINER_HOST, defaults; bad ones are usage errors', () => {
  assert.equal(engineEndpoint('docker', undefined, {}).socketPath, '/var/run/docker.sock');
  assert.equal(engineEndpoint('docker', undefined, { DOCKER_HOST: 'tcp://10.0.0.1:2376' }).where, 'tcp://10.0.0.1:2376');
  assert.equal(engineEndpoint('podman', undefined, { CONTAINER_HOST: 'unix:///tmp/p.sock' }).socketPath, '/tmp/p.sock');
  assert.equal(engineEndpoint('podman', '/x/y.sock', { CONTAINER_HOST: 'unix:///tmp/p.sock' }).socketPath, '/x/y.sock');
  assert.deepEqual(parseEngineUrl('docker', 'tcp://[::1]:2375', 'x'), { kind: 'docker', host: '::1', port: 2375, where: 'tcp://[::1]:2375' });
  assert.throws(() => parseEngineUrl('podman', 'ssh://core@host/run/podman.sock', 'CONTAINER_HOST'), /engine address must be unix:\/\/\/path or tcp:\/\/host:port/);
  assert.throws(() => parseEngineUrl('podman', 'unix://rel.sock', '--podman-host'), /must be absolute/);
});
