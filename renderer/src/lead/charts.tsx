/**
 * Bar charts for the lead's views (recharts), in the theme's colours so they read in light and
 * dark. Small on purpose: a chart per question a lead asks (who is how far, how fast, how good).
 */
import { Box, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Series {
  key: string;
  name: string;
  color: string;
}

export function Bars({ title, data, x, series, stacked, height = 220, testId, percent }: {
  title: string;
  data: Array<Record<string, string | number | null>>;
  x: string;
  series: Series[];
  stacked?: boolean;
  height?: number;
  testId: string;
  percent?: boolean;
}) {
  return (
    <Box data-testid={testId}>
      <Text size="sm" fw={600} mb={4}>{title}</Text>
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer>
          <BarChart data={data} margin={{ top: 4, right: 8, left: 0, bottom: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
            <XAxis dataKey={x} tick={{ fill: 'var(--mantine-color-text)', fontSize: 12 }} />
            <YAxis tick={{ fill: 'var(--mantine-color-text)', fontSize: 12 }} domain={percent ? [0, 1] : undefined} tickFormatter={percent ? (v: number) => `${Math.round(v * 100)}%` : undefined} />
            <Tooltip contentStyle={{ background: 'var(--mantine-color-body)', border: '1px solid var(--mantine-color-default-border)' }} />
            {series.length > 1 && <Legend />}
            {series.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} stackId={stacked ? 'stack' : undefined} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </Box>
  );
}
