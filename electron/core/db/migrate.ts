/**
 * The migration runner: applies numbered migrations in order, each in its own transaction that
 * also sets `PRAGMA user_version`, and refuses a database written by a newer Loupe.
 */
import type Database from 'better-sqlite3';
import { LoupeError } from '../../../shared/errors';
import { MIGRATIONS } from './migrations';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function runMigrations(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = schemaVersion(db);
  if (current > latest) {
    throw new LoupeError(
      'db-too-new',
      `This database (${db.name}) was written by a newer version of Loupe (schema ${current}; this version knows up to ${latest}). ` +
        'Update Loupe to open it. Nothing was changed.',
    );
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
