/**
 * People in the store: the local profile (who is labeling on this machine) and the annotators
 * whose work arrives in results packs.
 */
import { randomUUID } from 'node:crypto';
import type { Profile } from '../../../shared/contract';
import type { Person } from '../../../shared/pack/manifest';
import type { Db } from './connection';
import { prepare } from './sql';

const CURRENT_PROFILE = 'current_profile';

export function getSetting(db: Db, key: string): string | null {
  return prepare<[string], { value: string }>(db, 'SELECT value FROM settings WHERE key = ?').get(key)?.value ?? null;
}

export function setSetting(db: Db, key: string, value: string): void {
  prepare(db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function getCurrentProfile(db: Db): Profile | null {
  const id = getSetting(db, CURRENT_PROFILE);
  return id ? getProfile(db, id) : null;
}

export function getProfile(db: Db, id: string): Profile | null {
  return prepare<[string], Profile>(db, 'SELECT id, name, role FROM profiles WHERE id = ?').get(id) ?? null;
}

/** Create the local profile, or rename / change the role of the current one. */
export function saveCurrentProfile(db: Db, input: { name: string; role: Profile['role'] }, now: string): Profile {
  return db.transaction(() => {
    const current = getCurrentProfile(db);
    if (current) {
      prepare(db, 'UPDATE profiles SET name = ?, role = ? WHERE id = ?').run(input.name, input.role, current.id);
      return { ...current, ...input };
    }
    const id = `local-${randomUUID()}`;
    prepare(db, 'INSERT INTO profiles (id, name, role, is_local, created_at) VALUES (?, ?, ?, 1, ?)').run(id, input.name, input.role, now);
    setSetting(db, CURRENT_PROFILE, id);
    return { id, ...input };
  }).immediate();
}

/** Record an annotator met in an imported pack (their latest name wins). */
export function upsertRemotePerson(db: Db, person: Person, now: string): void {
  prepare(
    db,
    `INSERT INTO profiles (id, name, role, is_local, created_at) VALUES (?, ?, ?, 0, ?)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name`,
  ).run(person.id, person.name, person.role ?? 'annotator', now);
}
