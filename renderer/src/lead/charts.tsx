/**
 * Bar charts for the lead's views (recharts), in the theme's colours so they read in light and
 * dark. Small on purpose: a chart per question a lead asks (who is how far, how fast, how good).
 *
 * Numbers are written on the bars, so a lead reads values without hovering; a count axis has whole
 * ticks only; and a category with no data (an accuracy nobody has earned yet, `null`) is named so
 * on its axis label, never drawn as if it were 0.
 */
import { Box, Text } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Series {
  key: string;
  name: string;
  color: string;
}

type Row = Record<string, string | number | null>;

const asPercent = (v: number) => `${Math.round(v * 100)}%`;

export function Bars({ title, data, x, series, stacked, height = 220, testId, percent, counts }: {
  title: string;
  data: Row[];
  x: string;
  series: Series[];
  stacked?: boolean;
  height?: number;
  testId: string;
  /** Values are shares (0–1), shown as percentages on a 0–100 % axis. */
  percent?: boolean;
  /** Values are counts: whole-number ticks only. */
  counts?: boolean;
}) {
  const rows = data.map((row) => (series.every((s) => row[s.key] === null || row[s.key] === undefined) ? { ...row, [x]: `${String(row[x])} (no data)` } : row));
  // A stacked segment of 0 says nothing; a single bar of 0 is a value worth reading.
  const label = (value: unknown) => {
    if (typeof value !== 'number') return '';
    if (stacked && value === 0) return '';
    return percent ? asPercent(value) : value.toLocaleString();
  };
  return (
    <Box data-testid={testId}>
      <Text size="sm" fw={600} mb={4}>{title}</Text>
      <div style={{ width: '100%', height }}>
        <ResponsiveContainer>
          <BarChart data={rows} margin={{ top: 16, right: 8, left: 0, bottom: 4 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
            <XAxis dataKey={x} tick={{ fill: 'var(--mantine-color-text)', fontSize: 12 }} interval={0} />
            <YAxis
              tick={{ fill: 'var(--mantine-color-text)', fontSize: 12 }}
              domain={percent ? [0, 1] : undefined}
              tickFormatter={percent ? asPercent : undefined}
              allowDecimals={!counts}
            />
            <Tooltip contentStyle={{ background: 'var(--mantine-color-body)', border: '1px solid var(--mantine-color-default-border)' }} formatter={percent ? (v) => (typeof v === 'number' ? asPercent(v) : 'no data') : undefined} />
            {series.length > 1 && <Legend />}
            {series.map((s) => (
              // A 0 keeps a sliver of a bar, so its label (and the difference from "no data") shows.
              <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} stackId={stacked ? 'stack' : undefined} minPointSize={stacked ? 0 : 2} isAnimationActive={false}>
                {/* Inside a stacked bar the number sits on the bar's own (light, mid-tone) colour in either theme: black reads on all of them. */}
                <LabelList dataKey={s.key} position={stacked ? 'center' : 'top'} formatter={label} fill={stacked ? '#000' : 'var(--mantine-color-text)'} fontSize={11} />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </Box>
  );
}
