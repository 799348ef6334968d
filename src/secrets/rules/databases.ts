import type { SecretRule } from '../types.js';
import { PLACEHOLDERS, WEAK_VALUES, token } from './define.js';
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

export const databaseRules: SecretRule[] = [
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
    validate: (pass, g) => pass.length >= 4 && !placeholderPassword(pass, g.user, new Set(['secret'])) && !/^\d{1,5}$/.test(pass) && !/[{}$]/.test(g.user ?? ''),
    gitleaks: 'generic-api-key', secretlint: 'BasicAuth',
  }),
];
