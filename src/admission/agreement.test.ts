// The one-verdict promise: every Kubernetes object of the repo's fixtures, sent as an
// AdmissionReview over real TLS to a spawned `coastguard admission serve`, is denied exactly when
// `coastguard config` on the same object (same --config, same --severity) reports a finding, and
// the denial names exactly the rule ids config reports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, tempDir } from '../../test/helpers.js';
import { runCli } from '../../test/support/cli.js';
import { makeTlsCert } from '../../test/support/tls.js';
import { admissionReview, fixtureObjects, post } from '../../test/support/admission.js';

const work = tempDir('cg-admission-');
const tls = makeTlsCert(work);
const policyFile = join(work, 'policy.yaml');
writeFileSync(policyFile, [
  'ignore:',
  '  - id: CG-K8S-010',
  '    reason: host ports are reviewed by hand in this cluster',
  '    expires: 2999-12-31',
  '  - id: CG-K8S-004',
  '    reason: an exception that has run out',
  '    expires: 2020-01-01',
  'policies:',
  '  - id: team-label',
  '    on: kubernetes',
  "    deny: \"object.kind == 'Deployment' && !(has(object.metadata.labels) && 'team' in object.metadata.labels)\"",
  '    message: "Deployment {{ object.metadata.name }} has no team label"',
  '    severity: MEDIUM',
  '    fix: add metadata.labels.team',
  '',
].join('\n'));
const SEVERITY = 'HIGH,CRITICAL';
// A rule left out by slug on both sides (config's --skip-rules, the webhook's too).
const SKIP = 'host-ipc';
const objects = fixtureObjects();
let proc: ChildProcess;
let url = '';
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

before(async () => {
  proc = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/bin.ts'), 'admission', 'serve', '--listen', '127.0.0.1:0',
    '--tls-cert', tls.certFile, '--tls-key', tls.keyFile, '--config', policyFile, '--severity', SEVERITY, '--skip-rules', SKIP, '--quiet'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    let err = '';
    proc.stderr!.on('data', (d) => {
      err += d;
      const m = /listening on (https:\/\/\S+)\/validate/.exec(err);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (code) => reject(new Error(`admission serve exited ${code}: ${err}`)));
  });
});

after(() => {
  agent.destroy();
  proc.kill('SIGTERM');
});

const idsOf = (configJson: string) => [...new Set((JSON.parse(configJson).findings as { id: string }[]).map((f) => f.id))].sort();

test('every fixture object: webhook verdict = `coastguard config` verdict, denial names exactly config\'s rule ids', async () => {
  assert.ok(objects.length > 300, `fixtures give ${objects.length} objects`);
  const mismatches: string[] = [];
  let denied = 0;
  let warned = 0;
  const deniedIds = new Set<string>();
  for (const [i, { from, object }] of objects.entries()) {
    const file = join(work, `object-${i}.json`);
    writeFileSync(file, JSON.stringify(object));
    const cfg = await runCli(['config', file, '--config', policyFile, '--severity', SEVERITY, '--skip-rules', SKIP, '--format', 'json', '--quiet']);
    assert.equal(cfg.code, 0, cfg.stderr);
    const expected = idsOf(cfg.stdout);
    const r = await post(url, JSON.stringify(admissionReview(object, `uid-${i}`)), { ca: tls.cert, agent });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const resp = r.json.response;
    assert.equal(resp.uid, `uid-${i}`);
    const got = resp.allowed ? [] : String(resp.auditAnnotations.denied).split(',').sort();
    if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${from} ${String(object.kind)}: config ${expected.join(',') || '-'} webhook ${got.join(',') || '-'}`);
    if (!resp.allowed) {
      denied++;
      got.forEach((id) => deniedIds.add(id));
      assert.equal(resp.status.code, 403);
      for (const id of expected) assert.match(resp.status.message, new RegExp(`${id} \\[[A-Z]+\\] .*Fix: `));
    }
    for (const w of resp.warnings ?? []) assert.ok(w.length <= 120, w);
    if (resp.warnings?.length) warned++;
  }
  assert.deepEqual(mismatches, []);
  // The policy file and flags did what they say on both sides: the CEL policy denies, the expired
  // ignore no longer hides CG-K8S-004, the live one hides CG-K8S-010, --skip-rules host-ipc drops CG-K8S-005.
  assert.ok(deniedIds.has('team-label') && deniedIds.has('CG-K8S-004') && deniedIds.has('CG-K8S-001'), [...deniedIds].join(','));
  assert.ok(!deniedIds.has('CG-K8S-010') && !deniedIds.has('CG-K8S-005'), [...deniedIds].join(','));
  // Both outcomes are well represented, so agreement is not agreement on "allow everything".
  assert.ok(denied > 100 && objects.length - denied > 100, `${denied} denied of ${objects.length}`);
  assert.ok(warned > 100, `${warned} answers carried warnings`);
});

test('spawned `coastguard config` agrees too, on objects denied by a rule, by a CEL policy, hidden by an ignore, and clean', async () => {
  const pick = (pred: (o: Record<string, any>) => boolean) => objects.findIndex(({ object }) => pred(object));
  const spec = (o: Record<string, any>) => o.spec?.template?.spec ?? o.spec ?? {};
  const chosen = [
    pick((o) => o.kind === 'Pod' && spec(o).hostNetwork === true),
    pick((o) => o.kind === 'Deployment' && !o.metadata?.labels?.team),
    pick((o) => o.kind === 'Pod' && (spec(o).containers ?? []).some((c: any) => c.ports?.some((p: any) => p.hostPort))),
    pick((o) => o.kind === 'ConfigMap'),
  ];
  assert.ok(chosen.every((i) => i >= 0), String(chosen));
  const run = promisify(execFile);
  await Promise.all(chosen.map(async (i) => {
    const file = join(work, `spawned-${i}.json`);
    writeFileSync(file, JSON.stringify(objects[i].object));
    const cfg = await run(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/bin.ts'), 'config', file, '--config', policyFile, '--severity', SEVERITY, '--skip-rules', SKIP, '--format', 'json', '--quiet'], { cwd: repoRoot });
    const expected = idsOf(cfg.stdout);
    const r = await post(url, JSON.stringify(admissionReview(objects[i].object, `s-${i}`)), { ca: tls.cert, agent });
    const got = r.json.response.allowed ? [] : String(r.json.response.auditAnnotations.denied).split(',').sort();
    assert.deepEqual(got, expected, objects[i].from);
  }));
});

test('its own manifests (`admission manifests`) pass every rule at this severity; only this test\'s CEL policy (team label) stops the Deployment', async () => {
  const m = await runCli(['admission', 'manifests', '--namespace', 'coastguard', '--ca-bundle', tls.certFile]);
  const { parseAllDocuments } = await import('yaml');
  const docs = parseAllDocuments(m.stdout).map((d) => d.toJS() as Record<string, unknown>);
  for (const [i, d] of docs.entries()) {
    const r = await post(url, JSON.stringify(admissionReview(d, `own-${i}`)), { ca: tls.cert, agent });
    if (d.kind === 'Deployment') assert.equal(r.json.response.auditAnnotations.denied, 'team-label');
    else assert.equal(r.json.response.allowed, true, `${String(d.kind)}: ${r.json.response.status?.message}`);
  }
});
