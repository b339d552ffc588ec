/**
 * The annotator's state and every action on it: load the session, show a task, edit its answer,
 * submit, skip, flag, navigate, export. Every change is sent at once (no debounce) through one
 * serial queue, so drafts, submits and the reads after them reach the main process in order.
 *
 * State lives in a ref as well as in React state: key handlers and async continuations read the
 * ref, so two quick key presses never act on a stale task. While a task is loading or being
 * submitted (`busy`), answer edits are ignored rather than applied to the wrong task.
 *
 * Undo reaches back over a submit: right after a submit moved on (one label key does it in one
 * stroke), undo on the next task, while it has nothing of its own to undo, brings the submitted
 * task back with its last step undone, kept as a draft, and redo there restores it (Prodigy's
 * Backspace). A skip is taken back the same way: the task returns as it was left, as a draft.
 * The submitted or skipped revision stays in the history; the next submit supersedes it.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { ChannelInput, Progress, Session, TaskStatus, TaskView } from '../../../shared/contract';
import type { Answer, Prediction } from '../../../shared/pack/task';
import type { DatasetFormat } from '../../../shared/exportFormats';
import { missingItem, type MissingItem } from '../../../shared/questions';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo } from '../notify';
import { createSerialQueue } from '../serialQueue';
import { historyReducer, startHistory, type AnswerHistory, type HistoryAction } from './history';
import { useActiveTimer, type ActiveTimerOptions } from './useActiveTimer';

export interface ShownTask {
  index: number;
  view: TaskView;
  history: AnswerHistory;
  /** The answer started from a model prediction (the backend tells untouched from changed). */
  fromPrediction: boolean;
  /** The prediction behind the answer, for the "pre-annotated by" note. */
  prediction: Prediction | null;
  status: TaskStatus;
  flagComment: string | null;
}

export interface AnnotatorState {
  session: Session | null;
  progress: Progress | null;
  task: ShownTask | null;
  /** Past the last task: the "all done" screen. */
  done: boolean;
  busy: boolean;
  loadError: string | null;
  /** What the last refused submit lacked, until the next edit or task; `seq` grows on every refusal so the same gap is focused again. */
  missing: (MissingItem & { seq: number }) | null;
}

const INITIAL: AnnotatorState = { session: null, progress: null, task: null, done: false, busy: false, loadError: null, missing: null };

/**
 * A task as first shown: its saved answer, else the first prediction's choices, else nothing.
 * Spans and regions a model proposed are not pre-accepted: their editors show them as proposals
 * to accept or reject one by one (and record each one's origin).
 */
export function shownTask(view: TaskView): ShownTask {
  const first = view.task.predictions?.[0] ?? null;
  const base = { index: view.index, view, status: view.status, flagComment: view.flagComment };
  const seed = first?.result.filter((r) => r.kind === 'choices') ?? [];
  if (view.answer === null && first && seed.length > 0) {
    return { ...base, history: startHistory(seed), fromPrediction: true, prediction: first };
  }
  return { ...base, history: startHistory(view.answer ?? []), fromPrediction: view.fromPrediction, prediction: view.fromPrediction ? first : null };
}

export function useAnnotator(packId: string, timerOptions?: ActiveTimerOptions) {
  const [state, setState] = useState<AnnotatorState>(INITIAL);
  const stateRef = useRef(state);
  const [enqueue] = useState(createSerialQueue);
  const loadToken = useRef(0);
  const timer = useActiveTimer(timerOptions);
  /** The task the last submit moved on from, with its undo history, for undo on the next task. */
  /** Grows on every refused submit, across clears, so the questions panel refocuses each time. */
  const missingSeq = useRef(0);
  const lastSubmitted = useRef<{ index: number; taskId: string; history: AnswerHistory; skipped: boolean } | null>(null);

  const update = useCallback((patch: Partial<AnnotatorState>) => {
    stateRef.current = { ...stateRef.current, ...patch };
    setState(stateRef.current);
  }, []);

  const saveDraft = useCallback(
    (task: ShownTask, answer: Answer) => {
      const taskId = task.view.task.id;
      const input = { packId, taskId, answer, fromPrediction: task.fromPrediction, activeMs: timer.read() };
      enqueue(() => call('task:saveDraft', input))
        .then(({ progress }) => {
          update({ progress });
          emitAppEvent('draft-saved', { taskId });
        })
        .catch((e) => notifyError(e, 'The draft was not saved'));
    },
    [enqueue, packId, timer, update],
  );

  /** Show task `index`, or the done screen past the end. The latest request wins. */
  const goTo = useCallback(
    async (index: number, restore?: { taskId: string; history: AnswerHistory }) => {
      const { session } = stateRef.current;
      if (!session || index < 0) return;
      const token = ++loadToken.current;
      // Reading a task and moving on without an edit still counts as time on that task.
      const leaving = stateRef.current.task;
      if (leaving) {
        const input = { packId, taskId: leaving.view.task.id, activeMs: timer.read() };
        enqueue(() => call('task:time', input)).catch((e) => notifyError(e, 'Could not record the time on task'));
      }
      if (index >= session.pack.taskCount) {
        update({ task: null, done: true, busy: false });
        emitAppEvent('all-done', { packId });
        return;
      }
      update({ busy: true });
      try {
        const view = await enqueue(() => call('task:get', { packId, index }));
        if (token !== loadToken.current) return;
        timer.reset(view.activeMs);
        const shown = shownTask(view);
        if (restore && restore.taskId === view.task.id) {
          const back = { ...shown, history: restore.history, status: 'draft' as const };
          update({ task: back, done: false, busy: false, missing: null });
          saveDraft(back, restore.history.present);
          emitAppEvent('submit-undone', { index, taskId: view.task.id });
        } else {
          update({ task: shown, done: false, busy: false, missing: null });
        }
        enqueue(() => call('session:setPosition', { packId, index })).catch((e) => notifyError(e, 'Could not remember the position'));
      } catch (error) {
        if (token === loadToken.current) update({ busy: false });
        notifyError(error, 'Could not open the task');
      }
    },
    [enqueue, packId, saveDraft, timer, update],
  );

  const load = useCallback(async () => {
    try {
      const session = await call('session:load', { packId });
      update({ session, progress: session.pack.progress, loadError: null });
      emitAppEvent('session-ready', { packId });
      await goTo(Math.min(session.position, session.pack.taskCount));
    } catch (error) {
      update({ loadError: error instanceof Error ? error.message : String(error) });
      notifyError(error, 'Could not open the pack');
    }
  }, [goTo, packId, update]);

  /** Apply an answer edit (or undo/redo) to the shown task and save it; returns the new answer. */
  const edit = useCallback(
    (action: HistoryAction): Answer | null => {
      const { task, busy } = stateRef.current;
      if (!task || busy) return null;
      const history = historyReducer(task.history, action);
      if (history === task.history) return history.present;
      const next = { ...task, history, status: 'draft' as const };
      update({ task: next, missing: null });
      saveDraft(next, history.present);
      return history.present;
    },
    [saveDraft, update],
  );

  const submit = useCallback(async () => {
    const { task, busy, session } = stateRef.current;
    if (!task || busy || !session) return;
    const answer = task.history.present;
    const missing = missingItem(session.labelConfig, answer, task.view.task);
    if (missing) {
      // Say what is missing (the view shows it above the action bar) and take the annotator there
      // (the questions panel focuses it).
      missingSeq.current += 1;
      update({ missing: { ...missing, seq: missingSeq.current } });
      emitAppEvent('submit-blocked', { controlId: missing.controlId, field: missing.field });
      return;
    }
    const taskId = task.view.task.id;
    update({ busy: true });
    try {
      const out = await enqueue(() =>
        call('task:submit', { packId, taskId, answer, fromPrediction: task.fromPrediction, activeMs: timer.read() }),
      );
      emitAppEvent('task-submitted', { taskId, revision: out.revision });
      update({ progress: out.progress });
      lastSubmitted.current = { index: task.index, taskId, history: task.history, skipped: false };
      await goTo(task.index + 1);
    } catch (error) {
      update({ busy: false });
      notifyError(error, 'The task was not submitted');
    }
  }, [enqueue, goTo, packId, timer, update]);

  /** Single-label pick that submits at once: one keystroke per task. */
  const pickAndSubmit = useCallback(
    (controlId: string, labelId: string) => {
      if (edit({ type: 'setLabel', controlId, labelId }) !== null) void submit();
    },
    [edit, submit],
  );

  const skip = useCallback(
    async (reason: string) => {
      const { task, busy } = stateRef.current;
      if (!task || busy) return;
      const taskId = task.view.task.id;
      update({ busy: true });
      try {
        const out = await enqueue(() => call('task:skip', { packId, taskId, reason, activeMs: timer.read() }));
        emitAppEvent('task-skipped', { taskId });
        update({ progress: out.progress });
        lastSubmitted.current = { index: task.index, taskId, history: task.history, skipped: true };
        await goTo(task.index + 1);
      } catch (error) {
        update({ busy: false });
        notifyError(error, 'The task was not skipped');
      }
    },
    [enqueue, goTo, packId, timer, update],
  );

  const flag = useCallback(
    async (comment: string | null) => {
      const { task } = stateRef.current;
      if (!task) return;
      const taskId = task.view.task.id;
      try {
        const out = await enqueue(() => call('task:flag', { packId, taskId, comment }));
        const current = stateRef.current.task;
        update({
          progress: out.progress,
          task: current && current.view.task.id === taskId ? { ...current, flagComment: comment } : current,
        });
        emitAppEvent('task-flagged', { taskId, flagged: comment !== null });
      } catch (error) {
        notifyError(error, 'The flag was not saved');
      }
    },
    [enqueue, packId, update],
  );

  const exportResults = useCallback(async () => {
    try {
      const out = await enqueue(() => call('results:export', { packId }));
      if (!out) return;
      notifyInfo('Results exported', `${out.rows} row${out.rows === 1 ? '' : 's'} written to ${out.path}`);
      emitAppEvent('export-done', { path: out.path, rows: out.rows });
    } catch (error) {
      notifyError(error, 'The results were not exported');
    }
  }, [enqueue, packId]);

  const exportDataset = useCallback(
    async (format: DatasetFormat) => {
      try {
        const out = await enqueue(() => call('dataset:export', { packId, format }));
        if (!out) return;
        const ties = out.skippedTies ? ` (${out.skippedTies} tie${out.skippedTies === 1 ? '' : 's'} make no pair)` : '';
        notifyInfo('Dataset exported', `${out.rows} record${out.rows === 1 ? '' : 's'} written to ${out.path}${ties}`);
        emitAppEvent('dataset-exported', { path: out.path, rows: out.rows, format });
      } catch (error) {
        notifyError(error, 'The dataset was not exported');
      }
    },
    [enqueue, packId],
  );

  /** Undo on the shown task; with nothing to undo there, take back the submit or skip that led here. */
  const undo = useCallback(() => {
    const { task, busy, done, session } = stateRef.current;
    if (busy || !session) return;
    if (task && task.history.past.length > 0) {
      edit({ type: 'undo' });
      return;
    }
    const submitted = lastSubmitted.current;
    const here = done ? session.pack.taskCount : task?.index;
    if (!submitted || here !== submitted.index + 1) return;
    lastSubmitted.current = null;
    // A skip changed no answer: the task comes back as it was left, to be answered after all.
    const history = submitted.skipped ? submitted.history : historyReducer(submitted.history, { type: 'undo' });
    void goTo(submitted.index, { taskId: submitted.taskId, history });
  }, [edit, goTo]);

  const next = useCallback(() => {
    const { task, busy } = stateRef.current;
    if (task && !busy) void goTo(task.index + 1);
  }, [goTo]);

  const previous = useCallback(() => {
    const { task, busy, done, session } = stateRef.current;
    if (busy || !session) return;
    if (done) void goTo(session.pack.taskCount - 1);
    else if (task && task.index > 0) void goTo(task.index - 1);
  }, [goTo]);

  /** Go to any task (the navigator): the same way as next and previous, after every draft already sent. */
  const jumpTo = useCallback(
    (index: number) => {
      if (!stateRef.current.busy) void goTo(index);
    },
    [goTo],
  );

  /** The navigator's pages, in the queue behind the drafts: a list asked for after an edit shows it. */
  const listTasks = useCallback((input: ChannelInput<'tasks:list'>) => enqueue(() => call('tasks:list', input)), [enqueue]);

  const actions = useMemo(
    () => ({ load, edit, undo, submit, pickAndSubmit, skip, flag, exportResults, exportDataset, next, previous, jumpTo, listTasks }),
    [load, edit, undo, submit, pickAndSubmit, skip, flag, exportResults, exportDataset, next, previous, jumpTo, listTasks],
  );
  return { state, actions };
}
