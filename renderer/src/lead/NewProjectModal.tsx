/**
 * A new project: a name, where the tasks come from (a file or a folder, chosen in the main
 * process's dialog), its format, what to do with annotations that came with it, and — for Loupe's
 * own sources, which carry none — a label config (from a file, a sample, or typed; NewProjectConfig)
 * and their gold in a `gold` field per task. Guidelines from a file or typed, for any format. For
 * image formats the images may sit in another folder; a Label Studio export names its labels in a
 * separate config file. What the import had to repair or leave out is shown with the result.
 */
import { Button, Code, Group, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { describeCreated, SOURCE_FORMATS, type AnnotationUse, type SourceFormat } from '../../../shared/projectContract';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo, notifyWarning } from '../notify';
import { checkConfigText } from './configCheck';
import { ConfigSource, GuidelinesSource, type SampleConfig } from './NewProjectConfig';

const FORMAT_NAMES: Record<SourceFormat, string> = {
  loupe: 'Loupe: JSONL, CSV, or a folder of images or texts',
  'label-studio': 'Label Studio JSON export',
  coco: 'COCO (boxes, polygons)',
  yolo: 'YOLO folder (classes.txt, labels/, images/), or its data.yaml',
  voc: 'Pascal VOC folder, or one XML file',
  conll: 'CoNLL-2003 / IOB',
  doccano: 'doccano JSONL',
  prodigy: 'Prodigy JSONL',
  labelme: 'labelme JSON (a folder of them, or one file)',
  preference: 'Preference data (TRL, HH-RLHF, UltraFeedback, LLaMA-Factory … JSONL)',
};
/** Formats read from a folder first; those in EITHER_FORMATS also take a single file (or the other way round). */
const FOLDER_FORMATS = new Set<SourceFormat>(['yolo', 'voc', 'labelme']);
const EITHER_FORMATS = new Set<SourceFormat>(['loupe', 'yolo', 'voc', 'labelme']);
/** Formats whose files name images that may be in a folder of their own. */
const IMAGE_FOLDER_FORMATS = new Set<SourceFormat>(['label-studio', 'coco', 'voc', 'labelme']);

const EXAMPLE_CONFIG = JSON.stringify(
  { version: 1, data: 'text', controls: [{ id: 'label', kind: 'choices', labels: [{ id: 'yes', name: 'Yes', color: '#2f9e44', hotkey: '1' }, { id: 'no', name: 'No', color: '#e03131', hotkey: '2' }] }] },
  null,
  2,
);

export function NewProjectModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (projectId: string) => void }) {
  const [name, setName] = useState('');
  const [format, setFormat] = useState<SourceFormat>('loupe');
  const [sourcePath, setSourcePath] = useState<string | null>(null);
  const [annotationsAs, setAnnotationsAs] = useState<AnnotationUse>('predictions');
  const [imagesDir, setImagesDir] = useState<string | null>(null);
  const [lsConfig, setLsConfig] = useState<string | null>(null);
  const [config, setConfig] = useState(EXAMPLE_CONFIG);
  const [guidelines, setGuidelines] = useState('');
  const [guidelinesFrom, setGuidelinesFrom] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const configValid = useMemo(() => checkConfigText(config).config !== null, [config]);
  const takeSample = (sample: SampleConfig) => {
    setGuidelines(sample.guidelines);
    setGuidelinesFrom(`the sample “${sample.name}”`);
  };

  const choose = async (folder: boolean, set: (path: string) => void = setSourcePath) => {
    try {
      const path = await call('project:chooseSource', { folder });
      if (path) set(path);
    } catch (error) {
      notifyError(error, 'Could not choose the source');
    }
  };
  const create = async () => {
    if (!sourcePath) return;
    setBusy(true);
    try {
      const out = await call('project:create', {
        name, sourcePath, format, annotationsAs, guidelines, ...(format === 'loupe' ? { labelConfig: config } : {}),
        ...(imagesDir && IMAGE_FOLDER_FORMATS.has(format) ? { imagesDir } : {}),
        ...(lsConfig && format === 'label-studio' ? { labelStudioConfig: lsConfig } : {}),
      });
      notifyInfo('Project created', describeCreated(out));
      if (out.warnings.length > 0) notifyWarning('What the import changed or left out', out.warnings.join('\n'));
      emitAppEvent('project-created', out);
      onCreated(out.projectId);
    } catch (error) {
      notifyError(error, 'The project was not created');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="New project" size="lg">
      <Stack gap="sm" data-testid="new-project-form">
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} data-autofocus data-testid="project-name" required />
        <Select label="Format" data={SOURCE_FORMATS.map((f) => ({ value: f, label: FORMAT_NAMES[f] }))} value={format} onChange={(v) => v && setFormat(v as SourceFormat)} allowDeselect={false} data-testid="project-format" />
        <Group gap="xs">
          <Button variant="default" onClick={() => void choose(FOLDER_FORMATS.has(format))} data-testid="choose-source">
            {FOLDER_FORMATS.has(format) ? 'Choose folder…' : 'Choose file…'}
          </Button>
          {EITHER_FORMATS.has(format) && (
            <Button variant="subtle" onClick={() => void choose(!FOLDER_FORMATS.has(format))} data-testid="choose-source-other">
              {FOLDER_FORMATS.has(format) ? 'or a file…' : 'or a folder…'}
            </Button>
          )}
          <Text size="sm" c={sourcePath ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }} data-testid="source-path">{sourcePath ?? 'nothing chosen'}</Text>
        </Group>
        {IMAGE_FOLDER_FORMATS.has(format) && (
          <Group gap="xs">
            <Button variant="default" onClick={() => void choose(true, setImagesDir)} data-testid="choose-images">Images folder…</Button>
            <Text size="sm" c={imagesDir ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>{imagesDir ?? 'beside the file (optional)'}</Text>
          </Group>
        )}
        {format === 'label-studio' && (
          <Group gap="xs">
            <Button variant="default" onClick={() => void choose(false, setLsConfig)} data-testid="choose-ls-config">Labeling config…</Button>
            <Text size="sm" c={lsConfig ? undefined : 'dimmed'} style={{ overflowWrap: 'anywhere' }}>{lsConfig ?? 'the project’s XML config (optional: gives label names and data keys)'}</Text>
          </Group>
        )}
        {format === 'loupe' ? (
          <>
            <Text size="xs" c="dimmed" data-testid="gold-hint">
              Gold: a record’s <Code>gold</Code> field, an answer such as <Code>{'[{"kind":"choices","controlId":"label","labels":["yes"]}]'}</Code>, makes that task gold.
            </Text>
            <ConfigSource config={config} onConfig={setConfig} onSample={takeSample} />
          </>
        ) : (
          <Radio.Group label="Annotations in the file" value={annotationsAs} onChange={(v) => setAnnotationsAs(v as typeof annotationsAs)}>
            <Stack gap={4} mt={4}>
              <Radio value="predictions" label="Pre-annotations: annotators check and correct them" />
              <Radio value="gold" label="Gold: mixed into packs unseen, used to score annotators" />
              <Radio value="answers" label="Answers: each person’s answers (and skips) kept as theirs, for agreement, review and export" />
              <Radio value="ignore" label="Ignore them" />
            </Stack>
          </Radio.Group>
        )}
        <GuidelinesSource guidelines={guidelines} from={guidelinesFrom} onGuidelines={(text, from) => { setGuidelines(text); setGuidelinesFrom(from); }} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={() => void create()} loading={busy} disabled={!name.trim() || !sourcePath || (format === 'loupe' && !configValid)} data-testid="create-project">Create project</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
