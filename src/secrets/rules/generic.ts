import type { SecretRule } from '../types.js';
import { placeholderPassword } from './databases.js';
import { token } from './define.js';

/** A value that is code (a variable, a call, a path), not a literal secret. */
function looksLikeCode(v: string): boolean {
  if (/^[A-Za-z_$][\w$]*(?:(?:\.|->|::|\[)[\w$'"\]()[]*)+$/.test(v)) return true; // config.password, self.token, env['X']
  if (/[()]/.test(v)) return true;
  if (/^(?:\/|\.\/|~\/|https?:\/\/)/.test(v)) return true;
  return false;
}

/** Placeholder words survive leetspeak: pa$$word, s3cr3t, p@ssw0rd. */
function placeholderWords(v: string): boolean {
  const plain = v.toLowerCase().replace(/[@4]/g, 'a').replace(/3/g, 'e').replace(/[1!|]/g, 'i').replace(/0/g, 'o').replace(/[$5]/g, 's').replace(/7/g, 't');
  return /passw|pasword|secret|changeme|letmein|example|dummy|sample/.test(plain.replace(/i/g, 'i'));
}

/** Base64 that decodes to readable text ("dummy text data") is encoded prose, not a key. */
function base64OfText(v: string): boolean {
  if (v.length < 12 || v.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(v)) return false;
  const d = Buffer.from(v, 'base64');
  for (const b of d) if (b < 0x20 || b > 0x7e) return false;
  return /\s/.test(d.toString('latin1'));
}

/** The identifier that ends where the keyword starts ("DB_" of DB_PASSWORD, "stripe." of stripe.api_key). */
function variableName(before: string): string {
  return /[A-Za-z0-9_.-]{0,40}$/.exec(before)?.[0] ?? '';
}

/** Tokens printed in RFCs and vendor documentation as examples (OAuth 2.0 RFC 6749, OAuth 1.0 RFC 5849). */
const DOCUMENTED_EXAMPLES = new Set(['2YotnFZFEjr1zCsicMWpAA', 'tGzv3JOkF0XG5Qx2TlKWIA', 'SplxlOBeZQQYbYS6WxSbIA', 'ad180jjd733klru7', 'hh5s93j4hdidpola', 'nnch734d00sl2jdk', 'kkk9d7dh3k39sjv7', 'hdk48Djdsa', 'j49sk3j29djd', 'dh893hdasih9', 'pfkkdhi9sl3r4s00', 'Q6ZZvhCEG6k6Ndhs7fPqHhRwU5xnSmDX',
  // Yarn's public Algolia search key, printed in its sources
  '6fe4476ee5a1832882e326b506d14126']);

/** Values in a vendor's token format: that vendor's rule decides (a malformed one is a placeholder, not a generic key). */
const VENDOR_PREFIX = /^(?:xox[abposre][.-]|xapp-|gh[pousr]_|github_pat_|gl(?:pat|ptt|rt|dt|ft|oas|cbt|imt|agent|soat|ffct)-|GR1348941|hf_|api_org_|sk-(?:proj|ant|svcacct|admin)|A(?:KIA|SIA|BIA|CCA)[A-Z0-9]|AIza|ops_eyJ|sntr[ysu]_|hv[sbr]\.|fo1_|fm[12][ar]?_|dp\.pt\.|npm_|pypi-|shp(?:ss|at|ca|pa)_|do[opr]_v1_|gl(?:c|sa)_|eyJrIjoi|A3-|dt0c01\.|SG\.|sk_(?:live|test)_|rk_(?:live|test)_)/;

const GENERIC_WHY = 'A credential written as a literal in a file is readable by everyone who can read the file: an image layer, a repository and its history, a build log.';
const GENERIC_FIX = 'Rotate the credential, then read it at run time (environment injected by the orchestrator, a mounted secret file, a secret manager). If the value is not a secret, add `coastguard:ignore` on the line.';

export const genericRules: SecretRule[] = [
  token({
    id: 'generic-password', title: 'Hard-coded password', service: 'the system it logs in to', category: 'generic', severity: 'MEDIUM', generic: true,
    why: GENERIC_WHY, fix: GENERIC_FIX,
    keywords: ['pass', 'pwd'],
    // Starts at the keyword (a fast first-character filter for the regex engine); the rest of the
    // variable name is read back from the line in validate().
    regex: /(?<key>(?:passw(?:or)?d|passphrase|pwd|pass)(?![A-Za-z])[A-Za-z0-9_.-]{0,20}?)["'\]]?[ \t]{0,3}(?:=(?![=~>])|:=|:(?![:=])|=>)[ \t]{0,3}(?:(?<q>["'`])(?<secret>[^"'`\n]{4,200}?)\k<q>|(?<secret2>[^\s"'`;,<>]{6,200}))/i,
    validate: (s, g, _m, before) => {
      const key = variableName(before) + (g.key ?? '');
      if (/bypass|compass|passenger|passthrough|passport|time|date|count|status|fail|success|rate|expir|age$|_at$/i.test(key)) return false;
      if (/^-/.test(s)) return false; // a command-line option, not a password
      if (placeholderWords(s)) return false;
      if (g.secret2 !== undefined && /[{}]/.test(s)) return false; // CSS, templates
      if (/^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(s)) return false; // a CONSTANT_NAME
      if (/\s/.test(s) || /^[:.,`]|`/.test(s)) return false; // prose and docstrings, not a literal password
      if (placeholderPassword(s)) return false;
      if (looksLikeCode(s)) return false;
      if (/^\d{1,7}$/.test(s)) return false;
      if (g.secret2 !== undefined && /^[A-Za-z_.-]+$/.test(s)) return false; // bare words: a type, a variable, prose
      if (/^[a-z]+$/.test(s) && s.length < 12) return false; // a short lower-case word ('define', 'geheim'), not a password
      if (/^(?:sha\d*|md5|bcrypt|argon2)\b|^\$2[aby]\$|^\{(?:SSHA|SHA|CRYPT)\}/i.test(s)) return false; // a hash, not the password
      if (/length|min|max|policy|reset|field|label|hint|prompt|regex|pattern|hash|salt|file|path|url|env|var|type|mode|auth_?method/i.test(key)) return false;
      return true;
    },
    entropy: 2.5,
    gitleaks: 'generic-api-key', secretlint: 'PATTERN',
  }),
  token({
    id: 'generic-api-key', title: 'Hard-coded API key, token or secret', service: 'the service it belongs to', category: 'generic', severity: 'MEDIUM', generic: true,
    why: GENERIC_WHY, fix: GENERIC_FIX,
    keywords: ['key', 'token', 'secret', 'credential', 'creds', 'auth'],
    regex: /(?<key>(?:api[_.-]?key|apikey|api[_.-]?secret|app[_.-]?secret|client[_.-]?secret|secret[_.-]?key|access[_.-]?key|access[_.-]?token|auth[_.-]?token|auth[_.-]?key|private[_.-]?key|secret|token|credentials?|creds|auth|[_.-]key)(?![A-Za-z])[A-Za-z0-9_.-]{0,20}?)["'\]]?[ \t]{0,3}(?:=(?![=~>])|:=|:(?![:=])|=>)[ \t]{0,3}(?:(?<q>["'`])(?<secret>[A-Za-z0-9_.=+/~@!%*#?&-]{10,200})\k<q>|(?<secret2>[A-Za-z0-9_.=+/~-]{10,200})(?![^\s;,])(?![ \t]*\())/i,
    entropy: 3.5,
    validate: (s, g, _m, before) => {
      const key = variableName(before) + (g.key ?? '');
      if (/aws/i.test(key)) return false; // AWS keys have a known shape: the AWS rules own them
      if (!/\d/.test(s)) return false;
      if (placeholderPassword(s)) return false;
      if (looksLikeCode(s)) return false;
      if (/^[A-Z0-9_]+$/.test(s) && s.includes('_')) return false; // an ENV_VAR_NAME
      if (placeholderWords(s)) return false;
      if (base64OfText(s)) return false;
      // An unquoted value naming itself a token/secret is a variable (previousToken: previousToken2).
      if (g.secret2 !== undefined && /token|secret|passw|api_?key|credential/i.test(s)) return false;
      if (/^\d+(?:\.\d+)*$/.test(s)) return false;
      if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) && /id\b|_id|uuid/i.test(key)) return false;
      if (/public|length|size|max|min|type|name|file|path|url|endpoint|header|field|expire|ttl|count|id$|_id$|ref$|authenticity|csrf|xsrf|nonce|cache|page|next|cursor/i.test(key)) return false;
      if (DOCUMENTED_EXAMPLES.has(s)) return false;
      if (VENDOR_PREFIX.test(s)) return false;
      if (/^(?:pk_(?:live|test)_|FLWPUBK|pub_|public_)/i.test(s)) return false; // publishable keys are meant to be public
      if (s === 'ThisTokenIsNotSoSecretChangeIt') return false; // Symfony's documented default
      return true;
    },
    gitleaks: 'generic-api-key',
  }),
];
