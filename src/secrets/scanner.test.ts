import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeywordMatcher } from './aho-corasick.js';
import { builtinRules, isTextCandidate, redact, scanDirectory, scanImageConfigSecrets, scanText, secretAnalyzer, SecretScanner } from './index.js';

const GHP = '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';

test('keyword automaton finds every keyword once, case-insensitively, overlapping ones included', () => {
  const m = new KeywordMatcher(['akia', 'ghp_', 'hp_x', 'private key']);
  assert.deepEqual([...m.search(Buffer.from('xx GHP_X and -----BEGIN PRIVATE KEY----- akia'))].sort(), [0, 1, 2, 3]);
  assert.deepEqual([...m.search(Buffer.from('nothing here'))], []);
});

test('rule metadata is complete and ids are unique', () => {
  const ids = new Set<string>();
  for (const r of builtinRules) {
    assert.ok(!ids.has(r.id), `duplicate ${r.id}`);
    ids.add(r.id);
    assert.ok(r.title && r.why && r.fix && r.slug === r.id && (r.keywords.length > 0 || r.fileCheck), r.id);
    for (const k of r.keywords) assert.equal(k, k.toLowerCase(), `${r.id} keyword ${k} must be lower case`);
  }
  assert.ok(builtinRules.length >= 100, `only ${builtinRules.length} rules`);
  assert.ok(builtinRules.find((r) => r.id === 'aws-access-key-id')!.aliases.includes('gitleaks/aws-access-token'));
});

test('finding shape: kind, location, redacted match, aliases, stable fingerprint', () => {
  const text = `# config\nGITHUB_TOKEN=${GHP}\n`;
  const [f] = scanText('app/.env', text);
  assert.equal(f.kind, 'secret');
  assert.equal(f.id, 'github-pat');
  assert.equal(f.severity, 'CRITICAL');
  assert.deepEqual(f.location, { path: 'app/.env', line: 2, endLine: 2 });
  assert.equal(f.match, 'ghp_****************');
  assert.equal(f.code, 'GITHUB_TOKEN=ghp_****************');
  assert.ok(!JSON.stringify(f).includes(GHP.slice(4)), 'the secret never appears in the finding');
  assert.ok(f.aliases.includes('gitleaks/github-pat'));
  // Same rule + path + line + secret: same fingerprint, run after run; another secret: another one.
  assert.equal(scanText('app/.env', text)[0].fingerprint, f.fingerprint);
  assert.notEqual(scanText('app/.env', text.replace('pINUx', 'pINUy'))[0].fingerprint, f.fingerprint);
});

test('redaction keeps the first 4 characters, and only the header of a key block', () => {
  assert.equal(redact('AKIA0123456789ABCDEF'), 'AKIA****************');
  assert.equal(redact('abcdef'), 'abcd**');
  assert.equal(redact('-----BEGIN RSA PRIVATE KEY-----\nMIIE'), '-----BEGIN RSA PRIVATE KEY-----****');
});

test('AWS documentation keys are allowed; a real-looking one is not', () => {
  assert.deepEqual(scanText('a.txt', 'id=AKIAIOSFODNN7EXAMPLE\nkey=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n'), []);
  assert.deepEqual(scanText('a.txt', 'aws_access_key_id=AKIAZ7Q4PXR2M5LT9WQB\n').map((f) => f.id), ['aws-access-key-id']);
});

test('inline ignores: coastguard:ignore, -next-line, rule-scoped, gitleaks:allow, secretlint blocks', () => {
  const body = [
    `a=${GHP} # coastguard:ignore`,
    '# coastguard:ignore-next-line',
    `b=${GHP}`,
    `c=${GHP} # coastguard:ignore aws-access-key-id`,
    `d=${GHP} // gitleaks:allow`,
    '// secretlint-disable',
    `e=${GHP}`,
    '// secretlint-enable',
    `f=${GHP} # coastguard:ignore github-pat`,
  ].join('\n');
  assert.deepEqual(scanText('x.sh', body).map((f) => f.location.line), [4]);
});

test('binary bodies and bodies over the size cap are skipped; text under it is scanned', () => {
  const bin = Buffer.concat([Buffer.from(`k=${GHP}\n`), Buffer.from([0, 1, 2, 0])]);
  assert.deepEqual(scanText('blob', bin), []);
  const s = new SecretScanner({ maxFileSize: 20 });
  assert.deepEqual(s.scan('big.txt', Buffer.from(`k=${GHP}`)), []);
  assert.equal(scanText('small.txt', Buffer.from(`k=${GHP}`)).length, 1);
});

test('rules can be disabled by id or alias; default-off rules enabled', () => {
  assert.deepEqual(new SecretScanner({ disableRules: ['gitleaks/github-pat'] }).scan('a', `k=${GHP}`), []);
  const txt = 'AWS_ACCOUNT_ID=1234-5678-9012';
  assert.deepEqual(scanText('a', txt), []);
  assert.deepEqual(new SecretScanner({ enableRules: ['aws-account-id'] }).scan('a', txt).map((f) => f.id), ['aws-account-id']);
});

test('generic password rule: literals yes; placeholders, references and code no', () => {
  const hits = (t: string) => scanText('app.properties', t).map((f) => f.id);
  assert.deepEqual(hits('db.password=Xk93!mQz7p'), ['generic-password']);
  assert.deepEqual(hits('DB_PASSWORD="hunter2-Prod"'), ['generic-password']);
  for (const fp of ['password=${DB_PASSWORD}', 'password: changeme', 'password = os.environ["PW"]', 'password: string;',
    'password = "<your-password>"', 'passwordMinLength=12', 'password = getPassword()', 'password=', 'pass: 123456789']) {
    assert.deepEqual(hits(fp), [], fp);
  }
});

test('analyzer: wants text candidates under the cap, skips binaries by extension, reports the layer', () => {
  assert.equal(secretAnalyzer.kind, 'secret');
  assert.equal(secretAnalyzer.wants('etc/app/config.yaml', { size: 100, mode: 0o644 }), true);
  assert.equal(secretAnalyzer.wants('usr/lib/libc.so', { size: 100, mode: 0o755 }), false);
  assert.equal(secretAnalyzer.wants('app/logo.PNG', { size: 100, mode: 0o644 }), false);
  assert.equal(secretAnalyzer.wants('big.log', { size: 11 * 1024 * 1024, mode: 0o644 }), false);
  assert.equal(isTextCandidate('usr/share/zoneinfo/UTC', 100), false);
  const r = secretAnalyzer.analyze({ path: 'root/.npmrc', size: 40, mode: 0o600, layer: 'sha256:abc', content: Buffer.from(`//registry.npmjs.org/:_authToken=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\n`) });
  const f = (r as { findings: { id: string; location: unknown }[] }).findings;
  assert.deepEqual(f.map((x) => [x.id, x.location]), [['npm-token', { path: 'root/.npmrc', line: 1, endLine: 1, layer: 'sha256:abc' }]]);
});

test('image config: env, labels and history are scanned, the same value reported once', () => {
  const findings = scanImageConfigSecrets(
    {
      layers: [],
      config: { Env: ['PATH=/usr/bin', `GITHUB_TOKEN=${GHP}`], Labels: { 'org.example.token': 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' } },
      history: [{ created_by: `/bin/sh -c #(nop)  ENV GITHUB_TOKEN=${GHP}` }, { created_by: 'RUN curl -u deploy:Tr0ub4dor3x@https://x' }],
    },
    'example:1',
  );
  assert.deepEqual(findings.map((f) => [f.id, f.location.path, f.location.line, f.target]), [
    ['github-pat', 'image config: env', 2, 'example:1'],
    ['stripe-secret-key', 'image config: labels', 1, 'example:1'],
    ['curl-user-password', 'image config: history', 2, 'example:1'],
  ]);
});

test('scanDirectory: walks the tree, skips .git and --skip-dirs, same results with worker threads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-secrets-'));
  try {
    mkdirSync(join(dir, 'src'), { recursive: true });
    mkdirSync(join(dir, 'vendor'), { recursive: true });
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, 'src', 'app.env'), `TOKEN=${GHP}\n`);
    writeFileSync(join(dir, 'src', 'key.pem'), '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACAxSChbEXO6DKOLpzlLEaypbXSwfRqlS8UnaSHWR8HaIgAAAKDFNoOuxTaD\n-----END OPENSSH PRIVATE KEY-----\n');
    writeFileSync(join(dir, 'vendor', 'x.txt'), `TOKEN=${GHP}\n`);
    writeFileSync(join(dir, '.git', 'config'), `TOKEN=${GHP}\n`);
    writeFileSync(join(dir, 'img.png'), `TOKEN=${GHP}\n`);
    const want = [['src/app.env', 1, 'github-pat'], ['src/key.pem', 1, 'private-key']];
    const a = await scanDirectory(dir, { skipDirs: ['vendor'], workers: 0 });
    assert.deepEqual(a.findings.map((f) => [f.location.path, f.location.line, f.id]), want);
    const b = await scanDirectory(dir, { skipDirs: ['vendor'], workers: 2 });
    assert.deepEqual(b.findings.map((f) => [f.location.path, f.location.line, f.id]), want);
    assert.deepEqual(b.warnings, []);
    await assert.rejects(scanDirectory(join(dir, 'nope')), /no such directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the analyzer version follows the rule set (layer-cache key)', async () => {
  const { RULESET_VERSION } = await import('./analyzer.js');
  assert.equal(secretAnalyzer.version, RULESET_VERSION);
  assert.ok(Number.isInteger(RULESET_VERSION) && RULESET_VERSION > 0);
});

test('--secret-config gives the layer-walk analyzer custom rules, and its bytes are in the cache key', async () => {
  const { configuredAnalyzers } = await import('../analyze/registry.js');
  const dir = mkdtempSync(join(tmpdir(), 'cg-secret-cfg-'));
  const cfg = join(dir, 'trivy-secret.yaml');
  writeFileSync(cfg, 'rules:\n  - id: acme\n    severity: HIGH\n    regex: ACME-(?P<secret>[0-9]{8})\n    secret-group-name: secret\n');
  try {
    const [custom] = configuredAnalyzers(['secret'], { secretConfig: cfg });
    const r = (await custom.analyze({ path: 'etc/app.conf', size: 20, mode: 0o644, content: Buffer.from('key ACME-12345678\n') })) as { findings: { id: string }[] };
    assert.deepEqual(r.findings.map((f) => f.id), ['acme']);
    assert.match(custom.optionsKey ?? '', /^secret-config:[0-9a-f]{16}$/);
    assert.equal(secretAnalyzer.optionsKey, undefined);
    assert.throws(() => configuredAnalyzers(['secret'], { secretConfig: join(dir, 'missing.yaml') }), /cannot read secret config \(ENOENT\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
