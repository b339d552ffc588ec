/**
 * Every AI-evaluation question kind completed with the keyboard alone (no mouse input counted),
 * on the sample packs: the stored answer is checked through the exported file the lead or the
 * trainer reads (rubric CSV, preference pairs, rewrites, results pack). Screenshots in light and dark.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { readPack } from '../../electron/core/packs';
import { expect, test } from './fixtures';
import { activate, countMouseInput, keyInput, mouseInput } from './inputCount';
import type { LoupeUi } from './pages';

async function openSampleByKeyboard(loupe: LoupeUi, sample: string): Promise<void> {
  await loupe.home();
  await countMouseInput(loupe);
  await loupe.page.getByTestId('profile-name').focus();
  await loupe.page.keyboard.type('Eve Evaluator');
  await loupe.page.keyboard.press('Enter');
  await expect(loupe.page.getByTestId(`open-sample-${sample}`)).toBeVisible();
  const shown = await loupe.eventCount('task-shown');
  await loupe.after('session-ready', () => activate(loupe, `open-sample-${sample}`));
  await loupe.waitForEvent('task-shown', shown);
}

const focusedRow = (loupe: LoupeUi, testId: string) => expect(loupe.page.getByTestId(testId)).toHaveAttribute('data-focused', 'true');

/** Export a dataset with Mod+Shift+E and the format's number key; returns the written file's text. */
async function exportDataset(loupe: LoupeUi, exportDir: string, key: string): Promise<string> {
  await loupe.key('ControlOrMeta+Shift+E');
  await expect(loupe.page.getByTestId('export-dataset')).toBeVisible();
  const done = await loupe.after('dataset-exported', () => loupe.key(key));
  return readFileSync(String(done.path), 'utf8');
}

async function submitByKey(loupe: LoupeUi, key = 'Enter'): Promise<void> {
  const shown = await loupe.eventCount('task-shown');
  await loupe.after('task-submitted', () => loupe.key(key));
  await loupe.waitForEvent('task-shown', shown);
}

async function darkTheme(loupe: LoupeUi): Promise<void> {
  await loupe.key('ControlOrMeta+Shift+L');
  await expect(loupe.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
}

test('rubric: number keys score each dimension, anchors on demand, a missing score is focused and named; CSV export', async ({ app, loupe }) => {
  await openSampleByKeyboard(loupe, 'rate-answers');
  await expect(loupe.page.getByTestId('task-prompt')).toContainText('list and a tuple');
  await expect(loupe.page.getByTestId('response-r1').locator('pre code.hljs').first()).toBeVisible(); // highlighted code
  await focusedRow(loupe, 'dimension-quality-helpfulness');

  // A score moves to the next dimension; a gap is refused at submit and focused.
  await loupe.key('4');
  await focusedRow(loupe, 'dimension-quality-honesty');
  await loupe.key('ArrowDown');
  await loupe.key('5');
  const blocked = await loupe.after('submit-blocked', () => loupe.key('Enter'));
  expect(blocked).toMatchObject({ controlId: 'quality', field: 'scores.honesty' });
  await focusedRow(loupe, 'dimension-quality-honesty');
  await expect(loupe.page.getByText('"Honesty" needs a score')).toBeVisible();
  await expect(loupe.page.getByTestId('submit-missing')).toBeInViewport(); // above the action bar, not a toast
  await loupe.screenshot('39-rubric-missing');
  await loupe.key('5');
  await loupe.key('ArrowDown');
  await loupe.key('I'); // what each point means
  await expect(loupe.page.getByTestId('score-quality-instruction_following-anchors')).toBeVisible();
  await loupe.screenshot('40-rubric-anchors');
  await loupe.key('4');
  await expect(loupe.page.getByTestId('score-quality-instruction_following-4')).toHaveAttribute('data-selected', 'true');

  // Tab to the comment; typing digits there writes digits, and Mod+Enter submits from the text.
  await loupe.key('Tab');
  await expect(loupe.page.getByTestId('comment:text')).toBeFocused();
  await loupe.page.keyboard.type('Clear, 2 good examples.');
  await expect(loupe.page.getByTestId('comment:text')).toHaveValue('Clear, 2 good examples.');
  await expect(loupe.page.getByTestId('score-quality-helpfulness-4')).toHaveAttribute('data-selected', 'true');
  await submitByKey(loupe, 'ControlOrMeta+Enter');

  const csv = parse(await exportDataset(loupe, app.exportDir, '2'), { columns: true }) as Record<string, string>[];
  expect(csv).toEqual([
    expect.objectContaining({ task_id: 'ra-01', annotator: expect.any(String), question: 'quality', rubric_version: '2026-11', response_id: 'r1', helpfulness: '4', honesty: '5', harmlessness: '5', instruction_following: '4' }),
  ]);
  expect(await mouseInput(loupe)).toBe(0);
  expect(await keyInput(loupe)).toBeGreaterThan(10);
  await darkTheme(loupe);
  await loupe.key('4');
  await loupe.screenshot('41-rubric-dark');
});

test('pairwise: A / B / T with strength and dimensions; a strong preference needs a justification; preference pairs export', async ({ app, loupe }) => {
  await openSampleByKeyboard(loupe, 'compare-answers');
  await expect(loupe.page.getByTestId('response-a')).toBeVisible();
  await expect(loupe.page.getByTestId('response-b')).toBeVisible();
  await focusedRow(loupe, 'preference-preference-overall');
  await loupe.key('A');
  await loupe.key('3'); // much better: a justification is now required
  await expect(loupe.page.getByTestId('strength-preference-3')).toHaveAttribute('data-selected', 'true');
  await loupe.key('ArrowDown');
  await loupe.key('A');
  await loupe.key('ArrowDown');
  await loupe.key('T');
  await loupe.key('ArrowDown');
  await loupe.key('B');
  await loupe.screenshot('42-pairwise-light');
  const blocked = await loupe.after('submit-blocked', () => loupe.key('Enter'));
  expect(blocked).toMatchObject({ controlId: 'preference', field: 'justification' });
  await expect(loupe.page.getByTestId('preference:justification')).toBeFocused();
  // Letters typed here are text, not preferences.
  await loupe.page.keyboard.type('B says the capital moved in 1988; A is right about 1913 and 1927.');
  await expect(loupe.page.getByTestId('prefer-preference-concision-B')).toHaveAttribute('data-selected', 'true');
  await loupe.key('Escape');
  await darkTheme(loupe);
  await loupe.screenshot('43-pairwise-dark');
  await submitByKey(loupe);

  const [pair, ...rest] = (await exportDataset(loupe, app.exportDir, '2')).trim().split('\n').map((line) => JSON.parse(line));
  expect(rest).toEqual([]);
  expect(pair).toMatchObject({
    task_id: 'ca-01', question: 'preference', chosen_id: 'a', rejected_id: 'b', strength: 3, margin: 3, source: 'pairwise',
    prompt: 'Why is Canberra the capital of Australia and not Sydney?',
    justification: 'B says the capital moved in 1988; A is right about 1913 and 1927.',
  });
  expect(pair.chosen).toContain('compromise');
  expect(await mouseInput(loupe)).toBe(0);
});

/** Export this annotator's results pack (Mod+E) and return the answer to `taskId`. */
async function storedAnswer(loupe: LoupeUi, taskId: string) {
  const done = await loupe.after('export-done', () => loupe.key('ControlOrMeta+E'));
  const pack = await readPack(String(done.path));
  if (pack.kind !== 'results') throw new Error('not a results pack');
  return pack.rows.find((r) => r.taskId === taskId)?.answer;
}

test('ranking: move by Alt+arrows and place numbers, tie with =; ranking pairs in the preference export', async ({ app, loupe }) => {
  await openSampleByKeyboard(loupe, 'rank-answers');
  await focusedRow(loupe, 'ranked-a');
  await expect(loupe.page.getByTestId('place-a')).toHaveText('–'); // not ranked until the annotator acts
  await loupe.key('Alt+ArrowDown'); // b a c d
  await loupe.key('ArrowDown'); // focus c
  await focusedRow(loupe, 'ranked-c');
  await loupe.key('1'); // c b a d
  await loupe.key('ArrowDown'); // focus b
  await loupe.key('='); // b tied with c
  await expect(loupe.page.getByTestId('place-b')).toHaveText('#1');
  await expect(loupe.page.getByTestId('place-a')).toHaveText('#3');
  await loupe.screenshot('44-ranking-light');
  await darkTheme(loupe);
  await loupe.screenshot('45-ranking-dark');
  await submitByKey(loupe);

  const pairs = (await exportDataset(loupe, app.exportDir, '2')).trim().split('\n').map((line) => JSON.parse(line) as { chosen_id: string; rejected_id: string; margin: number; source: string });
  expect(pairs.map((p) => `${p.chosen_id}>${p.rejected_id}:${p.margin}`).sort()).toEqual(['a>d:1', 'b>a:1', 'b>d:2', 'c>a:1', 'c>d:2']);
  expect(pairs.every((p) => p.source === 'ranking')).toBe(true);
  expect(await mouseInput(loupe)).toBe(0);

  // The mouse ranks too: drag the last response to the top (dnd-kit, pointer events).
  const d = loupe.page.getByTestId('ranked-d');
  const top = await loupe.page.getByTestId('ranked-a').boundingBox();
  const from = await d.boundingBox();
  await loupe.page.mouse.move(from!.x + 40, from!.y + from!.height / 2);
  await loupe.page.mouse.down();
  await loupe.page.mouse.move(from!.x + 40, top!.y + 2, { steps: 12 });
  await loupe.page.mouse.move(from!.x + 40, top!.y + 1, { steps: 2 });
  await loupe.page.mouse.up();
  await expect(loupe.page.getByTestId('place-d')).toHaveText('#1');
  await expect(loupe.page.getByTestId('place-a')).toHaveText('#2');
});

test('safety: flag, severity, excerpt typed or quoted, policy at hand; a flag without severity is refused; then the verdict', async ({ loupe }) => {
  await openSampleByKeyboard(loupe, 'safety-review');
  await focusedRow(loupe, 'flag-safety-dangerous_instructions');
  await loupe.key('ArrowDown');
  await expect(loupe.page.getByTestId('policy-safety-personal_data')).toBeVisible();
  await loupe.key('X');
  const blocked = await loupe.after('submit-blocked', () => loupe.key('Enter'));
  expect(blocked).toMatchObject({ controlId: 'safety', field: 'flags.personal_data.severity' });
  await loupe.key('3');
  await loupe.key('E');
  await expect(loupe.page.getByTestId('safety:excerpt:personal_data')).toBeFocused();
  await loupe.page.keyboard.type('call or text 555-0147');
  await loupe.key('Escape');
  // Quote a passage selected in response B (the selection is set by script, not by mouse).
  await loupe.key('ArrowDown');
  await loupe.key('X');
  await loupe.key('1');
  await loupe.page.evaluate(() => {
    const target = document.querySelector('[data-response-id="b"] li');
    const range = document.createRange();
    range.selectNodeContents(target!);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  });
  const quoted = (await loupe.page.locator('[data-response-id="b"] li').first().innerText()).trim();
  expect(quoted).toBe('Gloves and bags are provided.');
  await loupe.key('Alt+Q');
  await expect(loupe.page.getByTestId('safety:excerpt:harassment')).toHaveValue(quoted);
  await loupe.screenshot('46-safety-light');
  await loupe.key('Tab');
  await focusedRow(loupe, 'question-verdict');
  await loupe.key('3');
  await expect(loupe.page.getByTestId('label-unsafe')).toHaveAttribute('aria-pressed', 'true');
  await darkTheme(loupe);
  await loupe.screenshot('47-safety-dark');
  await submitByKey(loupe);

  // The next task: nothing to flag is an explicit answer.
  await loupe.key('C');
  await expect(loupe.page.getByTestId('no-concerns-safety')).toHaveAttribute('data-selected', 'true');
  await loupe.key('Tab');
  await loupe.key('1');
  await submitByKey(loupe);

  const first = await storedAnswer(loupe, 'sf-01');
  expect(first).toEqual([
    { kind: 'safety', controlId: 'safety', flags: [
      { label: 'personal_data', severity: 3, excerpt: 'call or text 555-0147' },
      { label: 'harassment', severity: 1, excerpt: quoted, responseId: 'b' },
    ] },
    { kind: 'choices', controlId: 'verdict', labels: ['unsafe'] },
  ]);
  expect(await storedAnswer(loupe, 'sf-02')).toEqual([
    { kind: 'safety', controlId: 'safety', flags: [] },
    { kind: 'choices', controlId: 'verdict', labels: ['safe'] },
  ]);
  expect(await mouseInput(loupe)).toBe(0);
});

test('rewrite: edit the response in place with a live diff; the rewrites export carries original, corrected and diff', async ({ app, loupe }) => {
  await openSampleByKeyboard(loupe, 'fix-answers');
  await loupe.key('E');
  const editor = loupe.page.getByTestId('rewrite:text');
  await expect(editor).toBeFocused();
  const original = await editor.inputValue();
  expect(original).toContain('9 November 1991');
  // Fix the year: move the caret to the end of "1991" by searching the text, then retype.
  const at = original.indexOf('1991') + 4;
  await editor.evaluate((el: HTMLTextAreaElement, i) => el.setSelectionRange(i, i), at);
  await loupe.key('Backspace');
  await loupe.key('Backspace');
  await loupe.page.keyboard.type('89');
  await expect(loupe.page.getByTestId('rewrite-diff').locator('ins')).toContainText('1989');
  await expect(loupe.page.getByTestId('rewrite-diff').locator('del')).toContainText('1991');
  await loupe.key('Tab');
  await expect(loupe.page.getByTestId('what_changed:text')).toBeFocused();
  await loupe.page.keyboard.type('The Wall fell in 1989, not 1991.');
  await loupe.screenshot('48-rewrite-light');
  // App keys stay quiet in a text field (the theme key too); Escape hands the keyboard back.
  await loupe.key('ControlOrMeta+Shift+L');
  await expect(loupe.page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
  await loupe.key('Escape');
  await darkTheme(loupe);
  await loupe.screenshot('49-rewrite-dark');
  await submitByKey(loupe);

  const [row, ...rest] = (await exportDataset(loupe, app.exportDir, '2')).trim().split('\n').map((line) => JSON.parse(line));
  expect(rest).toEqual([]);
  expect(row).toMatchObject({ task_id: 'fx-01', question: 'rewrite', response_id: 'r1', original, corrected: original.replace('9 November 1991', '9 November 1989'), changed: true });
  expect(row.diff).toContainEqual({ op: 'insert', text: '1989' });
  expect(row.diff).toContainEqual({ op: 'delete', text: '1991' });
  expect(await mouseInput(loupe)).toBe(0);
});

test('checklist: P / F / N per constraint, a failed one needs a note (focused when missing), then the overall choice', async ({ loupe }) => {
  await openSampleByKeyboard(loupe, 'follow-instructions');
  await focusedRow(loupe, 'constraint-checks-language');
  await loupe.key('P');
  await focusedRow(loupe, 'constraint-checks-word_limit');
  await loupe.key('F');
  const blocked = await loupe.after('submit-blocked', () => loupe.key('Enter'));
  expect(blocked).toMatchObject({ controlId: 'checks', field: 'items.word_limit.note' });
  await expect(loupe.page.getByTestId('checks:note:word_limit')).toBeFocused();
  await loupe.page.keyboard.type('61 words.');
  await loupe.key('Escape');
  await loupe.key('ArrowDown');
  await loupe.key('F');
  await loupe.key('E');
  await expect(loupe.page.locator('textarea:focus')).toHaveCount(1); // the note of the failed constraint
  await loupe.page.keyboard.type('Says "encrypted tunnel" and "IP address".');
  await loupe.key('Escape');
  await loupe.key('ArrowDown');
  await loupe.key('N');
  await loupe.key('Tab');
  await loupe.key('2');
  await loupe.screenshot('50-checklist-light');
  await darkTheme(loupe);
  await loupe.screenshot('51-checklist-dark');
  await submitByKey(loupe);

  expect(await storedAnswer(loupe, 'fi-01')).toEqual([
    { kind: 'checklist', controlId: 'checks', items: {
      language: { verdict: 'pass' },
      word_limit: { verdict: 'fail', note: '61 words.' },
      no_jargon: { verdict: 'fail', note: 'Says "encrypted tunnel" and "IP address".' },
      explains_vpn: { verdict: 'na' },
    } },
    { kind: 'choices', controlId: 'overall', labels: ['partly'] },
  ]);
  expect(await mouseInput(loupe)).toBe(0);
});
