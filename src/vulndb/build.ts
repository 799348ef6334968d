import Database from 'better-sqlite3';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createTemp, release } from '../core/temp-files.js';
import { basename, dirname, join } from 'node:path';
import { CoastguardError, dbError } from '../core/errors.js';
import type { Severity } from '../core/severity.js';
import { preferredScore, scoreVector, severityFromScore, type CvssScore } from './cvss.js';
import { loadSource, type SourceStats } from './feeds/index.js';
import { DB_SCHEMA_VERSION, INDEX_SQL, SCHEMA_SQL } from './schema.js';
import type { AffectedEntry, Enrichment, EpssEntry, FeedSink, KevEntry, VulnRecord } from './types.js';

export interface BuildSource {
  /** Local file or directory to read. */
  path: string;
  /** What to record as the source's location (the URL for downloaded feeds). */
  label?: string;
  fetched?: { fetchedAt: string; etag?: string; lastModified?: string; sha256?: string };
}

export interface BuildOptions {
  output: string;
  sources: BuildSource[];
  /** Fail on the first malformed file inside a directory source (default: warn and skip it). */
  strict?: boolean;
  now?: Date;
}

export interface BuildSummary {
  output: string;
  sizeBytes: number;
  vulns: number;
  affectedRows: number;
  namespaces: number;
  sources: (Omit<SourceStats, 'formats'> & { formats: string[] })[];
  warnings: { what: string; where: string }[];
  seconds: number;
}

/**
 * Builds a DB from feed sources into a temporary file beside `output`, then renames it into
 * place: a failed build never touches an existing DB.
 */
export async function buildDb(opts: BuildOptions): Promise<BuildSummary> {
  const t0 = performance.now();
  // The DB is swapped in by rename: never over a device or FIFO (as root, /dev/null would go).
  const existing = (() => { try { return statSync(opts.output); } catch { return undefined; } })();
  if (existing && !existing.isFile()) throw dbError('the database output must be a regular file', opts.output);
  const dir = dirname(opts.output);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw dbError('cannot create the database folder', dir, e);
  }
  // Created exclusively (never through a planted link), removed on Ctrl-C / SIGTERM.
  const tmp = createTemp(opts.output);
  let db: Database.Database | undefined;
  try {
    db = new Database(tmp);
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(SCHEMA_SQL);
    const writer = new Writer(db);
    const summaries: BuildSummary['sources'] = [];
    for (const src of opts.sources) {
      const sourceId = writer.beginSource();
      db.exec('BEGIN');
      let stats: SourceStats;
      try {
        stats = await loadSource(src.path, writer, { label: src.label, strict: opts.strict });
      } catch (e) {
        db.exec('ROLLBACK');
        throw e;
      }
      db.exec('COMMIT');
      if (stats.files === 0) throw new CoastguardError('no vulnerability feed recognised in source', src.label ?? src.path);
      writer.endSource(sourceId, stats, src);
      summaries.push({ ...stats, formats: [...stats.formats].sort() });
    }
    db.exec(INDEX_SQL);
    borrowScores(db);
    db.exec('INSERT INTO namespaces SELECT namespace, count(DISTINCT package), count(*) FROM affected GROUP BY namespace');
    const now = (opts.now ?? new Date()).toISOString();
    const meta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    meta.run('schema_version', String(DB_SCHEMA_VERSION));
    meta.run('built_at', now);
    meta.run('builder', 'coastguard');
    const vulns = (db.prepare('SELECT count(*) AS n FROM vulns').get() as { n: number }).n;
    const affectedRows = (db.prepare('SELECT count(*) AS n FROM affected').get() as { n: number }).n;
    const namespaces = (db.prepare('SELECT count(*) AS n FROM namespaces').get() as { n: number }).n;
    meta.run('vulns', String(vulns));
    meta.run('affected_rows', String(affectedRows));
    // Enrichment and risk data a scan can add to findings (shown by `db info`).
    for (const t of ['enrichment', 'epss', 'kev']) meta.run(`${t}_rows`, String((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n));
    db.pragma('journal_mode = DELETE');
    db.close();
    db = undefined;
    renameSync(tmp, opts.output);
    release(tmp);
    return {
      output: opts.output,
      sizeBytes: statSync(opts.output).size,
      vulns,
      affectedRows,
      namespaces,
      sources: summaries,
      warnings: writer.warnings,
      seconds: (performance.now() - t0) / 1000,
    };
  } catch (e) {
    try {
      db?.close();
    } catch {
      /* already failing */
    }
    rmSync(tmp, { force: true });
    rmSync(`${tmp}-journal`, { force: true });
    throw e;
  }
}

/** The FeedSink that writes rows as feeds parse; duplicates are dropped here, not in SQL. */
class Writer implements FeedSink {
  readonly warnings: { what: string; where: string }[] = [];
  private readonly ids = new Set<string>();
  /** Ids defined only by distro feeds (a bare CVE), which a full record may replace. */
  private readonly bare = new Set<string>();
  private readonly rowKeys = new Set<string>();
  private sourceId = 0;
  private readonly insVuln;
  private readonly insAlias;
  private readonly insAffected;
  private readonly insSource;
  private readonly fillTitle;
  private readonly insEnrich;
  private readonly insEpss;
  private readonly insKev;

  constructor(private readonly db: Database.Database) {
    this.insVuln = db.prepare(
      `INSERT OR REPLACE INTO vulns (id, source_id, title, description, severity, vendor_severity, cvss, refs, aliases, published, modified)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.fillTitle = db.prepare('UPDATE vulns SET title = ? WHERE id = ? AND title IS NULL');
    this.insAlias = db.prepare('INSERT OR IGNORE INTO aliases (alias, vuln_id) VALUES (?, ?)');
    this.insAffected = db.prepare(
      `INSERT INTO affected (namespace, package, vuln_id, ranges, status, fixed, severity, note, advisories, source_id, module)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // NVD over CVE JSON 5 for the same id; within one source, the first record wins.
    this.insEnrich = db.prepare(
      `INSERT INTO enrichment (id, source, title, description, severity, cvss, published, modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET source = excluded.source, title = coalesce(excluded.title, title),
         description = excluded.description, severity = excluded.severity, cvss = excluded.cvss,
         published = excluded.published, modified = excluded.modified
       WHERE excluded.source = 'nvd' AND source = 'cve'`,
    );
    // A newer EPSS day replaces an older one; KEV entries are facts, the first kept.
    this.insEpss = db.prepare(
      `INSERT INTO epss (cve, score, percentile, date) VALUES (?, ?, ?, ?)
       ON CONFLICT (cve) DO UPDATE SET score = excluded.score, percentile = excluded.percentile, date = excluded.date
       WHERE coalesce(excluded.date, '') >= coalesce(date, '')`,
    );
    this.insKev = db.prepare(
      `INSERT OR IGNORE INTO kev (cve, date_added, due_date, vendor_project, product, name, required_action, ransomware) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insSource = db.prepare(
      `INSERT INTO sources (id, location, formats, files, records, skipped, sha256, size, fetched_at, etag, last_modified)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  beginSource(): number {
    return ++this.sourceId;
  }

  endSource(id: number, s: SourceStats, src: BuildSource) {
    this.insSource.run(
      id,
      s.location,
      [...s.formats].sort().join(','),
      s.files,
      s.records,
      s.invalid,
      src.fetched?.sha256 ?? s.sha256,
      s.size,
      src.fetched?.fetchedAt ?? null,
      src.fetched?.etag ?? null,
      src.fetched?.lastModified ?? null,
    );
  }

  vuln(rec: VulnRecord, opts: { shared?: boolean; minimal?: boolean } = {}): boolean {
    const exists = this.ids.has(rec.id);
    if (exists) {
      if (opts.minimal || !this.bare.has(rec.id)) {
        if (rec.title && this.bare.has(rec.id)) this.fillTitle.run(rec.title, rec.id);
        return !!opts.shared;
      }
      this.bare.delete(rec.id); // a full record replaces a bare distro entry
    } else if (opts.minimal) this.bare.add(rec.id);
    this.ids.add(rec.id);
    const scores = scoreAll(rec.cvss);
    const vendor = rec.vendorSeverity && rec.vendorSeverity !== 'UNKNOWN' ? rec.vendorSeverity : undefined;
    let severity: Severity = vendor ?? preferredScore(scores)?.severity ?? 'UNKNOWN';
    if (severity === 'UNKNOWN' && rec.bareScores?.length) {
      const b = [...rec.bareScores].sort((x, y) => (y.version > x.version ? 1 : -1))[0];
      severity = severityFromScore(b.version, b.score);
    }
    this.insVuln.run(
      rec.id,
      this.sourceId,
      rec.title ?? null,
      rec.description ?? null,
      severity,
      vendor ?? null,
      JSON.stringify(scores),
      JSON.stringify([...new Set(rec.references)]),
      JSON.stringify(rec.aliases),
      rec.published ?? null,
      rec.modified ?? null,
    );
    for (const a of rec.aliases) this.insAlias.run(a, rec.id);
    return true;
  }

  affected(a: AffectedEntry): void {
    const ranges = JSON.stringify(a.ranges);
    const fixed = JSON.stringify(a.fixed);
    const key = `${a.namespace}\0${a.package}\0${a.vulnId}\0${ranges}\0${a.status ?? ''}\0${fixed}\0${(a.advisories ?? []).join(',')}\0${a.module ?? ''}`;
    if (this.rowKeys.has(key)) return;
    this.rowKeys.add(key);
    this.insAffected.run(
      a.namespace,
      a.package,
      a.vulnId,
      ranges,
      a.status ?? null,
      fixed,
      a.severity ?? null,
      a.note ?? null,
      a.advisories?.length ? JSON.stringify(a.advisories) : null,
      this.sourceId,
      a.module || null,
    );
  }

  enrich(e: Enrichment): void {
    const scores = scoreAll(e.cvss);
    this.insEnrich.run(
      e.id,
      e.source,
      e.title ?? null,
      e.description ?? null,
      preferredScore(scores)?.severity ?? 'UNKNOWN',
      JSON.stringify(scores),
      e.published ?? null,
      e.modified ?? null,
    );
  }

  epss(e: EpssEntry): void {
    this.insEpss.run(e.cve, e.score, e.percentile, e.date ?? null);
  }

  kev(e: KevEntry): void {
    this.insKev.run(e.cve, e.dateAdded, e.dueDate ?? null, e.vendorProject ?? null, e.product ?? null, e.name ?? null, e.requiredAction ?? null, e.knownRansomwareCampaignUse ?? null);
  }

  warn(what: string, where: string): void {
    this.warnings.push({ what, where });
  }
}

/** Scores each vector once (a vector given twice is one score); vectors the calculator rejects are dropped. */
function scoreAll(vectors: { vector: string; source?: string }[]): CvssScore[] {
  const scores: CvssScore[] = [];
  for (const c of vectors) {
    const s = scoreVector(c.vector, c.source);
    if (s && !scores.some((x) => x.vector === s.vector)) scores.push(s);
  }
  return scores;
}

/**
 * Records without CVSS (Go vulndb, distro CVE entries) take the scores of a record they are an
 * alias of or that is their alias (GHSA-… ↔ CVE-…, GO-… → GHSA-…), marked with `source`, and its
 * severity when they have none of their own. Done once here so matching stays a lookup.
 */
function borrowScores(db: Database.Database) {
  const pairs = db
    .prepare(
      `SELECT v.id AS needy, d.id AS donor, d.cvss AS cvss, d.severity AS severity FROM vulns v
         JOIN aliases a ON a.vuln_id = v.id JOIN vulns d ON d.id = a.alias
         WHERE v.cvss = '[]' AND d.cvss != '[]'
       UNION ALL
       SELECT v.id, d.id, d.cvss, d.severity FROM vulns v
         JOIN aliases a ON a.alias = v.id JOIN vulns d ON d.id = a.vuln_id
         WHERE v.cvss = '[]' AND d.cvss != '[]'
       ORDER BY 1, 2`,
    )
    .all() as { needy: string; donor: string; cvss: string; severity: string }[];
  const update = db.prepare(
    "UPDATE vulns SET cvss = ?, severity = CASE WHEN severity = 'UNKNOWN' THEN ? ELSE severity END WHERE id = ?",
  );
  let last = '';
  db.transaction(() => {
    for (const p of pairs) {
      if (p.needy === last) continue; // first donor in id order: deterministic
      last = p.needy;
      const scores = (JSON.parse(p.cvss) as CvssScore[]).map((c) => ({ ...c, source: c.source ?? p.donor }));
      update.run(JSON.stringify(scores), p.severity, p.needy);
    }
  })();
}
