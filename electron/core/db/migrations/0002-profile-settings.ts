/**
 * Schema 2: settings that belong to a person rather than to the machine (the first: their
 * rebound keys). One JSON value per (profile, key), validated by the caller's zod schema when read
 * back, so a new kind of setting needs no migration of its own.
 */
import type { Migration } from '../migrate';

export const migration0002: Migration = {
  version: 2,
  name: 'profile-settings',
  up(db) {
    db.exec(`
      CREATE TABLE profile_settings (
        profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value TEXT NOT NULL CHECK (json_valid(value)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (profile_id, key)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
