/**
 * The annotator's own dashboard figures: the 14-day window (zero days included, UTC dates),
 * totals, earnings per currency under per-task and per-hour terms, the effective hourly rate,
 * gold accuracy, acceptance (a fix is not an acceptance) per ISO week, top reasons, and the
 * feedback list. Every output goes through the contract's schema. Figures worked out beside each case.
 */
import { describe, expect, it } from 'vitest';
import { dashboardStats, isoWeek, type FeedbackRow, type PackTerms, type WorkRow } from '../../../shared/dashboardStats';
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer } from '../../../shared/pack/task';
import { dashboardSchema } from '../../../shared/reviewContract';

const sentimentConfig: LabelConfig = {
  version: 1,
  data: 'text',
  controls: [
    {
      kind: 'choices', id: 'sentiment', title: 'Sentiment', required: true, multiple: false,
      labels: [{ id: 'pos', name: 'Positive', color: '#22c55e' }, { id: 'neg', name: 'Negative', color: '#ef4444' }],
    },
  ],
};

const now = new Date('2025-03-14T10:00:00Z');
const stats = (...args: Parameters<typeof dashboardStats>) => dashboardSchema.parse(dashboardStats(...args));

const work = (packId: string, taskId: string, submittedAt: string, activeMs: number, status: WorkRow['status'] = 'submitted'): WorkRow => ({
  packId, taskId, status, activeMs, submittedAt,
});

const rows: WorkRow[] = [
  work('p-task', 't1', '2025-03-14T09:00:00Z', 600_000),
  // 23:30 at UTC−2 is 01:30 UTC the next day: the day is the UTC one.
  work('p-task', 't2', '2025-03-12T23:30:00-02:00', 1_200_000),
  work('p-task', 't3', '2025-03-14T08:00:00Z', 300_000, 'skipped'),
  work('p-hour', 't1', '2025-03-10T12:00:00Z', 1_800_000),
  work('p-hour', 't2', '2025-01-01T00:00:00Z', 1_800_000),
  // The window's first day, and the second just before it.
  work('p-hour2', 't1', '2025-03-01T00:00:00Z', 3_600_000),
  work('p-free', 't1', '2025-02-28T23:59:59Z', 900_000),
];

const packs: PackTerms[] = [
  { packId: 'p-task', name: 'Reviews', pay: { per: 'task', amount: 0.5, currency: 'EUR' } },
  { packId: 'p-hour', name: 'Chats', pay: { per: 'hour', amount: 20, currency: 'USD' } },
  { packId: 'p-hour2', name: 'Images', pay: { per: 'hour', amount: 12, currency: 'EUR' } },
  { packId: 'p-free', name: 'Volunteer', pay: null },
  { packId: 'p-unopened', name: 'Later', pay: { per: 'task', amount: 1, currency: 'GBP' } },
];

const pos: Answer = [{ kind: 'choices', controlId: 'sentiment', labels: ['pos'] }];
const neg: Answer = [{ kind: 'choices', controlId: 'sentiment', labels: ['neg'] }];

function verdict(taskId: string, v: FeedbackRow['verdict'], reviewedAt: string, patch: Partial<FeedbackRow> = {}): FeedbackRow {
  return {
    packId: 'p-task', packName: 'Reviews', taskId, excerpt: `Text of ${taskId}`, verdict: v, reason: null, comment: null,
    answer: pos, fixedAnswer: null, gold: null, reviewedAt, labelConfig: sentimentConfig, ...patch,
  };
}

const feedback: FeedbackRow[] = [
  verdict('f1', 'accept', '2025-03-03T10:00:00Z', { gold: { correct: true } }),
  verdict('f2', 'fix', '2025-03-04T10:00:00Z', { reason: 'wrong-label', reasonName: 'Wrong label', gold: { correct: false }, fixedAnswer: neg, comment: 'It is negative' }),
  // 11:00 at UTC+2 is 09:00 UTC: older than f4 although its text sorts after it.
  verdict('f3', 'reject', '2025-03-12T11:00:00+02:00', { reason: 'missed-item', reasonName: null }),
  verdict('f4', 'reject', '2025-03-12T10:00:00Z', { reason: 'wrong-label', reasonName: 'Wrong label' }),
  verdict('f5', 'accept', '2025-03-12T11:00:00Z'),
  // Monday 30 Dec 2024 is in ISO week 1 of 2025; Sunday 29 Dec still in 2024's week 52.
  verdict('f6', 'accept', '2024-12-30T10:00:00Z'),
  verdict('f7', 'accept', '2024-12-29T10:00:00Z'),
];

describe('dashboardStats', () => {
  const d = stats('Ada', rows, packs, feedback, now);

  it('lists the last 14 UTC days, oldest first, zero days included', () => {
    expect(d.days).toHaveLength(14);
    expect(d.days[0]?.date).toBe('2025-03-01');
    expect(d.days.at(-1)?.date).toBe('2025-03-14');
    const byDate = Object.fromEntries(d.days.map((day) => [day.date, day]));
    expect(byDate['2025-03-01']).toEqual({ date: '2025-03-01', tasks: 1, activeMs: 3_600_000 });
    expect(byDate['2025-03-10']).toEqual({ date: '2025-03-10', tasks: 1, activeMs: 1_800_000 });
    expect(byDate['2025-03-12']).toEqual({ date: '2025-03-12', tasks: 0, activeMs: 0 });
    expect(byDate['2025-03-13']).toEqual({ date: '2025-03-13', tasks: 1, activeMs: 1_200_000 });
    // t1 submitted (600 s) and t3 skipped (300 s): one task, both times.
    expect(byDate['2025-03-14']).toEqual({ date: '2025-03-14', tasks: 1, activeMs: 900_000 });
    expect(d.days.filter((day) => day.tasks === 0)).toHaveLength(10);
  });

  it('counts submitted tasks and all active time, all-time', () => {
    expect(d.tasksDone).toBe(6);
    // 0.6 + 1.2 + 0.3 + 1.8 + 1.8 + 3.6 + 0.9 = 10.2 million ms.
    expect(d.activeHours).toBeCloseTo(10.2 / 3.6, 10);
  });

  it('adds up earnings per currency under per-task and per-hour terms', () => {
    expect(d.earnings.map((e) => e.currency)).toEqual(['EUR', 'GBP', 'USD']);
    const [eur, gbp, usd] = d.earnings;
    // EUR: 2 submitted × 0.5 (the skipped task earns nothing) + 1 h × 12 = 13, over 2.1 M ms + 1 h = 1.5833 h.
    expect(eur?.amount).toBeCloseTo(13, 10);
    expect(eur?.hourly).toBeCloseTo(13 / (2_100_000 / 3_600_000 + 1), 10);
    // A pack with terms but no work yet: nothing earned, no rate.
    expect(gbp).toEqual({ currency: 'GBP', amount: 0, hourly: null });
    // USD: 1 h × 20, all time (one half-hour falls outside the 14 days).
    expect(usd?.amount).toBeCloseTo(20, 10);
    expect(usd?.hourly).toBeCloseTo(20, 10);
  });

  it('has no earnings from packs without pay terms', () => {
    const free = stats('Ada', [work('p-free', 't1', '2025-03-14T09:00:00Z', 3_600_000)], packs.filter((p) => p.packId === 'p-free'), [], now);
    expect(free.earnings).toEqual([]);
    expect(free.activeHours).toBe(1);
  });

  it('scores gold and acceptance, a fix not counting as accepted', () => {
    expect(d.goldItems).toBe(2);
    expect(d.goldAccuracy).toBe(0.5);
    expect(d.reviewed).toBe(7);
    expect(d.acceptance).toBeCloseTo(4 / 7, 10);
    expect(stats('Ada', [], [], [verdict('x', 'fix', '2025-03-04T10:00:00Z')], now).acceptance).toBe(0);
  });

  it('groups acceptance by ISO week, oldest first', () => {
    expect(d.acceptanceByWeek).toEqual([
      { week: '2024-W52', rate: 1, reviewed: 1 },
      { week: '2025-W01', rate: 1, reviewed: 1 },
      { week: '2025-W10', rate: 0.5, reviewed: 2 },
      { week: '2025-W11', rate: 1 / 3, reviewed: 3 },
    ]);
  });

  it('ranks reasons by count, names before codes, top five with ties by name', () => {
    expect(d.topReasons).toEqual([{ reason: 'Wrong label', count: 2 }, { reason: 'missed-item', count: 1 }]);
    const many = ['e', 'b', 'a', 'f', 'c', 'd', 'a', 'b'].map((reason, i) => verdict(`r${i}`, 'reject', '2025-03-12T10:00:00Z', { reason }));
    // An accepted row's reason, or a rejection without one, is not a reason for rejecting.
    many.push(verdict('ok', 'accept', '2025-03-12T10:00:00Z', { reason: 'a' }), verdict('none', 'reject', '2025-03-12T10:00:00Z'));
    expect(stats('Ada', [], [], many, now).topReasons).toEqual([
      { reason: 'a', count: 2 }, { reason: 'b', count: 2 }, { reason: 'c', count: 1 }, { reason: 'd', count: 1 }, { reason: 'e', count: 1 },
    ]);
  });

  it('lists rejections and fixes only, newest first, with the reason in words', () => {
    expect(d.feedback.map((f) => [f.taskId, f.verdict, f.reason])).toEqual([
      ['f4', 'reject', 'Wrong label'],
      ['f3', 'reject', 'missed-item'],
      ['f2', 'fix', 'Wrong label'],
    ]);
    expect(d.feedback[2]).toEqual({
      taskId: 'f2', packName: 'Reviews', excerpt: 'Text of f2', verdict: 'fix', reason: 'Wrong label', comment: 'It is negative',
      answer: pos, fixedAnswer: neg, reviewedAt: '2025-03-04T10:00:00Z', labelConfig: sentimentConfig,
    });
  });

  it('gives an empty dashboard for no input', () => {
    const empty = stats('Ada', [], [], [], now);
    expect(empty).toEqual({
      name: 'Ada',
      days: empty.days,
      tasksDone: 0,
      activeHours: 0,
      earnings: [],
      goldAccuracy: null,
      goldItems: 0,
      acceptance: null,
      reviewed: 0,
      acceptanceByWeek: [],
      topReasons: [],
      feedback: [],
    });
    expect(empty.days).toHaveLength(14);
    expect(empty.days.every((day) => day.tasks === 0 && day.activeMs === 0)).toBe(true);
  });

  it('keeps rows with unreadable times in the totals but out of days and weeks', () => {
    const odd = stats('Ada', [work('p-task', 't1', 'not a date', 60_000)], packs, [verdict('x', 'reject', 'garbage'), verdict('y', 'reject', '2025-03-12T10:00:00Z')], now);
    expect(odd.tasksDone).toBe(1);
    expect(odd.days.every((day) => day.tasks === 0)).toBe(true);
    expect(odd.acceptanceByWeek).toEqual([{ week: '2025-W11', rate: 0, reviewed: 1 }]);
    expect(odd.feedback.map((f) => f.taskId)).toEqual(['y', 'x']);
  });
});

describe('isoWeek', () => {
  it('follows the first-Thursday rule across year ends', () => {
    expect(isoWeek(Date.parse('2021-01-03T12:00:00Z'))).toBe('2020-W53');
    expect(isoWeek(Date.parse('2021-01-04T00:00:00Z'))).toBe('2021-W01');
    expect(isoWeek(Date.parse('2026-12-31T23:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(Number.NaN)).toBeNull();
  });
});
