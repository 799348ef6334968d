import Database from 'better-sqlite3';
import type { FeedSink } from '../types.js';
import { FeedError } from './errors.js';

/**
 * vunnel's sqlite result store (`results/results.db`): table `results (id, record)`, one JSON
 * envelope per row (the same `{identifier, item, schema}` its flat-file store writes one per file).
 * Each record goes through the same format detection as a file. Any other SQLite file is not ours.
 */
export const id = 'vunnel-sqlite';

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export function looksLikeSqlite(buf: Buffer): boolean {
  return buf.length >= 100 && buf.subarray(0, 16).equals(MAGIC);
}

export function parseVunnelSqlite(
  path: string,
  where: string,
  sink: FeedSink,
  parseRecord: (doc: unknown, where: string) => { format: string; records: number } | undefined,
): { format: string; records: number } | undefined {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new FeedError(`cannot open SQLite file (${(e as Error).message})`, where, e);
  }
  try {
    const cols = (db.prepare("SELECT name FROM pragma_table_info('results')").all() as { name: string }[]).map((c) => c.name);
    if (!cols.includes('id') || !cols.includes('record')) return undefined;
    const formats = new Set<string>();
    let records = 0;
    for (const row of db.prepare('SELECT id, record FROM results ORDER BY id').iterate() as Iterable<{ id: string; record: Buffer | string }>) {
      const at = `${where}!${row.id}`;
      let doc: unknown;
      try {
        doc = JSON.parse(Buffer.isBuffer(row.record) ? row.record.toString('utf8') : String(row.record));
      } catch (e) {
        throw new FeedError(`record is not JSON (${(e as Error).message})`, at, e);
      }
      const r = parseRecord(doc, at);
      if (!r) continue;
      formats.add(r.format);
      records += r.records;
    }
    return { format: formats.size ? [...formats].sort().join(',') : id, records };
  } catch (e) {
    if (e instanceof FeedError) throw e;
    throw new FeedError(`unreadable vunnel results database (${(e as Error).message})`, where, e);
  } finally {
    db.close();
  }
}
