/**
 * Prepared statements cached per connection (preparing is the costly part of a small query),
 * and a log line for queries slower than 40 ms so regressions show up in the field.
 */
import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();
const SLOW_MS = 40;

export function prepare<P extends unknown[] = unknown[], R = unknown>(db: Database.Database, sql: string): Database.Statement<P, R> {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement as unknown as Database.Statement<P, R>;
}

/** Time a unit of database work and report it when slow. */
export function timed<T>(label: string, fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    const ms = performance.now() - start;
    if (ms > SLOW_MS && process.env.LOUPE_QUIET_SLOW_QUERIES !== '1') {
      process.stderr.write(`loupe: slow database work "${label}" took ${ms.toFixed(1)} ms\n`);
    }
  }
}
