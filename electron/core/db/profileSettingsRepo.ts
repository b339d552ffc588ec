/**
 * Per-profile settings (table profile_settings): one JSON value per (profile, key). Values go in
 * as any JSON and come out parsed but unvalidated: the caller owns the schema, and reads leniently
 * (a value written by another Loupe version must not keep the app from starting).
 */
import type { Db } from './connection';
import { prepare } from './sql';

/** The stored value, parsed; null when the profile has none for `key`. */
export function getProfileSetting(db: Db, profileId: string, key: string): unknown {
  const row = prepare<[string, string], { value: string }>(db, 'SELECT value FROM profile_settings WHERE profile_id = ? AND key = ?').get(profileId, key);
  return row ? (JSON.parse(row.value) as unknown) : null;
}

/** Replace the value of `key` for the profile (one statement, so no transaction is needed). */
export function setProfileSetting(db: Db, profileId: string, key: string, value: unknown, now: string): void {
  prepare(
    db,
    `INSERT INTO profile_settings (profile_id, key, value, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (profile_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(profileId, key, JSON.stringify(value), now);
}
