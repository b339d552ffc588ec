/**
 * What the lead's commands share: their database, opened for one command and closed after it
 * (a clear error when it does not exist yet), and the lead running them, made on first use.
 */
import { access } from 'node:fs/promises';
import type { Profile } from '../../../shared/contract';
import { LoupeError } from '../../../shared/errors';
import { Store } from '../store';

export async function withStore<T>(db: string, fn: (store: Store) => Promise<T>, mustExist = true): Promise<T> {
  if (mustExist) {
    await access(db).catch(() => {
      throw new LoupeError('invalid-input', 'there is no Loupe database here (create a project in it first)', { file: db });
    });
  }
  const store = await Store.open(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The lead running the CLI: the database's local profile, made on first use. */
export async function leadProfile(store: Store, name?: string): Promise<Profile> {
  return (await store.currentProfile()) ?? store.saveProfile({ name: name ?? 'Lead', role: 'lead' });
}
