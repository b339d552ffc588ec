// @vitest-environment happy-dom
/**
 * The annotator's "Your work" panel from a fixed dashboard: the headline figures (with "—" and a
 * hint where there is nothing to measure yet), the top reasons, and a fixed item showing the
 * reason, comment, excerpt and both answers in words. Charts are not asserted: recharts'
 * ResponsiveContainer has no size to measure in happy-dom.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Dashboard } from '../../../renderer/src/home/Dashboard';
import { dashboardSchema, type Dashboard as DashboardData } from '../../../shared/reviewContract';
import { renderWithApp, sentimentConfig } from './harness';

afterEach(cleanup);

const days = Array.from({ length: 14 }, (_, i) => ({ date: `2025-03-${String(i + 1).padStart(2, '0')}`, tasks: i === 13 ? 4 : 0, activeMs: i === 13 ? 900_000 : 0 }));

const data: DashboardData = dashboardSchema.parse({
  name: 'Ada',
  days,
  tasksDone: 42,
  activeHours: 3.25,
  earnings: [
    { currency: 'EUR', amount: 13, hourly: 8.2 },
    { currency: 'GBP', amount: 0, hourly: null },
  ],
  goldAccuracy: 0.875,
  goldItems: 8,
  acceptance: 0.9,
  reviewed: 20,
  acceptanceByWeek: [{ week: '2025-W10', rate: 0.5, reviewed: 2 }, { week: '2025-W11', rate: 1, reviewed: 18 }],
  topReasons: [{ reason: 'Wrong label', count: 2 }],
  feedback: [
    {
      taskId: 't7', packName: 'Reviews', excerpt: 'The soup was cold and late.', verdict: 'fix', reason: 'Wrong label', comment: 'Cold soup is a complaint.',
      answer: [{ kind: 'choices', controlId: 'sentiment', labels: ['pos'] }],
      fixedAnswer: [{ kind: 'choices', controlId: 'sentiment', labels: ['neg'] }],
      reviewedAt: '2025-03-12T10:00:00Z', labelConfig: sentimentConfig,
    },
    {
      taskId: 't9', packName: 'Reviews', excerpt: 'Fine.', verdict: 'reject', reason: null, comment: null,
      answer: null, fixedAnswer: null, reviewedAt: '2025-03-11T10:00:00Z', labelConfig: null,
    },
  ],
});

const empty: DashboardData = {
  ...data, tasksDone: 0, activeHours: 0, earnings: [], goldAccuracy: null, goldItems: 0, acceptance: null, reviewed: 0,
  acceptanceByWeek: [], topReasons: [], feedback: [],
};

describe('Dashboard', () => {
  it('shows the headline figures', () => {
    renderWithApp(<Dashboard data={data} />);
    expect(screen.getByTestId('dashboard')).toBeTruthy();
    expect(screen.getByTestId('dashboard-tasks').textContent).toContain('42');
    expect(screen.getByTestId('dashboard-tasks').textContent).toContain('4 in the last 14 days');
    expect(screen.getByTestId('dashboard-hours').textContent).toContain('3.3 h');
    const rate = screen.getByTestId('dashboard-rate').textContent;
    expect(rate).toContain('8.20 EUR/h');
    expect(rate).toContain('— GBP/h');
    expect(rate).toContain('earned 13.00 EUR + 0.00 GBP');
    expect(screen.getByTestId('dashboard-gold').textContent).toContain('88%');
    expect(screen.getByTestId('dashboard-gold').textContent).toContain('on 8 gold tasks');
    expect(screen.getByTestId('dashboard-acceptance').textContent).toContain('90%');
    expect(screen.getByTestId('dashboard-acceptance').textContent).toContain('of 20 reviewed');
    expect(screen.getByTestId('dashboard-reasons').textContent).toContain('Wrong label2');
  });

  it('shows a fixed item with both answers in words, and a bare rejection without them', () => {
    renderWithApp(<Dashboard data={data} />);
    const fixed = within(screen.getByTestId('feedback-item-t7'));
    expect(fixed.getByText('Fixed')).toBeTruthy();
    expect(fixed.getByText('Wrong label')).toBeTruthy();
    expect(fixed.getByText('Cold soup is a complaint.')).toBeTruthy();
    expect(fixed.getByText('The soup was cold and late.')).toBeTruthy();
    const text = screen.getByTestId('feedback-item-t7').textContent ?? '';
    expect(text).toMatch(/Your answer\s*Sentiment:\s*Positive/);
    expect(text).toMatch(/Corrected answer\s*Sentiment:\s*Negative/);

    const rejected = screen.getByTestId('feedback-item-t9');
    expect(within(rejected).getByText('Rejected')).toBeTruthy();
    expect(rejected.textContent).not.toContain('Your answer');
  });

  it('shows "—" and a hint where there is nothing to measure yet', () => {
    renderWithApp(<Dashboard data={empty} />);
    expect(screen.getByTestId('dashboard-tasks').textContent).toContain('0');
    expect(screen.getByTestId('dashboard-rate').textContent).toContain('—');
    expect(screen.getByTestId('dashboard-rate').textContent).toContain('no pay terms');
    expect(screen.getByTestId('dashboard-gold').textContent).toContain('—');
    expect(screen.getByTestId('dashboard-gold').textContent).toContain('no gold feedback yet');
    expect(screen.getByTestId('dashboard-acceptance').textContent).toContain('—');
    expect(screen.getByTestId('dashboard-acceptance').textContent).toContain('no feedback yet');
    expect(screen.getByText('No rejections or fixes from your reviewers.')).toBeTruthy();
    expect(screen.queryByTestId(/^feedback-item-/)).toBeNull();
  });
});
