/**
 * Opening packs from outside the samples: the open dialog (Mod+O) with a pack a lead made, and a
 * pack Loupe refuses, whose error names the file and field and leaves the home screen as it was.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writePack, writePackDirectory } from '../../electron/core/packs';
import { expect, test } from './fixtures';

const manifest = {
  packId: 'e2e-headlines',
  kind: 'tasks' as const,
  name: 'Headline tone',
  createdAt: '2026-11-01T00:00:00Z',
  author: { id: 'lead', name: 'Lea Lead', role: 'lead' as const },
  labelConfig: {
    version: 1 as const,
    data: 'text' as const,
    controls: [
      {
        id: 'tone',
        kind: 'choices' as const,
        labels: [
          { id: 'calm', name: 'Calm', color: '#1971c2', hotkey: 'c' },
          { id: 'alarming', name: 'Alarming', color: '#e03131', hotkey: 'a' },
        ],
      },
    ],
  },
};
const rows = [
  { id: 'h1', data: { text: 'Local library extends weekend opening hours' } },
  { id: 'h2', data: { text: 'Storm warning: residents urged to stay indoors tonight' } },
];

test('open a pack with Mod+O and label it with letter keys', async ({ app, loupe }) => {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-e2e-pack-'));
  const path = join(dir, 'headlines.loupe');
  await writePack(path, { manifest, rows, guidelines: '# Tone\n\nIs the headline **calm** or **alarming**?' });
  await loupe.home();
  await loupe.createProfile('Cy');
  await app.setNextOpenPath(path);
  await loupe.after('session-ready', () => loupe.key('ControlOrMeta+O'));
  await loupe.waitForEvent('task-shown');
  await expect(loupe.page.getByTestId('label-calm')).toContainText('C');
  await loupe.labelAndAdvance('c');
  await loupe.after('all-done', () => loupe.key('a'));
  await expect(loupe.page.getByTestId('all-done')).toBeVisible();
  await loupe.screenshot('11-all-done');
});

test('a refused pack shows where it is wrong and changes nothing', async ({ app, loupe }) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'loupe-e2e-bad-')), 'future-pack');
  await writePackDirectory(dir, { manifest: { ...manifest, packId: 'e2e-future' }, rows });
  const manifestPath = join(dir, 'manifest.json');
  writeFileSync(manifestPath, readFileSync(manifestPath, 'utf8').replace('"formatVersion": 1', '"formatVersion": 2'));

  await loupe.home();
  await loupe.createProfile('Di');
  await app.setNextOpenPath(dir);
  await loupe.key('ControlOrMeta+O');
  const alert = loupe.page.getByRole('alert').filter({ hasText: 'formatVersion' });
  await expect(alert).toContainText('manifest.json, field formatVersion: this pack uses format version 2, but this version of Loupe reads version 1');
  await loupe.screenshot('12-refused-pack');
  await expect(loupe.page.getByTestId('recent-e2e-future')).toHaveCount(0);
});
