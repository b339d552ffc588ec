/**
 * The region editor's key layer (context 'regions'). A handler is registered only while its
 * command means something here, so the key falls through to the labeling view otherwise: Enter
 * closes a polygon only while one is being drawn (else it submits the task), the arrows nudge only
 * with a region selected (else they move between tasks), Mod+Z removes one point while drawing
 * (else it is the view's undo).
 *
 * One deliberate exception: Backspace/Delete is always claimed. With nothing selected the labeling
 * view would clear the whole answer, and one stray key wiping 2,000 boxes is the "undo deletes
 * everything" failure annotators complain about; here it only ever deletes what is selected.
 */
import { normalizeKey } from '../../../../shared/keymap';
import type { Label } from '../../../../shared/pack/labelConfig';
import { useCommandHandlers } from '../../keys/commands';
import type { CommandHandlers } from '../../keys/registry';
import type { CanvasHandle } from './RegionCanvas';
import type { useRegionState } from './useRegionState';
import { KEY_ZOOM_STEP } from './view';

type RegionState = ReturnType<typeof useRegionState>;

/** Arrow nudges in image pixels; Shift moves ten at a time. */
const NUDGE = 1;
const NUDGE_FAR = 10;

export function regionHandlers(state: RegionState, canvas: () => CanvasHandle | null): CommandHandlers {
  const { ops, drawing, selected, pending, drawTool } = state;
  const handlers: CommandHandlers = {
    'region:toolSelect': () => ops.setTool('select'),
    'region:next': () => ops.cycle(1),
    'region:previous': () => ops.cycle(-1),
    'region:delete': () => (drawing ? ops.removeLastPoint() : ops.deleteSelected()),
    'region:toggleHidden': ops.toggleHidden,
    'view:zoomIn': () => canvas()?.zoomBy(KEY_ZOOM_STEP),
    'view:zoomOut': () => canvas()?.zoomBy(1 / KEY_ZOOM_STEP),
    'view:zoomFit': () => canvas()?.fit(),
    'view:zoomActual': () => canvas()?.actual(),
  };
  handlers[drawTool === 'box' ? 'region:toolBox' : 'region:toolPolygon'] = () => ops.setTool(drawTool);
  if (drawing) {
    handlers['region:closePolygon'] = ops.closePolygon;
    handlers['edit:undo'] = ops.removeLastPoint;
    handlers['edit:redo'] = ops.restorePoint;
  }
  if (drawing || state.selection) handlers['region:cancel'] = ops.cancel;
  if (selected && !drawing) {
    const nudges: Array<[keyof CommandHandlers, number, number]> = [
      ['region:nudgeLeft', -NUDGE, 0], ['region:nudgeRight', NUDGE, 0], ['region:nudgeUp', 0, -NUDGE], ['region:nudgeDown', 0, NUDGE],
      ['region:nudgeLeftFar', -NUDGE_FAR, 0], ['region:nudgeRightFar', NUDGE_FAR, 0], ['region:nudgeUpFar', 0, -NUDGE_FAR], ['region:nudgeDownFar', 0, NUDGE_FAR],
    ];
    for (const [id, dx, dy] of nudges) handlers[id] = () => ops.nudge(dx, dy);
    if (!selected.proposal) handlers['region:duplicate'] = ops.duplicate;
  }
  if (pending.length > 0) handlers['prediction:acceptAll'] = ops.acceptAll;
  if (selected?.proposal) {
    handlers['prediction:acceptOne'] = ops.acceptOne;
    handlers['prediction:rejectOne'] = ops.rejectOne;
  }
  return handlers;
}

/** Label keys: relabel the selection, or pick the label of the next region drawn. */
export function regionLabelKeys(labels: readonly Label[], onLabel: (labelId: string) => void): Map<string, () => void> {
  const keys = new Map<string, () => void>();
  for (const label of labels) {
    const key = label.hotkey ? normalizeKey(label.hotkey) : null;
    if (key) keys.set(key, () => onLabel(label.id));
  }
  return keys;
}

export function useRegionKeys(state: RegionState, labels: readonly Label[], canvas: () => CanvasHandle | null): void {
  // Rebuilt on every render, like the handlers: the registry reads the latest layer after each
  // render, so the keys always act on the current selection without re-registering.
  useCommandHandlers(regionHandlers(state, canvas), { context: 'regions', labelKeys: regionLabelKeys(labels, state.ops.label) });
}
