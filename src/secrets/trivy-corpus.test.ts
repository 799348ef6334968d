// Trivy's secret-scanner fixtures (testdata/trivy). Trivy's expected values live in its Go tests,
// which are not copied; the expectations below are derived from the files themselves (what each
// file plainly contains), as line:rule pairs. Files that only exercise Trivy's own config format
// (custom rules, allow-rules, exclude blocks) are listed separately and must stay silent with the
// built-in rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanText } from './text.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'trivy');

const EXPECTED: Record<string, string[]> = {
  // only the key delimited by non-alphanumerics on both sides (line 2) is an AccessKey ID
  'alibaba-access-key-id.txt': ['2:alibaba-access-key-id'],
  // a multi-line RSA key (1) and the minimal one-line key (9); the empty BEGIN/END pair (6) is not a key
  'asymmetric-private-key.txt': ['1:private-key', '9:private-key'],
  'asymmetric-private-secret.json': ['1:private-key'],
  'asymmetric-private-secret.txt': ['1:private-key'],
  // secret key (1), key id (2); AWS's documented EXAMPLE key (4) is allowed; KEYKEY… (5) is a
  // repeated placeholder (entropy 1.6 bits/char); account ids are an opt-in rule
  'aws-secrets.txt': ['1:aws-secret-access-key', '2:aws-access-key-id'],
  'azure-ai-services-key.txt': ['1:azure-identifiable-key'],
  'azure-app-config-connection-string.txt': ['1:azure-app-config-connection-string'],
  'azure-container-registry-credential.txt': ['1:azure-identifiable-key'],
  'azure-container-registry-password.txt': ['1:azure-container-registry-password'],
  'azure-devops-pat.txt': ['1:azure-devops-pat'],
  'azure-entra-client-secret.txt': ['1:azure-entra-client-secret'],
  'azure-sas-token.txt': ['1:azure-sas-token'],
  'azure-storage-account-key.txt': ['1:azure-storage-account-key'],
  'builtin-rule-secret.txt': ['1:github-pat', '2:aws-access-key-id'],
  'crlf-line-endings.txt': ['2:aws-access-key-id', '4:github-pat'],
  'docker-secrets.txt': ['2:docker-config-auth', '4:docker-config-auth'],
  'example-secret.txt': ['1:aws-secret-access-key'],
  'github-app-token.txt': ['1:github-app-token'],
  'github-token.txt': ['1:github-fine-grained-pat'],
  'grafana-env.txt': ['1:grafana-token', '2:grafana-token'],
  // line 3 only contains "_hf_" inside an identifier
  'hugging-face-secret.txt': ['1:huggingface-token'],
  'invalid-aws-secrets.txt': [],
  // the token on line 3 has only 32 characters before invalid UTF-8 bytes: not a complete ghp_ token
  'invalid-utf8.txt': ['1:github-pat'],
  'jwt-secret.txt': ['3:jwt'],
  'long-line-secret.txt': ['1:github-pat'],
  'obfuscated.js': [],
  'openai-admin-api-key.txt': ['1:openai-api-key'],
  'openai-invalid.txt': [],
  'openai-legacy-api-key.txt': ['1:openai-api-key'],
  'openai-project-api-key.txt': ['1:openai-api-key'],
  'openai-realtime-client-secret.txt': ['1:openai-client-secret'],
  'openai-service-account-key.txt': ['1:openai-api-key'],
  'openai-service-api-key.txt': ['1:openai-api-key'],
  'private-packagist.txt': ['1:packagist-token', '2:packagist-token', '3:packagist-token'],
  // {…} values are Maven-encrypted, ${…} are references, empty ones are empty
  'settings-encrypted.xml': [],
  'settings-security.xml': ['2:maven-settings-password'],
  'settings.xml': ['2:maven-settings-password', '3:maven-settings-password'],
  // Symfony's documented default value
  'symfony-secret.yaml': [],
  // tokens glued to a preceding letter are parts of longer identifiers …
  'wrapped-secrets.txt': [],
  // … but a secret-named variable and a full github_pat_ token are still secrets
  'wrapped-secrets-sensitive.txt': ['1:aws-secret-access-key', '2:github-fine-grained-pat'],
};

/** Inputs of Trivy's config-format tests (custom rules, allow-rules, exclude blocks): nothing built-in applies. */
const CONFIG_ONLY = ['secret.txt', 'secret.md', 'multi-line.txt'];

test('every Trivy secret fixture is classified', () => {
  const files = readdirSync(DIR).filter((f) => f !== 'LICENSE' && !f.endsWith('.yaml')).sort();
  const known = [...Object.keys(EXPECTED).filter((f) => !f.endsWith('.yaml')), ...CONFIG_ONLY].sort();
  assert.deepEqual(files, known);
});

for (const [file, want] of Object.entries(EXPECTED)) {
  test(`trivy fixture ${file}`, () => {
    const got = scanText(file, readFileSync(join(DIR, file))).map((f) => `${f.location.line}:${f.id}`);
    assert.deepEqual(got, want);
  });
}

for (const file of CONFIG_ONLY) {
  test(`trivy config-test input ${file} gives nothing with the built-in rules`, () => {
    assert.deepEqual(scanText(file, readFileSync(join(DIR, file))).map((f) => `${f.location.line}:${f.id}`), []);
  });
}

test('Trivy corpus figures', (t) => {
  let want = 0;
  let hit = 0;
  let extra = 0;
  for (const [file, exp] of Object.entries(EXPECTED)) {
    const got = scanText(file, readFileSync(join(DIR, file))).map((f) => `${f.location.line}:${f.id}`);
    want += exp.length;
    hit += exp.filter((e) => got.includes(e)).length;
    extra += got.filter((g) => !exp.includes(g)).length;
  }
  t.diagnostic(`trivy fixtures: ${hit}/${want} expected secrets found, ${extra} unexpected`);
  assert.deepEqual([hit, want, extra], [44, 44, 0]);
});
