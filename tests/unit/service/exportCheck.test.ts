/**
 * Export, checked before a file is chosen: the formats a label config allows (by name), and
 * project:checkExport's dry run — records and warnings as the export will give them, or the
 * refusal — without asking where to save or leaving a file. project:export refuses a format that
 * cannot hold the answers before it opens a dialog.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportMismatch, projectExportFormatsFor } from '../../../shared/projectExportFormats';
import { sentimentConfig, tempDir } from '../helpers/fixtures';
import { startCore, type Harness } from './coreHarness';

describe('the formats a project can export to', () => {
  it('offers text formats to text classification and refuses image formats with the reason', () => {
    const formats = projectExportFormatsFor(sentimentConfig);
    expect(formats).toEqual(expect.arrayContaining(['jsonl', 'csv', 'label-studio', 'doccano', 'prodigy']));
    expect(formats).not.toContain('coco');
    expect(formats).not.toContain('conll');
    expect(formats).not.toContain('rubric-csv');
    expect(exportMismatch('coco', sentimentConfig)).toBe('COCO (JSON) describes image tasks, and these are text');
    expect(exportMismatch('conll', sentimentConfig)).toBe('CoNLL / IOB needs a spans question, and this label config has choices');
  });
});

describe('project:checkExport', () => {
  let h: Harness;
  afterEach(async () => h?.core.close());

  it('says what an export would write, or why it is refused, and writes nothing', async () => {
    h = await startCore();
    await h.call('profile:save', { name: 'Lea Lead', role: 'lead' });
    const source = join(tempDir(), 'tasks.jsonl');
    writeFileSync(source, ['a', 'b', 'c'].map((id) => JSON.stringify({ id, text: `Review ${id}` })).join('\n'));
    const { projectId } = await h.call('project:create', { name: 'Reviews', sourcePath: source, format: 'loupe', labelConfig: JSON.stringify(sentimentConfig), annotationsAs: 'predictions' });

    const ok = await h.call('project:checkExport', { projectId, format: 'csv', final: 'adjudicated' });
    expect(ok).toMatchObject({ rows: 3, refusal: null });
    expect(ok.warnings.join(' ')).toMatch(/no task of project "Reviews" has a final answer yet/);
    expect(await h.call('project:checkExport', { projectId, format: 'coco', final: 'adjudicated' })).toEqual({ rows: 0, warnings: [], refusal: 'COCO (JSON) describes image tasks, and these are text' });
    expect((await h.call('project:checkExport', { projectId, format: 'csv', final: 'all' })).refusal).toMatch(/--final all writes every annotator's answer/);
    expect(readdirSync(h.exportDir)).toEqual([]);

    await expect(h.call('project:export', { projectId, format: 'coco', final: 'adjudicated' })).rejects.toThrow(/COCO \(JSON\) describes image tasks/);
    expect(readdirSync(h.exportDir)).toEqual([]);
  });
});
