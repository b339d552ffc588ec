// @vitest-environment happy-dom
/**
 * The reviewer's diff view as it renders: spans over the text (an extra span outlined and titled,
 * a missing one listed), a choices question whose row is marked as differing, boxes over the image
 * once it has loaded (the IoU of a matched pair, extra and missing regions), a conversation task
 * with its responses above the table, and the view without a comparison.
 */
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer, Task } from '../../../shared/pack/task';
import { ReviewDiff } from '../../../renderer/src/review/ReviewDiff';
import { renderWithApp, sentimentConfig } from './harness';

afterEach(cleanup);
beforeEach(() => {
  // Mantine components that measure text listen for web fonts loading; happy-dom has no document.fonts.
  if (!('fonts' in document)) Object.defineProperty(document, 'fonts', { value: new EventTarget(), configurable: true });
});

const entitiesConfig: LabelConfig = {
  version: 1,
  data: 'text',
  controls: [
    {
      kind: 'spans', id: 'ents', title: 'Entities', required: true, allowOverlap: true, snapToTokens: false, relations: [],
      labels: [
        { id: 'PER', name: 'Person', color: '#e8590c' },
        { id: 'LOC', name: 'Place', color: '#2f9e44' },
      ],
    },
  ],
};

// Offsets: Ann 0–3, Bob 8–11, Rome 15–19; the emoji is one code point (two UTF-16 units) at 20.
const textTask: Task = { id: 't1', data: { text: 'Ann met Bob in Rome 🎉' } };
const spans = (list: Array<[string, number, number, string]>): Answer => [
  { kind: 'spans', controlId: 'ents', spans: list.map(([id, start, end, label]) => ({ id, start, end, label })), relations: [] },
];

function view(config: LabelConfig, task: Task, reviewed: Answer, compare: Answer | null) {
  return renderWithApp(<ReviewDiff packId="pack-1" task={task} config={config} reviewed={reviewed} compare={compare} reviewedName="Ada" compareName="Gold" />);
}

describe('ReviewDiff', () => {
  it('spans: matched spans are plain highlights, an extra one is titled, a missing one is listed', () => {
    // Ada marks Ann and Bob (overlapping "Ann met Bob" as a second Person); Gold marks Ann and Rome.
    view(entitiesConfig, textTask, spans([['a', 0, 3, 'PER'], ['b', 8, 11, 'PER'], ['c', 0, 11, 'PER']]), spans([['x', 0, 3, 'PER'], ['y', 15, 19, 'LOC']]));
    expect(screen.getByTestId('review-diff')).toBeTruthy();
    const text = screen.getByTestId('diff-text');
    expect(text.textContent).toBe('Ann met Bob in Rome 🎉');

    // "Ann" is covered by the matched span (plain) inside the wider extra one: split into pieces,
    // each piece with one mark per covering span.
    const extras = screen.getAllByTestId('diff-extra-span');
    expect(extras.every((m) => m.getAttribute('title') === 'Person — not in Gold')).toBe(true);
    expect(extras.map((m) => m.textContent)).toEqual(['Ann', ' met ', 'Bob', 'Bob']);
    const plain = screen.getAllByTestId('diff-span');
    expect(plain.map((m) => m.textContent)).toEqual(['Ann']);
    expect(plain[0]!.closest('[data-testid="diff-extra-span"]')).not.toBeNull();

    expect(screen.getByTestId('diff-missing-span').textContent).toBe('Missing: Place “Rome”');
    expect(screen.getByTestId('diff-row-ents').getAttribute('data-differs')).toBe('true');
  });

  it('choices: the row that differs is marked and both answers are in words', () => {
    const config: LabelConfig = {
      ...sentimentConfig,
      controls: [...sentimentConfig.controls, { kind: 'choices', id: 'lang', title: 'Language', required: true, multiple: false, labels: [{ id: 'en', name: 'English', color: '#000000' }] }],
    };
    view(config, { id: 't2', data: { text: 'Great stuff' } }, [
      { kind: 'choices', controlId: 'sentiment', labels: ['pos'] },
      { kind: 'choices', controlId: 'lang', labels: ['en'] },
    ], [
      { kind: 'choices', controlId: 'sentiment', labels: ['neg'] },
      { kind: 'choices', controlId: 'lang', labels: ['en'] },
    ]);
    const row = screen.getByTestId('diff-row-sentiment');
    expect(row.getAttribute('data-differs')).toBe('true');
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['≠ Sentiment', 'Positive', 'Negative']);
    expect(screen.getByTestId('diff-row-lang').getAttribute('data-differs')).toBe('false');
    const head = within(screen.getByTestId('diff-table')).getAllByRole('columnheader').map((th) => th.textContent);
    expect(head).toEqual(['Question', 'Ada', 'Gold']);
    expect(screen.getByTestId('diff-text').textContent).toBe('Great stuff');
  });

  it('boxes: once the image has loaded, a matched pair shows its IoU; extra and missing boxes are drawn', () => {
    const config: LabelConfig = {
      version: 1,
      data: 'image',
      controls: [{ kind: 'boxes', id: 'cars', required: true, minPredictionScore: 0, labels: [{ id: 'car', name: 'Car', color: '#1c7ed6' }] }],
    };
    const boxes = (list: Array<[string, number, number]>): Answer => [
      { kind: 'boxes', controlId: 'cars', boxes: list.map(([id, x, y]) => ({ id, x, y, width: 20, height: 20, label: 'car' })) },
    ];
    // [10,30)² against [12,32)×[10,30): intersection 18·20 = 360, union 800 − 360 = 440 → IoU 0.82.
    view(config, { id: 't3', data: { image: 'assets/street.png' } }, boxes([['a', 10, 10], ['b', 70, 70]]), boxes([['x', 12, 10], ['y', 60, 0]]));
    const img = screen.getByTestId('diff-image') as HTMLImageElement;
    expect(img.getAttribute('src')).toContain('pack-1/assets/street.png');
    // Nothing is drawn before the natural size is known, since the overlay would be misplaced.
    expect(screen.queryByTestId('diff-region-iou')).toBeNull();

    Object.defineProperty(img, 'naturalWidth', { value: 100 });
    Object.defineProperty(img, 'naturalHeight', { value: 100 });
    fireEvent.load(img);

    expect(screen.getByTestId('diff-overlay').getAttribute('viewBox')).toBe('0 0 100 100');
    expect(screen.getByTestId('diff-region-iou').textContent).toBe('IoU 0.82');
    expect(screen.getAllByTestId('diff-extra-region')).toHaveLength(1);
    expect(screen.getAllByTestId('diff-missing-region')).toHaveLength(1);
    expect(screen.getByTestId('diff-extra-region').querySelector('title')?.textContent).toBe('Car — not in Gold');
    expect(screen.getByTestId('diff-legend').textContent).toContain('only Gold');
    expect(screen.getByTestId('diff-row-cars').getAttribute('data-differs')).toBe('true');
  });

  it('conversation: the prompt and responses sit above the table', () => {
    const config: LabelConfig = {
      version: 1,
      data: 'conversation',
      controls: [{ kind: 'ranking', id: 'rank', required: true, allowTies: false }],
    };
    const task: Task = { id: 't4', data: { prompt: 'Say hi', responses: [{ id: 'r1', content: 'Hi!' }, { id: 'r2', content: 'Hello.' }] } };
    view(config, task, [{ kind: 'ranking', controlId: 'rank', order: [['r1'], ['r2']] }], [{ kind: 'ranking', controlId: 'rank', order: [['r2'], ['r1']] }]);
    expect(screen.getByTestId('task-prompt').textContent).toContain('Say hi');
    expect(screen.getByTestId('response-r2').textContent).toContain('Hello.');
    expect(screen.getByTestId('diff-row-rank').getAttribute('data-differs')).toBe('true');
  });

  it('without a comparison: the reviewed answer alone, nothing flagged, "—" in the other column', () => {
    view(entitiesConfig, textTask, spans([['a', 0, 3, 'PER'], ['b', 15, 19, 'LOC']]), null);
    expect(screen.getAllByTestId('diff-span').map((m) => [m.textContent, m.getAttribute('title')])).toEqual([
      ['Ann', 'Person'],
      ['Rome', 'Place'],
    ]);
    expect(screen.queryByTestId('diff-extra-span')).toBeNull();
    expect(screen.queryByTestId('diff-missing-span')).toBeNull();
    const row = screen.getByTestId('diff-row-ents');
    expect(row.getAttribute('data-differs')).toBe('false');
    expect([...row.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Entities', 'Person “Ann”; Place “Rome”', '—']);
  });
});
