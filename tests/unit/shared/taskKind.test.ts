/**
 * The task kind Home shows on each sample, from its label config: every shipped sample gets the
 * words a person would use, and free text beside another question does not change the kind.
 */
import { describe, expect, it } from 'vitest';
import { listSamples } from '../../../electron/core/service/packOpening';
import { taskKindOf } from '../../../shared/pack/taskKind';
import { sentimentConfig } from '../helpers/fixtures';
import { SAMPLES_DIR } from '../service/coreHarness';

describe('taskKindOf', () => {
  it('names the kind of every shipped sample', async () => {
    const kinds = Object.fromEntries((await listSamples(SAMPLES_DIR)).map((s) => [s.id, s.taskKind]));
    expect(kinds).toEqual({
      'compare-answers': 'Pairwise preference',
      entities: 'Text spans and relations',
      'fix-answers': 'Rewriting a response',
      'follow-instructions': 'Instruction checklist + Response classification',
      objects: 'Image boxes',
      outlines: 'Image polygons',
      'rank-answers': 'Ranking responses',
      'rate-answers': 'Rubric rating',
      reviews: 'Text classification',
      'safety-review': 'Safety review + Response classification',
      shapes: 'Image classification',
      tickets: 'Text classification (multi-label)',
    });
  });

  it('names free text only when it is all the pack asks', () => {
    const note = { kind: 'textarea' as const, id: 'note', required: false, placeholder: undefined };
    expect(taskKindOf({ ...sentimentConfig, controls: [...sentimentConfig.controls, note] as never })).toBe('Text classification');
    expect(taskKindOf({ ...sentimentConfig, controls: [note] as never })).toBe('Free text');
  });
});
