/**
 * Fixing an annotation with the annotator's own tools: the editor (spans, regions) where the
 * config has one, the question cards for the rest, starting from the annotation under review.
 * Enter (or Mod+Enter from a text field) saves the fixed version as the verdict; Ctrl+Z undoes.
 */
import { Alert, Box, Button, Group } from '@mantine/core';
import { useState } from 'react';
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer, ControlResult, Task } from '../../../shared/pack/task';
import { EDITORS, editorControl } from '../annotate/editors';
import { historyReducer, startHistory } from '../annotate/history';
import { QuestionsPanel } from '../annotate/questions/QuestionsPanel';
import { useCommandHandlers } from '../keys/commands';

export function FixPanel({ packId, task, config, initial, onSave, onCancel, title = 'Fixing the annotation', saveLabel = 'Accept fixed version (Enter)' }: {
  packId: string;
  task: Task;
  config: LabelConfig;
  initial: Answer;
  onSave: (answer: Answer) => void;
  onCancel: () => void;
  title?: string;
  saveLabel?: string;
}) {
  const [history, setHistory] = useState(() => startHistory(initial));
  const edit = (result: ControlResult, typing?: string) => setHistory((h) => historyReducer(h, { type: 'setResult', result, ...(typing ? { typing } : {}) }));
  const editor = editorControl(config.controls);
  const Editor = editor ? EDITORS[editor.kind] : undefined;
  // The labeling context's keys mean the same here: Enter saves the fix, Ctrl+Z / Ctrl+Shift+Z undo and redo.
  useCommandHandlers(
    {
      'task:submit': () => onSave(history.present),
      'edit:undo': () => setHistory((h) => historyReducer(h, { type: 'undo' })),
      'edit:redo': () => setHistory((h) => historyReducer(h, { type: 'redo' })),
    },
    { context: 'labeling' },
  );
  return (
    <Box data-testid="fix-panel">
      <Alert color="orange" variant="light" p="xs" mb="xs" title={title}>Correct it with the annotator’s tools, then press Enter to save it.</Alert>
      {Editor && editor && (
        <Box h={420} style={{ display: 'flex', flexDirection: 'column' }}>
          <Editor packId={packId} task={task} control={editor} value={history.present.find((r) => r.controlId === editor.id)} proposals={[]} onChange={(r: ControlResult) => edit(r)} />
        </Box>
      )}
      <QuestionsPanel config={config} task={task} answer={history.present} keyboard={!editor} missing={null} onResult={edit}
        onToggle={(control, labelId) => setHistory((h) => historyReducer(h, { type: 'toggleLabel', controlId: control.id, labelId, multiple: control.multiple }))}
        onChoicesKey={(control, labelId) => setHistory((h) => historyReducer(h, control.multiple ? { type: 'toggleLabel', controlId: control.id, labelId, multiple: true } : { type: 'setLabel', controlId: control.id, labelId }))}
      />
      <Group mt="sm">
        <Button color="orange" onClick={() => onSave(history.present)} data-testid="fix-save">{saveLabel}</Button>
        <Button variant="default" onClick={onCancel} data-testid="fix-cancel">Cancel</Button>
      </Group>
    </Box>
  );
}
