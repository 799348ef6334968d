import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Param, Row, Sql, SqlDb } from './sql.js';

/**
 * better-sqlite3 behind the async Sql surface. Statements run synchronously; transactions are
 * serialised through a promise chain so two requests never interleave inside one.
 */
export function openSqlite(path: string): SqlDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      if (cache.size > 500) cache.clear();
      cache.set(sql, s);
    }
    return s;
  };
  const norm = (params: Param[] = []) => params.map((p) => (typeof p === 'boolean' ? Number(p) : p));
  const sqlApi: Sql = {
    dialect: 'sqlite',
    all: async <T = Row>(sql: string, params?: Param[]) => stmt(sql).all(...norm(params)) as T[],
    get: async <T = Row>(sql: string, params?: Param[]) => stmt(sql).get(...norm(params)) as T | undefined,
    run: async (sql: string, params?: Param[]) => ({ changes: stmt(sql).run(...norm(params)).changes }),
    exec: async (sql: string) => void db.exec(sql),
  };
  let chain: Promise<unknown> = Promise.resolve();
  return {
    ...sqlApi,
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const next = chain.then(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const r = await fn(sqlApi);
          db.exec('COMMIT');
          return r;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      });
      chain = next.catch(() => undefined);
      return next;
    },
    close: async () => {
      await chain;
      db.close();
    },
  };
}
