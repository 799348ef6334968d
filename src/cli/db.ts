import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CoastguardError, ExitCode } from '../core/errors.js';
import {
  buildDb,
  dbAgeWarning,
  DEFAULT_MAX_DB_AGE_MS,
  DEFAULT_SOURCES,
  defaultDbPath,
  feedCacheDir,
  openVulnDb,
  parseAge,
  parseSourceSpec,
  updateDb,
  type BuildSource,
  type FeedSourceSpec,
} from '../vulndb/index.js';
import type { Command, CommandContext } from './command.js';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const strs = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

function maxAge(ctx: CommandContext): number {
  const text = str(ctx.values['max-age']) ?? process.env.COASTGUARD_DB_MAX_AGE;
  if (!text) return DEFAULT_MAX_DB_AGE_MS;
  try {
    return parseAge(text);
  } catch (e) {
    throw new CoastguardError((e as Error).message, '--max-age', ExitCode.USAGE);
  }
}

const build: Command = {
  name: 'build',
  summary: 'build a DB from feed files, directories, all.zip exports or URLs',
  usage: [
    'Usage: coastguard db build [--output FILE] SOURCE…',
    '',
    'A SOURCE is a path (file or directory, read recursively) or an http(s) URL. Formats are detected:',
    'OSV JSON/YAML and all.zip, Alpine / Wolfi / Chainguard secdb, Debian security tracker JSON and CVE/DSA/DLA lists,',
    'RubySec and RustSec advisories, Node.js security-wg advisories, vunnel records (results/ trees or results.db:',
    'Ubuntu, Red Hat, Amazon, Oracle, SLES, Photon, Mariner, Wolfi…), Red Hat CSAF VEX, NVD API 2.0 and',
    'CVE JSON 5 (severity and text enrichment), FIRST EPSS CSV, CISA KEV JSON. Files may be gzipped.',
    '  -o, --output FILE   DB to write (default: <cache dir>/db/coastguard.db)',
    '      --cache-dir DIR  cache folder (default: $COASTGUARD_CACHE_DIR or the user cache dir)',
    '      --strict        fail on a malformed file inside a directory instead of skipping it',
  ].join('\n'),
  options: { output: { type: 'string', short: 'o' }, 'cache-dir': { type: 'string' }, strict: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' } },
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new CoastguardError('no feed source given', 'coastguard db build SOURCE…', ExitCode.USAGE);
    const output = str(ctx.values.output) ?? defaultDbPath(str(ctx.values['cache-dir']));
    const tmp = mkdtempSync(join(tmpdir(), 'coastguard-feed-'));
    try {
      const sources: BuildSource[] = [];
      for (const [i, s] of ctx.positionals.entries()) {
        if (!/^https?:\/\//.test(s)) {
          sources.push({ path: s });
          continue;
        }
        const spec = parseSourceSpec(s);
        const res = await fetch(spec.url, { signal: AbortSignal.timeout(120_000) }).catch((e) => {
          throw new CoastguardError(`download failed (${(e as Error).message})`, spec.url, ExitCode.NETWORK, { cause: e });
        });
        if (res.status !== 200) throw new CoastguardError(`download failed: HTTP ${res.status}`, spec.url, ExitCode.NETWORK);
        const path = join(tmp, `${i}-${basename(new URL(spec.url).pathname) || 'feed'}`);
        const body = Buffer.from(await res.arrayBuffer());
        const got = createHash('sha256').update(body).digest('hex');
        if (spec.sha256 && spec.sha256 !== got) throw new CoastguardError(`checksum mismatch (expected sha256 ${spec.sha256}, got ${got})`, spec.url, ExitCode.DB);
        writeFileSync(path, body);
        sources.push({ path, label: spec.url, fetched: { fetchedAt: new Date().toISOString(), etag: res.headers.get('etag') ?? undefined, lastModified: res.headers.get('last-modified') ?? undefined } });
      }
      const s = await buildDb({ output, sources, strict: !!ctx.values.strict });
      if (!ctx.values.quiet) {
        for (const src of s.sources) {
          ctx.stdout.write(`${src.location}: ${src.formats.join(', ')}; ${src.files} files, ${src.records} records${src.invalid ? `, ${src.invalid} invalid files skipped` : ''}\n`);
        }
        for (const w of s.warnings.slice(0, 20)) ctx.stderr.write(`coastguard: warning: ${w.what}: ${w.where}\n`);
        if (s.warnings.length > 20) ctx.stderr.write(`coastguard: warning: … and ${s.warnings.length - 20} more\n`);
        ctx.stdout.write(`built ${output}: ${s.vulns} vulnerabilities, ${s.affectedRows} affected rows, ${s.namespaces} namespaces, ${mb(s.sizeBytes)} in ${s.seconds.toFixed(1)} s\n`);
      }
      return ExitCode.OK;
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};

const update: Command = {
  name: 'update',
  summary: 'download the configured feeds (conditional requests, checksums) and rebuild the DB atomically',
  usage: [
    'Usage: coastguard db update [--db FILE] [--source URL[#sha256=HEX]]… [--force]',
    '',
    'Sources: --source flags, else <cache dir>/sources.json ([{"url", "sha256"?, "checksumUrl"?}]), else the',
    "URL sources recorded in the existing DB, else the upstream defaults (OSV incl. Ubuntu, AlmaLinux, Rocky;",
    'Alpine, Wolfi and Chainguard secdb; Debian tracker; EPSS; CISA KEV).',
    'A failed download, checksum or build leaves the existing DB untouched.',
  ].join('\n'),
  options: {
    db: { type: 'string' },
    'cache-dir': { type: 'string' },
    source: { type: 'string', multiple: true },
    force: { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
  },
  async run(ctx) {
    const cache = str(ctx.values['cache-dir']);
    const dbPath = str(ctx.values.db) ?? defaultDbPath(cache);
    const feedDir = feedCacheDir(cache);
    const sources = configuredSources(strs(ctx.values.source), feedDir, dbPath);
    const r = await updateDb({ dbPath, feedDir, sources, force: !!ctx.values.force });
    if (!ctx.values.quiet) {
      if (!r.updated) ctx.stdout.write(`${dbPath} is up to date (${r.notModified.length} feeds not modified)\n`);
      else
        ctx.stdout.write(
          `updated ${dbPath}: ${r.downloaded.length} feeds downloaded, ${r.notModified.length} not modified; ${r.build!.vulns} vulnerabilities, ${mb(r.build!.sizeBytes)}\n`,
        );
    }
    return ExitCode.OK;
  },
};

function configuredSources(flags: string[], feedDir: string, dbPath: string): FeedSourceSpec[] {
  if (flags.length) return flags.map(parseSourceSpec);
  const file = join(feedDir, '..', 'sources.json');
  try {
    const list = JSON.parse(readFileSync(file, 'utf8')) as FeedSourceSpec[];
    if (Array.isArray(list) && list.every((s) => typeof s?.url === 'string')) return list;
    throw new CoastguardError('sources.json must be a list of {"url": …}', file, ExitCode.CONFIG);
  } catch (e) {
    if (e instanceof CoastguardError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new CoastguardError(`unreadable sources.json (${(e as Error).message})`, file, ExitCode.CONFIG);
  }
  try {
    const db = openVulnDb(dbPath);
    const urls = db.info().sources.map((s) => s.location).filter((l) => /^https?:\/\//.test(l));
    db.close();
    if (urls.length) return urls.map((url) => ({ url }));
  } catch {
    /* no usable DB yet: defaults */
  }
  return DEFAULT_SOURCES;
}

const info: Command = {
  name: 'info',
  summary: 'show the DB: schema, build date and age, sources with their dates and checksums, namespaces',
  usage: 'Usage: coastguard db info [--db FILE] [--cache-dir DIR] [--max-age 7d] [--format table|json]',
  options: { db: { type: 'string' }, 'cache-dir': { type: 'string' }, 'max-age': { type: 'string' }, format: { type: 'string', short: 'f' } },
  async run(ctx) {
    const dbPath = str(ctx.values.db) ?? defaultDbPath(str(ctx.values['cache-dir']));
    const db = openVulnDb(dbPath);
    try {
      const i = db.info();
      const warning = dbAgeWarning(db, maxAge(ctx));
      if (str(ctx.values.format) === 'json') {
        ctx.stdout.write(JSON.stringify({ ...i, warning: warning?.what }, null, 2) + '\n');
        return ExitCode.OK;
      }
      const lines = [
        `path:       ${i.path}`,
        `schema:     ${i.schemaVersion}`,
        `built:      ${i.builtAt}`,
        `size:       ${mb(i.sizeBytes)}`,
        `records:    ${i.vulns} vulnerabilities, ${i.affectedRows} affected rows`,
        `risk:       ${i.enrichment} NVD/CVE records, ${i.epss} EPSS scores, ${i.kev} KEV entries`,
        'sources:',
        ...i.sources.map(
          (s) =>
            `  ${s.location}\n    ${s.formats.join(', ')}; ${s.files} files, ${s.records} records; sha256 ${s.sha256 ?? '-'}` +
            (s.fetchedAt ? `; fetched ${s.fetchedAt}` : '') +
            (s.lastModified ? `; last-modified ${s.lastModified}` : '') +
            (s.etag ? `; etag ${s.etag}` : ''),
        ),
        'namespaces:',
        ...i.namespaces.map((n) => `  ${n.namespace.padEnd(16)} ${String(n.packages).padStart(6)} packages ${String(n.rows).padStart(7)} rows`),
      ];
      ctx.stdout.write(lines.join('\n') + '\n');
      if (warning) ctx.stderr.write(`coastguard: warning: ${warning.what}\n`);
      return ExitCode.OK;
    } finally {
      db.close();
    }
  },
};

export const command: Command = {
  name: 'db',
  summary: 'build, update and inspect the vulnerability database',
  usage: 'Usage: coastguard db build|update|info [flags]',
  options: {},
  subcommands: [build, update, info],
};
