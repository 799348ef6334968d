import Database from 'better-sqlite3';

/**
 * rpm ≥ 4.16's SQLite backend: table Packages(hnum INTEGER PRIMARY KEY, blob BLOB), one header
 * blob per row. better-sqlite3 opens the bytes in memory (sqlite3_deserialize), so nothing is
 * written to disk. rpm leaves its DB in WAL mode (header bytes 18–19 = 2), which an in-memory
 * database cannot open; images ship the DB checkpointed, so we mark a copy as rollback-journal
 * (bytes = 1) and read it. Any -wal file beside it is not part of what we read.
 */
export function sqliteHeaderBlobs(content: Buffer): Buffer[] {
  if (content.length < 100 || content.toString('latin1', 0, 16) !== 'SQLite format 3\0') throw new Error('not an SQLite database');
  let bytes = content;
  if (content[18] === 2 || content[19] === 2) {
    bytes = Buffer.from(content);
    bytes[18] = 1;
    bytes[19] = 1;
  }
  const db = new Database(bytes, { readonly: true });
  try {
    const rows = db.prepare('SELECT blob FROM Packages ORDER BY hnum').raw().all() as [Buffer][];
    return rows.map((r) => r[0]);
  } finally {
    db.close();
  }
}
