import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { release, track, writeFileAtomic } from '../core/temp-files.js';
import { basename, join } from 'node:path';
import { CoastguardError, dbError, ExitCode } from '../core/errors.js';
import { buildDb, type BuildSource, type BuildSummary } from './build.js';
import { openVulnDb } from './store.js';

/** A feed to download: URL, and optionally the checksum to expect or where to read it. */
export interface FeedSourceSpec {
  url: string;
  /** Expected SHA-256 of the body (hex). */
  sha256?: string;
  /** A URL whose body starts with the hex SHA-256 of the feed (`sha256sum` output works). */
  checksumUrl?: string;
}

/** Upstream feeds `db update` uses when neither flags, sources.json nor the DB name any. */
export const DEFAULT_SOURCES: FeedSourceSpec[] = [
  ...['npm', 'PyPI', 'Go', 'Maven', 'RubyGems', 'crates.io', 'Packagist', 'NuGet'].map((e) => ({
    url: `https://osv-vulnerabilities.storage.googleapis.com/${encodeURIComponent(e)}/all.zip`,
  })),
  ...['v3.18', 'v3.19', 'v3.20', 'v3.21', 'v3.22'].flatMap((r) => [
    { url: `https://secdb.alpinelinux.org/${r}/main.json` },
    { url: `https://secdb.alpinelinux.org/${r}/community.json` },
  ]),
  // Distributions with OSV exports of their own advisories.
  ...['Ubuntu', 'AlmaLinux', 'Rocky Linux'].map((e) => ({ url: `https://osv-vulnerabilities.storage.googleapis.com/${encodeURIComponent(e)}/all.zip` })),
  { url: 'https://packages.wolfi.dev/os/security.json' },
  { url: 'https://packages.cgr.dev/chainguard/security.json' },
  // Risk: FIRST EPSS (today's scores) and CISA's known-exploited catalogue.
  { url: 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz' },
  { url: 'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json' },
  { url: 'https://security-tracker.debian.org/tracker/data/json' },
  { url: 'https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/DSA/list' },
  { url: 'https://salsa.debian.org/security-tracker-team/security-tracker/-/raw/master/data/DLA/list' },
];

/** "URL#sha256=HEX" → spec. */
export function parseSourceSpec(text: string): FeedSourceSpec {
  const [url, frag] = text.split('#', 2);
  const m = /^sha256=([0-9a-f]{64})$/i.exec(frag ?? '');
  if (frag && !m) throw new CoastguardError('bad source checksum (want URL#sha256=<64 hex digits>)', text, ExitCode.USAGE);
  return { url, ...(m ? { sha256: m[1].toLowerCase() } : {}) };
}

export interface UpdateOptions {
  dbPath: string;
  /** Where downloaded feeds and their ETag / Last-Modified are kept (`<cache>/feeds`). */
  feedDir: string;
  sources: FeedSourceSpec[];
  /** Rebuild even when every feed answered 304 Not Modified. */
  force?: boolean;
  timeoutMs?: number;
  now?: Date;
  fetchImpl?: typeof fetch;
}

export interface UpdateResult {
  updated: boolean;
  downloaded: string[];
  notModified: string[];
  build?: BuildSummary;
}

interface CacheEntry {
  file: string;
  etag?: string;
  lastModified?: string;
  sha256: string;
  fetchedAt: string;
}

/**
 * Downloads the feeds with conditional requests, verifies them (length, checksum), rebuilds the
 * DB into a temp file and renames it into place. Nothing in the cache or the DB changes unless
 * every step succeeded: new downloads wait in temp files until the build is done.
 */
export async function updateDb(opts: UpdateOptions): Promise<UpdateResult> {
  const fetchFn = opts.fetchImpl ?? fetch;
  mkdirSync(opts.feedDir, { recursive: true });
  const indexPath = join(opts.feedDir, 'index.json');
  const index: Record<string, CacheEntry> = existsSync(indexPath) ? safeJson(indexPath) : {};
  const now = (opts.now ?? new Date()).toISOString();
  const temps: { tmp: string; final: string; url: string; entry?: CacheEntry }[] = [];
  const result: UpdateResult = { updated: false, downloaded: [], notModified: [] };
  const buildSources: BuildSource[] = [];
  try {
    for (const spec of opts.sources) {
      const cached = index[spec.url];
      const cachedPath = cached ? join(opts.feedDir, cached.file) : undefined;
      const haveCached = !!cachedPath && existsSync(cachedPath);
      const headers: Record<string, string> = {};
      if (haveCached && cached.etag) headers['If-None-Match'] = cached.etag;
      if (haveCached && cached.lastModified) headers['If-Modified-Since'] = cached.lastModified;
      const res = await get(fetchFn, spec.url, headers, opts.timeoutMs);
      if (res.status === 304 && haveCached) {
        result.notModified.push(spec.url);
        buildSources.push({ path: cachedPath!, label: spec.url, fetched: cached });
        continue;
      }
      if (res.status !== 200) {
        throw new CoastguardError(`download failed: HTTP ${res.status}`, spec.url, ExitCode.NETWORK);
      }
      const file = `${createHash('sha256').update(spec.url).digest('hex').slice(0, 16)}-${fileNameOf(spec.url)}`;
      const final = join(opts.feedDir, file);
      const tmp = join(opts.feedDir, `.tmp-${process.pid}-${Date.now()}-${file}`); // keeps the extension format detection reads
      track(tmp);
      temps.push({ tmp, final, url: spec.url });
      const sha256 = await downloadTo(res, spec.url, tmp);
      const expected = spec.sha256 ?? (spec.checksumUrl ? await fetchChecksum(fetchFn, spec.checksumUrl, opts.timeoutMs) : undefined);
      if (expected && expected !== sha256) {
        throw dbError(`checksum mismatch (expected sha256 ${expected}, got ${sha256})`, spec.url);
      }
      const entry: CacheEntry = {
        file,
        etag: res.headers.get('etag') ?? undefined,
        lastModified: res.headers.get('last-modified') ?? undefined,
        sha256,
        fetchedAt: now,
      };
      temps[temps.length - 1].entry = entry;
      result.downloaded.push(spec.url);
      buildSources.push({ path: tmp, label: spec.url, fetched: entry });
    }
    if (result.downloaded.length === 0 && !opts.force && dbIsUsable(opts.dbPath)) return result;
    try {
      result.build = await buildDb({ output: opts.dbPath, sources: buildSources, now: opts.now });
    } catch (e) {
      const what = e instanceof CoastguardError ? e.message : (e as Error).message;
      throw dbError(`update failed, existing database left unchanged (${what})`, opts.dbPath, e);
    }
    for (const t of temps) {
      renameSync(t.tmp, t.final);
      index[t.url] = t.entry!;
    }
    writeFileAtomic(indexPath, JSON.stringify(index, null, 1));
    result.updated = true;
    return result;
  } finally {
    for (const t of temps) {
      rmSync(t.tmp, { force: true });
      release(t.tmp);
    }
  }
}

function dbIsUsable(path: string): boolean {
  try {
    openVulnDb(path).close();
    return true;
  } catch {
    return false;
  }
}

function safeJson(path: string): Record<string, CacheEntry> {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return {}; // a damaged index only costs a full download
  }
}

/** Keeps the URL's file name and extension (format detection looks at it): ".../Go/all.zip" → "all.zip". */
function fileNameOf(url: string): string {
  const path = new URL(url).pathname;
  const name = basename(path).replace(/[^\w.+-]/g, '_') || 'feed';
  return name;
}

async function get(fetchFn: typeof fetch, url: string, headers: Record<string, string>, timeoutMs = 120_000): Promise<Response> {
  try {
    return await fetchFn(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new CoastguardError(`download failed (${cause?.code ?? cause?.message ?? (e as Error).message})`, url, ExitCode.NETWORK, { cause: e });
  }
}

/** The largest feed download (and feed file `db build` reads): docs/limits.md. */
export const MAX_FEED_BYTES = 1 << 30;

/**
 * Streams the body into `tmp` (created exclusively), hashing it on the way: memory holds one chunk,
 * not the feed. A body over MAX_FEED_BYTES, or shorter than its Content-Length (a cut
 * connection), is an error. Returns the body's SHA-256.
 */
async function downloadTo(res: Response, url: string, tmp: string): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > MAX_FEED_BYTES) throw dbError(`feed is ${declared} bytes, over the ${MAX_FEED_BYTES}-byte limit`, url);
  const hash = createHash('sha256');
  const fd = openSync(tmp, 'wx', 0o644);
  let size = 0;
  try {
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > MAX_FEED_BYTES) throw dbError(`feed is over the ${MAX_FEED_BYTES}-byte limit`, url);
        hash.update(chunk);
        writeSync(fd, chunk);
      }
    }
  } catch (e) {
    if (e instanceof CoastguardError) throw e;
    throw new CoastguardError(`download interrupted (${(e as Error).message})`, url, ExitCode.NETWORK, { cause: e });
  } finally {
    closeSync(fd);
  }
  if (Number.isFinite(declared) && !res.headers.get('content-encoding') && declared !== size) {
    throw new CoastguardError(`download incomplete (${size} of ${declared} bytes)`, url, ExitCode.NETWORK);
  }
  return hash.digest('hex');
}

async function fetchChecksum(fetchFn: typeof fetch, url: string, timeoutMs?: number): Promise<string> {
  const res = await get(fetchFn, url, {}, timeoutMs);
  if (res.status !== 200) throw new CoastguardError(`checksum download failed: HTTP ${res.status}`, url, ExitCode.NETWORK);
  const m = /^\s*([0-9a-f]{64})\b/i.exec(await res.text());
  if (!m) throw dbError('checksum file holds no SHA-256', url);
  return m[1].toLowerCase();
}
