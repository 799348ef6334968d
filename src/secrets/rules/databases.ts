import type { SecretRule } from '../types.js';
import { PLACEHOLDERS, WEAK_VALUES, placeholderToken, token } from './define.js';
import { uniqueChars } from '../entropy.js';

/** A password that is a template, a placeholder or too weak to be anyone's real one. */
export function placeholderPassword(pass: string, user?: string, weak = WEAK_VALUES): boolean {
  const low = pass.toLowerCase();
  if (/^[{$%<[(]|[}>)]$/.test(pass)) return true; // {PASS}, ${PASS}, %(pass)s, <password>, $(PASS)
  if (PLACEHOLDERS.some((w) => low.includes(w))) return true;
  if (weak.has(low)) return true;
  if (user !== undefined && user === pass) return true;
  if (uniqueChars(pass) < 3) return true;
  // Keyboard and counting runs: 123456789, abcdef, qwerty.
  if (pass.length >= 4 && ['01234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', '9876543210'].some((run) => run.includes(low))) return true;
  return false;
}

const DB_SCHEMES = 'postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse|couchdb|couchbase|neo4j(?:\\+s)?|bolt|cassandra|memcached|ldaps?|smtps?|nats|influxdb|elasticsearch|opensearch';

/** user:password from base64 (HTTP Basic), or undefined when it is not that. */
function basicPair(b64: string): { user: string; pass: string } | undefined {
  const s = Buffer.from(b64, 'base64').toString('utf8');
  const i = s.indexOf(':');
  if (i <= 0 || /[^\x20-\x7e]/.test(s)) return undefined;
  return { user: s.slice(0, i), pass: s.slice(i + 1) };
}

export const databaseRules: SecretRule[] = [
  token({
    id: 'http-basic-auth-header', title: 'HTTP Basic credentials in an Authorization header', service: 'the server it is sent to', category: 'generic',
    keywords: ['basic'], regex: /Authorization["']?\s*[:=]\s*["']?Basic\s+(?<secret>[A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/i,
    validate: (s) => {
      const p = basicPair(s);
      return !!p && p.pass.length >= 4 && !placeholderPassword(p.pass, p.user, new Set(['secret']));
    },
    gitleaks: 'curl-auth-header',
  }),
  token({
    id: 'http-bearer-token', title: 'Bearer token in an Authorization header', service: 'the API it is sent to', category: 'generic', severity: 'MEDIUM',
    keywords: ['bearer'], regex: /Authorization["']?\s*[:=]\s*["']?Bearer\s+(?<secret>[A-Za-z0-9_.~+/-]{20,}={0,2})(?![A-Za-z0-9_.~+/=-])/i,
    entropy: 3.5, validate: (s) => /\d/.test(s) && !placeholderPassword(s), generic: true, gitleaks: 'curl-auth-header',
  }),
  token({
    id: 'curl-user-password', title: 'Password on a curl/wget command line', service: 'the server it logs in to', category: 'generic',
    // -u user:password on the curl line or a backslash-continued line after it; either half may be
    // quoted on its own. A bare `-u user` makes curl prompt for the password: nothing to report.
    keywords: ['curl', 'wget'],
    regex: /\b(?:curl|wget)\b(?:[^\n]|\\\r?\n){0,400}?[ \t\n](?:(?:-u|--user|--http-user)(?:=|[ \t]{1,5})(?<secret>"[^"\n]*:[^"\n]*"|'[^'\n]*:[^'\n]*'|(?:"[^"\n]+"|'[^'\n]+'|[\w$@.{}~!-]+):(?:"[^"\n]+"|'[^'\n]+'|[^\s"']+))|(?:--password|--http-password)[ =]["']?(?<secret2>[^\s"']{4,}))/,
    validate: (s, g) => {
      if (g.secret2 !== undefined) return !placeholderPassword(s) && !/^\$/.test(s);
      const plain = s.replace(/^(["'])(.*)\1$/, '$2');
      const i = plain.indexOf(':');
      const unq = (v: string) => v.replace(/^(["'])(.*)\1$/, '$2');
      const user = unq(plain.slice(0, i));
      const pass = unq(plain.slice(i + 1));
      const secret = pass || user; // `-u ":pw"` and `-u "pw:"`: the one half given is the secret
      if (secret.length < 3) return false;
      if (/^(?:\$|<|\[|\{\{|%)|\$\{|\$\(|\{\{/.test(user) || /^(?:\$|<|\[|\{\{|%)|\$\{|\$\(|\{\{/.test(secret)) return false;
      if (/^(?:change(?:it|me)|pass(?:word)?|pwd|test|token|secret|x+|\*+)$/i.test(pass)) return false;
      return !placeholderPassword(secret, pass ? user : undefined);
    },
    gitleaks: 'curl-auth-user',
  }),
  token({
    id: 'curl-auth-header', title: 'Credential in a curl header', service: 'the API it is sent to', category: 'generic', severity: 'MEDIUM',
    // curl -H 'Authorization: …' (any scheme, or none) and the API-key headers (apikey:, X-…-ApiKey:, Token:).
    keywords: ['curl'],
    regex: /\bcurl\b(?:[^\n]|\\?\r?\n#?){0,600}?[ \t\n](?:-H|--header)(?:=|[ \t]{0,5})["'](?:Authorization:[ \t]{0,5}(?:Basic[ \t](?<secret__basic>[A-Za-z0-9+/]{8,}={0,3})|(?:Bearer|(?:Api-)?Token)[ \t](?<secret>[\w=~@.+/-]{8,})|(?<secret__bare>[\w=~@.+/-]{8,}))|(?:X-(?:[a-z]+-)?)?(?:Api-?)?(?:Key|Token):[ \t]{0,5}(?<secret__header>[\w=~@.+/-]{8,}))["']/i,
    secretGroup: 'secret',
    entropy: 2.75,
    validate: (s) => !placeholderPassword(s) && !placeholderToken(s) && !/^\$/.test(s),
    generic: true,
    gitleaks: 'curl-auth-header',
  }),
  token({
    id: 'database-connection-string', title: 'Database connection string with a password', service: 'the database', category: 'database', severity: 'HIGH',
    why: 'A connection string with a password gives direct access to the database it names, bypassing the application in front of it.',
    fix: 'Change the database password, then pass the connection string (or only the password) at run time through a secret store or an environment variable injected by the orchestrator.',
    keywords: ['postgres', 'mysql', 'mariadb', 'mongodb', 'redis', 'amqp', 'mssql', 'sqlserver', 'oracle', 'cockroachdb', 'clickhouse', 'couchdb', 'couchbase', 'neo4j', 'bolt://', 'cassandra', 'memcached', 'ldap', 'smtp', 'nats://', 'influxdb', 'elasticsearch', 'opensearch'],
    regex: new RegExp(`(?<scheme>${DB_SCHEMES})(?<![A-Za-z0-9+](?:${DB_SCHEMES}))://(?<user>[^:@/\\s"'\`]{0,100}):(?<secret>[^@/\\s"'\`]{1,200})@(?<host>[^\\s"'\`/?#]+)`, 'i'),
    validate: (pass, g) => !placeholderPassword(pass, g.user) && pass.length >= 4,
    gitleaks: 'generic-api-key', secretlint: ['MongoDBConnection', 'MySQLConnection', 'PostgreSQLConnection'],
  }),
  token({
    id: 'ado-net-connection-string', title: 'SQL Server / ADO.NET connection string with a password', service: 'the database', category: 'database',
    keywords: ['pwd=', 'password='],
    regex: /(?:Server|Data Source|Host)=[^;\n]{1,200};[^\n]{0,300}?(?:Pwd|Password)=(?<secret>[^;'"\s]{3,200})/i,
    validate: (pass) => !placeholderPassword(pass),
  }),
  token({
    id: 'basic-auth-url', title: 'Password in a URL (HTTP/FTP basic auth)', service: 'the server in the URL', category: 'generic', severity: 'HIGH',
    keywords: ['://'],
    regex: /(?:https?|ftps?|git|svn|ssh|rsync)(?<![A-Za-z0-9+.-](?:https?|ftps?|git|svn|ssh|rsync)):\/\/(?<user>[^:@/\s"'`<>(){}[\]]{1,100}):(?<secret>[^@/\s"'`<>]{1,200})@(?<host>[A-Za-z0-9][A-Za-z0-9.-]*)/i,
    validate: (pass, g) => pass.length >= 4 && !placeholderPassword(pass, g.user, new Set(['secret'])) && !/^\d{1,5}$/.test(pass) && !/[{}$]/.test(g.user ?? '') && !/^(?:anonymous|ftp)$/i.test(g.user ?? ''),
    gitleaks: 'generic-api-key', secretlint: 'BasicAuth',
  }),
];
