/** The local profile every piece of work is recorded under; refused with a clear message until there is one. */
import type { Profile } from '../../../shared/contract';
import { LoupeError } from '../../../shared/errors';
import type { Store } from '../store';

export async function requireProfile(store: Store): Promise<Profile> {
  const profile = await store.currentProfile();
  if (!profile) throw new LoupeError('invalid-input', 'Create your local profile (name and role) on the home screen first.');
  return profile;
}
