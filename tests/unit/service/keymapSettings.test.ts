/**
 * The keymap channels through the real core: defaults before a profile, overrides saved per
 * profile and surviving a restart, refusals (clashes, unknown commands, bad keys) that name what is
 * wrong and write nothing, a bad saved value reported instead of thrown, and the save announced.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openCore } from '../../../electron/core';
import { startCore, SAMPLES_DIR, type Harness } from './coreHarness';

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

async function refusal(h: Harness, input: unknown) {
  const reply = await h.core.dispatch('settings:saveKeymap', input);
  if (reply.ok) throw new Error('expected a refusal');
  return reply.error;
}

describe('settings:getKeymap / settings:saveKeymap', () => {
  it('answers the defaults (no overrides) before a profile exists, and refuses to save without one', async () => {
    const h = await core();
    expect(await h.call('settings:getKeymap', {})).toEqual({ overrides: {}, problems: [] });
    const error = await refusal(h, { overrides: { 'task:skip': ['Mod+J'] } });
    expect(error.message).toMatch(/Create your local profile/);
  });

  it('saves overrides canonical and compact for the profile, and they survive a restart', async () => {
    const h = await core();
    await h.call('profile:save', { name: 'Ada', role: 'annotator' });
    const saved = await h.call('settings:saveKeymap', { overrides: { 'task:skip': ['ctrl+j'], 'task:submit': ['Enter', 'Mod+Enter'], 'task:flag': [] } });
    expect(saved).toEqual({ overrides: { 'task:skip': ['Mod+J'], 'task:flag': [] } });
    expect(await h.call('settings:getKeymap', {})).toEqual({ overrides: { 'task:skip': ['Mod+J'], 'task:flag': [] }, problems: [] });
    await h.core.close();
    harnesses = [];
    const again = await openCore({ dataDir: h.dataDir, samplesDir: SAMPLES_DIR, appVersion: 'test', dialogs: { chooseOpenPack: async () => null, chooseOpenPaths: async () => null, chooseFolder: async () => null, chooseSaveFile: async () => null } });
    const reply = await again.dispatch('settings:getKeymap', {});
    expect(reply).toEqual({ ok: true, value: { overrides: { 'task:skip': ['Mod+J'], 'task:flag': [] }, problems: [] } });
    await again.close();
  });

  it('goes back to the defaults when saved empty (reset all)', async () => {
    const h = await core();
    await h.call('profile:save', { name: 'Ada', role: 'annotator' });
    await h.call('settings:saveKeymap', { overrides: { 'task:skip': ['Mod+J'] } });
    expect(await h.call('settings:saveKeymap', { overrides: {} })).toEqual({ overrides: {} });
    expect((await h.call('settings:getKeymap', {})).overrides).toEqual({});
  });

  it('announces a save, so the shell can rebuild its menus', async () => {
    const h = await core();
    await h.call('profile:save', { name: 'Ada', role: 'annotator' });
    const seen: unknown[] = [];
    h.core.onEvent((event, payload) => seen.push({ event, payload }));
    await h.call('settings:saveKeymap', { overrides: { 'task:skip': ['Mod+J'] } });
    await h.core.dispatch('settings:saveKeymap', { overrides: { 'task:skip': ['Mod+Z'] } }); // refused: no event
    expect(seen).toEqual([{ event: 'keymap:changed', payload: { overrides: { 'task:skip': ['Mod+J'] } } }]);
  });

  it.each([
    [{ 'task:skip': ['Mod+Z'] }, 'overrides.task:skip', /Mod\+Z is bound to both "Skip with reason…" \(task:skip\) and "Undo" \(edit:undo\) while labeling; give one of them another key/],
    [{ 'view:theme': ['Enter'] }, 'overrides.view:theme', /Enter is bound to both "Submit and next" \(task:submit\) and "Toggle light or dark theme" \(view:theme\) while labeling/],
    [{ 'task:skip': ['Mod+J'], 'task:flag': ['Mod+J'], 'file:export': ['Mod+K'] }, 'overrides.task:skip', /task:skip.*task:flag.*\(and 1 more clash\)/],
    [{ 'task:nope': ['Mod+J'] }, 'overrides.task:nope', /"task:nope" is not a command/],
    [{ 'task:skip': ['Hyper+J'] }, 'overrides.task:skip.0', /"Hyper\+J" is not a key this app understands/],
  ])('refuses %j with a located message and writes nothing', async (overrides, field, message) => {
    const h = await core();
    await h.call('profile:save', { name: 'Ada', role: 'annotator' });
    await h.call('settings:saveKeymap', { overrides: { 'task:flag': [] } });
    const before = h.snapshot();
    const error = await refusal(h, { overrides });
    expect(error.code).toBe('invalid-input');
    expect(error.where?.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(h.snapshot()).toBe(before);
  });

  it('reports a saved value it cannot use instead of failing', async () => {
    const h = await core();
    const profile = await h.call('profile:save', { name: 'Ada', role: 'annotator' });
    const db = new Database(join(h.dataDir, DATABASE_FILE));
    db.prepare("INSERT INTO profile_settings VALUES (?, 'keymap', ?, '2026-01-01')").run(profile.id, JSON.stringify({ 'task:skip': ['Mod+J', 'Hyper+Q'], 'gone:away': ['Mod+G'] }));
    db.close();
    const { overrides, problems } = await h.call('settings:getKeymap', {});
    expect(overrides).toEqual({ 'task:skip': ['Mod+J'] });
    expect(problems).toEqual([
      'task:skip: "Hyper+Q" is not a key this app understands; ignored.',
      '"gone:away" is not a command of this version of Loupe; its keys were ignored.',
    ]);
  });
});
