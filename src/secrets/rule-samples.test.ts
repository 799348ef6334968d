// One synthetic hit per rule family, built in code (repeat/concat) so this file holds no
// real-looking literal secret. Each sample must be found by exactly the named rule, and the
// near-miss beside it (wrong prefix, glued to a word, placeholder) by nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from './text.js';

const hex = (n: number) => '0123456789abcdef'.repeat(Math.ceil(n / 16)).slice(0, n).split('').map((c, i) => (i % 7 === 3 ? 'f' : c)).join('');
const alnum = (n: number) => 'aZ3kQ9mX2pL7vB4nR8tY6wC1'.repeat(Math.ceil(n / 24)).slice(0, n);
const upperNum = (n: number) => 'K3J9Q2M7X4P8Z6R1'.repeat(Math.ceil(n / 16)).slice(0, n);
const uuid = 'd9e1f2a3-4b5c-4d6e-8f70-a1b2c3d4e5f6';

const HITS: [string, string, string][] = [
  ['private-key', 'id_rsa', `-----BEGIN RSA PRIVATE KEY-----\n${Buffer.from(Array.from({ length: 120 }, (_, i) => (i * 37) % 256)).toString('base64')}\n-----END RSA PRIVATE KEY-----\n`],
  ['aws-access-key-id', '.env', `AWS_ACCESS_KEY_ID=AKIA${upperNum(16)}`],
  ['aws-secret-access-key', '.env', `aws_secret_access_key = ${alnum(40)}`],
  ['gcp-api-key', 'a.js', `const k = "AIza${alnum(35)}";`],
  ['github-pat', 'a.sh', `export GH=ghp_${alnum(36)}`],
  ['gitlab-token', 'a.sh', `TOKEN=glpat-${alnum(20)}`],
  ['slack-token', 'a.txt', `xoxb-123456789012-1234567890123-${alnum(24)}`],
  ['stripe-secret-key', 'a.rb', `Stripe.api_key = "sk_live_${alnum(24)}"`],
  ['sendgrid-api-key', 'a.txt', `SG.${alnum(22)}.${alnum(43)}`],
  ['npm-token', '.npmrc', `//registry.npmjs.org/:_authToken=npm_${alnum(36)}`],
  ['pypi-token', '.pypirc', `password = pypi-AgEIcHlwaS5vcmc${alnum(60)}`],
  ['digitalocean-token', 'a', `DO=dop_v1_${hex(64)}`],
  ['dockerhub-token', 'a', `dckr_pat_${alnum(27)}`],
  ['age-secret-key', 'key.txt', `AGE-SECRET-KEY-1${'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'.repeat(2).slice(0, 58)}`],
  ['sonarqube-token', 'a', `SONAR_TOKEN=sqp_${hex(40)}`],
  ['brevo-api-key', 'a', `xkeysib-${hex(64)}-${alnum(16)}`],
  ['shippo-token', 'a', `shippo_live_${hex(40)}`],
  ['plaid-access-token', 'a', `access-sandbox-${uuid}`],
  ['kubeconfig-client-key', 'kubeconfig', `    client-key-data: ${Buffer.from('-----BEGIN RSA PRIVATE KEY-----\n' + alnum(120)).toString('base64')}`],
  ['pgpass-password', 'home/app/.pgpass', 'db.internal:5432:app:app:Zq8!vR2#mK5w'],
  ['netrc-password', 'root/.netrc', 'machine api.example.net login deploy password Zq8vR2mK5wT4'],
  ['php-define-password', 'wp-config.php', "define( 'DB_PASSWORD', 'Zq8!vR2#mK5w' );"],
  ['database-connection-string', 'a.yaml', 'url: postgresql://app:Zq8vR2mK5w@db.internal:5432/app'],
  ['basic-auth-url', 'a.txt', 'https://deploy:Zq8vR2mK5w@git.internal.example.net/repo.git'],
  ['generic-api-key', 'settings.py', `API_KEY = "${alnum(32)}"`],
  ['generic-password', 'app.ini', 'db_password = "Zq8!vR2#mK5w"'],
  ['jwt', 'a.txt', `Authorization: Bearer eyJ${alnum(20)}.eyJ${alnum(30)}.${alnum(43)}`],
  ['openai-api-key', 'a', `OPENAI_API_KEY=sk-proj-${alnum(40)}T3BlbkFJ${alnum(40)}`],
  ['anthropic-api-key', 'a', `sk-ant-api03-${alnum(93)}AA`],
  ['telegram-bot-token', 'a', `BOT=123456789:AA${alnum(33)}`],
  ['terraform-cloud-token', '.terraformrc', `token = "${alnum(14)}.atlasv1.${alnum(67)}"`],
];

const MISSES: [string, string][] = [
  ['a.sh', `export GH=xghp_${alnum(36)}`],
  ['a.txt', 'AKIAIOSFODNN7EXAMPLE'],
  ['a.yaml', 'url: postgresql://app:${DB_PASSWORD}@db.internal:5432/app'],
  ['a.txt', 'https://user:password@example.com/'],
  ['settings.py', 'API_KEY = os.environ["API_KEY"]'],
  ['app.ini', 'db_password = "changeme"'],
  ['a.rb', `Stripe.api_key = "pk_live_${alnum(24)}"`],
  ['wp-config.php', "define( 'AUTH_KEY', 'put your unique phrase here' );"],
];

for (const [id, path, text] of HITS) {
  test(`rule ${id} finds its sample`, () => {
    assert.deepEqual(scanText(path, text).map((f) => f.id), [id]);
  });
}

test('near misses give nothing', () => {
  for (const [path, text] of MISSES) assert.deepEqual(scanText(path, text).map((f) => f.id), [], text);
});

test('Authorization headers and curl credentials (image history lines look like this)', () => {
  const b64 = Buffer.from('deploy:Zq8vR2mK5wT4').toString('base64');
  assert.deepEqual(scanText('h', `RUN curl -H "Authorization: Basic ${b64}" https://repo.internal/x`).map((f) => f.id), ['http-basic-auth-header']);
  assert.deepEqual(scanText('h', `curl -H 'Authorization: Bearer ${alnum(40)}' https://api`).map((f) => f.id), ['http-bearer-token']);
  assert.deepEqual(scanText('h', 'RUN curl -fsSL -u deploy:Zq8vR2mK5wT4 https://repo.internal/pkg.tgz').map((f) => f.id), ['curl-user-password']);
  // references, placeholders and user:password examples stay quiet
  assert.deepEqual(scanText('h', 'curl -u $USER:$PASS https://x\ncurl -u user:password https://x\ncurl -H "Authorization: Bearer $TOKEN" https://x').map((f) => f.id), []);
  assert.deepEqual(scanText('h', `Authorization: Basic ${Buffer.from('user:password').toString('base64')}`).map((f) => f.id), []);
});

test('service-context rules need the service name and the documented shape', () => {
  assert.deepEqual(scanText('a.env', `HUBSPOT_API_KEY=${uuid}`).map((f) => f.id), ['hubspot-key']);
  assert.deepEqual(scanText('a.env', `FASTLY_API_TOKEN="${alnum(32)}"`).map((f) => f.id), ['fastly-token']);
  assert.deepEqual(scanText('a.env', `sendbird_token: ${hex(40)}`).map((f) => f.id), ['sendbird-token']);
  // the name alone, or the shape alone, is not enough
  assert.deepEqual(scanText('a.env', 'HUBSPOT_API_KEY=not-configured').map((f) => f.id), []);
  assert.deepEqual(scanText('a.env', `CORRELATION_REF=${uuid}`).map((f) => f.id), []);
});

test('a base64-encoded PEM private key is found; an encoded certificate is not', () => {
  const body = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 53) % 256)).toString('base64');
  const key = Buffer.from(`-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`).toString('base64');
  const cert = Buffer.from(`-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`).toString('base64');
  assert.deepEqual(scanText('secret.yaml', `data:\n  tls.key: ${key}\n  tls.crt: ${cert}\n`).map((f) => [f.id, f.location.line]), [['base64-private-key', 2]]);
});
