/**
 * The contract between the annotator view and a control editor (spans, boxes, polygons). The view
 * owns the answer, its undo history, autosave and submit; an editor owns how one control's result
 * is shown and edited, plus its own transient state (selection, caret, zoom, a drag in progress),
 * which is never history.
 *
 * Keys: an editor registers its own key layer with `useCommandHandlers(handlers, { context, labelKeys })`
 * (context 'spans' or 'regions'); it outranks the labeling view's layer, its label keys replace the
 * view's, and commands it does not handle right now fall through to the labeling view.
 */
import type { Control } from '../../../../shared/pack/labelConfig';
import type { ControlResult, Prediction, Task } from '../../../../shared/pack/task';

export type ResultOf<K extends ControlResult['kind']> = Extract<ControlResult, { kind: K }>;

export interface EditorProps<C extends Control = Control, R extends ControlResult = ControlResult> {
  packId: string;
  task: Task;
  control: C;
  /** This control's current result; undefined while it has none. */
  value: R | undefined;
  /** The task's predictions that answer this control (model, version, score and the proposed result). */
  proposals: ReadonlyArray<{ prediction: Prediction; result: R }>;
  /** Replace this control's result: one undo step. A drag or resize calls it once, when it ends. */
  onChange(next: R): void;
}
