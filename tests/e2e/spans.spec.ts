/**
 * Spans and relations with the keyboard only, on the news-entities sample: move the caret by word,
 * extend a selection, label it, relabel, label the word at the caret, relate two spans, undo and
 * redo, submit; review a model's proposals (accept, accept with another label); label text after
 * emoji and a combining accent; answer "nothing to mark here"; export, and read the offsets (code points) and origins back from
 * the results pack.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readPack } from '../../electron/core/packs';
import { expect, test } from './fixtures';
import type { LoupeUi } from './pages';

/** Code-point offset of `needle` in `text`, as the pack stores offsets. */
const cpOf = (text: string, needle: string) => [...text.slice(0, text.indexOf(needle))].length;

async function keys(loupe: LoupeUi, ...presses: string[]): Promise<void> {
  for (const key of presses) await loupe.key(key);
}

/** Counts trusted mouse input, to prove the flow used the keyboard alone. */
async function countMouseInput(loupe: LoupeUi): Promise<() => Promise<number>> {
  await loupe.page.evaluate(() => {
    const w = window as unknown as { __mouseInput: number };
    w.__mouseInput = 0;
    for (const type of ['mousedown', 'mouseup', 'pointerdown', 'wheel']) window.addEventListener(type, (e) => e.isTrusted && (w.__mouseInput += 1), true);
  });
  return () => loupe.page.evaluate(() => (window as unknown as { __mouseInput: number }).__mouseInput);
}

test('label entities and relations with keys, review proposals, export offsets and origins', async ({ app, loupe }) => {
  await loupe.home();
  await loupe.createProfile('Kai Annotator');
  const mouseInput = await countMouseInput(loupe);
  await loupe.after('session-ready', async () => {
    await loupe.page.getByTestId('open-sample-entities').focus();
    await loupe.key('Enter');
  });
  await loupe.waitForEvent('span-editor-painted');
  const text = loupe.page.getByTestId('span-text');
  await expect(text).toContainText('Maria Okafor works for Lumen Labs in Lagos since March 2021.');

  // "Maria Okafor": extend by two words, label Person.
  await keys(loupe, 'Alt+Shift+ArrowRight', 'Alt+Shift+ArrowRight');
  expect(await loupe.after('span-added', () => loupe.key('1'))).toMatchObject({ id: 's1', label: 'PER', start: 0, end: 12 });
  await expect(loupe.page.getByTestId('span-item-s1')).toContainText('Maria Okafor');

  // "Lumen Labs": two words on, select two words, label Place by mistake, then relabel Organisation.
  await keys(loupe, 'Alt+ArrowRight', 'Alt+ArrowRight', 'Alt+Shift+ArrowRight', 'Alt+Shift+ArrowRight');
  expect(await loupe.after('span-added', () => loupe.key('3'))).toMatchObject({ id: 's2', label: 'LOC', start: 23, end: 33 });
  await loupe.after('draft-saved', () => loupe.key('2'));
  await expect(loupe.page.getByTestId('span-item-s2')).toHaveAttribute('data-label', 'ORG');

  // "Lagos": with nothing selected, a label key labels the word at the caret.
  await keys(loupe, 'Alt+ArrowRight', 'Alt+ArrowRight');
  expect(await loupe.after('span-added', () => loupe.key('3'))).toMatchObject({ label: 'LOC', start: 37, end: 42 });

  // "March 2021": past "since", one character on, select two words.
  await keys(loupe, 'Alt+ArrowRight', 'ArrowRight', 'Alt+Shift+ArrowRight', 'Alt+Shift+ArrowRight');
  expect(await loupe.after('span-added', () => loupe.key('4'))).toMatchObject({ label: 'DATE', start: 49, end: 59 });

  // Maria Okafor → works for → Lumen Labs: select the person (↑ ×3), Alt+R, the organisation (↓), Alt+R, key 1.
  await keys(loupe, 'ArrowUp', 'ArrowUp', 'ArrowUp');
  await expect(loupe.page.getByTestId('span-item-s1')).toHaveAttribute('data-selected', 'true');
  await keys(loupe, 'Alt+R', 'ArrowDown', 'Alt+R');
  await expect(loupe.page.getByTestId('relation-picker')).toContainText('works for');
  await loupe.screenshot('20-spans-relation-picker');
  expect(await loupe.after('relation-added', () => loupe.key('1'))).toMatchObject({ from: 's1', to: 's2', label: 'works_for' });
  await expect(loupe.page.getByTestId('relation-item-0')).toContainText('Maria Okafor→ works for →Lumen Labs');

  // Undo takes the relation away, redo brings it back.
  await loupe.after('draft-saved', () => loupe.key('ControlOrMeta+Z'));
  await expect(loupe.page.getByTestId('relation-item-0')).toHaveCount(0);
  await loupe.after('draft-saved', () => loupe.key('ControlOrMeta+Shift+Z'));
  await expect(loupe.page.getByTestId('relation-item-0')).toBeVisible();
  await loupe.screenshot('21-spans-labeled');

  await loupe.after('task-submitted', () => loupe.key('Enter'));
  await loupe.waitForEvent('span-editor-painted', 1);

  // Task 2: a model's proposals, dashed. Accept the date and the company, correct the city (it
  // proposed an organisation) with a label key, accept the person; their relations come along.
  await expect(loupe.page.getByTestId('proposal-count')).toContainText('4 proposals');
  await loupe.key('ArrowDown');
  await expect(loupe.page.getByTestId('proposal-item-p1')).toHaveAttribute('data-selected', 'true');
  await loupe.screenshot('22-spans-proposals');
  await loupe.after('draft-saved', () => loupe.key('Alt+Enter'));
  await loupe.after('draft-saved', () => loupe.key('Alt+Enter'));
  await expect(loupe.page.getByTestId('proposal-item-p3')).toHaveAttribute('data-selected', 'true');
  await loupe.after('draft-saved', () => loupe.key('3'));
  await loupe.after('draft-saved', () => loupe.key('Alt+Enter'));
  await expect(loupe.page.getByTestId('proposal-count')).toHaveCount(0);
  await expect(loupe.page.getByTestId('relation-list')).toContainText('Pieter de Vries→ works for →Northwind Traders');
  await loupe.screenshot('23-spans-proposals-accepted');
  await loupe.after('task-submitted', () => loupe.key('Enter'));
  await loupe.waitForEvent('span-editor-painted', 2);

  // Task 3: words after an emoji ZWJ sequence and a combining accent keep code-point offsets.
  const t3 = 'Zoë Martínez 👩🏽‍💻 joined Café Noir in Montre\u0301al on 2 June 2023 🎉 after six years at Hydro-Québec.';
  await expect(text).toContainText('joined Café Noir');
  await keys(loupe, 'Alt+ArrowRight', 'Alt+ArrowRight', 'Alt+ArrowRight', 'Alt+ArrowRight', 'Alt+Shift+ArrowRight', 'Alt+Shift+ArrowRight');
  const cafe = await loupe.after('span-added', () => loupe.key('2'));
  expect(cafe).toMatchObject({ start: cpOf(t3, 'Café'), end: cpOf(t3, 'Café') + 9 });
  await keys(loupe, 'Alt+ArrowRight', 'Alt+ArrowRight');
  const montreal = await loupe.after('span-added', () => loupe.key('3'));
  expect(montreal).toMatchObject({ start: cpOf(t3, 'Montre'), end: cpOf(t3, 'Montre') + 9 }); // e + U+0301: 9 code points
  await loupe.screenshot('24-spans-unicode');
  await loupe.key('ControlOrMeta+Shift+L');
  await expect(loupe.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await loupe.screenshot('25-spans-dark');
  await loupe.after('task-submitted', () => loupe.key('Enter'));
  await loupe.waitForEvent('span-editor-painted', 3);

  // Task 4: "nothing to mark here" is an answer of its own (Alt+N), so the task submits as answered.
  await loupe.after('draft-saved', () => loupe.key('Alt+N'));
  await expect(loupe.page.getByTestId('nothing-here')).toBeVisible();
  await loupe.screenshot('26-spans-nothing-here-dark');
  await loupe.after('task-submitted', () => loupe.key('Enter'));

  // Export and read the results back.
  await loupe.after('export-done', () => loupe.key('ControlOrMeta+E'));
  const results = await readPack(join(app.exportDir, readdirSync(app.exportDir)[0]!));
  if (results.kind !== 'results') throw new Error('expected a results pack');
  const byTask = new Map(results.rows.map((r) => [r.taskId, r]));
  expect(byTask.get('ent-01')).toMatchObject({
    status: 'submitted',
    provenance: 'manual',
    answer: [{
      kind: 'spans', controlId: 'entities',
      spans: [
        { id: 's1', start: 0, end: 12, label: 'PER', origin: 'manual' },
        { id: 's2', start: 23, end: 33, label: 'ORG', origin: 'manual' },
        { start: 37, end: 42, label: 'LOC', origin: 'manual' },
        { start: 49, end: 59, label: 'DATE', origin: 'manual' },
      ],
      relations: [{ from: 's1', to: 's2', label: 'works_for' }],
    }],
  });
  const ent02 = byTask.get('ent-02')!;
  expect(ent02).toMatchObject({ provenance: 'prediction-changed', modelVersion: 'ner-tiny@2.1' });
  const spans02 = ent02.answer![0]!.kind === 'spans' ? ent02.answer![0]!.spans : [];
  expect(spans02.map((s) => [s.id, s.label, s.origin])).toEqual([
    ['p1', 'DATE', 'prediction'], ['p2', 'ORG', 'prediction'], ['p3', 'LOC', 'prediction-changed'], ['p4', 'PER', 'prediction'],
  ]);
  // Each proposed relation joined the answer when its second end was accepted.
  expect(ent02.answer![0]).toMatchObject({ relations: [{ from: 'p2', to: 'p3', label: 'located_in' }, { from: 'p4', to: 'p2', label: 'works_for' }] });
  expect(byTask.get('ent-03')?.answer).toEqual([{
    kind: 'spans', controlId: 'entities', relations: [],
    spans: [
      { id: 's1', start: cpOf(t3, 'Café'), end: cpOf(t3, 'Café') + 9, label: 'ORG', origin: 'manual' },
      { id: 's2', start: cpOf(t3, 'Montre'), end: cpOf(t3, 'Montre') + 9, label: 'LOC', origin: 'manual' },
    ],
  }]);
  expect(byTask.get('ent-04')).toMatchObject({ status: 'submitted', answer: [{ kind: 'spans', controlId: 'entities', spans: [], none: true }] });
  expect(await mouseInput()).toBe(0);
});
