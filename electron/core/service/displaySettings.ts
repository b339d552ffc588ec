/**
 * The service side of the display settings (theme, task text size): one profile setting, read
 * back leniently (readDisplaySettings) so a value another version wrote never stops the app.
 */
import type { Profile } from '../../../shared/contract';
import { DEFAULT_DISPLAY, readDisplaySettings, type DisplaySettings } from '../../../shared/displaySettings';
import type { Store } from '../store';

export const DISPLAY_SETTING = 'display';

/** The current profile's settings; the defaults before a profile exists. */
export async function loadDisplay(store: Store): Promise<{ settings: DisplaySettings; problems: string[] }> {
  const profile = await store.currentProfile();
  if (!profile) return { settings: DEFAULT_DISPLAY, problems: [] };
  const stored = await store.profileSetting(profile.id, DISPLAY_SETTING);
  return stored === null ? { settings: DEFAULT_DISPLAY, problems: [] } : readDisplaySettings(stored);
}

export async function saveDisplay(store: Store, profile: Profile, settings: DisplaySettings): Promise<{ settings: DisplaySettings }> {
  await store.saveProfileSetting(profile.id, DISPLAY_SETTING, settings);
  return { settings };
}
