/**
 * The service side of rebindable keys: a profile's overrides are stored as one profile setting,
 * read back leniently (see readKeyOverrides) and refused on save when two commands would share a
 * key where both are live, with an error naming the key, the commands and where they clash.
 */
import { compactOverrides, describeConflict, findConflicts, readKeyOverrides, resolveCommands, type KeyOverrides } from '../../../shared/keyOverrides';
import type { Profile } from '../../../shared/contract';
import { LoupeError } from '../../../shared/errors';
import type { Store } from '../store';

export const KEYMAP_SETTING = 'keymap';

/** The current profile's overrides; none (the defaults) before a profile exists. */
export async function loadKeymap(store: Store): Promise<{ overrides: KeyOverrides; problems: string[] }> {
  const profile = await store.currentProfile();
  if (!profile) return { overrides: {}, problems: [] };
  const stored = await store.profileSetting(profile.id, KEYMAP_SETTING);
  return stored === null ? { overrides: {}, problems: [] } : readKeyOverrides(stored);
}

/** Validate the whole resolved table, then store the overrides; nothing is written on a clash. */
export async function saveKeymap(store: Store, profile: Profile, input: KeyOverrides): Promise<{ overrides: KeyOverrides }> {
  const overrides = compactOverrides(input);
  const commands = resolveCommands(overrides);
  const conflicts = findConflicts(commands);
  const first = conflicts[0];
  if (first) {
    // Locate the clash at a command the person rebound (one of them must be: the defaults never clash).
    const at = first.commandIds.find((id) => Object.hasOwn(overrides, id)) ?? first.commandIds[0];
    const more = conflicts.length > 1 ? ` (and ${conflicts.length - 1} more clash${conflicts.length > 2 ? 'es' : ''})` : '';
    throw new LoupeError('invalid-input', `${describeConflict(first, commands)}; give one of them another key${more}.`, { field: `overrides.${at}` });
  }
  await store.saveProfileSetting(profile.id, KEYMAP_SETTING, overrides);
  return { overrides };
}
