// Trivy's secret-config fixtures (testdata/trivy/*.yaml) paired with the inputs they were written
// for; expectations derived from the configs and inputs themselves.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SecretScanner } from './scanner.js';
import { goRegex, loadTrivySecretConfig, parseTrivySecretConfig } from './trivy-config.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'trivy');

const CASES: [config: string, input: string, want: string[]][] = [
  // secret.txt: line 2 sits in an "ignore block", line 4 is secret="othervalue"
  ['config.yaml', 'secret.txt', ['2:rule1', '4:rule1']],
  ['allow-path.yaml', 'secret.txt', []],
  ['allow-path.yaml', 'secret.md', ['2:rule1', '4:rule1']],
  ['allow-regex.yaml', 'secret.txt', ['2:rule1']],
  // the allow regex ("line") matches outside the secret group: the secret itself is not allowed
  ['allow-regex-outside-group.yaml', 'secret.txt', ['2:rule1']],
  ['config-disable-rule1.yaml', 'secret.txt', []],
  ['config-disable-ghp.yaml', 'builtin-rule-secret.txt', ['2:aws-access-key-id']],
  ['config-enable-ghp.yaml', 'builtin-rule-secret.txt', ['1:github-pat']],
  ['config-happy-keywords.yaml', 'secret.txt', ['2:rule1', '4:rule1']],
  ['config-sad-keywords.yaml', 'secret.txt', []],
  ['config-with-non-uppercase-severity.yaml', 'secret.txt', ['2:rule1']],
  ['config-without-severity.yaml', 'secret.txt', ['2:rule1']],
  ['exclude-block.yaml', 'secret.txt', ['4:rule1']],
  ['global-exclude-block.yaml', 'secret.txt', ['4:rule1']],
  ['global-allow-path.yaml', 'secret.txt', []],
  ['global-allow-regex.yaml', 'secret.txt', ['2:rule1']],
  ['multi-line-off.yaml', 'multi-line.txt', []],
  ['multi-line-on.yaml', 'multi-line.txt', ['2:multi-line-secret']],
  ['multiple-secret-groups.yaml', 'secret.txt', ['5:rule1']],
  ['config-disable-allow-rule-md.yaml', 'secret.md', ['2:rule1', '4:rule1']],
  ['skip-test.yaml', 'builtin-rule-secret.txt', ['1:github-pat', '2:aws-access-key-id']],
];

for (const [config, input, want] of CASES) {
  test(`trivy secret config ${config} on ${input}`, () => {
    const s = new SecretScanner(loadTrivySecretConfig(join(DIR, config)));
    assert.deepEqual(s.scan(input, readFileSync(join(DIR, input))).map((f) => `${f.location.line}:${f.id}`), want);
  });
}

test('severities: case-insensitive, UNKNOWN when absent, a clear error when unknown', () => {
  const sev = (config: string) => new SecretScanner(loadTrivySecretConfig(join(DIR, config))).scan('secret.txt', readFileSync(join(DIR, 'secret.txt')))[0]?.severity;
  assert.equal(sev('config-with-non-uppercase-severity.yaml'), 'UNKNOWN');
  assert.equal(sev('config-without-severity.yaml'), 'UNKNOWN');
  assert.equal(sev('config.yaml'), 'HIGH');
  assert.throws(() => loadTrivySecretConfig(join(DIR, 'config-with-incorrect-severity.yaml')), /rule rule1: unknown severity "bad" .*: .*config-with-incorrect-severity\.yaml:2$/);
});

test('Go regex syntax is translated; what cannot be is a clear error with the line', () => {
  assert.equal(goRegex('(?i)(?P<secret>ab)', 'x').flags, 'i');
  assert.equal(goRegex('(?P<secret>a)|(?P<secret>b)', 'x').source, '(?<secret>a)|(?<secret__1>b)');
  assert.throws(() => parseTrivySecretConfig('rules:\n  - id: r\n    regex: "a(?i:b)"\n', 'cfg.yaml'), /inline regex flags .*: cfg\.yaml:2$/);
  assert.throws(() => parseTrivySecretConfig('rules:\n  - id: r\n    regex: "a("\n', 'cfg.yaml'), /invalid regex .*: cfg\.yaml:2$/);
  assert.throws(() => parseTrivySecretConfig('rules: [\n', 'cfg.yaml'), /invalid YAML .*: cfg\.yaml:\d+$/);
  assert.throws(() => loadTrivySecretConfig('/nonexistent/trivy-secret.yaml'), /cannot read secret config \(ENOENT\): \/nonexistent\/trivy-secret\.yaml/);
});
