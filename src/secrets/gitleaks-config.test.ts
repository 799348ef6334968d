import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretScanner } from './scanner.js';
import { parseGitleaksConfig } from './gitleaks-config.js';

const TOKEN = 'acme_' + 'k7Qz2Lm9Xp4Rt8Vw3Yb6Nc1D';

const CONFIG = `
title = "acme"

[extend]
useDefault = true
disabledRules = ["jwt", "generic-api-key"]

[[rules]]
id = "acme-token"
description = "ACME API token"
regex = '''(?i)acme[_-]?token\\s*[:=]\\s*["']?(acme_[[:alnum:]]{24})'''
secretGroup = 1
entropy = 3.0
keywords = ["acme"]
  [[rules.allowlists]]
  regexTarget = "line"
  regexes = ['''#\\s*example''']
  [[rules.allowlists]]
  stopwords = ["acme_test"]

[[rules]]
id = "acme-config-file"
description = "ACME credentials file"
path = '''(^|/)\\.acmerc$'''

[allowlist]
paths = ['''^vendor/''']
`;

test('gitleaks config: custom rules, secretGroup, keywords, entropy, allowlists, extend', () => {
  const s = new SecretScanner(parseGitleaksConfig(CONFIG, '.gitleaks.toml'));
  const ids = (path: string, text: string) => s.scan(path, text).map((f) => `${f.location.line}:${f.id}:${f.match}`);
  assert.deepEqual(ids('app.env', `# settings\nACME_TOKEN=${TOKEN}\n`), ['2:acme-token:acme****************']);
  assert.deepEqual(ids('app.env', `ACME_TOKEN=${TOKEN} # example value\n`), [], 'line allowlist');
  assert.deepEqual(ids('app.env', `acme_token: acme_test${'a1'.repeat(10)}bc\n`), [], 'stopword');
  assert.deepEqual(ids('vendor/lib/app.env', `ACME_TOKEN=${TOKEN}\n`), [], 'global path allowlist');
  assert.deepEqual(ids('home/.acmerc', 'anything\n'), ['1:acme-config-file:anyt*****']);
  // useDefault keeps the built-in rules, disabledRules removes one
  const gh = 'ghp_' + 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx';
  assert.deepEqual(s.scan('a', `t=${gh}`).map((f) => f.id), ['github-pat']);
  assert.deepEqual(s.scan('a', 'x eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U').map((f) => f.id), []);
});

test('gitleaks config without [extend] replaces the built-in rules; errors name the file', () => {
  const only = new SecretScanner(parseGitleaksConfig('[[rules]]\nid = "x"\nregex = "XTOKEN_[0-9]{6}"\n', 'g.toml'));
  assert.deepEqual(only.scan('a', 'XTOKEN_123456 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').map((f) => f.id), ['x']);
  assert.throws(() => parseGitleaksConfig('[[rules]]\nid = \n', 'g.toml'), /invalid TOML .*: g\.toml/);
  assert.throws(() => parseGitleaksConfig('[[rules]]\ndescription = "no id"\nregex = "a"\n', 'g.toml'), /a rule needs an id: g\.toml \[\[rules\]\] #1/);
  assert.throws(() => parseGitleaksConfig('[[rules]]\nid = "r"\nregex = "a("\n', 'g.toml'), /invalid regex .*: g\.toml \[\[rules\]\] #1 \(r\)/);
});
