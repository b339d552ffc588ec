/**
 * Opening the SQLite database and the durability policy.
 *
 * Durability policy (docs/architecture.md): WAL journal. Submits, skips, imports and every other
 * write run with `synchronous = FULL`, so a committed transaction is fsynced to the WAL before the
 * call returns and survives a killed process and a power loss. Draft autosaves (one per keystroke)
 * run with `synchronous = NORMAL`: the commit reaches the OS before returning, so it survives a
 * killed process, and the next FULL commit (or checkpoint) makes it power-safe too.
 */
import Database from 'better-sqlite3';
import { runMigrations } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** A better-sqlite3 binary built for this runtime (Electron), when not the default one. */
  nativeBinding?: string;
  readonly?: boolean;
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  const db = new Database(path, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    // A lead's project of 100k tasks × 5 annotators is tens of MB: a 64 MiB page cache keeps the
    // progress and quality reads in memory instead of re-reading pages on every view (the
    // default cache is 2 MB).
    db.pragma('cache_size = -65536');
    if (!options.readonly) runMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Run `fn` with a lighter synchronous level (drafts), restoring FULL afterwards. */
export function withRelaxedSync<T>(db: Db, fn: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return fn();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
