/**
 * The label-config editor: JSON on the left, checked as you type by the same schema the pack
 * reader uses (hotkey clashes, colours, unknown kinds, scales … each problem with its path), and
 * a live preview of the questions on the project's first task on the right. Guidelines below.
 */
import { Alert, Button, Group, List, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { ConversationView } from '../annotate/conversation/ConversationView';
import { QuestionsPanel } from '../annotate/questions/QuestionsPanel';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo } from '../notify';
import { checkConfigText } from './configCheck';
import type { ProjectInfo } from './ProjectView';

export function SetupTab({ info, onSaved }: { info: ProjectInfo; onSaved: () => void }) {
  const [text, setText] = useState(() => JSON.stringify(info.labelConfig, null, 2));
  const [guidelines, setGuidelines] = useState(info.guidelines);
  const { config, problems } = useMemo(() => checkConfigText(text), [text]);
  const save = async () => {
    try {
      await call('project:saveSettings', { projectId: info.summary.id, labelConfig: text, guidelines });
      notifyInfo('Saved', 'New splits use this label config and these guidelines.');
      emitAppEvent('project-saved', {});
      onSaved();
    } catch (error) {
      notifyError(error, 'The settings were not saved');
    }
  };
  const task = info.sampleTask;
  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack gap="xs">
          <Textarea
            label="Label config"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={16}
            maxRows={30}
            spellCheck={false}
            data-testid="config-editor"
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          />
          {problems.length > 0 ? (
            <Alert color="red" title={`${problems.length} problem${problems.length === 1 ? '' : 's'}`} data-testid="config-problems">
              <List size="sm">{problems.slice(0, 20).map((p) => <List.Item key={p}>{p}</List.Item>)}</List>
            </Alert>
          ) : (
            <Text size="sm" c="teal" data-testid="config-ok">The label config is valid.</Text>
          )}
        </Stack>
        <Stack gap="xs">
          <Title order={5}>Preview: what an annotator sees</Title>
          <Paper withBorder p="sm" data-testid="config-preview" style={{ pointerEvents: 'none' }}>
            {task && config ? (
              <Stack gap="sm">
                {config.data === 'conversation' ? (
                  <div style={{ height: 320 }}><ConversationView task={task} /></div>
                ) : task.data.text !== undefined ? (
                  <Text style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>{task.data.text}</Text>
                ) : (
                  <Text size="sm" c="dimmed">Image: {task.data.image?.replace(/^assets\//, '')}</Text>
                )}
                <QuestionsPanel config={config} task={task} answer={[]} keyboard={false} missing={null} onResult={() => {}} onToggle={() => {}} onChoicesKey={() => {}} />
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">Fix the label config to see the preview.</Text>
            )}
          </Paper>
        </Stack>
      </SimpleGrid>
      <Textarea label="Guidelines (Markdown)" value={guidelines} onChange={(e) => setGuidelines(e.currentTarget.value)} autosize minRows={4} maxRows={12} />
      <Group><Button onClick={() => void save()} disabled={!config} data-testid="save-settings">Save</Button></Group>
    </Stack>
  );
}
