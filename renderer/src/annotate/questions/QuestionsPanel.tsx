/**
 * The questions of a label config, one card each, in order, for every kind except the editors
 * (spans, boxes, polygons draw in the main area). The panel owns which question has the keyboard:
 * Tab / Shift+Tab walk the questions, ↑/↓ a question's rows, and the focused question answers to
 * its keys (useQuestionKeys). A refused submit moves the focus to what is missing.
 */
import { Paper, Stack } from '@mantine/core';
import { useLayoutEffect, useRef, useState } from 'react';
import type { ChoicesControl, Control, LabelConfig } from '../../../../shared/pack/labelConfig';
import type { Answer, ControlResult, Task } from '../../../../shared/pack/task';
import { responsesOf, type MissingItem } from '../../../../shared/questions';
import { choicesLabels } from '../answer';
import { responseLetter } from '../conversation/ConversationView';
import { EDITORS } from '../editors';
import { ChecklistQuestion } from './ChecklistQuestion';
import { ChoicesQuestion, choicesHint, QuestionTitle } from './ChoicesQuestion';
import { resultOf } from './edits';
import { arriveAt, firstRow, focusForMissing, type QuestionFocus } from './focus';
import { PairwiseQuestion } from './PairwiseQuestion';
import type { LeaveDirection } from './parts';
import { RankingQuestion } from './RankingQuestion';
import { RubricQuestion } from './RubricQuestion';
import { SafetyQuestion } from './SafetyQuestion';
import { RewriteQuestion, TextareaQuestion } from './TextQuestions';
import { useQuestionKeys } from './useQuestionKeys';

export interface QuestionsPanelProps {
  config: LabelConfig;
  task: Task;
  answer: Answer;
  /** Register the questions' key layer (off while an editor owns the keys). */
  keyboard: boolean;
  missing: (MissingItem & { seq: number }) | null;
  onResult: (result: ControlResult, typing?: string) => void;
  /** A click on a label button. */
  onToggle: (control: ChoicesControl, labelId: string) => void;
  /** A label key on a focused choices question (the view decides: pick, toggle, or pick and submit). */
  onChoicesKey: (control: ChoicesControl, labelId: string) => void;
}

export function QuestionsPanel(props: QuestionsPanelProps) {
  const { config, task, answer, keyboard, missing, onResult } = props;
  const questions = config.controls.filter((c) => EDITORS[c.kind] === undefined);
  const firstChoices = config.controls.find((c) => c.kind === 'choices')?.id;
  const [focus, setFocus] = useState<QuestionFocus | null>(() => (questions[0] ? { ...arriveAt(questions[0], task, answer, 0), field: undefined } : null));
  const [showAnchors, setShowAnchors] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);

  // A refused submit: go to what is missing (each refusal again, even if it is the same gap).
  // Adjusted while rendering, React's pattern for state that follows a prop.
  const [seenMissing, setSeenMissing] = useState(missing?.seq);
  if (missing && missing.seq !== seenMissing) {
    setSeenMissing(missing.seq);
    setFocus(focusForMissing(missing, (focus?.seq ?? 0) + 1));
  }

  // Key moves also move the DOM focus: into the named text field, else onto the question's card.
  const focusSeq = focus?.seq ?? 0;
  useLayoutEffect(() => {
    if (!focus || focusSeq === 0) return;
    const root = rootRef.current;
    const target = focus.field
      ? root?.querySelector<HTMLElement>(`[data-focus-id="${CSS.escape(focus.field)}"]`)
      : root?.querySelector<HTMLElement>(`[data-question-id="${CSS.escape(focus.controlId)}"]`);
    target?.focus({ preventScroll: true });
    (root?.querySelector(`[data-question-id="${CSS.escape(focus.controlId)}"] [data-focused]`) ?? target)?.scrollIntoView?.({ block: 'nearest' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusSeq]);

  useQuestionKeys({
    enabled: keyboard,
    questions,
    task,
    answer,
    focus,
    setFocus,
    onResult: (result) => onResult(result),
    onChoicesKey: props.onChoicesKey,
    toggleAnchors: () => setShowAnchors((s) => !s),
  });

  const responseName = (id: string) => responseLetter(Math.max(0, responsesOf(task).findIndex((r) => r.id === id)));
  const leaveText = (control: Control) => (direction: LeaveDirection) => {
    const at = questions.indexOf(control);
    const target = direction === 'stay' ? control : questions[Math.max(0, Math.min(questions.length - 1, at + (direction === 'next' ? 1 : -1)))]!;
    const seq = (focus?.seq ?? 0) + 1;
    if (target === control || direction === 'stay') setFocus({ controlId: control.id, row: focus?.controlId === control.id ? focus.row : firstRow(control, task, answer), seq });
    else setFocus(arriveAt(target, task, answer, seq));
  };
  // A click or a caret placed in a question gives it the keyboard, keeping the row a click chose.
  const claim = (control: Control, row?: string | null) =>
    setFocus((current) => ({
      controlId: control.id,
      row: row !== undefined ? row : current?.controlId === control.id ? current.row : firstRow(control, task, answer),
      seq: current?.seq ?? 0,
    }));

  return (
    <Stack gap="sm" ref={rootRef}>
      {questions.map((control) => {
        const focused = focus?.controlId === control.id;
        const common = {
          task,
          focused: focused && keyboard,
          row: focused ? (focus?.row ?? null) : null,
          showAnchors,
          onResult,
          onFocusRow: (row: string | null) => claim(control, row),
          onLeaveText: leaveText(control),
          responseName,
        };
        return (
          <Paper
            key={control.id}
            withBorder
            p="sm"
            // The question with the keyboard is the panel's one Tab stop, so Tab from the task and
            // Shift+Tab from the buttons come back to it.
            tabIndex={focused && keyboard ? 0 : -1}
            data-question-id={control.id}
            data-testid={`question-${control.id}`}
            data-focused={(focused && keyboard) || undefined}
            onFocusCapture={() => !focused && claim(control)}
            onMouseDownCapture={() => !focused && claim(control)}
            style={{
              outline: 'none',
              borderColor: focused && keyboard ? 'var(--mantine-primary-color-filled)' : undefined,
              boxShadow: focused && keyboard ? '0 0 0 1px var(--mantine-primary-color-filled)' : undefined,
            }}
          >
            <Stack gap={6}>
              <QuestionTitle
                text={control.title ?? control.id}
                hint={control.kind === 'choices' ? choicesHint(control) : control.required ? undefined : ' (optional)'}
              />
              <QuestionBody control={control} answer={answer} common={common} showLabelKeys={keyboard ? focused : control.id === firstChoices} primary={control.id === firstChoices} onToggle={props.onToggle} />
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}

type Common = Omit<Parameters<typeof RubricQuestion>[0], 'control' | 'result'>;

function QuestionBody({ control, answer, common, primary, showLabelKeys, onToggle }: { control: Control; answer: Answer; common: Common; primary: boolean; showLabelKeys: boolean; onToggle: QuestionsPanelProps['onToggle'] }) {
  switch (control.kind) {
    case 'choices':
      return <ChoicesQuestion control={control} picked={choicesLabels(answer, control.id)} primary={primary} showKeys={showLabelKeys} onToggle={(labelId) => onToggle(control, labelId)} />;
    case 'rubric':
      return <RubricQuestion {...common} control={control} result={resultOf(answer, control.id, 'rubric')} />;
    case 'pairwise':
      return <PairwiseQuestion {...common} control={control} result={resultOf(answer, control.id, 'pairwise')} />;
    case 'ranking':
      return <RankingQuestion {...common} control={control} result={resultOf(answer, control.id, 'ranking')} />;
    case 'safety':
      return <SafetyQuestion {...common} control={control} result={resultOf(answer, control.id, 'safety')} />;
    case 'checklist':
      return <ChecklistQuestion {...common} control={control} result={resultOf(answer, control.id, 'checklist')} />;
    case 'textarea':
      return <TextareaQuestion {...common} control={control} result={resultOf(answer, control.id, 'textarea')} />;
    case 'rewrite':
      return <RewriteQuestion {...common} control={control} result={resultOf(answer, control.id, 'rewrite')} />;
    default:
      return null;
  }
}
