/**
 * Mounts the region editor the way the annotator view does: inside the app's keymap, below a
 * 'labeling' layer that owns undo, redo, submit, skip and clear, with the answer in the real
 * history reducer. The image element and the canvas are faked (happy-dom has neither decoding nor
 * layout): the image reports 640 × 480 and the canvas 800 × 600. Not a test file itself.
 */
import 'vitest-canvas-mock';
import { act } from '@testing-library/react';
import { useEffect, useReducer, useState } from 'react';
import { vi } from 'vitest';
import type { Answer, Prediction } from '../../../../shared/pack/task';
import { historyReducer, startHistory, type AnswerHistory } from '../../../../renderer/src/annotate/history';
import { RegionEditor } from '../../../../renderer/src/annotate/regions/RegionEditor';
import type { RegionsResult } from '../../../../renderer/src/annotate/regions/model';
import type { ShapesControl } from '../../../../renderer/src/annotate/regions/useRegionState';
import { useCommandHandlers } from '../../../../renderer/src/keys/commands';
import { renderWithApp } from '../harness';
import { image } from './fixtures';

export const CANVAS = { width: 800, height: 600 };

/** happy-dom loads no images and lays nothing out: give the editor an image and a canvas size. */
export function fakeBrowser(size: { width: number; height: number } = image): void {
  vi.stubGlobal('Image', function FakeImage() {
    const element = document.createElement('img');
    element.width = size.width;
    element.height = size.height;
    Object.defineProperty(element, 'naturalWidth', { value: size.width });
    Object.defineProperty(element, 'naturalHeight', { value: size.height });
    setTimeout(() => element.onload?.(new Event('load')), 0);
    return element;
  });
  // A canvas of the right size stands in for the decoded bitmap (the canvas mock accepts it in drawImage).
  vi.stubGlobal('createImageBitmap', vi.fn(async (source: { width: number; height: number }, options?: ImageBitmapOptions) => {
    const bitmap = document.createElement('canvas');
    bitmap.width = options?.resizeWidth ?? source.width;
    bitmap.height = options?.resizeHeight ?? source.height;
    return Object.assign(bitmap, { close() {} });
  }));
  vi.stubGlobal('ResizeObserver', class {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      this.callback([{ target, contentRect: { ...CANVAS, x: 0, y: 0, top: 0, left: 0, right: CANVAS.width, bottom: CANVAS.height } } as unknown as ResizeObserverEntry], this as unknown as ResizeObserver);
    }
    unobserve() {}
    disconnect() {}
  });
}

export interface Probe {
  history: AnswerHistory;
  onSkip: () => void;
  onSubmit: () => void;
  onClear: () => void;
}

function Harness({ control, initial, proposals, probe }: {
  control: ShapesControl; initial: Answer; proposals: ReadonlyArray<{ prediction: Prediction; result: RegionsResult }>; probe: Probe;
}) {
  const [history, dispatch] = useReducer(historyReducer, initial, startHistory);
  // As in the app, the editor mounts after the view (once its task has loaded), so its layer is newer.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  useEffect(() => {
    probe.history = history;
  }, [history, probe]);
  useCommandHandlers(
    {
      'edit:undo': () => dispatch({ type: 'undo' }),
      'edit:redo': () => dispatch({ type: 'redo' }),
      'task:skip': () => probe.onSkip(),
      'task:submit': () => probe.onSubmit(),
      'task:clear': () => probe.onClear(),
    },
    { context: 'labeling' },
  );
  const value = history.present.find((r) => r.controlId === control.id) as RegionsResult | undefined;
  return (
    <div style={{ height: 700 }}>
      {ready && (
        <RegionEditor
          packId="pack-1"
          task={{ id: 't1', data: { image: 'assets/street.png' } }}
          control={control}
          value={value}
          proposals={proposals}
          onChange={(result) => dispatch({ type: 'setResult', result })}
        />
      )}
    </div>
  );
}

export async function mountEditor(control: ShapesControl, initial: Answer = [], proposals: ReadonlyArray<{ prediction: Prediction; result: RegionsResult }> = []) {
  const probe: Probe = { history: startHistory(initial), onSkip: vi.fn(), onSubmit: vi.fn(), onClear: vi.fn() };
  const view = renderWithApp(<Harness control={control} initial={initial} proposals={proposals} probe={probe} />);
  // Let the fake image load and its bitmap resolve.
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
  });
  return { view, probe };
}

/** The current result of a control in the probe's history. */
export function resultIn(probe: Probe, controlId: string): RegionsResult | undefined {
  return probe.history.present.find((r) => r.controlId === controlId) as RegionsResult | undefined;
}
