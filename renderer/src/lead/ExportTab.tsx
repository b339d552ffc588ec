/**
 * The dataset: a format (Loupe JSONL, Label Studio, COCO, YOLO, VOC, CoNLL, doccano, Prodigy, CSV,
 * preference pairs …) and which answer is final — the lead's adjudication (the majority where
 * there is none), the majority, or one annotator's. Written where the lead chooses, streamed.
 */
import { Button, Group, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { PROJECT_EXPORT_FORMATS, type FinalChoice, type ProjectExportFormat } from '../../../shared/projectContract';
import { call, onEvent } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo } from '../notify';
import type { ProjectInfo } from './ProjectView';

export function ExportTab({ info }: { info: ProjectInfo }) {
  const [format, setFormat] = useState<ProjectExportFormat>('jsonl');
  const [final, setFinal] = useState('adjudicated');
  const [annotator, setAnnotator] = useState('');
  const [labelAs, setLabelAs] = useState<'id' | 'name'>('id');
  const [columns, setColumns] = useState<'4' | '2'>('4');
  const textFormat = format === 'conll' || format === 'doccano' || format === 'prodigy';
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => onEvent('work:progress', (p) => p.label === 'export' && setProgress({ done: p.done, total: p.total })), []);
  const choice: FinalChoice = final === 'annotator' ? { annotator } : (final as 'adjudicated' | 'majority');
  const run = async () => {
    setBusy(true);
    setProgress(null);
    try {
      const out = await call('project:export', {
        projectId: info.summary.id, format, final: choice,
        ...(textFormat ? { labelAs } : {}), ...(format === 'conll' ? { conllColumns: Number(columns) as 2 | 4 } : {}),
      });
      if (!out) return;
      notifyInfo('Dataset exported', `${out.rows} records written to ${out.path}`);
      emitAppEvent('project-exported', { path: out.path, rows: out.rows, format });
    } catch (error) {
      notifyError(error, 'The dataset was not exported');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack maw={520}>
      <Select label="Format" data={[...PROJECT_EXPORT_FORMATS]} value={format} onChange={(v) => v && setFormat(v as ProjectExportFormat)} allowDeselect={false} data-testid="export-format" />
      <Select
        label="Final answer"
        data={[{ value: 'adjudicated', label: 'Adjudicated (majority where not decided)' }, { value: 'majority', label: 'Majority vote' }, { value: 'annotator', label: 'One annotator’s' }]}
        value={final}
        onChange={(v) => v && setFinal(v)}
        allowDeselect={false}
        data-testid="export-final"
      />
      {final === 'annotator' && <TextInput label="Annotator id" value={annotator} onChange={(e) => setAnnotator(e.currentTarget.value)} placeholder="as shown in Overview" />}
      {textFormat && (
        <Group>
          <Select label="Labels written as" data={[{ value: 'id', label: 'ids' }, { value: 'name', label: 'names' }]} value={labelAs} onChange={(v) => v && setLabelAs(v as 'id' | 'name')} allowDeselect={false} w={180} />
          {format === 'conll' && <Select label="Columns" data={[{ value: '4', label: '4 (CoNLL-2003)' }, { value: '2', label: '2 (token, tag)' }]} value={columns} onChange={(v) => v && setColumns(v as '4' | '2')} allowDeselect={false} w={180} />}
        </Group>
      )}
      <Text size="xs" c="dimmed">Image formats copy each image under its own file name; COCO category ids start at 1.</Text>
      <Group><Button onClick={() => void run()} loading={busy} data-testid="run-export">Export…</Button></Group>
      {progress && progress.total > 0 && (
        <Stack gap={2} data-testid="export-progress">
          <Progress value={(100 * progress.done) / progress.total} />
          <Text size="xs" c="dimmed">{progress.done.toLocaleString()} of {progress.total.toLocaleString()} tasks</Text>
        </Stack>
      )}
    </Stack>
  );
}
