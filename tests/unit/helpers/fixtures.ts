/**
 * Small, deterministic packs for store and service tests, built in memory.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import type { Manifest } from '../../../shared/pack/manifest';
import type { Task } from '../../../shared/pack/task';
import type { TaskPackInput } from '../../../electron/core/store';

export const sentimentConfig: LabelConfig = {
  version: 1,
  data: 'text',
  controls: [
    {
      id: 'sentiment',
      kind: 'choices',
      required: true,
      multiple: false,
      labels: [
        { id: 'pos', name: 'Positive', color: '#2f9e44', hotkey: '1' },
        { id: 'neg', name: 'Negative', color: '#e03131', hotkey: '2' },
      ],
    },
  ],
};

export function textTasks(count: number, prefix = 't'): Task[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i + 1}`, data: { text: `Task number ${i + 1}: some text to label.` } }));
}

export function taskPackInput(tasks: Task[], packId = 'pack-test', config: LabelConfig = sentimentConfig): TaskPackInput {
  const manifest: Manifest = {
    format: 'loupe-pack',
    formatVersion: 1,
    packId,
    kind: 'tasks',
    name: `Test pack ${packId}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    author: { id: 'lead', name: 'Lead' },
    labelConfig: config,
    taskCount: tasks.length,
    files: { 'tasks.jsonl': { sha256: '0'.repeat(64), bytes: 0 } },
  };
  return { manifest, packHash: `${packId}-hash`.padEnd(64, '0'), tasks, guidelines: '# Guidelines', assets: new Map(), sourcePath: null };
}

export function tempDir(label = 'loupe-test-'): string {
  return mkdtempSync(join(tmpdir(), label));
}
