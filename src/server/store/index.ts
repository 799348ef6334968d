import type { Artifact, Finding, Package } from '../../core/types.js';
import { SEVERITY_KEYS, type AuditEntry, type EventCause, type EventType, type FindingEvent, type ImageSummary, type Page, type ScanRequest, type Scope, type StoredFinding, type StoredImage, type TokenInfo } from '../types.js';
import { migrate } from './migrations.js';
import { openPostgres } from './postgres.js';
import { chunks, valuesList, type Param, type Row, type Sql, type SqlDb } from './sql.js';
import { openSqlite } from './sqlite.js';
import { append } from '../../core/arrays.js';

export const isPostgresUrl = (spec: string) => /^postgres(ql)?:\/\//.test(spec);

export interface ImageWrite {
  digest: string;
  name: string;
  artifact: Artifact;
  inventory: Package[];
  suppressed: string[];
  /** The image's whole finding set after this scan. */
  findings: StoredFinding[];
  events: NewEvent[];
  scannedAt: string;
}

export interface NewEvent {
  type: EventType;
  cause: EventCause;
  finding: Finding;
}

export interface ListImagesQuery {
  limit: number;
  offset: number;
  sort: ImageSort;
  desc: boolean;
  /** Substring of the image name. */
  name?: string;
}
export const IMAGE_SORTS = ['name', 'lastScan', 'firstSeen', 'critical', 'high', 'packages'] as const;
export type ImageSort = (typeof IMAGE_SORTS)[number];
const SORT_COLUMN: Record<ImageSort, string> = {
  name: 'name',
  lastScan: 'last_scan',
  firstSeen: 'first_seen',
  critical: 'critical',
  high: 'high',
  packages: 'package_count',
};

export interface FindingsQuery {
  limit: number;
  offset: number;
  kind?: string;
  severity?: string;
}

export interface EventsQuery {
  limit: number;
  /** Events with an id greater than this (poll with the last id seen). */
  after?: number;
  digest?: string;
  type?: EventType;
  /** ISO time: events at or after it. */
  since?: string;
  /** Newest first (a dashboard's "latest"), instead of oldest first (a poller's order). */
  newest?: boolean;
}

/** A stored image's vulnerability findings as a re-match compares them. */
export interface RematchTarget {
  id: number;
  digest: string;
  name: string;
  artifact: Artifact;
  inventory: Package[];
  suppressed: string[];
}

const j = (v: unknown) => JSON.stringify(v);
const num = (v: unknown) => Number(v);

/**
 * Everything the server keeps, on SQLite or PostgreSQL: one implementation over the shared SQL
 * surface (store/sql.ts). Every write is one transaction, so a crash or a refused request leaves
 * the previous state whole.
 */
export class Store {
  private constructor(
    private readonly db: SqlDb,
    readonly kind: 'sqlite' | 'postgres',
    readonly location: string,
  ) {}

  /** `postgres://…` opens PostgreSQL, anything else is an SQLite file path. Migrates to the latest schema. */
  static async open(spec: string): Promise<Store> {
    const pgStore = isPostgresUrl(spec);
    const db = pgStore ? openPostgres(spec) : openSqlite(spec);
    const store = new Store(db, pgStore ? 'postgres' : 'sqlite', pgStore ? spec.replace(/\/\/[^@/]*@/, '//…@') : spec);
    try {
      await migrate(db);
    } catch (e) {
      await db.close().catch(() => undefined);
      throw e;
    }
    return store;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  // ── images ────────────────────────────────────────────────────────────────────────────────

  /** Stores one scan of an image: inventory and whole finding set replaced, events appended. */
  async saveImage(w: ImageWrite): Promise<number> {
    return this.db.transaction(async (tx) => {
      const os = w.artifact.os;
      // One upsert: two uploads of the same digest at once (two workers) serialise on the row, never a 500.
      const r = await tx.get<{ id: number }>(
        `INSERT INTO images (digest, name, type, os_family, os_version, artifact, inventory, suppressed, first_seen, last_scan, scans, package_count) VALUES (?,?,?,?,?,?,?,?,?,?,1,?)
         ON CONFLICT (digest) DO UPDATE SET name = excluded.name, type = excluded.type, os_family = excluded.os_family, os_version = excluded.os_version, artifact = excluded.artifact,
           inventory = excluded.inventory, suppressed = excluded.suppressed, last_scan = excluded.last_scan, scans = images.scans + 1, package_count = excluded.package_count
         RETURNING id`,
        [w.digest, w.name, w.artifact.type, os?.family ?? null, os?.version ?? null, j(w.artifact), j(w.inventory), j(w.suppressed), w.scannedAt, w.scannedAt, w.inventory.length],
      );
      const id = num(r!.id);
      await tx.run('DELETE FROM packages WHERE image_id = ?', [id]);
      await tx.run('DELETE FROM findings WHERE image_id = ?', [id]);
      for (const part of chunks(w.inventory, 5)) {
        const params: Param[] = [];
        for (const p of part) params.push(id, p.name, p.version, p.ecosystem, p.purl ?? '');
        await tx.run(`INSERT INTO packages (image_id, name, version, ecosystem, purl) VALUES ${valuesList(part.length, 5)}`, params);
      }
      await insertFindings(tx, id, w.findings);
      await insertEvents(tx, id, w.digest, w.name, w.scannedAt, w.events);
      await recount(tx, id);
      return id;
    });
  }

  /** A re-match's outcome for one image: only the changed vulnerability findings are written. */
  async applyChanges(target: { id: number; digest: string; name: string }, added: StoredFinding[], resolved: string[], events: NewEvent[], time: string, rescored: Finding[] = []): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const f of rescored) {
        await tx.run('UPDATE findings SET severity = ?, data = ? WHERE image_id = ? AND fingerprint = ?', [f.severity, j(f), target.id, f.fingerprint]);
      }
      for (const part of chunks(resolved, 1, 500)) {
        await tx.run(`DELETE FROM findings WHERE image_id = ? AND fingerprint IN (${part.map(() => '?').join(',')})`, [target.id, ...part]);
      }
      await insertFindings(tx, target.id, added);
      await insertEvents(tx, target.id, target.digest, target.name, time, events);
      await recount(tx, target.id);
    });
  }

  async imageCount(): Promise<number> {
    return num((await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM images'))!.n);
  }

  async listImages(q: ListImagesQuery): Promise<Page<ImageSummary>> {
    const where = q.name ? 'WHERE name LIKE ?' : '';
    const params: Param[] = q.name ? [`%${q.name}%`] : [];
    const total = num((await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM images ${where}`, params))!.n);
    const rows = await this.db.all(
      `SELECT ${SUMMARY_COLUMNS} FROM images ${where} ORDER BY ${SORT_COLUMN[q.sort]} ${q.desc ? 'DESC' : 'ASC'}, id ASC LIMIT ? OFFSET ?`,
      [...params, q.limit, q.offset],
    );
    return { items: rows.map(toSummary), total, limit: q.limit, offset: q.offset };
  }

  async imageSummary(digest: string): Promise<(ImageSummary & { id: number }) | undefined> {
    const r = await this.db.get(`SELECT id, ${SUMMARY_COLUMNS} FROM images WHERE digest = ?`, [digest]);
    return r && { id: num(r.id), ...toSummary(r) };
  }

  async image(digest: string): Promise<StoredImage | undefined> {
    const r = await this.db.get(`SELECT id, artifact, inventory, suppressed, ${SUMMARY_COLUMNS} FROM images WHERE digest = ?`, [digest]);
    return r && toStored(r);
  }

  /** Every stored image, in id order, a batch at a time (a re-match never holds all inventories at once). */
  async *rematchTargets(batch = 200): AsyncGenerator<RematchTarget[]> {
    let after = 0;
    for (;;) {
      const rows = await this.db.all('SELECT id, digest, name, artifact, inventory, suppressed FROM images WHERE id > ? ORDER BY id LIMIT ?', [after, batch]);
      if (rows.length === 0) return;
      after = num(rows[rows.length - 1].id);
      yield rows.map((r) => ({
        id: num(r.id),
        digest: String(r.digest),
        name: String(r.name),
        artifact: JSON.parse(String(r.artifact)),
        inventory: JSON.parse(String(r.inventory)),
        suppressed: JSON.parse(String(r.suppressed)),
      }));
    }
  }

  /** The vulnerability findings of some images: fingerprint → severity, for diffing a re-match. */
  async vulnFingerprints(imageIds: number[]): Promise<Map<number, Map<string, string>>> {
    const out = new Map<number, Map<string, string>>(imageIds.map((id) => [id, new Map()]));
    for (const part of chunks(imageIds, 1, 500)) {
      const rows = await this.db.all(
        `SELECT image_id, fingerprint, severity FROM findings WHERE kind = 'vulnerability' AND image_id IN (${part.map(() => '?').join(',')})`,
        part,
      );
      for (const r of rows) out.get(num(r.image_id))!.set(String(r.fingerprint), String(r.severity));
    }
    return out;
  }

  async findingsByFingerprint(imageId: number, fingerprints: string[]): Promise<Finding[]> {
    const out: Finding[] = [];
    for (const part of chunks(fingerprints, 1, 500)) {
      const rows = await this.db.all(`SELECT data FROM findings WHERE image_id = ? AND fingerprint IN (${part.map(() => '?').join(',')})`, [imageId, ...part]);
      append(out, rows.map((r) => JSON.parse(String(r.data)) as Finding));
    }
    return out;
  }

  /** Every finding of an image with the time it was first seen, as the store keeps them. */
  async findingsOf(imageId: number): Promise<StoredFinding[]> {
    const rows = await this.db.all('SELECT data, first_seen FROM findings WHERE image_id = ?', [imageId]);
    return rows.map((r) => ({ finding: JSON.parse(String(r.data)), firstSeen: String(r.first_seen) }));
  }

  async findingsPage(imageId: number, q: FindingsQuery): Promise<Page<Finding & { firstSeen: string }>> {
    const cond = ['image_id = ?'];
    const params: Param[] = [imageId];
    if (q.kind) (cond.push('kind = ?'), params.push(q.kind));
    if (q.severity) (cond.push('severity = ?'), params.push(q.severity));
    const where = `WHERE ${cond.join(' AND ')}`;
    const total = num((await this.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM findings ${where}`, params))!.n);
    // Worst first, then by id: the order a reader triages in.
    const rows = await this.db.all(
      `SELECT data, first_seen FROM findings ${where} ORDER BY ${SEVERITY_ORDER} DESC, id ASC, fingerprint ASC LIMIT ? OFFSET ?`,
      [...params, q.limit, q.offset],
    );
    return { items: rows.map((r) => ({ ...JSON.parse(String(r.data)), firstSeen: String(r.first_seen) })), total, limit: q.limit, offset: q.offset };
  }

  /** Images with a finding whose id or alias is `vulnId`, each with those findings. */
  imagesWithVuln(vulnId: string, limit: number, offset: number): Promise<Page<ImageSummary & { findings: Record<string, unknown>[] }>> {
    return this.imagesHaving('findings', '(t.id = ? OR t.aliases LIKE ?)', [vulnId, `%"${vulnId}"%`], 'data', 'fingerprint', limit, offset, (rows) => ({
      findings: rows.map((f) => {
        const d = JSON.parse(String(f.data)) as Finding;
        return { id: d.id, severity: d.severity, package: d.package, fixedVersion: d.fixedVersion, fingerprint: d.fingerprint };
      }),
    }));
  }

  /** Images holding a package: an exact purl, or every version of it when the purl has none. */
  imagesWithPackage(purl: string, limit: number, offset: number): Promise<Page<ImageSummary & { matches: Record<string, unknown>[] }>> {
    const bare = purl.split('?')[0];
    const versioned = bare.includes('@');
    const cond = versioned ? '(t.purl = ? OR t.purl LIKE ?)' : '(t.purl LIKE ? OR t.purl LIKE ?)';
    const params: Param[] = versioned ? [purl, `${bare}?%`] : [`${bare}@%`, `${bare}?%`];
    return this.imagesHaving('packages', cond, params, 'DISTINCT name, version, purl', 'purl', limit, offset, (rows) => ({
      matches: rows.map((p) => ({ name: String(p.name), version: String(p.version), purl: String(p.purl) })),
    }));
  }

  /** A page of image summaries with rows of `table` (alias t) matching `cond`, each with its matching rows. */
  private async imagesHaving<X>(table: 'findings' | 'packages', cond: string, params: Param[], columns: string, order: string, limit: number, offset: number, extra: (rows: Row[]) => X): Promise<Page<ImageSummary & X>> {
    const total = num((await this.db.get<{ n: number }>(`SELECT COUNT(DISTINCT t.image_id) AS n FROM ${table} t WHERE ${cond}`, params))!.n);
    const images = await this.db.all(
      `SELECT i.id, ${SUMMARY_COLUMNS.split(', ').map((c) => `i.${c}`).join(', ')} FROM images i WHERE i.id IN (SELECT t.image_id FROM ${table} t WHERE ${cond}) ORDER BY i.name, i.id LIMIT ? OFFSET ?`,
      [...params, limit, offset],
    );
    const items: (ImageSummary & X)[] = [];
    for (const r of images) {
      const rows = await this.db.all(`SELECT ${columns} FROM ${table} t WHERE t.image_id = ? AND ${cond} ORDER BY ${order}`, [num(r.id), ...params]);
      items.push({ ...toSummary(r), ...extra(rows) });
    }
    return { items, total, limit, offset };
  }

  async events(q: EventsQuery): Promise<{ items: FindingEvent[]; last: number }> {
    const cond: string[] = [];
    const params: Param[] = [];
    if (q.after !== undefined) (cond.push('id > ?'), params.push(q.after));
    if (q.digest) (cond.push('digest = ?'), params.push(q.digest));
    if (q.type) (cond.push('type = ?'), params.push(q.type));
    if (q.since) (cond.push('time >= ?'), params.push(q.since));
    const where = cond.length ? `WHERE ${cond.join(' AND ')}` : '';
    const rows = await this.db.all(`SELECT * FROM events ${where} ORDER BY id ${q.newest ? 'DESC' : 'ASC'} LIMIT ?`, [...params, q.limit]);
    const items = rows.map((r) => ({
      id: num(r.id),
      time: String(r.time),
      type: r.type as EventType,
      cause: r.cause as EventCause,
      image: { name: String(r.image_name), digest: String(r.digest) },
      finding: JSON.parse(String(r.data)) as Finding,
    }));
    return { items, last: items.length ? items[items.length - 1].id : (q.after ?? 0) };
  }

  /** New and resolved findings per UTC day (one aggregate: the trend of open findings without reading every event). */
  async eventsPerDay(q: { digest?: string; since?: string }): Promise<{ day: string; new: number; resolved: number }[]> {
    const cond: string[] = [];
    const params: Param[] = [];
    if (q.digest) (cond.push('digest = ?'), params.push(q.digest));
    if (q.since) (cond.push('time >= ?'), params.push(q.since));
    const where = cond.length ? `WHERE ${cond.join(' AND ')}` : '';
    const rows = await this.db.all<{ day: string; type: string; n: number }>(`SELECT substr(time, 1, 10) AS day, type, COUNT(*) AS n FROM events ${where} GROUP BY substr(time, 1, 10), type ORDER BY day`, params);
    const days = new Map<string, { day: string; new: number; resolved: number }>();
    for (const r of rows) {
      const d = days.get(String(r.day)) ?? { day: String(r.day), new: 0, resolved: 0 };
      if (r.type === 'findings.new') d.new += num(r.n);
      else d.resolved += num(r.n);
      days.set(d.day, d);
    }
    return [...days.values()];
  }

  // ── tokens, audit, meta ───────────────────────────────────────────────────────────────────

  async insertToken(t: { name: string; hash: string; scopes: Scope[]; expiresAt?: string }): Promise<TokenInfo> {
    const createdAt = new Date().toISOString();
    const r = await this.db.get<{ id: number }>('INSERT INTO tokens (name, hash, scopes, created_at, expires_at) VALUES (?,?,?,?,?) RETURNING id', [t.name, t.hash, j(t.scopes), createdAt, t.expiresAt ?? null]);
    return { id: num(r!.id), name: t.name, scopes: t.scopes, createdAt, ...(t.expiresAt ? { expiresAt: t.expiresAt } : {}) };
  }

  async tokenByHash(hash: string): Promise<TokenInfo | undefined> {
    const r = await this.db.get('SELECT * FROM tokens WHERE hash = ?', [hash]);
    return r && toToken(r);
  }

  async touchToken(id: number): Promise<void> {
    await this.db.run('UPDATE tokens SET last_used_at = ? WHERE id = ?', [new Date().toISOString(), id]);
  }

  async listTokens(): Promise<TokenInfo[]> {
    return (await this.db.all('SELECT * FROM tokens ORDER BY id')).map(toToken);
  }

  async deleteToken(id: number): Promise<boolean> {
    return (await this.db.run('DELETE FROM tokens WHERE id = ?', [id])).changes > 0;
  }

  async audit(e: Omit<AuditEntry, 'id' | 'time'>): Promise<void> {
    await this.db.run('INSERT INTO audit (time, actor, action, target, detail, remote) VALUES (?,?,?,?,?,?)', [new Date().toISOString(), e.actor, e.action, e.target, j(e.detail), e.remote ?? null]);
  }

  async auditLog(limit: number, after = 0): Promise<AuditEntry[]> {
    const rows = await this.db.all('SELECT * FROM audit WHERE id > ? ORDER BY id LIMIT ?', [after, limit]);
    return rows.map((r) => ({
      id: num(r.id),
      time: String(r.time),
      actor: String(r.actor),
      action: String(r.action),
      target: String(r.target),
      detail: JSON.parse(String(r.detail)),
      ...(r.remote ? { remote: String(r.remote) } : {}),
    }));
  }

  async getMeta(key: string): Promise<string | undefined> {
    const r = await this.db.get<{ value: string }>('SELECT value FROM meta WHERE key = ?', [key]);
    return r?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db.run('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  // ── server-side scan requests ─────────────────────────────────────────────────────────────

  async insertScanRequest(r: Pick<ScanRequest, 'id' | 'ref' | 'origin'>): Promise<ScanRequest> {
    const now = new Date().toISOString();
    await this.db.run('INSERT INTO scan_requests (id, ref, origin, status, attempts, created_at, updated_at) VALUES (?,?,?,?,0,?,?)', [r.id, r.ref, r.origin, 'queued', now, now]);
    return (await this.scanRequest(r.id))!;
  }

  async scanRequest(id: string): Promise<ScanRequest | undefined> {
    const r = await this.db.get('SELECT * FROM scan_requests WHERE id = ?', [id]);
    return r && toScanRequest(r);
  }

  async updateScanRequest(id: string, patch: { status: ScanRequest['status']; digest?: string; error?: string; attempt?: boolean }): Promise<void> {
    await this.db.run(
      `UPDATE scan_requests SET status = ?, digest = COALESCE(?, digest), error = ?, updated_at = ?${patch.attempt ? ', attempts = attempts + 1' : ''} WHERE id = ?`,
      [patch.status, patch.digest ?? null, patch.error ?? null, new Date().toISOString(), id],
    );
  }

  /** A queue job's lease: renewed while the job runs, so a killed worker's jobs can be unlocked. */
  async beatLease(jobId: string, workerId: string, requestId: string): Promise<void> {
    await this.db.run('INSERT INTO job_leases (job_id, worker_id, request_id, heartbeat) VALUES (?,?,?,?) ON CONFLICT (job_id) DO UPDATE SET worker_id = excluded.worker_id, heartbeat = excluded.heartbeat', [jobId, workerId, requestId, Date.now()]);
  }

  async dropLease(jobId: string): Promise<void> {
    await this.db.run('DELETE FROM job_leases WHERE job_id = ?', [jobId]);
  }

  /** Leases not renewed for `ms`: their workers are gone. Removed as they are returned. */
  async takeStaleLeases(ms: number): Promise<{ jobId: string; workerId: string; requestId: string }[]> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.all('SELECT job_id, worker_id, request_id FROM job_leases WHERE heartbeat < ?', [Date.now() - ms]);
      for (const r of rows) await tx.run('DELETE FROM job_leases WHERE job_id = ?', [String(r.job_id)]);
      return rows.map((r) => ({ jobId: String(r.job_id), workerId: String(r.worker_id), requestId: String(r.request_id) }));
    });
  }

  async scanRequests(status?: ScanRequest['status']): Promise<ScanRequest[]> {
    const rows = status ? await this.db.all('SELECT * FROM scan_requests WHERE status = ? ORDER BY created_at', [status]) : await this.db.all('SELECT * FROM scan_requests ORDER BY created_at');
    return rows.map(toScanRequest);
  }
}

const SUMMARY_COLUMNS = 'digest, name, type, os_family, os_version, first_seen, last_scan, scans, package_count, critical, high, medium, low, unknown, vulnerabilities';
const SEVERITY_ORDER = `CASE severity WHEN 'CRITICAL' THEN 4 WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 WHEN 'LOW' THEN 1 ELSE 0 END`;

async function insertFindings(tx: Sql, imageId: number, findings: StoredFinding[]): Promise<void> {
  for (const part of chunks(findings, 9)) {
    const params: Param[] = [];
    for (const { finding: f, firstSeen } of part) {
      const purl = (f.package as { purl?: string } | undefined)?.purl ?? null;
      params.push(imageId, f.fingerprint, f.kind, f.id, j(f.aliases ?? []), f.severity, purl, firstSeen, j(f));
    }
    await tx.run(
      `INSERT INTO findings (image_id, fingerprint, kind, id, aliases, severity, package_purl, first_seen, data) VALUES ${valuesList(part.length, 9)} ON CONFLICT (image_id, fingerprint) DO NOTHING`,
      params,
    );
  }
}

async function insertEvents(tx: Sql, imageId: number, digest: string, name: string, time: string, events: NewEvent[]): Promise<void> {
  for (const part of chunks(events, 10)) {
    const params: Param[] = [];
    for (const e of part) params.push(time, e.type, e.cause, imageId, digest, name, e.finding.id, e.finding.fingerprint, e.finding.severity, j(e.finding));
    await tx.run(`INSERT INTO events (time, type, cause, image_id, digest, image_name, finding_id, fingerprint, severity, data) VALUES ${valuesList(part.length, 10)}`, params);
  }
}

/** Severity counts kept on the image row, so listing 10,000 images needs no aggregate. */
async function recount(tx: Sql, imageId: number): Promise<void> {
  const rows = await tx.all<{ severity: string; n: number }>('SELECT severity, COUNT(*) AS n FROM findings WHERE image_id = ? GROUP BY severity', [imageId]);
  const c = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  for (const r of rows) c[SEVERITY_KEYS[r.severity as keyof typeof SEVERITY_KEYS] ?? 'unknown'] += num(r.n);
  const vulns = await tx.all<{ n: number }>("SELECT COUNT(*) AS n FROM findings WHERE image_id = ? AND kind = 'vulnerability'", [imageId]);
  await tx.run('UPDATE images SET critical = ?, high = ?, medium = ?, low = ?, unknown = ?, vulnerabilities = ? WHERE id = ?', [c.critical, c.high, c.medium, c.low, c.unknown, num(vulns[0]?.n ?? 0), imageId]);
}

function toSummary(r: Row): ImageSummary {
  return {
    name: String(r.name),
    digest: String(r.digest),
    type: r.type as ImageSummary['type'],
    ...(r.os_family ? { os: { family: String(r.os_family), version: String(r.os_version ?? '') } } : {}),
    firstSeen: String(r.first_seen),
    lastScan: String(r.last_scan),
    scans: num(r.scans),
    packages: num(r.package_count),
    counts: { critical: num(r.critical), high: num(r.high), medium: num(r.medium), low: num(r.low), unknown: num(r.unknown) },
    vulnerabilities: num(r.vulnerabilities),
  };
}

function toStored(r: Row): StoredImage {
  return { id: num(r.id), ...toSummary(r), artifact: JSON.parse(String(r.artifact)), inventory: JSON.parse(String(r.inventory)), suppressed: JSON.parse(String(r.suppressed)) };
}

function toToken(r: Row): TokenInfo {
  return {
    id: num(r.id),
    name: String(r.name),
    scopes: JSON.parse(String(r.scopes)),
    createdAt: String(r.created_at),
    ...(r.expires_at ? { expiresAt: String(r.expires_at) } : {}),
    ...(r.last_used_at ? { lastUsedAt: String(r.last_used_at) } : {}),
  };
}

function toScanRequest(r: Row): ScanRequest {
  return {
    id: String(r.id),
    ref: String(r.ref),
    origin: r.origin as ScanRequest['origin'],
    status: r.status as ScanRequest['status'],
    ...(r.digest ? { digest: String(r.digest) } : {}),
    ...(r.error ? { error: String(r.error) } : {}),
    attempts: num(r.attempts),
    createdAt: String(r.created_at),
    updatedAt: String(r.updated_at),
  };
}
