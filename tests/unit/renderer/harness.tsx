/**
 * Shared harness for renderer component tests: Mantine in its test mode (no transitions, no
 * portals, so modals render inline and close at once) around the app's keymap, plus fixtures of
 * the contract's shapes. Not a test file itself (no .test suffix).
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { Progress, Session, TaskView } from '../../../shared/contract';
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import type { Task } from '../../../shared/pack/task';
import { KeyboardRoot } from '../../../renderer/src/keys/KeyboardRoot';

export function renderWithApp(ui: ReactElement): RenderResult {
  return render(
    <MantineProvider env="test">
      <Notifications />
      <KeyboardRoot>{ui}</KeyboardRoot>
    </MantineProvider>,
  );
}

export function progress(patch: Partial<Progress> = {}): Progress {
  return { total: 3, submitted: 0, skipped: 0, flagged: 0, drafts: 0, ...patch };
}

export const sentimentConfig: LabelConfig = {
  version: 1,
  data: 'text',
  controls: [
    {
      kind: 'choices',
      id: 'sentiment',
      title: 'Sentiment',
      required: true,
      multiple: false,
      labels: [
        { id: 'pos', name: 'Positive', color: '#22c55e', hotkey: '1' },
        { id: 'neg', name: 'Negative', color: '#ef4444', hotkey: '2' },
      ],
    },
  ],
};

export function session(config: LabelConfig = sentimentConfig, patch: Partial<Session> = {}): Session {
  return {
    pack: {
      packId: 'pack-1',
      kind: 'tasks',
      name: 'Reviews',
      author: { id: 'lead', name: 'Lea' },
      taskCount: 3,
      sourcePath: null,
      importedAt: '2025-01-01T00:00:00Z',
      openedAt: null,
      progress: progress(),
    },
    labelConfig: config,
    guidelines: '# Rules\nBe kind.',
    position: 0,
    ...patch,
  };
}

export function taskView(index: number, patch: Partial<TaskView> = {}, task: Partial<Task> = {}): TaskView {
  return {
    index,
    task: { id: `t${index}`, data: { text: `Text of task ${index}` }, ...task },
    status: 'pending',
    answer: null,
    fromPrediction: false,
    submittedRevision: null,
    activeMs: 0,
    skipReason: null,
    flagComment: null,
    ...patch,
  };
}

export function appEvents(): Array<Record<string, unknown>> {
  return window.__loupeEvents ?? [];
}
