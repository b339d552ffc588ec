/**
 * The contract between the questions panel and one question's view. The panel owns which question
 * and row have the keyboard and turns keys into edits (questionKeys.ts); a view shows one question
 * and lets the mouse do what the keys do.
 */
import type { Control } from '../../../../shared/pack/labelConfig';
import type { ControlResult, Task } from '../../../../shared/pack/task';
import type { ResultOf } from '../editors/types';
import type { LeaveDirection } from './parts';

export interface QuestionViewProps<C extends Control, K extends ControlResult['kind']> {
  control: C;
  task: Task;
  result: ResultOf<K> | undefined;
  /** Whether this question has the keyboard; `row` is its focused row (null for none). */
  focused: boolean;
  row: string | null;
  showAnchors: boolean;
  /** Replace the result: one undo step (typing passes the field's id, so keystrokes join one step). */
  onResult: (next: ControlResult, typing?: string) => void;
  onFocusRow: (row: string | null) => void;
  /** A text field of this question hands the keyboard back. */
  onLeaveText: (direction: LeaveDirection) => void;
  /** "A", "B" … for a response id. */
  responseName: (responseId: string) => string;
}
