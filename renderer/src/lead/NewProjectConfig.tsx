/**
 * Where a new project's label config and guidelines come from: a file the lead already has (read
 * by the main process), a sample pack's config to start from (its guidelines come with it), or
 * typed in the editor, which checks the config as it changes whichever way it was filled.
 */
import { Alert, Button, Group, List, Select, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { plural } from '../../../shared/wording';
import { call } from '../api';
import { notifyError } from '../notify';
import { checkConfigText } from './configCheck';

type Sample = ChannelOutput<'project:sampleConfigs'>[number];

const monospace = { input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } };

/** Loads a text file through the main process's dialog; `onLoaded` gets its path and text. */
async function chooseText(purpose: 'labelConfig' | 'guidelines', onLoaded: (path: string, text: string) => void) {
  try {
    const file = await call('project:chooseTextFile', { purpose });
    if (file) onLoaded(file.path, file.text);
  } catch (error) {
    notifyError(error, purpose === 'labelConfig' ? 'The label config was not loaded' : 'The guidelines were not loaded');
  }
}

export type { Sample as SampleConfig };

export function ConfigSource({ config, onConfig, onSample }: { config: string; onConfig: (text: string) => void; onSample: (sample: Sample) => void }) {
  const [samples, setSamples] = useState<Sample[]>([]);
  const [from, setFrom] = useState<string | null>(null);
  const [sample, setSample] = useState<string | null>(null);
  useEffect(() => {
    call('project:sampleConfigs', {}).then(setSamples, (error) => notifyError(error, 'Could not list the sample configs'));
  }, []);
  const { problems } = useMemo(() => checkConfigText(config), [config]);
  const pickSample = (id: string | null) => {
    setSample(id);
    const chosen = samples.find((s) => s.id === id);
    if (!chosen) return;
    onConfig(chosen.labelConfig);
    onSample(chosen);
    setFrom(`the sample “${chosen.name}”`);
  };
  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>Label config</Text>
      <Group gap="xs" align="flex-end">
        <Button variant="default" onClick={() => void chooseText('labelConfig', (path, text) => { onConfig(text); setFrom(path); setSample(null); })} data-testid="load-config">Load from a file…</Button>
        <Select
          aria-label="Start from a sample config"
          placeholder="or start from a sample…"
          data={samples.map((s) => ({ value: s.id, label: `${s.name} (${s.kinds})` }))}
          value={sample}
          onChange={pickSample}
          w={320}
          data-testid="sample-config"
        />
      </Group>
      <Textarea
        aria-label="Label config (JSON)"
        description={from ? `From ${from}; edit it here, or later in the project's Setup.` : 'Type or paste it here, or edit it later in the project’s Setup, with a preview.'}
        value={config}
        onChange={(e) => { onConfig(e.currentTarget.value); setFrom(null); setSample(null); }}
        autosize minRows={5} maxRows={12} spellCheck={false} styles={monospace}
        data-testid="new-config-editor"
      />
      {problems.length > 0 ? (
        <Alert color="red" title={plural(problems.length, 'problem')} data-testid="new-config-problems">
          <List size="sm">{problems.slice(0, 8).map((p) => <List.Item key={p}>{p}</List.Item>)}</List>
        </Alert>
      ) : (
        <Text size="sm" c="teal" data-testid="new-config-ok">The label config is valid.</Text>
      )}
    </Stack>
  );
}

export function GuidelinesSource({ guidelines, from, onGuidelines }: { guidelines: string; from: string | null; onGuidelines: (text: string, from: string | null) => void }) {
  return (
    <Stack gap={6}>
      <Group gap="xs" justify="space-between">
        <Text size="sm" fw={500}>Guidelines</Text>
        <Button variant="default" size="xs" onClick={() => void chooseText('guidelines', (path, text) => onGuidelines(text, path))} data-testid="load-guidelines">Load from a file…</Button>
      </Group>
      <Textarea
        aria-label="Guidelines (Markdown)"
        description={from ? `From ${from}.` : 'Markdown; annotators read them with F1. Optional.'}
        value={guidelines}
        onChange={(e) => onGuidelines(e.currentTarget.value, null)}
        autosize minRows={2} maxRows={8}
        data-testid="new-guidelines"
      />
    </Stack>
  );
}
