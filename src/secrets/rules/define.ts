import type { Severity } from '../../core/severity.js';
import type { SecretRule } from '../types.js';

/** Short forms so the rule files read as data tables. */
export interface TokenSpec {
  id: string;
  title: string;
  /** Who issued it: "GitHub", "AWS" … used in the default why/fix text. */
  service: string;
  category: string;
  keywords: string[];
  regex: RegExp;
  severity?: Severity;
  why?: string;
  fix?: string;
  references?: string[];
  /** gitleaks rule id (becomes gitleaks/<id>), Trivy rule id (trivy/<id>), secretlint message id. */
  gitleaks?: string | string[];
  trivy?: string;
  secretlint?: string | string[];
  entropy?: number;
  stopwords?: string[];
  allowSecrets?: RegExp[];
  allowLines?: RegExp[];
  paths?: RegExp;
  validate?: SecretRule['validate'];
  generic?: boolean;
  defaultOff?: boolean;
  /** The secret may be a run of one character (age keys are bech32 and may be; key blocks are checked by their own rule). */
  keepRepeats?: boolean;
  secretGroup?: SecretRule['secretGroup'];
}

const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function token(s: TokenSpec): SecretRule {
  const aliases = [
    ...list(s.gitleaks).map((g) => `gitleaks/${g}`),
    ...(s.trivy ? [`trivy/${s.trivy}`] : []),
    ...list(s.secretlint).map((g) => `secretlint/${g}`),
  ];
  return {
    id: s.id,
    slug: s.id,
    severity: s.severity ?? 'HIGH',
    title: s.title,
    why:
      s.why ??
      `A ${s.title} in a file lets anyone who can read the file (an image layer, a repository clone, a build cache) act with its owner's rights on ${s.service}. Secrets copied into an image stay in its layers even when a later step deletes them.`,
    fix:
      s.fix ??
      `Revoke the credential in ${s.service} and issue a new one, then supply it at run time (a secret manager, a CI secret, a mounted file or a BuildKit secret mount: RUN --mount=type=secret) instead of storing it in the file.`,
    references: s.references ?? [],
    aliases,
    category: s.category,
    keywords: s.keywords,
    regex: s.regex,
    entropy: s.entropy,
    stopwords: s.stopwords,
    allowSecrets: s.allowSecrets,
    allowLines: s.allowLines,
    paths: s.paths,
    secretGroup: s.secretGroup,
    validate: s.keepRepeats || s.generic ? s.validate : withoutPlaceholders(s.validate),
    generic: s.generic,
    defaultOff: s.defaultOff,
  };
}

/**
 * A token-shaped value that is a placeholder: a run of x, X, # or * ("ghs_xxxx…", "…-####",
 * "AKIAXXXXXXXXXXXXXXXX"). Random tokens have none. (Low-variety bodies such as "sntryu_aaaa…"
 * are left to each rule's entropy floor, as in gitleaks.)
 */
export function placeholderToken(secret: string): boolean {
  if (/\s/.test(secret)) return false; // key blocks and multi-line values have their own checks
  return /([xX#*•])\1{3}/.test(secret);
}

function withoutPlaceholders(validate: SecretRule['validate']): SecretRule['validate'] {
  return (secret, ...rest) => !placeholderToken(secret) && (validate ? validate(secret, ...rest) : true);
}

/**
 * gitleaks' "semi-generic" shape: a service name in the variable name, an assignment in any of
 * the usual syntaxes (INI, YAML incl. block scalars, JSON incl. escaped, XML element, Go/Make
 * `:=` `::=` `?=` `+=`, PHP `.=`, Ruby `=>`, CSV, a call's argument), then the value, which must
 * end at a delimiter.
 */
export function assigned(names: string, value: string, flags = 'i'): RegExp {
  return new RegExp(
    `(?:${names})[\\w \\t.-]{0,20}?(?:\\\\*['"]{0,3})?[ \\t]{0,5}(?:[<>?+.]?=|:{1,3}=|=>|>|:|\\(|,|\\|)(?:\\\\*['"]|[\`\\s=|>]){0,5}(?<secret>${value})(?=['"\`\\s;\\\\<,)]|$)`,
    flags,
  );
}

/** Words that mark a value as a placeholder, not a secret (matched as substrings, lower case). */
export const PLACEHOLDERS = [
  'xxxx', '****', '....', 'example', 'placeholder', 'changeme', 'change_me', 'change-me', 'changeit', 'your_', 'your-', 'yourpass', 'mypass', 'my_pass',
  '<', '>', '${', '{{', '}}', '$(', '%(', 'redacted', 'dummy', 'sample', 'replace', 'insert_', 'enter_', 'enter-your',
  'notreal', 'not_a_real', 'not-a-real', 'notasecret', 'password', 'passwd', 'secret_here', 'token_here', 'key_here', '_here',
  'foo-bar', 'foo_bar', 'foobar', 'anonymous', 'process.env', 'os.environ', 'getenv', 'env.', 'vault:', 'ssm:', 'secretsmanager', 'undefined', 'null', 'none', 'true', 'false',
];

/** Values too common to be anyone's secret (whole value, lower case). */
export const WEAK_VALUES = new Set([
  'secret', 'pass', 'root', 'admin', 'test', 'guest', 'user', 'postgres', 'mysql', 'mongodb', 'redis', 'default', 'string',
  'required', 'optional', 'empty', 'hidden', 'masked', 'foobar', 'foo', 'bar', 'qwerty', '123456', '12345678', 'letmein', 'abc123',
]);
