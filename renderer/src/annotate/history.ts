/**
 * Undo and redo of one task's answer, as a pure reducer. Each editing action that changes the
 * answer is one step (one label key press, one click, one clear); an action that changes nothing
 * adds no step. Moving to another task starts a fresh history (`startHistory`), so undo never
 * reaches into a task the annotator has left.
 */
import type { Answer, ControlResult } from '../../../shared/pack/task';
import { choicesLabels, sameAnswer, toggledLabels, withChoices, withResult } from './answer';

export interface AnswerHistory {
  past: Answer[];
  present: Answer;
  future: Answer[];
  /** The text field the last step typed into, if it was typing: more typing there joins that step. */
  typing?: string;
}

export type HistoryAction =
  /** Click or key on a label: multi-label adds/removes it; single-label picks it, or unpicks it if picked. */
  | { type: 'toggleLabel'; controlId: string; labelId: string; multiple: boolean }
  /** Single-label pick that never unpicks (a label key that also submits). */
  | { type: 'setLabel'; controlId: string; labelId: string }
  /**
   * An editor's change to one control's result (a span added, a box dragged): one step. Typing
   * passes `typing` (the field's id): keystrokes in the same field join one step, as in any editor.
   */
  | { type: 'setResult'; result: ControlResult; typing?: string }
  | { type: 'clear' }
  | { type: 'undo' }
  | { type: 'redo' };

/** Enough for any realistic session on one task, and bounded so a stuck key cannot grow it forever. */
const MAX_STEPS = 500;

export function startHistory(answer: Answer): AnswerHistory {
  return { past: [], present: answer, future: [] };
}

export const canUndo = (h: AnswerHistory): boolean => h.past.length > 0;
export const canRedo = (h: AnswerHistory): boolean => h.future.length > 0;

function edited(action: HistoryAction, answer: Answer): Answer {
  switch (action.type) {
    case 'toggleLabel':
      return withChoices(answer, action.controlId, toggledLabels(choicesLabels(answer, action.controlId), action.labelId, action.multiple));
    case 'setLabel':
      return withChoices(answer, action.controlId, [action.labelId]);
    case 'setResult':
      return withResult(answer, action.result);
    case 'clear':
      return [];
    default:
      return answer;
  }
}

/** Returns the same object when nothing changed, so callers can tell "no step" cheaply. */
export function historyReducer(state: AnswerHistory, action: HistoryAction): AnswerHistory {
  switch (action.type) {
    case 'undo': {
      const previous = state.past.at(-1);
      if (previous === undefined) return state;
      return { past: state.past.slice(0, -1), present: previous, future: [state.present, ...state.future] };
    }
    case 'redo': {
      const [next, ...rest] = state.future;
      if (next === undefined) return state;
      return { past: [...state.past, state.present], present: next, future: rest };
    }
    default: {
      const present = edited(action, state.present);
      if (sameAnswer(present, state.present)) return state;
      const typing = action.type === 'setResult' ? action.typing : undefined;
      if (typing !== undefined && typing === state.typing && state.past.length > 0) return { ...state, present, future: [], typing };
      return { past: [...state.past, state.present].slice(-MAX_STEPS), present, future: [], ...(typing !== undefined ? { typing } : {}) };
    }
  }
}
