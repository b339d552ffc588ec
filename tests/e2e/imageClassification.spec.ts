/**
 * Image classification with pre-annotations, keyboard only: the picture loads through the asset
 * route, a model's proposal is preselected and accepted with Enter (recorded as coming from the
 * prediction), or corrected with a label key (recorded as a changed prediction).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readPack } from '../../electron/core/packs';
import { expect, test } from './fixtures';

test('classify images, accepting and correcting model proposals', async ({ app, loupe }) => {
  await loupe.home();
  await loupe.createProfile('Eve');
  await loupe.after('session-ready', async () => {
    await loupe.page.getByTestId('open-sample-shapes').focus();
    await loupe.key('Enter');
  });
  await loupe.waitForEvent('task-shown');
  const image = loupe.page.getByTestId('task-image');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(480);
  await expect(loupe.page.getByTestId('prediction-note')).toContainText('shape-net 0.3');
  await expect(loupe.page.getByTestId('label-circle')).toHaveAttribute('aria-pressed', 'true');
  await loupe.screenshot('13-image-prediction');

  // Accept the proposal with Enter.
  const accepted = await loupe.after('task-submitted', () => loupe.key('Enter'));
  expect(accepted.taskId).toBe('shape-01');
  await loupe.waitForEvent('task-shown', 1);
  // No proposal here: one key labels and moves on.
  await loupe.labelAndAdvance('2');
  await loupe.labelAndAdvance('3');
  // A proposal (circle) corrected to square with one key.
  await expect(loupe.page.getByTestId('prediction-note')).toBeVisible();
  await loupe.labelAndAdvance('2');

  await loupe.after('export-done', () => loupe.key('ControlOrMeta+E'));
  const results = await readPack(join(app.exportDir, readdirSync(app.exportDir)[0]!));
  if (results.kind !== 'results') throw new Error('expected a results pack');
  const byTask = new Map(results.rows.map((r) => [r.taskId, r]));
  expect(byTask.get('shape-01')).toMatchObject({ provenance: 'prediction', modelVersion: 'shape-net@0.3', answer: [{ labels: ['circle'] }] });
  expect(byTask.get('shape-02')).toMatchObject({ provenance: 'manual', answer: [{ labels: ['square'] }] });
  expect(byTask.get('shape-04')).toMatchObject({ provenance: 'prediction-changed', answer: [{ labels: ['square'] }] });
});
