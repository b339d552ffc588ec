/**
 * Migration 0003 (projects) on a database of schema 2: the new tables exist, are STRICT, and every
 * earlier row is untouched.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { runMigrations, schemaVersion } from '../../../electron/core/db/migrate';
import { migration0001 } from '../../../electron/core/db/migrations/0001-initial';
import { migration0002 } from '../../../electron/core/db/migrations/0002-profile-settings';
import { tempDir } from '../helpers/fixtures';

describe('migration 0003: projects', () => {
  it('adds STRICT project tables and keeps every schema-2 row', () => {
    const path = join(tempDir(), 'loupe.db');
    const raw = new Database(path);
    runMigrations(raw, [migration0001, migration0002]);
    raw.prepare("INSERT INTO profiles (id, name, role, is_local, created_at) VALUES ('lead-1', 'Lea', 'lead', 1, '2026-01-01T00:00:00Z')").run();
    raw.prepare("INSERT INTO packs (id, kind, name, pack_hash, manifest, imported_at) VALUES ('p1', 'tasks', 'Pack', 'h1', '{}', '2026-01-01T00:00:00Z')").run();
    const before = { profiles: raw.prepare('SELECT * FROM profiles').all(), packs: raw.prepare('SELECT * FROM packs').all() };
    expect(schemaVersion(raw)).toBe(2);
    raw.close();

    const db = openDatabase(path);
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(3); // and any later steps
    for (const table of ['projects', 'project_tasks', 'project_images', 'project_packs', 'project_splits', 'project_finals']) {
      const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) as { sql: string } | undefined)?.sql;
      expect(sql, table).toMatch(/STRICT/);
    }
    expect(db.prepare('SELECT * FROM profiles').all()).toEqual(before.profiles);
    expect(db.prepare('SELECT * FROM packs').all()).toEqual(before.packs);
    // Gold is JSON or nothing; a final answer says how it was decided.
    db.prepare("INSERT INTO projects VALUES ('pr', 'P', '{}', '', 'x.jsonl', 'now', 'now')").run();
    expect(() => db.prepare("INSERT INTO project_tasks VALUES ('pr', 't1', 0, '{}', 'not json')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO project_finals VALUES ('pr', 't1', '[]', 'coin-flip', NULL, 'lea', 'now')").run()).toThrow(/CHECK/);
    db.close();
  });
});
