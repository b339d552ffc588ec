/**
 * The dataset: a format, by name, among those that can hold this project's answers (the others
 * are named with the reason), and which answer is final — the lead's adjudication (the majority
 * where there is none), the majority, one annotator's, or — for the formats that hold several
 * answers per task — everyone's. "Check" runs the export without saving (how many records, what
 * the format cannot carry, or why it would be refused); only then does "Save…" ask where.
 */
import { Alert, Button, Group, List, Progress, Select, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { ALL_ANSWERS_FORMATS, PROJECT_EXPORT_FORMATS, type FinalChoice, type ProjectExportFormat } from '../../../shared/projectContract';
import { PROJECT_EXPORT_NEEDS, projectExportFormatsFor } from '../../../shared/projectExportFormats';
import { plural } from '../../../shared/wording';
import { call, onEvent } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo, notifyWarning } from '../notify';
import type { ProjectInfo } from './ProjectView';

type Check = ChannelOutput<'project:checkExport'>;

export function ExportTab({ info }: { info: ProjectInfo }) {
  const formats = useMemo(() => projectExportFormatsFor(info.labelConfig), [info.labelConfig]);
  const [format, setFormat] = useState<ProjectExportFormat>(formats[0] ?? 'jsonl');
  const [final, setFinal] = useState('adjudicated');
  const [annotator, setAnnotator] = useState<string | null>(null);
  const [annotators, setAnnotators] = useState<Array<{ id: string; name: string }>>([]);
  const [labelAs, setLabelAs] = useState<'id' | 'name'>('id');
  const [columns, setColumns] = useState<'read' | '4' | '2'>('read');
  const [checked, setChecked] = useState<{ key: string; out: Check } | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  useEffect(() => onEvent('work:progress', (p) => p.label === 'export' && setProgress({ done: p.done, total: p.total })), []);
  useEffect(() => {
    call('project:status', { projectId: info.summary.id }).then((s) => setAnnotators(s.annotators), (error) => notifyError(error, 'Could not list the annotators'));
  }, [info.summary.id]);
  const textFormat = format === 'conll' || format === 'doccano' || format === 'prodigy';
  const holdsAll = (ALL_ANSWERS_FORMATS as readonly string[]).includes(format);
  // Everyone's answers only where the format holds them; another format falls back to the default.
  const effective = final === 'all' && !holdsAll ? 'adjudicated' : final;
  const choice: FinalChoice | null = effective === 'annotator' ? (annotator ? { annotator } : null) : (effective as 'adjudicated' | 'majority' | 'all');
  const request = choice && {
    projectId: info.summary.id, format, final: choice,
    ...(textFormat ? { labelAs } : {}), ...(format === 'conll' && columns !== 'read' ? { conllColumns: Number(columns) as 2 | 4 } : {}),
  };
  const requestKey = JSON.stringify(request);
  // A checked result stands for the settings it was checked with only.
  const check = checked?.key === requestKey ? checked.out : null;
  const unavailable = PROJECT_EXPORT_FORMATS.filter((f) => !formats.includes(f));

  const runCheck = async () => {
    if (!request) return;
    setBusy(true);
    try {
      const out = await call('project:checkExport', request);
      setChecked({ key: requestKey, out });
      emitAppEvent('export-checked', { rows: out.rows, refused: out.refusal !== null });
    } catch (error) {
      notifyError(error, 'The export could not be checked');
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    if (!request) return;
    setBusy(true);
    setProgress(null);
    try {
      const out = await call('project:export', request);
      if (!out) return;
      notifyInfo('Dataset exported', `${plural(out.rows, 'record')} written to ${out.path}`);
      if (out.warnings.length > 0) notifyWarning('What the format could not carry', out.warnings.join('\n'));
      emitAppEvent('project-exported', { path: out.path, rows: out.rows, format });
    } catch (error) {
      notifyError(error, 'The dataset was not exported');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack maw={620}>
      <Select label="Format" data={formats.map((f) => ({ value: f, label: PROJECT_EXPORT_NEEDS[f].title }))} value={format} onChange={(v) => v && setFormat(v as ProjectExportFormat)} allowDeselect={false} data-testid="export-format" />
      {unavailable.length > 0 && (
        <Text size="xs" c="dimmed" data-testid="export-unavailable">
          Not offered, as they cannot hold this label config’s answers: {unavailable.map((f) => PROJECT_EXPORT_NEEDS[f].title).join(', ')}.
        </Text>
      )}
      <Select
        label="Final answer"
        data={[{ value: 'adjudicated', label: 'Adjudicated (majority where not decided)' }, { value: 'majority', label: 'Majority vote' }, { value: 'annotator', label: 'One annotator’s' }, ...(holdsAll ? [{ value: 'all', label: 'Everyone’s (each annotator’s latest answer)' }] : [])]}
        value={effective}
        onChange={(v) => v && setFinal(v)}
        allowDeselect={false}
        data-testid="export-final"
      />
      {effective === 'annotator' && (
        <Select label="Annotator" placeholder={annotators.length === 0 ? 'No annotator has answered yet' : 'Whose answers'} data={annotators.map((a) => ({ value: a.id, label: a.name === a.id ? a.id : `${a.name} (${a.id})` }))} value={annotator} onChange={setAnnotator} data-testid="export-annotator" />
      )}
      {textFormat && (
        <Group>
          <Select label="Labels written as" data={[{ value: 'id', label: 'ids' }, { value: 'name', label: 'names' }]} value={labelAs} onChange={(v) => v && setLabelAs(v as 'id' | 'name')} allowDeselect={false} w={180} />
          {format === 'conll' && <Select label="Columns" data={[{ value: 'read', label: 'As the file was read' }, { value: '4', label: '4 (CoNLL-2003)' }, { value: '2', label: '2 (token, tag)' }]} value={columns} onChange={(v) => v && setColumns(v as 'read' | '4' | '2')} allowDeselect={false} w={200} />}
        </Group>
      )}
      {info.labelConfig.data === 'image' && <Text size="xs" c="dimmed">Image formats copy each image under its own file name; COCO category ids start at 1.</Text>}
      <Group>
        <Button variant="default" onClick={() => void runCheck()} loading={busy && !check} disabled={!request} data-testid="check-export">Check</Button>
        <Button onClick={() => void save()} loading={busy && check !== null} disabled={!check || check.refusal !== null} data-testid="run-export">Save…</Button>
        {!check && <Text size="sm" c="dimmed">Check what would be written, then choose where to save it.</Text>}
      </Group>
      {check && (check.refusal ? (
        <Alert color="red" title="This export would be refused" data-testid="export-check">{check.refusal}</Alert>
      ) : (
        <Alert color={check.warnings.length > 0 ? 'yellow' : 'teal'} title={`Would write ${plural(check.rows, 'record')}`} data-testid="export-check">
          {check.warnings.length === 0 ? 'Nothing is lost in this format.' : <List size="sm">{check.warnings.map((w) => <List.Item key={w}>{w}</List.Item>)}</List>}
        </Alert>
      ))}
      {progress && progress.total > 0 && (
        <Stack gap={2} data-testid="export-progress">
          <Progress value={(100 * progress.done) / progress.total} aria-label="Export progress" aria-valuetext={`${progress.done} of ${progress.total} tasks`} />
          <Text size="xs" c="dimmed">{progress.done.toLocaleString()} of {progress.total.toLocaleString()} tasks</Text>
        </Stack>
      )}
    </Stack>
  );
}
