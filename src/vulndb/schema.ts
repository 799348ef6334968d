/**
 * Bump on any incompatible change; a scan refuses a DB of another version (exit code 4). The
 * enrichment / epss / kev tables and affected.module were added without a bump: a DB built before
 * them still opens (the store sees they are missing and does without).
 */
export const DB_SCHEMA_VERSION = 1;

/**
 * One SQLite file. `affected` is the hot table: one indexed lookup per (namespace, package).
 * JSON columns hold the small nested parts (ranges, aliases, CVSS) that are only read back whole.
 */
export const SCHEMA_SQL = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  location TEXT NOT NULL,       -- path or URL as given
  formats TEXT NOT NULL,        -- feed formats found, comma-separated
  files INTEGER NOT NULL,
  records INTEGER NOT NULL,
  skipped INTEGER NOT NULL,
  sha256 TEXT,                  -- of the file (or of the sorted file digests of a directory)
  size INTEGER,
  newest_modified TEXT,         -- newest record date the feed states
  fetched_at TEXT,              -- URL sources: when downloaded
  etag TEXT,
  last_modified TEXT
);
CREATE TABLE vulns (
  id TEXT PRIMARY KEY,
  source_id INTEGER NOT NULL,
  title TEXT,
  description TEXT,
  severity TEXT NOT NULL,       -- vendor first, then CVSS
  vendor_severity TEXT,
  cvss TEXT NOT NULL,           -- JSON CvssScore[]
  refs TEXT NOT NULL,           -- JSON string[]
  aliases TEXT NOT NULL,        -- JSON string[]
  published TEXT,
  modified TEXT
); -- a rowid table: rows are large (descriptions), which WITHOUT ROWID b-trees handle badly
CREATE TABLE aliases (alias TEXT NOT NULL, vuln_id TEXT NOT NULL, PRIMARY KEY (alias, vuln_id)) WITHOUT ROWID;
CREATE TABLE affected (
  namespace TEXT NOT NULL,
  package TEXT NOT NULL,
  vuln_id TEXT NOT NULL,
  ranges TEXT NOT NULL,         -- JSON RangeSpec[]
  status TEXT,
  fixed TEXT NOT NULL,          -- JSON string[]
  severity TEXT,
  note TEXT,
  advisories TEXT,              -- JSON string[]
  source_id INTEGER NOT NULL,
  module TEXT                   -- RHEL module stream ("python38:3.8"); NULL = not modular
);
CREATE TABLE enrichment (       -- NVD / CVE JSON 5: used only where a finding's own feed is silent
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,         -- nvd | cve
  title TEXT,
  description TEXT,
  severity TEXT NOT NULL,       -- from the scored CVSS (v3.x, then v4, then v2)
  cvss TEXT NOT NULL,           -- JSON CvssScore[]
  published TEXT,
  modified TEXT
);
CREATE TABLE epss (cve TEXT PRIMARY KEY, score REAL NOT NULL, percentile REAL NOT NULL, date TEXT) WITHOUT ROWID;
CREATE TABLE kev (
  cve TEXT PRIMARY KEY,
  date_added TEXT NOT NULL,
  due_date TEXT,
  vendor_project TEXT,
  product TEXT,
  name TEXT,
  required_action TEXT,
  ransomware TEXT
) WITHOUT ROWID;
CREATE TABLE namespaces (namespace TEXT PRIMARY KEY, packages INTEGER NOT NULL, rows INTEGER NOT NULL) WITHOUT ROWID;
`;

/** Indexes are created after the bulk insert (faster build, compact b-trees). */
export const INDEX_SQL = `
CREATE INDEX affected_key ON affected (namespace, package);
`;
