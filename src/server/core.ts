import { EventEmitter } from 'node:events';
import type { Finding, ScanResult } from '../core/types.js';
import { parseUpload, isVuln, type Upload } from './ingest.js';
import type { NewEvent, Store } from './store/index.js';
import type { EventCause, EventType, ImageSummary, StoredFinding } from './types.js';
import type { ServerVulnDb } from './vuln-db.js';

/** One image's changes, as webhooks receive them. */
export interface ImageChange {
  type: EventType;
  cause: EventCause;
  image: { name: string; digest: string };
  findings: Finding[];
}

export interface RematchStats {
  images: number;
  packages: number;
  changedImages: number;
  newFindings: number;
  resolvedFindings: number;
  ms: number;
  finishedAt: string;
}

/**
 * The server's one piece of logic between the API and the store: storing a scan (the server's
 * own DB decides the vulnerability findings when it has one), and re-matching every stored
 * inventory when the DB changes. Both diff against what was stored and record new and resolved
 * findings as events; listeners of 'change' (the webhooks) get one ImageChange per image and type.
 */
export class ServerCore extends EventEmitter<{ change: [ImageChange]; rematch: [RematchStats] }> {
  private rematching: Promise<RematchStats> | undefined;
  private rematchAgain = false;
  lastRematch: RematchStats | undefined;

  constructor(
    readonly store: Store,
    readonly vulnDb: ServerVulnDb,
  ) {
    super();
  }

  /** Validates and stores an uploaded native scan result. */
  async saveScan(body: unknown, cause: EventCause = 'scan'): Promise<{ image: ImageSummary; new: number; resolved: number }> {
    return this.saveUpload(parseUpload(body), cause);
  }

  async saveResult(result: ScanResult, cause: EventCause): Promise<{ image: ImageSummary; new: number; resolved: number }> {
    return this.saveUpload(parseUpload(result), cause);
  }

  private async saveUpload(u: Upload, cause: EventCause) {
    const now = new Date().toISOString();
    const matched = this.vulnDb.match(u.result.artifact, u.inventory);
    const suppressed = new Set(u.suppressed);
    // With a DB, the server's match is the truth for vulnerabilities (so the next DB change
    // diffs against the same matcher); without one, the uploader's findings are kept.
    const findings = matched ? [...u.result.findings.filter((f) => !isVuln(f)), ...matched.filter((f) => !suppressed.has(f.fingerprint))] : u.result.findings;
    const unique = new Map<string, Finding>();
    for (const f of findings) if (!unique.has(f.fingerprint)) unique.set(f.fingerprint, f);
    const prevImage = await this.store.imageSummary(u.digest);
    const prev = new Map((prevImage ? await this.store.findingsOf(prevImage.id) : []).map((s) => [s.finding.fingerprint, s]));
    const stored: StoredFinding[] = [...unique.values()].map((f) => ({ finding: f, firstSeen: prev.get(f.fingerprint)?.firstSeen ?? now }));
    const added = stored.filter((s) => !prev.has(s.finding.fingerprint)).map((s) => s.finding);
    const resolved = [...prev.values()].filter((s) => !unique.has(s.finding.fingerprint)).map((s) => s.finding);
    const events: NewEvent[] = [...added.map((f) => ({ type: 'findings.new' as const, cause, finding: f })), ...resolved.map((f) => ({ type: 'findings.resolved' as const, cause, finding: f }))];
    await this.store.saveImage({
      digest: u.digest,
      name: u.result.artifact.name,
      artifact: u.result.artifact,
      inventory: u.inventory,
      suppressed: u.suppressed,
      findings: stored,
      events,
      scannedAt: now,
    });
    const image = { name: u.result.artifact.name, digest: u.digest };
    this.announce(image, cause, added, resolved);
    return { image: (await this.store.imageSummary(u.digest))!, new: added.length, resolved: resolved.length };
  }

  private announce(image: { name: string; digest: string }, cause: EventCause, added: Finding[], resolved: Finding[]) {
    if (added.length) this.emit('change', { type: 'findings.new', cause, image, findings: added });
    if (resolved.length) this.emit('change', { type: 'findings.resolved', cause, image, findings: resolved });
  }

  /**
   * Re-matches every stored inventory against the current DB. Calls during a run make one more
   * run after it (the DB may have changed again), never two at once.
   */
  rematchAll(): Promise<RematchStats> {
    if (this.rematching) {
      this.rematchAgain = true;
      return this.rematching;
    }
    const run = async (): Promise<RematchStats> => {
      try {
        let stats: RematchStats;
        do {
          this.rematchAgain = false;
          stats = await this.rematchOnce();
        } while (this.rematchAgain);
        return stats;
      } finally {
        this.rematching = undefined;
      }
    };
    this.rematching = run();
    return this.rematching;
  }

  private async rematchOnce(): Promise<RematchStats> {
    const started = Date.now();
    const stats = { images: 0, packages: 0, changedImages: 0, newFindings: 0, resolvedFindings: 0 };
    if (!this.vulnDb.current) return this.finishRematch(stats, started);
    for await (const batch of this.store.rematchTargets()) {
      const current = await this.store.vulnFingerprints(batch.map((t) => t.id));
      for (const t of batch) {
        stats.images++;
        stats.packages += t.inventory.length;
        const suppressed = new Set(t.suppressed);
        const matched = new Map<string, Finding>();
        for (const f of this.vulnDb.match(t.artifact, t.inventory) ?? []) if (!suppressed.has(f.fingerprint) && !matched.has(f.fingerprint)) matched.set(f.fingerprint, f);
        const have = current.get(t.id)!;
        const added = [...matched.values()].filter((f) => !have.has(f.fingerprint));
        const goneFps = [...have.keys()].filter((fp) => !matched.has(fp));
        // Same finding, new severity (the DB rescored it): stored again, no event.
        const rescored = [...matched.values()].filter((f) => have.has(f.fingerprint) && have.get(f.fingerprint) !== f.severity);
        if (!added.length && !goneFps.length && !rescored.length) continue;
        const now = new Date().toISOString();
        const resolved = goneFps.length ? await this.store.findingsByFingerprint(t.id, goneFps) : [];
        const events: NewEvent[] = [...added.map((f) => ({ type: 'findings.new' as const, cause: 'db-change' as const, finding: f })), ...resolved.map((f) => ({ type: 'findings.resolved' as const, cause: 'db-change' as const, finding: f }))];
        await this.store.applyChanges(t, added.map((f) => ({ finding: f, firstSeen: now })), goneFps, events, now, rescored);
        if (added.length || goneFps.length) stats.changedImages++;
        stats.newFindings += added.length;
        stats.resolvedFindings += resolved.length;
        this.announce({ name: t.name, digest: t.digest }, 'db-change', added, resolved);
      }
    }
    return this.finishRematch(stats, started);
  }

  private finishRematch(s: Omit<RematchStats, 'ms' | 'finishedAt'>, started: number): RematchStats {
    const stats = { ...s, ms: Date.now() - started, finishedAt: new Date().toISOString() };
    this.lastRematch = stats;
    this.emit('rematch', stats);
    return stats;
  }
}
