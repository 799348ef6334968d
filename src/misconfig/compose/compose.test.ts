import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanCompose } from './index.js';

const COMPOSE = `services:
  web:
    image: nginx:latest
    ports:
      - "8080:80"
      - "127.0.0.1:8443:443"
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
  db:
    image: postgres:16.2
    user: "999:999"
    read_only: true
    environment:
      POSTGRES_PASSWORD: hunter2
      POSTGRES_PASSWORD_FILE: /run/secrets/pg
    security_opt:
      - seccomp:unconfined
  agent:
    image: example/agent:1.0
    privileged: true
    network_mode: host
    pid: host
    cap_add: [SYS_ADMIN]
    volumes:
      - type: bind
        source: /
        target: /host
    environment:
      - API_TOKEN=\${API_TOKEN}
    x-coastguard-ignore: [compose-read-only]
`;

test('docker-compose: exact findings per service and line', () => {
  const r = scanCompose(COMPOSE, 'compose.yaml');
  assert.deepEqual(r.warnings, []);
  const got = r.findings.map((f) => `${f.id} ${f.object}@${f.location.line}`).sort();
  assert.deepEqual(got, [
    'CG-DC-001 service/agent@20',
    'CG-DC-002 service/agent@23',
    'CG-DC-003 service/agent@21',
    'CG-DC-004 service/web@8',
    'CG-DC-005 service/agent@25',
    'CG-DC-006 service/db@14',
    'CG-DC-007 service/web@3',
    'CG-DC-008 service/agent@18',
    'CG-DC-008 service/web@2',
    'CG-DC-009 service/web@2',
    'CG-DC-010 service/db@17',
    'CG-DC-011 service/web@5',
    'CG-DC-012 service/agent@18',
    'CG-DC-012 service/db@16',
    'CG-DC-012 service/web@2',
  ]);
});

test('compose: not a compose file or malformed YAML gives no findings; malformed names file:line', () => {
  assert.deepEqual(scanCompose('foo: bar\n', 'c.yaml'), { findings: [], warnings: [] });
  const r = scanCompose('services:\n  web:\n    image: [oops\n', 'c.yaml');
  assert.equal(r.findings.length, 0);
  assert.match(r.warnings[0].where!, /^c\.yaml:\d+$/);
});
