import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import yauzl from 'yauzl';
import { parse as parseYaml } from 'yaml';
import { CoastguardError, ExitCode } from '../../core/errors.js';
import type { FeedSink } from '../types.js';
import { FeedError } from './errors.js';
import * as osv from './osv.js';
import { FEEDS } from './registry.js';
import * as vunnelSqlite from './vunnel-sqlite.js';

/** The largest single feed file `db build` reads (feeds are parsed whole): docs/limits.md. */
export const MAX_FEED_FILE_BYTES = 1 << 30;

export { FeedError } from './errors.js';

/** What loading one source (a file, a directory of feed files, an all.zip) found. */
export interface SourceStats {
  location: string;
  formats: Set<string>;
  /** Files recognised as some feed format. */
  files: number;
  records: number;
  /** Files of no known feed format (READMEs, licences…). */
  ignored: number;
  /** Files of a known format that failed to parse (directory sources only; a single file throws). */
  invalid: number;
  sha256: string;
  size: number;
}

const DOC_EXT = new Set(['.json', '.yaml', '.yml']);
const TEXT_EXT = new Set(['.csv', '.md', '.toml', '', '.txt', '.list']);

/**
 * Detects a parsed JSON/YAML document's feed format and feeds it to the sink: the first feed in
 * FEEDS (./registry.ts) that claims it parses it. Returns the format id, or undefined when the
 * document is no feed we know.
 */
export function parseDocument(doc: unknown, where: string, sink: FeedSink): { format: string; records: number } | undefined {
  for (const f of FEEDS) {
    const records = f.parseDocument?.(doc, where, sink);
    if (records !== undefined) return { format: f.id, records };
  }
  return undefined;
}

/** A text file (.csv, .md, .toml, .txt, .list or no extension) through the feeds that read text. */
function parseText(text: string, where: string, sink: FeedSink): { format: string; records: number } | undefined {
  for (const f of FEEDS) {
    const records = f.parseText?.(text, where, sink);
    if (records !== undefined) return { format: f.id, records };
  }
  return undefined;
}

/** Parses one file's bytes by name and content. Throws FeedError when a known format is malformed. */
export function parseFileContent(name: string, where: string, buf: Buffer, sink: FeedSink): { format: string; records: number } | undefined {
  const ext = extname(name).toLowerCase();
  if (ext === '.gz') {
    // EPSS publishes epss_scores-YYYY-MM-DD.csv.gz; any gzipped feed file is read as its inner name.
    let inner: Buffer;
    try {
      inner = gunzipSync(buf);
    } catch (e) {
      throw new FeedError(`not valid gzip (${(e as Error).message})`, where, e);
    }
    return parseFileContent(name.slice(0, -3), where, inner, sink);
  }
  if (DOC_EXT.has(ext)) {
    const text = buf.toString('utf8');
    let doc: unknown;
    try {
      doc = ext === '.json' ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 1000 });
    } catch (e) {
      throw new FeedError(`not valid ${ext === '.json' ? 'JSON' : 'YAML'} (${(e as Error).message.split('\n')[0]})`, where, e);
    }
    return parseDocument(doc, where, sink);
  }
  if (TEXT_EXT.has(ext)) {
    const r = parseText(buf.toString('utf8'), where, sink);
    if (r) return r;
    // Extension-less downloads (the tracker's ".../tracker/data/json"): sniff JSON by its first byte.
    if ((ext === '' || ext === '.txt' || ext === '.list') && /^\s*[{[]/.test(buf.subarray(0, 4096).toString('utf8'))) return parseFileContent(`${name}.json`, where, buf, sink);
  }
  return undefined;
}

/** Loads a file or directory (recursively, in sorted order) into the sink. */
export async function loadSource(path: string, sink: FeedSink, opts: { label?: string; strict?: boolean } = {}): Promise<SourceStats> {
  const label = opts.label ?? path;
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new CoastguardError('feed source not found', path);
  }
  const stats: SourceStats = { location: label, formats: new Set(), files: 0, records: 0, ignored: 0, invalid: 0, sha256: '', size: 0 };
  const digest = createHash('sha256');
  const one = async (file: string, rel: string, lenient: boolean) => {
    // A feed file is parsed whole (JSON, zip directories): refuse a huge one before reading it.
    const size = statSync(file).size;
    if (size > MAX_FEED_FILE_BYTES) throw new CoastguardError(`feed file is ${size} bytes, over the ${MAX_FEED_FILE_BYTES}-byte limit (docs/limits.md)`, file, ExitCode.DB);
    const buf = readFileSync(file);
    stats.size += buf.length;
    const fileHash = createHash('sha256').update(buf).digest('hex');
    digest.update(`${rel}\0${fileHash}\n`);
    try {
      // A single-file source is named by its label (the URL of a download), not its temp path.
      const where = st.isDirectory() ? file : label;
      const ext = extname(file).toLowerCase();
      const r =
        ext === '.zip'
          ? await parseZip(buf, where, sink)
          : (ext === '.db' || ext === '.sqlite') && vunnelSqlite.looksLikeSqlite(buf)
            ? vunnelSqlite.parseVunnelSqlite(file, where, sink, (doc, at) => parseDocument(doc, at, sink))
            : parseFileContent(file, where, buf, sink);
      if (!r) {
        stats.ignored++;
        return;
      }
      stats.files++;
      stats.records += r.records;
      stats.formats.add(r.format);
    } catch (e) {
      if (!lenient || !(e instanceof CoastguardError)) throw e;
      stats.invalid++;
      sink.warn(e.what, e.where ?? file);
    }
  };
  if (st.isDirectory()) {
    for (const file of walk(path)) await one(file, relative(path, file), !opts.strict);
  } else {
    await one(path, '', false);
  }
  stats.sha256 = digest.digest('hex');
  if (!st.isDirectory()) stats.sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  return stats;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const rec = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.')) continue; // .git, .github, editor files
      const p = join(d, name);
      const s = statSync(p);
      if (s.isDirectory()) rec(p);
      else if (s.isFile()) out.push(p);
    }
  };
  rec(dir);
  return out;
}

/** OSV's per-ecosystem all.zip (or any zip of feed files). Entries are read one at a time. */
export function parseZip(buf: Buffer, where: string, sink: FeedSink): Promise<{ format: string; records: number }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(new FeedError(`not a valid zip archive (${err?.message ?? 'unreadable'})`, where, err));
      let records = 0;
      const formats = new Set<string>();
      zip.on('error', (e: Error) => reject(new FeedError(`corrupt zip archive (${e.message})`, where, e)));
      zip.on('end', () => resolve({ format: formats.size ? [...formats].join(',') : osv.id, records }));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(new FeedError(`corrupt zip entry ${entry.fileName}`, where, e));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', (se: Error) => reject(new FeedError(`corrupt zip entry ${entry.fileName} (${se.message})`, where, se)));
          stream.on('end', () => {
            try {
              const r = parseFileContent(entry.fileName, `${where}!${entry.fileName}`, Buffer.concat(chunks), sink);
              if (r) {
                records += r.records;
                formats.add(r.format);
              }
              zip.readEntry();
            } catch (pe) {
              reject(pe);
            }
          });
        });
      });
      zip.readEntry();
    });
  });
}
