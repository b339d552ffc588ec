/**
 * Migration 0002 (per-profile settings) on a database written at schema 1: the step adds one
 * STRICT table, every row of schema 1 is still there afterwards, and the new table keeps its rules
 * (valid JSON only, known profiles only, one value per profile and key).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/connection';
import { runMigrations, schemaVersion } from '../../../electron/core/db/migrate';
import { migration0001 } from '../../../electron/core/db/migrations/0001-initial';
import { getProfileSetting, setProfileSetting } from '../../../electron/core/db/profileSettingsRepo';
import { Store } from '../../../electron/core/store';
import { tempDir } from '../helpers/fixtures';

const NOW = '2026-01-01T00:00:00.000Z';

/** A schema-1 database with a person, a pack, a task, a draft and an app setting in it. */
function schemaOneDatabase(): { path: string; before: Record<string, unknown[]> } {
  const path = join(tempDir(), 'v1.db');
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  runMigrations(db, [migration0001]);
  expect(schemaVersion(db)).toBe(1);
  db.prepare("INSERT INTO settings (key, value) VALUES ('current_profile', 'local-1')").run();
  db.prepare("INSERT INTO profiles (id, name, role, is_local, created_at) VALUES ('local-1', 'Ada', 'annotator', 1, ?)").run(NOW);
  db.prepare("INSERT INTO packs (id, kind, name, pack_hash, manifest, imported_at) VALUES ('p1', 'tasks', 'Pack', 'h1', '{}', ?)").run(NOW);
  db.prepare("INSERT INTO tasks (pack_id, id, position, task_hash, body) VALUES ('p1', 't1', 0, 'th', '{\"id\":\"t1\"}')").run();
  db.prepare("INSERT INTO drafts (pack_id, task_id, profile_id, answer, from_prediction, updated_at) VALUES ('p1', 't1', 'local-1', '[]', 0, ?)").run(NOW);
  const tables = ['settings', 'profiles', 'packs', 'tasks', 'drafts'];
  const before = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]));
  db.close();
  return { path, before };
}

describe('migration 0002: profile settings', () => {
  it('adds a STRICT profile_settings table and keeps every schema-1 row', () => {
    const { path, before } = schemaOneDatabase();
    const db = openDatabase(path); // runs the pending step
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(2); // and any later steps
    const table = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'profile_settings'").get() as { sql: string } | undefined;
    expect(table?.sql).toMatch(/STRICT/);
    const columns = (db.prepare('PRAGMA table_info(profile_settings)').all() as { name: string; pk: number }[]).map((c) => [c.name, c.pk]);
    expect(columns).toEqual([['profile_id', 1], ['key', 2], ['value', 0], ['updated_at', 0]]);
    for (const [name, rows] of Object.entries(before)) expect(db.prepare(`SELECT * FROM ${name}`).all(), name).toEqual(rows);
    expect(db.prepare('SELECT count(*) AS n FROM profile_settings').get()).toEqual({ n: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('stores one JSON value per profile and key, for known profiles only', () => {
    const { path } = schemaOneDatabase();
    const db = openDatabase(path);
    setProfileSetting(db, 'local-1', 'keymap', { 'task:skip': ['Mod+J'] }, NOW);
    setProfileSetting(db, 'local-1', 'keymap', { 'task:skip': ['Alt+S'] }, '2026-01-02T00:00:00.000Z');
    expect(getProfileSetting(db, 'local-1', 'keymap')).toEqual({ 'task:skip': ['Alt+S'] });
    expect(getProfileSetting(db, 'local-1', 'other')).toBeNull();
    expect(db.prepare('SELECT profile_id, key, updated_at FROM profile_settings').all()).toEqual([
      { profile_id: 'local-1', key: 'keymap', updated_at: '2026-01-02T00:00:00.000Z' },
    ]);
    expect(() => setProfileSetting(db, 'nobody', 'keymap', {}, NOW)).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO profile_settings VALUES ('local-1', 'bad', '{oops', ?)").run(NOW)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO profile_settings VALUES ('local-1', 'b', X'7B7D', ?)").run(NOW)).toThrow(/cannot store BLOB/); // STRICT
    db.close();
  });

  it('is reached through the Store for the current profile', async () => {
    const store = await Store.open(join(tempDir(), 'store.db'), { clock: () => new Date(NOW) });
    const profile = await store.saveProfile({ name: 'Grace', role: 'annotator' });
    expect(await store.profileSetting(profile.id, 'keymap')).toBeNull();
    await store.saveProfileSetting(profile.id, 'keymap', { 'task:flag': [] });
    expect(await store.profileSetting(profile.id, 'keymap')).toEqual({ 'task:flag': [] });
    await store.close();
  });
});
