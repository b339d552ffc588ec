/**
 * One project, for its lead: Overview (progress, time, flags; bring results back), Setup (label
 * config and guidelines, with a preview), Split (who gets what, then the packs), Quality (gold
 * accuracy and agreement), Adjudicate (disagreements side by side), Review (QA samples, verdicts,
 * feedback), Export (datasets).
 */
import { Box, Button, Group, Loader, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import { plural } from '../../../shared/wording';
import { call } from '../api';
import { useCommandHandlers } from '../keys/commands';
import { notifyError } from '../notify';
import { AdjudicateTab } from './AdjudicateTab';
import { ExportTab } from './ExportTab';
import { OverviewTab } from './OverviewTab';
import { QualityTab } from './QualityTab';
import { ReviewTab } from './ReviewTab';
import { SetupTab } from './SetupTab';
import { SplitTab } from './SplitTab';

export type ProjectInfo = ChannelOutput<'project:get'>;

export function ProjectView({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const [info, setInfo] = useState<ProjectInfo | null>(null);
  const [tab, setTab] = useState<string | null>('overview');
  const reload = useCallback(() => {
    call('project:get', { projectId }).then(setInfo, (error) => notifyError(error, 'Could not open the project'));
  }, [projectId]);
  useEffect(reload, [reload]);
  useCommandHandlers({ 'file:close': onClose }, { context: 'labeling' });
  if (!info) return <Group justify="center" mt="xl"><Loader aria-label="Opening the project" /></Group>;
  return (
    <Box p="md" data-testid="project-view">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={1} size="h3">{info.summary.name}</Title>
          <Text size="xs" c="dimmed">{plural(info.summary.tasks, 'task')}{info.summary.gold > 0 ? ` · ${info.summary.gold} of them gold` : ' · no gold'} · {plural(info.summary.packs, 'pack')} · from {info.summary.source}</Text>
        </div>
        <Button variant="default" onClick={onClose}>Close</Button>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview" data-testid="tab-overview">Overview</Tabs.Tab>
          <Tabs.Tab value="setup" data-testid="tab-setup">Setup</Tabs.Tab>
          <Tabs.Tab value="split" data-testid="tab-split">Split</Tabs.Tab>
          <Tabs.Tab value="quality" data-testid="tab-quality">Quality</Tabs.Tab>
          <Tabs.Tab value="adjudicate" data-testid="tab-adjudicate">Adjudicate</Tabs.Tab>
          <Tabs.Tab value="review" data-testid="tab-review">Review</Tabs.Tab>
          <Tabs.Tab value="export" data-testid="tab-export">Export</Tabs.Tab>
        </Tabs.List>
        <Box pt="md">
          <Tabs.Panel value="overview"><OverviewTab projectId={projectId} /></Tabs.Panel>
          <Tabs.Panel value="setup"><SetupTab info={info} onSaved={reload} /></Tabs.Panel>
          <Tabs.Panel value="split"><SplitTab info={info} onSplit={reload} /></Tabs.Panel>
          <Tabs.Panel value="quality"><QualityTab info={info} /></Tabs.Panel>
          <Tabs.Panel value="adjudicate"><AdjudicateTab info={info} /></Tabs.Panel>
          <Tabs.Panel value="review"><ReviewTab projectId={projectId} /></Tabs.Panel>
          <Tabs.Panel value="export"><ExportTab info={info} /></Tabs.Panel>
        </Box>
      </Tabs>
    </Box>
  );
}
