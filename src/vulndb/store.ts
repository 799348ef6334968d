import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dbError } from '../core/errors.js';
import type { Severity } from '../core/severity.js';
import type { CvssScore } from './cvss.js';
import { DB_SCHEMA_VERSION } from './schema.js';
import type { EpssEntry, KevEntry, RangeSpec, VulnStatus } from './types.js';

export interface VulnDetails {
  id: string;
  title?: string;
  description?: string;
  severity: Severity;
  vendorSeverity?: Severity;
  cvss: CvssScore[];
  references: string[];
  aliases: string[];
  published?: string;
  modified?: string;
}

export interface AffectedRow {
  namespace: string;
  package: string;
  vulnId: string;
  ranges: RangeSpec[];
  status?: VulnStatus;
  fixed: string[];
  severity?: Severity;
  note?: string;
  advisories: string[];
  /** RHEL module stream ("python38:3.8"); undefined for non-modular rows. */
  module?: string;
}

/** NVD / CVE JSON 5 data for one CVE (scores computed at build time). */
export interface EnrichmentDetails {
  id: string;
  source: 'nvd' | 'cve';
  title?: string;
  description?: string;
  severity: Severity;
  cvss: CvssScore[];
  published?: string;
}

/** EPSS and KEV as findings carry them: the feed entries without their CVE key. */
export type EpssScore = Omit<EpssEntry, 'cve'>;
export type KevDetails = Omit<KevEntry, 'cve'>;

export interface DbSourceInfo {
  location: string;
  formats: string[];
  files: number;
  records: number;
  skipped: number;
  sha256?: string;
  size?: number;
  fetchedAt?: string;
  etag?: string;
  lastModified?: string;
}

export interface DbInfo {
  path: string;
  schemaVersion: number;
  builtAt: string;
  vulns: number;
  affectedRows: number;
  /** NVD / CVE JSON 5 records, EPSS scores and KEV entries (0 in a DB built before they existed). */
  enrichment: number;
  epss: number;
  kev: number;
  sizeBytes: number;
  sources: DbSourceInfo[];
  namespaces: { namespace: string; packages: number; rows: number }[];
}

/** The read-only view a scan uses: one prepared, indexed query per (namespace, package). */
export interface VulnDb {
  readonly path: string;
  readonly builtAt: Date;
  affected(namespace: string, pkg: string): AffectedRow[];
  vuln(id: string): VulnDetails | undefined;
  /** Records that name `alias` among their aliases (used to borrow CVSS for bare distro CVEs). */
  byAlias(alias: string): VulnDetails[];
  /** NVD / CVE JSON 5 enrichment for a CVE id (undefined when absent, or in a DB built before enrichment existed). */
  enrichment(cve: string): EnrichmentDetails | undefined;
  epss(cve: string): EpssScore | undefined;
  kev(cve: string): KevDetails | undefined;
  hasNamespace(namespace: string): boolean;
  info(): DbInfo;
  close(): void;
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Opens a DB read-only. Missing, truncated, non-SQLite and wrong-schema files fail with one clear
 * line and exit code 4, before any scan work is done.
 */
export function openVulnDb(path: string): VulnDb {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw dbError("vulnerability database not found (run 'coastguard db update' or 'coastguard db build')", path);
  }
  checkHeader(path, size);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw dbError(`cannot open vulnerability database (${(e as Error).message})`, path, e);
  }
  try {
    const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const version = Number(meta.get('schema_version'));
    if (version !== DB_SCHEMA_VERSION) {
      throw dbError(`vulnerability database has schema version ${meta.get('schema_version') ?? 'none'}, this coastguard needs ${DB_SCHEMA_VERSION} (rebuild it with 'coastguard db build' or 'db update')`, path);
    }
    return new SqliteVulnDb(db, path, meta, size);
  } catch (e) {
    db.close();
    if ((e as { exitCode?: number }).exitCode !== undefined) throw e;
    throw dbError(`not a coastguard vulnerability database (${(e as Error).message})`, path, e);
  }
}

/** Header check: magic string, and file size against the page count the header records. */
function checkHeader(path: string, size: number) {
  const head = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (n < 100 || !head.subarray(0, 16).equals(MAGIC)) {
    throw dbError(n === 0 ? 'vulnerability database is empty' : 'not a vulnerability database (no SQLite header)', path);
  }
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = head.readUInt32BE(28);
  // The in-header page count is valid when its "version-valid-for" matches the change counter.
  if (pages > 0 && head.readUInt32BE(92) === head.readUInt32BE(24) && size < pages * pageSize) {
    throw dbError(`vulnerability database is truncated (${size} of ${pages * pageSize} bytes)`, path);
  }
}

class SqliteVulnDb implements VulnDb {
  readonly builtAt: Date;
  private readonly qAffected;
  private readonly qVuln;
  private readonly qAlias;
  private readonly namespaces: Set<string>;
  private readonly vulnCache = new Map<string, VulnDetails | undefined>();
  private readonly rowCache = new Map<string, AffectedRow[]>();
  private readonly aliasCache = new Map<string, string[]>();
  private readonly qEnrich;
  private readonly qEpss;
  private readonly qKev;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly meta: Map<string, string>,
    private readonly size: number,
  ) {
    this.builtAt = new Date(meta.get('built_at') ?? 0);
    // Tables and columns added after schema 1 shipped: a DB built before them simply lacks the data.
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    const hasModule = (db.prepare('PRAGMA table_info(affected)').all() as { name: string }[]).some((c) => c.name === 'module');
    this.qAffected = db.prepare(
      `SELECT namespace, package, vuln_id, ranges, status, fixed, severity, note, advisories${hasModule ? ', module' : ''} FROM affected WHERE namespace = ? AND package = ?`,
    );
    this.qEnrich = tables.has('enrichment') ? db.prepare('SELECT * FROM enrichment WHERE id = ?') : undefined;
    this.qEpss = tables.has('epss') ? db.prepare('SELECT score, percentile, date FROM epss WHERE cve = ?') : undefined;
    this.qKev = tables.has('kev') ? db.prepare('SELECT * FROM kev WHERE cve = ?') : undefined;
    this.qVuln = db.prepare('SELECT * FROM vulns WHERE id = ?');
    this.qAlias = db.prepare('SELECT vuln_id FROM aliases WHERE alias = ?');
    this.namespaces = new Set((db.prepare('SELECT namespace FROM namespaces').all() as { namespace: string }[]).map((r) => r.namespace));
  }

  affected(namespace: string, pkg: string): AffectedRow[] {
    const key = `${namespace}\0${pkg}`;
    const hit = this.rowCache.get(key);
    if (hit) return hit;
    const rows = this.wrap(() => this.qAffected.all(namespace, pkg) as Record<string, string | null>[]).map((r) => ({
      namespace: r.namespace as string,
      package: r.package as string,
      vulnId: r.vuln_id as string,
      ranges: JSON.parse(r.ranges as string) as RangeSpec[],
      status: (r.status ?? undefined) as VulnStatus | undefined,
      fixed: JSON.parse(r.fixed as string) as string[],
      severity: (r.severity ?? undefined) as Severity | undefined,
      note: r.note ?? undefined,
      advisories: r.advisories ? (JSON.parse(r.advisories) as string[]) : [],
      ...(r.module ? { module: r.module } : {}),
    }));
    this.rowCache.set(key, rows);
    return rows;
  }

  vuln(id: string): VulnDetails | undefined {
    if (this.vulnCache.has(id)) return this.vulnCache.get(id);
    const r = this.wrap(() => this.qVuln.get(id) as Record<string, string | null> | undefined);
    const v: VulnDetails | undefined = r && {
      id: r.id as string,
      title: r.title ?? undefined,
      description: r.description ?? undefined,
      severity: r.severity as Severity,
      vendorSeverity: (r.vendor_severity ?? undefined) as Severity | undefined,
      cvss: JSON.parse(r.cvss as string),
      references: JSON.parse(r.refs as string),
      aliases: JSON.parse(r.aliases as string),
      published: r.published ?? undefined,
      modified: r.modified ?? undefined,
    };
    this.vulnCache.set(id, v);
    return v;
  }

  byAlias(alias: string): VulnDetails[] {
    let ids = this.aliasCache.get(alias);
    if (!ids) {
      ids = this.wrap(() => (this.qAlias.all(alias) as { vuln_id: string }[]).map((r) => r.vuln_id));
      this.aliasCache.set(alias, ids);
    }
    return ids.map((id) => this.vuln(id)).filter((v): v is VulnDetails => !!v);
  }

  enrichment(cve: string): EnrichmentDetails | undefined {
    const r = this.qEnrich && this.wrap(() => this.qEnrich!.get(cve) as Record<string, string | null> | undefined);
    if (!r) return undefined;
    return {
      id: r.id as string,
      source: r.source as 'nvd' | 'cve',
      title: r.title ?? undefined,
      description: r.description ?? undefined,
      severity: r.severity as Severity,
      cvss: JSON.parse(r.cvss as string) as CvssScore[],
      published: r.published ?? undefined,
    };
  }

  epss(cve: string): EpssScore | undefined {
    const r = this.qEpss && this.wrap(() => this.qEpss!.get(cve) as { score: number; percentile: number; date: string | null } | undefined);
    return r ? { score: r.score, percentile: r.percentile, ...(r.date ? { date: r.date } : {}) } : undefined;
  }

  kev(cve: string): KevDetails | undefined {
    const r = this.qKev && this.wrap(() => this.qKev!.get(cve) as Record<string, string | null> | undefined);
    if (!r) return undefined;
    const k: KevDetails = { dateAdded: r.date_added as string };
    if (r.due_date) k.dueDate = r.due_date;
    if (r.vendor_project) k.vendorProject = r.vendor_project;
    if (r.product) k.product = r.product;
    if (r.name) k.name = r.name;
    if (r.required_action) k.requiredAction = r.required_action;
    if (r.ransomware) k.knownRansomwareCampaignUse = r.ransomware;
    return k;
  }

  hasNamespace(namespace: string): boolean {
    return this.namespaces.has(namespace);
  }

  info(): DbInfo {
    return this.wrap(() => ({
      path: this.path,
      schemaVersion: Number(this.meta.get('schema_version')),
      builtAt: this.meta.get('built_at') ?? '',
      vulns: Number(this.meta.get('vulns') ?? 0),
      affectedRows: Number(this.meta.get('affected_rows') ?? 0),
      enrichment: Number(this.meta.get('enrichment_rows') ?? 0),
      epss: Number(this.meta.get('epss_rows') ?? 0),
      kev: Number(this.meta.get('kev_rows') ?? 0),
      sizeBytes: this.size,
      sources: (this.db.prepare('SELECT * FROM sources ORDER BY id').all() as Record<string, string | number | null>[]).map((s) => ({
        location: String(s.location),
        formats: String(s.formats).split(',').filter(Boolean),
        files: Number(s.files),
        records: Number(s.records),
        skipped: Number(s.skipped),
        sha256: (s.sha256 as string) ?? undefined,
        size: (s.size as number) ?? undefined,
        fetchedAt: (s.fetched_at as string) ?? undefined,
        etag: (s.etag as string) ?? undefined,
        lastModified: (s.last_modified as string) ?? undefined,
      })),
      namespaces: this.db.prepare('SELECT namespace, packages, rows FROM namespaces ORDER BY namespace').all() as DbInfo['namespaces'],
    }));
  }

  close(): void {
    this.db.close();
  }

  /** SQLite errors in the middle of a scan (a file damaged after opening) become one DB error line. */
  private wrap<T>(f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw dbError(`vulnerability database is corrupt (${(e as Error).message})`, this.path, e);
    }
  }
}
