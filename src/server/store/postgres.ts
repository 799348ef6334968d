import pg from 'pg';
import { numberPlaceholders, type Param, type Row, type Sql, type SqlDb } from './sql.js';

// BIGINT (int8) counts and ids come back as numbers: ours stay far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

function api(client: pg.Pool | pg.PoolClient): Sql {
  const q = async (sql: string, params: Param[] = []) => client.query(numberPlaceholders(sql), params as unknown[]);
  return {
    dialect: 'postgres',
    all: async <T = Row>(sql: string, params?: Param[]) => (await q(sql, params)).rows as T[],
    get: async <T = Row>(sql: string, params?: Param[]) => (await q(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: Param[]) => ({ changes: (await q(sql, params)).rowCount ?? 0 }),
    exec: async (sql: string) => void (await client.query(sql)),
  };
}

/** A pg pool behind the async Sql surface; a transaction holds one pooled connection. */
export function openPostgres(url: string): SqlDb {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // An idle connection dropped by the server must not crash the process.
  pool.on('error', () => undefined);
  return {
    ...api(pool),
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const r = await fn(api(client));
        await client.query('COMMIT');
        return r;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
