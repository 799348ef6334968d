/** Names that, by convention, hold credentials: used for ENV/ARG, compose environment, labels, k8s env. */
const SECRET = /(^|[_.-])(pass(word|wd)?|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|credentials?|auth[_.-]?token|client[_.-]?secret|secret[_.-]?key)([_.-]|$)/i;
const NOT_SECRET = /(^|[_.-])(file|path|dir|url|uri|host|port|user(name)?|name|id|length|len|min|max|policy|type|enabled|version|endpoint|header|prefix|suffix|env|mode|location|ref)$/i;

const ALWAYS = /^(aws_secret_access_key|google_application_credentials|oci_cli_key_content|azure_.+key)$|bearer/i;

/** A PEM private key inside a value. */
export const PRIVATE_KEY = /-----BEGIN\s+[A-Z ]*PRIVATE KEY-----|-BEGIN\s+.*PRIVATE KEY-/;

export function isSecretName(name: string): boolean {
  const n = name.replace(/^["']|["']$/g, '');
  return ALWAYS.test(n) || (SECRET.test(n) && !NOT_SECRET.test(n));
}
