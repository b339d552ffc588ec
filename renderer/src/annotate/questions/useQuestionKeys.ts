/**
 * The questions' key layer (context `questions`): Tab and ↑/↓ move the focus, and the focused
 * question answers to its keys — number keys for scale points (a rubric dimension's score, a
 * preference's strength, a flag's severity, a response's place), A / B / T, P / F / N, X, C, =,
 * Alt+↑/↓ and E from the keymap table. Commands it does not use for the focused question fall
 * through to the labeling view (Enter submits, ←/→ change task).
 */
import type { Control } from '../../../../shared/pack/labelConfig';
import { normalizeKey } from '../../../../shared/keymap';
import type { Answer, ControlResult, Task } from '../../../../shared/pack/task';
import { choiceKeys, OVERALL_ROW, rowsOf, scaleKeys } from '../../../../shared/questions';
import { useCommandHandlers } from '../../keys/commands';
import { DECLINE, type CommandHandlers } from '../../keys/registry';
import { selectedExcerpt } from '../conversation/ConversationView';
import type { ResultOf } from '../editors/types';
import * as edits from './edits';
import { arriveAt, stepRow, type QuestionFocus } from './focus';

export interface QuestionKeysOptions {
  enabled: boolean;
  questions: readonly Control[];
  task: Task;
  answer: Answer;
  focus: QuestionFocus | null;
  setFocus: (focus: QuestionFocus) => void;
  onResult: (result: ControlResult) => void;
  onChoicesKey: (control: Extract<Control, { kind: 'choices' }>, labelId: string) => void;
  toggleAnchors: () => void;
}

function resultFor<K extends ControlResult['kind']>(answer: Answer, control: Control, kind: K): ResultOf<K> | undefined {
  return edits.resultOf(answer, control.id, kind);
}

/** Number (and label) keys of the focused question, with what each does. */
function answerKeys(control: Control, row: string | null, o: QuestionKeysOptions, advance: () => void): Map<string, () => void> {
  const keys = new Map<string, () => void>();
  const bind = (scale: readonly { value: number }[], pick: (value: number) => void) =>
    scaleKeys(scale).forEach((key, i) => key && keys.set(key, () => pick(scale[i]!.value)));
  switch (control.kind) {
    case 'choices':
      choiceKeys(control.labels).forEach((hotkey, i) => {
        const key = hotkey ? normalizeKey(hotkey) : null;
        if (key) keys.set(key, () => o.onChoicesKey(control, control.labels[i]!.id));
      });
      break;
    case 'rubric': {
      const dimension = control.dimensions.find((d) => d.id === row);
      if (dimension) {
        bind(dimension.scale, (value) => {
          o.onResult(edits.withScore(control, resultFor(o.answer, control, 'rubric'), dimension.id, value));
          advance();
        });
      }
      break;
    }
    case 'pairwise':
      if (row === OVERALL_ROW) {
        bind(control.strength, (value) => {
          const next = edits.withStrength(resultFor(o.answer, control, 'pairwise'), value);
          if (next) o.onResult(next);
        });
      }
      break;
    case 'safety':
      if (row) bind(control.severities, (value) => o.onResult(edits.withSeverity(control.id, resultFor(o.answer, control, 'safety'), row, value)));
      break;
    case 'ranking': {
      const ids = rowsOf(control, o.task, resultFor(o.answer, control, 'ranking'));
      ids.forEach((_, place) => {
        if (place < 9 && row) keys.set(String(place + 1), () => o.onResult(edits.withMoved(control.id, currentOrder(control, o), row, place)));
      });
      break;
    }
    default:
      break;
  }
  return keys;
}

function currentOrder(control: Control, o: QuestionKeysOptions): string[][] {
  return resultFor(o.answer, control, 'ranking')?.order ?? rowsOf(control, o.task, undefined).map((id) => [id]);
}

export function useQuestionKeys(o: QuestionKeysOptions): void {
  const { questions, task, answer, focus, setFocus } = o;
  const control = questions.find((q) => q.id === focus?.controlId) ?? null;
  const row = focus?.row ?? null;
  const seq = (focus?.seq ?? 0) + 1;
  const rows = control ? rowsOf(control, task, answer.find((r) => r.controlId === control.id)) : [];
  const moveRow = (by: number) => control && setFocus({ controlId: control.id, row: stepRow(rows, row, by), seq });
  /**
   * Tab between questions, while the focus is in them (or nowhere yet). Past the last question, or
   * from anywhere else (a response, the buttons), Tab is the browser's: one order for the view,
   * task content → questions → the action bar, and never stuck on one card.
   */
  const moveQuestion = (by: number): typeof DECLINE | void => {
    const active = document.activeElement;
    const inQuestions = !active || active === document.body || active.closest('[data-question-id]') !== null;
    if (!inQuestions) return DECLINE;
    const at = control ? questions.indexOf(control) : -1;
    const target = questions[at + by];
    if (!target) return DECLINE;
    setFocus(arriveAt(target, task, answer, seq));
  };
  const on = <K extends Control['kind']>(kind: K, act: (c: Extract<Control, { kind: K }>) => void) => () => {
    if (control?.kind === kind) act(control as Extract<Control, { kind: K }>);
  };
  const prefer = (choice: 'A' | 'B' | 'tie') =>
    on('pairwise', (c) => {
      const current = resultFor(answer, c, 'pairwise');
      if (choice === 'tie' && !c.allowTie) return;
      o.onResult(row && row !== OVERALL_ROW ? edits.withDimension(c, current, row, choice) : edits.withChoice(c, current, choice));
    });
  const verdict = (v: 'pass' | 'fail' | 'na') =>
    on('checklist', (c) => {
      if (!row) return;
      o.onResult(edits.withVerdict(c.id, resultFor(answer, c, 'checklist'), row, v));
      // A failed constraint usually wants a note: stay on it; otherwise move on.
      if (v !== 'fail') moveRow(1);
    });
  const move = (by: number) =>
    on('ranking', (c) => {
      if (!row) return;
      const order = currentOrder(c, o);
      o.onResult(edits.withMoved(c.id, order, row, order.flat().indexOf(row) + by));
    });

  const handlers: CommandHandlers = o.enabled
    ? {
        'question:next': () => moveQuestion(1),
        'question:previous': () => moveQuestion(-1),
        'question:rowNext': () => moveRow(1),
        'question:rowPrevious': () => moveRow(-1),
        'question:preferA': prefer('A'),
        'question:preferB': prefer('B'),
        'question:tie': prefer('tie'),
        'question:moveUp': move(-1),
        'question:moveDown': move(1),
        'question:tieAbove': on('ranking', (c) => row && c.allowTies && o.onResult(edits.withTieToggled(c.id, currentOrder(c, o), row))),
        'question:toggleFlag': on('safety', (c) => row && o.onResult(edits.withFlagToggled(c.id, resultFor(answer, c, 'safety'), row))),
        'question:noConcerns': on('safety', (c) => o.onResult(edits.noConcerns(c.id))),
        'question:quote': on('safety', (c) => {
          const quoted = selectedExcerpt();
          if (row && quoted && c.excerpts) o.onResult(edits.withExcerpt(c.id, resultFor(answer, c, 'safety'), row, quoted.text, quoted.responseId));
        }),
        'question:pass': verdict('pass'),
        'question:fail': verdict('fail'),
        'question:na': verdict('na'),
        'question:write': () => {
          if (!control) return;
          const field =
            control.kind === 'pairwise' && control.justification !== 'none' ? `${control.id}:justification`
            : control.kind === 'checklist' && row ? `${control.id}:note:${row}`
            : control.kind === 'safety' && row && control.excerpts ? `${control.id}:excerpt:${row}`
            : control.kind === 'textarea' || control.kind === 'rewrite' ? `${control.id}:text`
            : undefined;
          if (!field) return;
          // An excerpt belongs to a flag: writing one flags the category.
          if (control.kind === 'safety' && row && !resultFor(answer, control, 'safety')?.flags.some((f) => f.label === row)) {
            o.onResult(edits.withFlagToggled(control.id, resultFor(answer, control, 'safety'), row));
          }
          setFocus({ controlId: control.id, row, field, seq });
        },
        'question:anchors': o.toggleAnchors,
      }
    : {};
  const advance = () => moveRow(1);
  const labelKeys = o.enabled && control ? answerKeys(control, row, o, advance) : undefined;
  useCommandHandlers(handlers, o.enabled ? { context: 'questions', labelKeys } : {});
}
