/**
 * The small SQL surface both stores share: one dialect of SQL written with `?` placeholders,
 * run by an adapter (better-sqlite3 or pg). The store logic is written once on top of it, so the
 * SQLite and PostgreSQL stores cannot drift apart.
 */
export type Row = Record<string, unknown>;
export type Param = string | number | bigint | null;

export interface Sql {
  readonly dialect: 'sqlite' | 'postgres';
  all<T = Row>(sql: string, params?: Param[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: Param[]): Promise<T | undefined>;
  run(sql: string, params?: Param[]): Promise<{ changes: number }>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDb extends Sql {
  /** Runs `fn` in one transaction: all of it lands, or none of it. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `?` → `$1, $2, …` for PostgreSQL (no `?` appears inside our SQL text otherwise). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Rows to insert in one statement: both engines cap parameters (SQLite 32766, pg 65535). */
export function chunks<T>(items: T[], paramsPerItem: number, maxParams = 30000): T[][] {
  const size = Math.max(1, Math.floor(maxParams / paramsPerItem));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `(?,?,?),(?,?,?)` for a multi-row INSERT. */
export function valuesList(rows: number, cols: number): string {
  const one = `(${new Array(cols).fill('?').join(',')})`;
  return new Array(rows).fill(one).join(',');
}
