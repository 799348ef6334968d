import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, tempDir } from '../helpers.js';
import { runCli } from '../support/cli.js';
import { loadDebianImage, startPodman, type TestPodman } from '../support/podman.js';

// `runtime watch` as a real process following a real Podman's event stream with the default
// rules: a shell exec'd into a container and a privileged container start must both alert,
// naming the container; a restarted API service cuts the stream and the watch reconnects.
let podman: TestPodman;
let watch: ChildProcess;
let out = '';
let err = '';
const work = tempDir('cg-watch-');

interface Alert {
  rule: string;
  priority: string;
  source: string;
  output: string;
  output_fields: Record<string, string | null>;
}
const alerts = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Alert);

async function until(what: string, ok: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !ok(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(ok(), `waited 60 s for ${what}; stdout: ${out} stderr: ${err}`);
}

before(async () => {
  podman = await startPodman();
  loadDebianImage(podman);
  podman.start('web', []);
  watch = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/bin.ts'), 'runtime', 'watch', '--podman-host', podman.host], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  watch.stdout!.on('data', (d) => (out += d));
  watch.stderr!.on('data', (d) => (err += d));
  await until('the watch to connect', () => err.includes('watching podman events'));
});
after(async () => {
  if (watch && watch.exitCode === null) {
    const gone = new Promise((r) => watch.once('exit', r));
    watch.kill('SIGTERM');
    await gone;
  }
  await podman?.stop();
});

test('a shell exec\'d into a running container alerts, naming the container', async () => {
  podman.run(['exec', 'web', 'sh', '-c', 'id']);
  await until('the exec alert', () => alerts().some((a) => a.rule === 'Exec Into Running Container'));
  const a = alerts().find((x) => x.rule === 'Exec Into Running Container')!;
  assert.equal(a.priority, 'Warning');
  assert.equal(a.source, 'container_engine');
  assert.equal(a.output_fields['container.name'], 'web');
  assert.equal(a.output_fields['container.image'], 'docker.io/coastguard-test/debian-layers:latest');
  assert.equal(a.output_fields['container.type'], 'podman');
  assert.match(a.output, /Warning Exec into a running container \(container=web id=[0-9a-f]{12} /);
});

test('after the API service restarts the watch reconnects, and a privileged container start alerts', async () => {
  await podman.restartService();
  await until('the reconnect', () => err.includes('event stream reconnected'));
  assert.match(err, /event stream cut \(.*\); reconnecting in 0\.5s/);
  const id = podman.start('priv', ['--privileged']);
  await until('the privileged alert', () => alerts().some((a) => a.rule === 'Launch Privileged Container'));
  const a = alerts().find((x) => x.rule === 'Launch Privileged Container')!;
  assert.equal(a.priority, 'Critical');
  assert.equal(a.output_fields['container.name'], 'priv');
  assert.equal(a.output_fields['container.id'], id.slice(0, 12));
  // Falco's default rule matching: one alert per event, the most severe rule first.
  assert.equal(alerts().filter((x) => x.output_fields['container.name'] === 'priv').length, 1);
  // The plain container started before the watch raised nothing; exec raised exactly one alert.
  assert.deepEqual(alerts().map((x) => `${x.rule} ${x.output_fields['container.name']}`), ['Exec Into Running Container web', 'Launch Privileged Container priv']);
});

test('no engine at start: exit 6, one line; --print-default-rules loads as valid rules', async () => {
  const sock = `unix://${join(work, 'absent.sock')}`;
  const r = await runCli(['runtime', 'watch', '--podman-host', sock, '--quiet']);
  assert.equal(r.code, 6);
  assert.equal(r.stderr, `coastguard: podman engine unreachable (no socket): ${sock}\n`);
  const p = await runCli(['runtime', 'watch', '--print-default-rules']);
  assert.equal(p.code, 0);
  assert.match(p.stdout, /- rule: Launch Privileged Container/);
});
