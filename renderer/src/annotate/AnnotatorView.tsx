/**
 * The annotator: one task at a time, keys first. Owns the view's key layer (context 'labeling',
 * the pack's label keys, and a handler for every labeling command), the modals, and the layout:
 * header, task text (scrolls on its own), the questions below it, guidelines to the right.
 */
import { Alert, Box, Button, Center, Group, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommandId, KeyContext } from '../../../shared/keymap';
import type { ChoicesControl, Control, LabelConfig } from '../../../shared/pack/labelConfig';
import type { ControlResult, Prediction, Task } from '../../../shared/pack/task';
import { emitAppEvent } from '../appEvents';
import { notifyInfo } from '../notify';
import { CheatSheet } from '../keys/CheatSheet';
import { scrollPane, scrollTask } from '../keys/scrollPanes';
import { useCommandHandlers } from '../keys/commands';
import type { CommandHandlers } from '../keys/registry';
import { AllDone } from './AllDone';
import { nothingHereToggled } from './answer';
import { ExportDatasetModal } from './ExportDatasetModal';
import { ConversationView } from './conversation/ConversationView';
import { QuestionsPanel } from './questions/QuestionsPanel';
import { EDITORS, editorControl } from './editors';
import { GuidelinesPanel } from './GuidelinesPanel';
import { activeChoicesControl, editorLabelKeyHelp, labelBindings, labelKeyHelp, labelKeyMode } from './labelKeys';
import { ReasonModal } from './ReasonModal';
import { TaskNavigator } from './TaskNavigator';
import { CommandButton, TaskHeader } from './TaskHeader';
import { PredictionNote, TaskContent } from './TaskContent';
import { useAnnotator } from './useAnnotator';

type OpenModal = 'skip' | 'flag' | 'cheatsheet' | 'export' | 'navigator' | null;

/** The task's predictions for one control, as the proposals an editor offers. */
function proposalsFor(task: Task, controlId: string): Array<{ prediction: Prediction; result: ControlResult }> {
  return (task.predictions ?? []).flatMap((prediction) =>
    prediction.result.filter((r) => r.controlId === controlId).map((result) => ({ prediction, result })),
  );
}

function editorContext(control: Control): KeyContext {
  return control.kind === 'spans' ? 'spans' : 'regions';
}

/** Whether the question keys (Tab between questions, rows, answer keys) belong in the cheat sheet. */
function asksQuestions(config: LabelConfig): boolean {
  return config.controls.length > 1 || config.controls.some((c) => c.kind !== 'choices');
}

/** One reading column for the text and the questions, so the eye drops straight from one to the other. */
const COLUMN = 820;
/** The questions column beside a conversation: a five-point scale, and the action bar, on one line each. */
const QUESTIONS_WIDTH = 510;

const saysNothingHere = (result: ControlResult | undefined): boolean => !!result && 'none' in result && result.none === true;

export function AnnotatorView({ packId, onClose }: { packId: string; onClose: () => void }) {
  const { state, actions } = useAnnotator(packId);
  const { session, task, progress, done } = state;
  const [guidelinesOpen, setGuidelinesOpen] = useState(false);
  const [modal, setModal] = useState<OpenModal>(null);

  useEffect(() => {
    void actions.load();
  }, [actions]);

  const shownView = task?.view;
  useEffect(() => {
    if (shownView) emitAppEvent('task-shown', { index: shownView.index, taskId: shownView.task.id });
  }, [shownView]);

  const config = session?.labelConfig ?? null;
  const active = useMemo(() => (config ? activeChoicesControl(config) : null), [config]);
  const editor = useMemo(() => (config ? editorControl(config.controls) : null), [config]);

  const toggle = (control: ChoicesControl, labelId: string) =>
    actions.edit({ type: 'toggleLabel', controlId: control.id, labelId, multiple: control.multiple });

  /** A label key of a choices question: pick and submit, toggle, or pick (labelKeys.ts says which). */
  const choicesKey = useCallback(
    (control: ChoicesControl, labelId: string) => {
      if (!config) return;
      const mode = labelKeyMode(config, control);
      if (mode === 'submit') actions.pickAndSubmit(control.id, labelId);
      else if (mode === 'toggle') actions.edit({ type: 'toggleLabel', controlId: control.id, labelId, multiple: true });
      else actions.edit({ type: 'setLabel', controlId: control.id, labelId });
    },
    [config, actions],
  );

  // With an editor on screen its layer owns the keys, and the first choices question answers to
  // its label keys from here; otherwise the questions panel gives keys to the focused question.
  const labelKeys = useMemo(() => {
    const keys = new Map<string, () => void>();
    if (!active) return keys;
    for (const { key, label } of labelBindings(active)) keys.set(key, () => choicesKey(active, label.id));
    return keys;
  }, [active, choicesKey]);

  const handlers: CommandHandlers = {
    'task:submit': () => void actions.submit(),
    'task:next': actions.next,
    'task:previous': actions.previous,
    'task:skip': () => task && setModal('skip'),
    'task:flag': () => task && setModal('flag'),
    'task:navigator': () => session && setModal('navigator'),
    'task:clear': () => actions.edit({ type: 'clear' }),
    'task:nothingHere': () => {
      if (!task || !editor) return;
      const result = nothingHereToggled(editor, task.history.present.find((r) => r.controlId === editor.id));
      if (result) actions.edit({ type: 'setResult', result });
      else notifyInfo('This task has marks', 'Delete them first to say there is nothing to mark here.');
    },
    'edit:undo': actions.undo,
    'edit:redo': () => actions.edit({ type: 'redo' }),
    'view:guidelines': () => setGuidelinesOpen((open) => !open),
    'view:scrollDown': () => scrollTask('lineDown'),
    'view:scrollUp': () => scrollTask('lineUp'),
    'view:pageDown': () => scrollTask('pageDown'),
    'view:pageUp': () => scrollTask('pageUp'),
    'view:scrollTop': () => scrollTask('top'),
    'view:scrollBottom': () => scrollTask('bottom'),
    'help:cheatsheet': () => setModal('cheatsheet'),
    'file:export': () => void actions.exportResults(),
    'file:exportDataset': () => session && setModal('export'),
    'file:close': onClose,
  };
  useCommandHandlers(handlers, { context: 'labeling', labelKeys });
  const runCommand = (id: CommandId) => handlers[id]?.();
  const Editor = editor ? EDITORS[editor.kind] : undefined;

  if (state.loadError) {
    return (
      <Center h="100vh" p="xl">
        <Alert color="red" title="Could not open this pack" maw={640}>
          <Stack>
            {state.loadError}
            <Button variant="default" onClick={onClose}>Back to home</Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
  if (!session) {
    return <Center h="100vh"><Loader aria-label="Opening the pack" /></Center>;
  }

  const total = session.pack.taskCount;
  const position = done ? `All ${total} tasks seen` : task ? `Task ${task.index + 1} of ${total}` : 'Loading…';

  return (
    <Box h="100vh" style={{ display: 'flex', flexDirection: 'column' }}>
      <TaskHeader
        packName={session.pack.name}
        position={position}
        progress={progress}
        status={task?.status ?? null}
        flagged={task?.flagComment != null}
        onCommand={runCommand}
      />
      <Box style={{ flex: 1, display: 'flex', minHeight: 0 }}>
        <Box component="main" style={{ flex: 1, display: 'flex', flexDirection: 'column', minWidth: 0 }}>
          {done && progress ? (
            <AllDone progress={progress} onExport={() => void actions.exportResults()} onHome={onClose} />
          ) : task ? (
            (() => {
              const flagged = task.flagComment != null && (
                <Alert color="red" variant="light" p="xs" title="Flagged">{task.flagComment || 'No comment'}</Alert>
              );
              // Beside a conversation the bar lives in the questions column (510 px): the arrows alone
              // stand for Previous and Next there, and Flag's long chord moves to its tooltip.
              const narrowBar = session.labelConfig.data === 'conversation';
              const questions = (
                <>
                  <QuestionsPanel
                    key={task.view.task.id}
                    config={session.labelConfig}
                    task={task.view.task}
                    answer={task.history.present}
                    keyboard={!editor}
                    missing={state.missing}
                    onResult={(result, typing) => actions.edit({ type: 'setResult', result, typing })}
                    onToggle={toggle}
                    onChoicesKey={choicesKey}
                  />
                  {/*
                    Short labels keep the bar on one row at 1024 px (the full titles are in each tooltip and
                    the cheat sheet), and it sticks to the bottom of the scrolling questions: Submit is never
                    below the fold, however many questions there are.
                  */}
                  <Box mt="md" py={6} style={{ position: 'sticky', bottom: 0, zIndex: 1, background: 'var(--mantine-color-body)' }}>
                  {/* What a refused submit lacks, said where the eye is (not in a toast over the questions). */}
                  {state.missing && (
                    <Text size="sm" c="red" mb={6} role="alert" data-testid="submit-missing">Not submitted yet: {state.missing.message}.</Text>
                  )}
                  <Group gap="xs" wrap="nowrap" data-testid="action-bar">
                    <CommandButton id="task:submit" label="Submit" onClick={() => runCommand('task:submit')} />
                    <CommandButton id="task:skip" label="Skip…" onClick={() => runCommand('task:skip')} />
                    {editor && <CommandButton id="task:nothingHere" label="Nothing here" onClick={() => runCommand('task:nothingHere')} />}
                    <CommandButton id="task:flag" label="Flag…" keyFrom={narrowBar ? 'never' : undefined} onClick={() => runCommand('task:flag')} />
                    <CommandButton id="task:previous" label="Previous" keyOnly={narrowBar} onClick={() => runCommand('task:previous')} />
                    <CommandButton id="task:next" label="Next" keyOnly={narrowBar} onClick={() => runCommand('task:next')} />
                  </Group>
                  </Box>
                </>
              );
              if (session.labelConfig.data === 'conversation') {
                // AI evaluation: the conversation fills the left, the questions a column on the right,
                // each scrolling on its own, so the response being judged stays in view while answering.
                return (
                  <Box style={{ flex: 1, display: 'flex', minHeight: 0 }}>
                    <Box p="md" style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', gap: 8 }}>
                      {flagged}
                      <ConversationView task={task.view.task} />
                    </Box>
                    <Box p="md" data-testid="questions-column" {...scrollPane('secondary')} style={{ width: QUESTIONS_WIDTH, flexShrink: 0, overflowY: 'auto', borderLeft: '1px solid var(--mantine-color-default-border)' }}>
                      {questions}
                    </Box>
                  </Box>
                );
              }
              return (
                <>
                  {Editor && editor ? (
                    <Box style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
                      {flagged && <Box m="xs">{flagged}</Box>}
                      {saysNothingHere(task.history.present.find((r) => r.controlId === editor.id)) && (
                        <Alert m="xs" p="xs" variant="light" color="gray" data-testid="nothing-here">
                          <Group gap="xs" justify="space-between">Answered: nothing to mark in this task.<CommandButton id="task:nothingHere" label="Take back" onClick={() => runCommand('task:nothingHere')} /></Group>
                        </Alert>
                      )}
                      <Editor
                        key={task.view.task.id}
                        packId={packId}
                        task={task.view.task}
                        control={editor}
                        value={task.history.present.find((r) => r.controlId === editor.id)}
                        proposals={proposalsFor(task.view.task, editor.id)}
                        onChange={(result: ControlResult) => actions.edit({ type: 'setResult', result })}
                      />
                    </Box>
                  ) : (
                    <ScrollArea style={{ flex: 1 }} p="lg" viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': 'Task', ...scrollPane('primary') }}>
                      <Stack gap="xs" maw={COLUMN} mx="auto">
                        {task.fromPrediction && task.prediction && <PredictionNote prediction={task.prediction} />}
                        {flagged}
                        <TaskContent packId={packId} task={task.view.task} dataKind={session.labelConfig.data} />
                      </Stack>
                    </ScrollArea>
                  )}
                  <Box p="md" {...scrollPane('secondary')} style={{ borderTop: '1px solid var(--mantine-color-default-border)', maxHeight: '45%', overflowY: 'auto' }}>
                    <Box maw={COLUMN} mx="auto">{questions}</Box>
                  </Box>
                </>
              );
            })()
          ) : (
            <Center style={{ flex: 1 }}><Loader aria-label="Loading the task" /></Center>
          )}
        </Box>
        {guidelinesOpen && <GuidelinesPanel markdown={session.guidelines} />}
      </Box>
      <ReasonModal
        opened={modal === 'skip'}
        title="Skip this task"
        label="Why are you skipping it?"
        testId="skip-reason"
        initial={task?.view.skipReason ?? ''}
        choices={session.labelConfig.skipReasons}
        required
        confirmLabel="Skip"
        onConfirm={(reason) => {
          setModal(null);
          void actions.skip(reason);
        }}
        onClose={() => setModal(null)}
      />
      <ReasonModal
        opened={modal === 'flag'}
        title={task?.flagComment != null ? 'Change the flag' : 'Flag this task'}
        label="What should the lead look at?"
        testId="flag-comment"
        initial={task?.flagComment ?? ''}
        required={false}
        confirmLabel="Flag"
        onConfirm={(comment) => {
          setModal(null);
          void actions.flag(comment);
        }}
        onClose={() => setModal(null)}
        extra={task?.flagComment != null ? { label: 'Remove flag', onClick: () => { setModal(null); void actions.flag(null); } } : undefined}
      />
      <ExportDatasetModal
        opened={modal === 'export'}
        config={session.labelConfig}
        onPick={(format) => {
          setModal(null);
          void actions.exportDataset(format);
        }}
        onClose={() => setModal(null)}
      />
      <TaskNavigator
        opened={modal === 'navigator'}
        packId={packId}
        taskCount={session.pack.taskCount}
        currentIndex={done ? null : (task?.index ?? null)}
        listTasks={actions.listTasks}
        onClose={() => setModal(null)}
        onJump={(index) => {
          setModal(null);
          actions.jumpTo(index);
        }}
      />
      <CheatSheet
        opened={modal === 'cheatsheet'}
        onClose={() => setModal(null)}
        labels={editor ? editorLabelKeyHelp(editor) : config ? labelKeyHelp(config) : null}
        context={editor ? editorContext(editor) : config && asksQuestions(config) ? 'questions' : 'labeling'}
      />
    </Box>
  );
}
