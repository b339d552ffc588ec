/**
 * "Your work": the annotator's private panel on Home — how much they did, what it earned per hour
 * of active time, how reviewers and gold judged it, and the rejections and fixes to learn from.
 * Everything comes from this workstation (me:dashboard); nothing here is sent anywhere.
 */
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Dashboard as DashboardData } from '../../../shared/reviewContract';
import { Bars } from '../lead/charts';
import { FeedbackList } from './FeedbackList';

const percent = (rate: number) => `${Math.round(rate * 100)}%`;
const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

function hours(value: number): string {
  // Under ten hours the decimal still tells something; beyond, it is noise.
  return value < 10 ? value.toFixed(1) : String(Math.round(value));
}

function Figure({ label, testId, children, hint }: { label: string; testId: string; children: ReactNode; hint: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{label}</Text>
      <Text size="xl" fw={700} component="div">{children}</Text>
      <Text size="xs" c="dimmed">{hint}</Text>
    </Paper>
  );
}

function Rates({ earnings }: { earnings: DashboardData['earnings'] }) {
  if (earnings.length === 0) return <Figure label="Effective hourly rate" testId="dashboard-rate" hint="no pay terms in your packs">—</Figure>;
  return (
    <Figure
      label="Effective hourly rate"
      testId="dashboard-rate"
      hint={`earned ${earnings.map((e) => money(e.amount, e.currency)).join(' + ')}`}
    >
      {earnings.map((e) => (
        <div key={e.currency}>{e.hourly === null ? `— ${e.currency}/h` : `${money(e.hourly, e.currency)}/h`}</div>
      ))}
    </Figure>
  );
}

function TopReasons({ reasons }: { reasons: DashboardData['topReasons'] }) {
  return (
    <div data-testid="dashboard-reasons">
      <Text size="sm" fw={600} mb={4}>Top rejection reasons</Text>
      {reasons.length === 0 ? (
        <Text size="sm" c="dimmed">No reasons given yet.</Text>
      ) : (
        <Stack gap={4}>
          {reasons.map((r) => (
            <Group key={r.reason} justify="space-between" wrap="nowrap">
              <Text size="sm">{r.reason}</Text>
              <Badge variant="light" color="gray">{r.count}</Badge>
            </Group>
          ))}
        </Stack>
      )}
    </div>
  );
}

export function Dashboard({ data }: { data: DashboardData }) {
  const recentTasks = data.days.reduce((sum, d) => sum + d.tasks, 0);
  return (
    <Stack gap="md" data-testid="dashboard">
      <div>
        <Title order={4}>Your work</Title>
        <Text size="xs" c="dimmed">Only on this computer — nobody else sees this panel.</Text>
      </div>

      <SimpleGrid cols={{ base: 2, sm: 3, md: 5 }} spacing="sm">
        <Figure label="Tasks done" testId="dashboard-tasks" hint={`${recentTasks} in the last ${data.days.length} days`}>
          {data.tasksDone}
        </Figure>
        <Figure label="Active hours" testId="dashboard-hours" hint="time on task, submitted or skipped">
          {hours(data.activeHours)} h
        </Figure>
        <Rates earnings={data.earnings} />
        <Figure
          label="Gold accuracy"
          testId="dashboard-gold"
          hint={data.goldAccuracy === null ? 'no gold feedback yet' : `on ${data.goldItems} gold task${data.goldItems === 1 ? '' : 's'}`}
        >
          {data.goldAccuracy === null ? '—' : percent(data.goldAccuracy)}
        </Figure>
        <Figure
          label="Acceptance"
          testId="dashboard-acceptance"
          hint={data.acceptance === null ? 'no feedback yet' : `of ${data.reviewed} reviewed`}
        >
          {data.acceptance === null ? '—' : percent(data.acceptance)}
        </Figure>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Bars
          title="Tasks per day"
          testId="dashboard-chart-days"
          height={180}
          // MM-DD keeps fourteen labels legible; the year is the current one.
          data={data.days.map((d) => ({ day: d.date.slice(5), tasks: d.tasks }))}
          x="day"
          series={[{ key: 'tasks', name: 'Tasks', color: 'var(--mantine-color-blue-6)' }]}
        />
        {data.acceptanceByWeek.length > 0 ? (
          <Bars
            title="Acceptance per week"
            testId="dashboard-chart-acceptance"
            height={180}
            percent
            data={data.acceptanceByWeek.map((w) => ({ week: w.week, acceptance: w.rate }))}
            x="week"
            series={[{ key: 'acceptance', name: 'Accepted', color: 'var(--mantine-color-teal-6)' }]}
          />
        ) : (
          <div>
            <Text size="sm" fw={600} mb={4}>Acceptance per week</Text>
            <Text size="sm" c="dimmed">No feedback yet: it appears once a lead sends your reviews back.</Text>
          </div>
        )}
      </SimpleGrid>

      <TopReasons reasons={data.topReasons} />

      <section>
        <Text size="sm" fw={600} mb={4}>Feedback on your answers</Text>
        <FeedbackList items={data.feedback} />
      </section>
    </Stack>
  );
}
