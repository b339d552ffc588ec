/**
 * The lead's projects on the home screen: each with its size and packs, and "New project…" to
 * make one from raw data or another tool's export.
 */
import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ProjectSummary } from '../../../shared/projectContract';
import { plural } from '../../../shared/wording';
import { call } from '../api';
import { notifyError } from '../notify';
import { NewProjectModal } from './NewProjectModal';

export function ProjectsSection({ onOpen }: { onOpen: (projectId: string) => void }) {
  const [projects, setProjects] = useState<ProjectSummary[] | null>(null);
  const [creating, setCreating] = useState(false);
  useEffect(() => {
    call('project:list', {}).then(setProjects, (error) => notifyError(error, 'Could not list the projects'));
  }, []);
  return (
    <section data-testid="projects">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Projects</Title>
        <Button variant="light" onClick={() => setCreating(true)} data-testid="new-project">New project…</Button>
      </Group>
      {projects && projects.length === 0 && <Text size="sm" c="dimmed">No projects yet: make one from a JSONL, CSV or image folder, or from a Label Studio, COCO, YOLO, VOC, CoNLL, doccano or Prodigy export.</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {projects?.map((p) => (
          <Card key={p.id} withBorder padding="sm">
            <Group justify="space-between" wrap="nowrap">
              <Stack gap={2} miw={0}>
                <Text fw={600} lineClamp={1}>{p.name}</Text>
                <Text size="xs" c="dimmed">{plural(p.tasks, 'task')}{p.gold > 0 ? ` · ${p.gold} of them gold` : ''} · {plural(p.packs, 'pack')}</Text>
              </Stack>
              <Button variant="light" onClick={() => onOpen(p.id)} data-testid={`open-project-${p.id}`}>Open</Button>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      <NewProjectModal opened={creating} onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); onOpen(id); }} />
    </section>
  );
}
