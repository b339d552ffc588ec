import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { LATEST_VERSION, runMigrations, schemaVersion } from '../../../electron/core/db/migrate';
import { LoupeError } from '../../../shared/errors';
import { tempDir } from '../helpers/fixtures';

describe('migrations', () => {
  it('bring a new database to the latest version with STRICT tables', () => {
    const db = openDatabase(join(tempDir(), 'a.db'));
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table'").all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(['packs', 'tasks', 'label_configs', 'annotations', 'drafts', 'flags', 'task_time', 'task_events', 'profiles', 'sessions', 'gold', 'assignments', 'reviews']),
    );
    for (const table of tables) expect(table.sql, table.name).toMatch(/STRICT/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('are idempotent: opening again changes nothing', () => {
    const path = join(tempDir(), 'b.db');
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuse a database written by a newer Loupe, politely and without changing it', () => {
    const path = join(tempDir(), 'newer.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.exec('CREATE TABLE future (x INTEGER) STRICT');
    raw.close();
    let error: unknown;
    try {
      openDatabase(path);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoupeError);
    expect((error as LoupeError).code).toBe('db-too-new');
    expect((error as LoupeError).message).toMatch(/newer version of Loupe .*Update Loupe.*Nothing was changed/);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5);
    after.close();
  });

  it('roll a failing migration back whole, leaving the version where it was', () => {
    const db = new Database(':memory:');
    const broken = [
      { version: 1, name: 'ok', up: (d: Database.Database) => d.exec('CREATE TABLE a (x INTEGER) STRICT') },
      { version: 2, name: 'broken', up: (d: Database.Database) => { d.exec('CREATE TABLE b (x INTEGER) STRICT'); throw new Error('boom'); } },
    ];
    expect(() => runMigrations(db, broken)).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
  });
});
