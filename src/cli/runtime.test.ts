import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, reportError } from './main.js';
import { parseListen } from './runtime.js';

const td = join(dirname(fileURLToPath(import.meta.url)), '..', 'runtime', 'testdata');
const K8S = join(td, 'upstream', 'k8saudit', 'k8s_audit_rules.yaml');
const FALCO = join(td, 'upstream', 'falco-rules', 'falco_rules.yaml');
const trace = (f: string) => join(td, 'legacy', 'trace_files', 'k8s_audit', f);

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      w.text += String(chunk);
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = sink();
  const stderr = sink();
  let code: number;
  try {
    code = await main(argv, { stdout, stderr } as never);
  } catch (e) {
    code = reportError(e, false, stderr);
  }
  return { code, out: stdout.text, err: stderr.text };
}

test('runtime check: JSON lines, skipped inputs on stderr, exit codes', async () => {
  const r = await run(['runtime', 'check', '--rules', FALCO, '--rules', K8S, trace('create_nginx_pod_privileged.json'), trace('fal_01_003.json'), trace('attach_pod.json')]);
  assert.equal(r.code, 0);
  const alerts = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(alerts.map((a) => [a.rule, a.priority, a.source]), [
    ['Create Privileged Pod', 'Warning', 'k8s_audit'],
    ['Attach/Exec Pod', 'Notice', 'k8s_audit'],
  ]);
  assert.equal(alerts[1].time, '2018-10-26T13:42:46.808261000Z');
  assert.equal(alerts[1].output, '13:42:46.808261000: Notice Attach/Exec to pod (user=minikube-user pod=nginx-deployment-7998647bdf-phvq7 resource=pods ns=default action=attach command=<NA>)');
  assert.deepEqual(alerts[1].tags, ['k8s']);
  assert.match(r.err, /48 k8s_audit rules enabled from 2 file\(s\); 25 rules not evaluated \(25 syscall/);
  assert.match(r.err, /skipped input: data not recognized as a k8s audit event \(kind: 0\): .*fal_01_003\.json/);
  assert.match(r.err, /2 events, 2 alerts, 1 inputs skipped\n$/);

  const withExit = await run(['runtime', 'check', '-q', '--rules', K8S, '--exit-code', '9', trace('create_nginx_pod_privileged.json')]);
  assert.equal(withExit.code, 9);
  assert.equal(withExit.err, '');
  const none = await run(['runtime', 'check', '-q', '--rules', K8S, '--exit-code', '9', trace('create_nginx_pod_unprivileged.json')]);
  assert.deepEqual([none.code, none.out], [0, '']);
});

test('runtime check: table format and --output file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-rt-cli-'));
  try {
    const out = join(dir, 'alerts.jsonl');
    const r = await run(['runtime', 'check', '-q', '--rules', K8S, '-f', 'table', '-f', 'json', '-o', join(dir, 'table.txt'), '-o', out, trace('create_configmap_sensitive_values.json')]);
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
    const table = readFileSync(join(dir, 'table.txt'), 'utf8').split('\n');
    assert.match(table[0], /^TIME\s+PRIORITY\s+RULE\s+OUTPUT$/);
    assert.equal(table.filter((l) => l.includes('Create/Modify Configmap With Private Credentials')).length, 6);
    assert.equal(table.at(-2), '6 alerts (Warning: 6)');
    assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runtime: bad rules are CONFIG errors with file:line and rule; usage and input errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-rt-cli-'));
  try {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, '- rule: Broken\n  desc: d\n  condition: ka.verb = create and (ka.user.name = x\n  output: o\n  priority: INFO\n  source: k8s_audit\n');
    const r = await run(['runtime', 'check', '--rules', bad, trace('create_secret.json')]);
    assert.equal(r.code, 5);
    assert.equal(r.err, `coastguard: invalid rule: condition: expected ")" but found "<end>" at column 39: ${bad}:3:52: rule "Broken"\n`);

    const unknownField = join(dir, 'uf.yaml');
    writeFileSync(unknownField, '- rule: UF\n  desc: d\n  condition: ka.verb = create and ka.nofield exists\n  output: o\n  priority: INFO\n  source: k8s_audit\n');
    assert.match((await run(['runtime', 'check', '--rules', unknownField, trace('create_secret.json')])).err, /unknown field "ka\.nofield" for source k8s_audit at column 22: .*uf\.yaml:3:35: rule "UF"/);

    assert.equal((await run(['runtime', 'check', '--rules', join(dir, 'missing.yaml'), trace('create_secret.json')])).code, 5);
    const noEvents = await run(['runtime', 'check', '--rules', K8S, join(dir, 'none.json')]);
    assert.equal(noEvents.code, 3);
    assert.match(noEvents.err, /cannot read events file \(ENOENT\): .*none\.json/);
    assert.equal((await run(['runtime', 'check', trace('create_secret.json')])).code, 2);
    assert.equal((await run(['runtime', 'check', '--rules', K8S])).code, 2);
    assert.equal((await run(['runtime', 'check', '--rules', K8S, '--format', 'xml', trace('create_secret.json')])).code, 2);
    assert.equal((await run(['runtime', 'bogus'])).code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runtime serve: --listen parsing', () => {
  assert.deepEqual(parseListen('127.0.0.1:8765'), { host: '127.0.0.1', port: 8765 });
  assert.deepEqual(parseListen(':9000'), { host: '', port: 9000 }); // every interface, as Falco
  assert.deepEqual(parseListen('9000'), { host: '127.0.0.1', port: 9000 });
  assert.deepEqual(parseListen('[::1]:9000'), { host: '::1', port: 9000 });
  assert.throws(() => parseListen('localhost'), /--listen must be HOST:PORT/);
  assert.throws(() => parseListen('127.0.0.1:70000'), /port out of range/);
});

test('runtime serve: starts, alerts on stdout, stops on SIGTERM with a summary', async () => {
  const stdout = sink();
  const stderr = sink();
  const done = main(['runtime', 'serve', '--listen', '127.0.0.1:0', '--rules', K8S, '-q'], { stdout, stderr } as never);
  const t0 = Date.now();
  let url: string | undefined;
  while (!url && Date.now() - t0 < 10_000) {
    url = /listening on (http:\/\/\S+)\/k8s-audit/.exec(stderr.text)?.[1];
    if (!url) await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(url, `serve did not report its address: ${stderr.text}`);
  const body = JSON.stringify({ kind: 'EventList', items: [JSON.parse(readFileSync(trace('create_nginx_pod_privileged.json'), 'utf8'))] });
  const r = await fetch(`${url}/k8s-audit`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  assert.deepEqual(await r.json(), { accepted: 1, skipped: 0 });
  assert.equal(JSON.parse(stdout.text).rule, 'Create Privileged Pod');
  process.emit('SIGTERM');
  assert.equal(await done, 0);
  assert.match(stderr.text, /stopped: 1 events, 1 alerts, 0 skipped\n$/);
});

test('runtime check --validate: loads, compiles and summarises without events', async () => {
  const r = await run(['runtime', 'check', '--validate', '--rules', FALCO, '--rules', K8S]);
  assert.equal(r.code, 0);
  const s = JSON.parse(r.out);
  assert.deepEqual([s.valid, s.rules, s.enabled, s.skipped.length, s.warnings.length], [true, 48, 48, 25, 0]);
  assert.equal(s.skipped[0].source, 'syscall');
});
