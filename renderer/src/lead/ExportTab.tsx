/**
 * The dataset: a format (Loupe JSONL, Label Studio, COCO, YOLO, VOC, CoNLL, doccano, Prodigy, CSV,
 * preference pairs …) and which answer is final — the lead's adjudication (the majority where
 * there is none), the majority, one annotator's, or — for the formats that hold several answers per
 * task — everyone's. Written where the lead chooses, streamed; what the format could not carry is
 * shown with the result.
 */
import { Button, Group, Progress, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ALL_ANSWERS_FORMATS, PROJECT_EXPORT_FORMATS, type FinalChoice, type ProjectExportFormat } from '../../../shared/projectContract';
import { call, onEvent } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo, notifyWarning } from '../notify';
import type { ProjectInfo } from './ProjectView';

export function ExportTab({ info }: { info: ProjectInfo }) {
  const [format, setFormat] = useState<ProjectExportFormat>('jsonl');
  const [final, setFinal] = useState('adjudicated');
  const [annotator, setAnnotator] = useState('');
  const [labelAs, setLabelAs] = useState<'id' | 'name'>('id');
  const [columns, setColumns] = useState<'read' | '4' | '2'>('read');
  const textFormat = format === 'conll' || format === 'doccano' || format === 'prodigy';
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => onEvent('work:progress', (p) => p.label === 'export' && setProgress({ done: p.done, total: p.total })), []);
  const holdsAll = (ALL_ANSWERS_FORMATS as readonly string[]).includes(format);
  // Everyone's answers only where the format holds them; another format falls back to the default.
  const effective = final === 'all' && !holdsAll ? 'adjudicated' : final;
  const choice: FinalChoice = effective === 'annotator' ? { annotator } : (effective as 'adjudicated' | 'majority' | 'all');
  const run = async () => {
    setBusy(true);
    setProgress(null);
    try {
      const out = await call('project:export', {
        projectId: info.summary.id, format, final: choice,
        ...(textFormat ? { labelAs } : {}), ...(format === 'conll' && columns !== 'read' ? { conllColumns: Number(columns) as 2 | 4 } : {}),
      });
      if (!out) return;
      notifyInfo('Dataset exported', `${out.rows} records written to ${out.path}`);
      if (out.warnings.length > 0) notifyWarning('What the format could not carry', out.warnings.join('\n'));
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
        data={[{ value: 'adjudicated', label: 'Adjudicated (majority where not decided)' }, { value: 'majority', label: 'Majority vote' }, { value: 'annotator', label: 'One annotator’s' }, ...(holdsAll ? [{ value: 'all', label: 'Everyone’s (each annotator’s latest answer)' }] : [])]}
        value={effective}
        onChange={(v) => v && setFinal(v)}
        allowDeselect={false}
        data-testid="export-final"
      />
      {final === 'annotator' && <TextInput label="Annotator id" value={annotator} onChange={(e) => setAnnotator(e.currentTarget.value)} placeholder="as shown in Overview" />}
      {textFormat && (
        <Group>
          <Select label="Labels written as" data={[{ value: 'id', label: 'ids' }, { value: 'name', label: 'names' }]} value={labelAs} onChange={(v) => v && setLabelAs(v as 'id' | 'name')} allowDeselect={false} w={180} />
          {format === 'conll' && <Select label="Columns" data={[{ value: 'read', label: 'As the file was read' }, { value: '4', label: '4 (CoNLL-2003)' }, { value: '2', label: '2 (token, tag)' }]} value={columns} onChange={(v) => v && setColumns(v as 'read' | '4' | '2')} allowDeselect={false} w={200} />}
        </Group>
      )}
      <Text size="xs" c="dimmed">Image formats copy each image under its own file name; COCO category ids start at 1.</Text>
      <Group><Button onClick={() => void run()} loading={busy} data-testid="run-export">Export…</Button></Group>
      {progress && progress.total > 0 && (
        <Stack gap={2} data-testid="export-progress">
          <Progress value={(100 * progress.done) / progress.total} aria-label="Export progress" aria-valuetext={`${progress.done} of ${progress.total} tasks`} />
          <Text size="xs" c="dimmed">{progress.done.toLocaleString()} of {progress.total.toLocaleString()} tasks</Text>
        </Stack>
      )}
    </Stack>
  );
}
