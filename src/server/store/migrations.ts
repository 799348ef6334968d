import type { SqlDb } from './sql.js';

/**
 * Versioned schema, one entry per change, never edited once released: a store at version N runs
 * N+1… in order, each in its own transaction, and records it in schema_migrations. `{{ID}}` is
 * the one spelling the two engines disagree on (an auto-increment key).
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'images, inventories, findings, events, tokens, audit',
    sql: `
CREATE TABLE images (
  id {{ID}},
  digest TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  os_family TEXT,
  os_version TEXT,
  artifact TEXT NOT NULL,
  inventory TEXT NOT NULL,
  suppressed TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_scan TEXT NOT NULL,
  scans INTEGER NOT NULL,
  package_count INTEGER NOT NULL,
  critical INTEGER NOT NULL DEFAULT 0,
  high INTEGER NOT NULL DEFAULT 0,
  medium INTEGER NOT NULL DEFAULT 0,
  low INTEGER NOT NULL DEFAULT 0,
  unknown INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX images_name ON images (name);
CREATE TABLE packages (
  image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  ecosystem TEXT NOT NULL,
  purl TEXT NOT NULL
);
CREATE INDEX packages_image ON packages (image_id);
CREATE INDEX packages_purl ON packages (purl);
CREATE INDEX packages_name ON packages (ecosystem, name);
CREATE TABLE findings (
  image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  aliases TEXT NOT NULL,
  severity TEXT NOT NULL,
  package_purl TEXT,
  first_seen TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (image_id, fingerprint)
);
CREATE INDEX findings_id ON findings (id);
CREATE TABLE events (
  id {{ID}},
  time TEXT NOT NULL,
  type TEXT NOT NULL,
  cause TEXT NOT NULL,
  image_id BIGINT NOT NULL,
  digest TEXT NOT NULL,
  image_name TEXT NOT NULL,
  finding_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  severity TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX events_digest ON events (digest, id);
CREATE TABLE tokens (
  id {{ID}},
  name TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  scopes TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT
);
CREATE TABLE audit (
  id {{ID}},
  time TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  remote TEXT
);
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'server-side scan requests',
    sql: `
CREATE TABLE scan_requests (
  id TEXT PRIMARY KEY,
  ref TEXT NOT NULL,
  origin TEXT NOT NULL,
  status TEXT NOT NULL,
  digest TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX scan_requests_status ON scan_requests (status, created_at);
`,
  },
  {
    version: 3,
    name: 'leases of running queue jobs (a worker that stops beating is unlocked)',
    sql: `
CREATE TABLE job_leases (
  job_id TEXT PRIMARY KEY,
  worker_id TEXT NOT NULL,
  request_id TEXT NOT NULL,
  heartbeat BIGINT NOT NULL
);
`,
  },
  {
    version: 4,
    name: 'vulnerability finding count on the image row (lists show it without an aggregate)',
    sql: `
ALTER TABLE images ADD COLUMN vulnerabilities INTEGER NOT NULL DEFAULT 0;
UPDATE images SET vulnerabilities = (SELECT COUNT(*) FROM findings f WHERE f.image_id = images.id AND f.kind = 'vulnerability');
`,
  },
];

export async function migrate(db: SqlDb): Promise<number> {
  const id = db.dialect === 'sqlite' ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : 'BIGSERIAL PRIMARY KEY';
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  return db.transaction(async (tx) => {
    // Several servers and workers may start at once on one PostgreSQL: one migrates, the others wait.
    if (tx.dialect === 'postgres') await tx.exec('SELECT pg_advisory_xact_lock(4954)');
    const done = new Set((await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    let applied = 0;
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await tx.exec(m.sql.replaceAll('{{ID}}', id));
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date().toISOString()]);
      applied++;
    }
    return applied;
  });
}
