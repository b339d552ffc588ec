/** Agreement per label names the labels as people read them, not by their ids. */
import { describe, expect, it } from 'vitest';
import { agreement, answersByTask } from '../../../electron/core/projects/quality';
import type { ProjectAnswer } from '../../../electron/core/store';
import type { LabelConfig } from '../../../shared/pack/labelConfig';

const config: LabelConfig = {
  version: 1,
  data: 'text',
  controls: [{
    id: 'topics', kind: 'choices', required: true, multiple: true,
    labels: [{ id: 'bill', name: 'Billing', color: '#1971c2' }, { id: 'bug', name: 'Bug report', color: '#e03131' }],
  }],
};

function answer(taskId: string, annotator: string, labels: string[]): ProjectAnswer {
  return {
    taskId, packId: 'p', annotatorId: `local-${annotator}`, annotatorName: annotator, revision: 1, status: 'submitted',
    answer: [{ kind: 'choices', controlId: 'topics', labels }], activeMs: 1000, skipReason: null, submittedAt: '2026-12-01T00:00:00Z',
  };
}

describe('agreement per label', () => {
  it('names labels and label sets by their names', () => {
    const answers = [
      answer('t1', 'ann', ['bill']), answer('t1', 'bob', ['bill']),
      answer('t2', 'ann', ['bill', 'bug']), answer('t2', 'bob', ['bug']),
    ];
    const [topics] = agreement(config, answersByTask(answers), 'nominal', 0.5);
    expect(topics!.perLabel.map((l) => l.label)).toEqual(['Billing', 'Billing + Bug report', 'Bug report']);
    expect(topics!.perLabel.find((l) => l.label === 'Billing')!.agreement).toBe(1);
  });
});
