/**
 * The display channels (theme, task text size) through the real core: defaults before a profile,
 * saved per profile and kept apart between profiles, refused when the value is not one we know,
 * and a saved value another version wrote read back leniently instead of failing.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../electron/core';
import { startCore, type Harness } from './coreHarness';

let harnesses: Harness[] = [];
async function core(): Promise<Harness> {
  const h = await startCore();
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(harnesses.map((h) => h.core.close()));
  harnesses = [];
});

describe('settings:getDisplay / settings:saveDisplay', () => {
  it('answers the defaults before a profile exists and refuses to save without one', async () => {
    const h = await core();
    expect(await h.call('settings:getDisplay', {})).toEqual({ settings: { colorScheme: 'auto', textSize: 'medium' }, problems: [] });
    const reply = await h.core.dispatch('settings:saveDisplay', { settings: { colorScheme: 'dark', textSize: 'large' } });
    expect(reply.ok).toBe(false);
  });

  it('saves them as one setting of the current profile', async () => {
    const h = await core();
    await h.call('profile:save', { name: 'Ada', role: 'annotator' });
    await h.call('settings:saveDisplay', { settings: { colorScheme: 'dark', textSize: 'x-large' } });
    expect((await h.call('settings:getDisplay', {})).settings).toEqual({ colorScheme: 'dark', textSize: 'x-large' });
    const db = new Database(join(h.dataDir, DATABASE_FILE));
    const rows = db.prepare("SELECT profile_id, value FROM profile_settings WHERE key = 'display'").all();
    db.close();
    expect(rows).toHaveLength(1);
  });

  it('refuses a text size it does not know, naming the field', async () => {
    const h = await core();
    await h.call('profile:save', { name: 'Ada', role: 'annotator' });
    const reply = await h.core.dispatch('settings:saveDisplay', { settings: { colorScheme: 'dark', textSize: 'huge' } });
    if (reply.ok) throw new Error('expected a refusal');
    expect(reply.error.code).toBe('invalid-input');
    expect(JSON.stringify(reply.error)).toMatch(/textSize/);
  });

  it('reads a saved value it cannot use as the defaults and says which field', async () => {
    const h = await core();
    const profile = await h.call('profile:save', { name: 'Ada', role: 'annotator' });
    const db = new Database(join(h.dataDir, DATABASE_FILE));
    db.prepare("INSERT INTO profile_settings VALUES (?, 'display', ?, '2026-01-01')").run(profile.id, JSON.stringify({ colorScheme: 'dark', textSize: 'enormous', future: 1 }));
    db.close();
    const read = await h.call('settings:getDisplay', {});
    expect(read.settings).toEqual({ colorScheme: 'dark', textSize: 'medium' });
    expect(read.problems).toEqual([expect.stringMatching(/textSize: "enormous"/)]);
  });
});
