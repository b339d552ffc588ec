/**
 * The annotator's own dashboard ("Your work"), computed from what this workstation holds: their
 * task records, the pay terms of the packs they opened, and the verdicts of feedback packs sent
 * back to them. Pure, so the figures are tested without a database and the clock is a parameter.
 * Days and weeks are UTC, so a figure does not shift when the laptop crosses a time zone.
 */
import type { LabelConfig } from './pack/labelConfig';
import type { Answer } from './pack/task';
import type { Dashboard } from './reviewContract';

export interface WorkRow {
  packId: string;
  taskId: string;
  status: 'submitted' | 'skipped';
  activeMs: number;
  /** ISO time the task was submitted or skipped. */
  submittedAt: string;
}

export interface PackTerms {
  packId: string;
  name: string;
  pay: { per: 'task' | 'hour'; amount: number; currency: string } | null;
}

export interface FeedbackRow {
  packId: string;
  packName: string;
  taskId: string;
  excerpt: string;
  verdict: 'accept' | 'reject' | 'fix';
  /** The reason code from the review pack. */
  reason: string | null;
  /** The code's display name, where the review pack defined it. */
  reasonName?: string | null;
  comment: string | null;
  answer: Answer | null;
  fixedAnswer: Answer | null;
  gold: { correct: boolean } | null;
  reviewedAt: string;
  labelConfig: LabelConfig | null;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** The per-day chart's window, ending today. */
export const DASHBOARD_DAYS = 14;
export const TOP_REASONS = 5;

/** UTC `YYYY-MM-DD`, or null for a time that does not parse (a bad row drops out of the charts, not the totals). */
function utcDate(time: number): string | null {
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : null;
}

/** ISO 8601 week `YYYY-Www` (weeks start Monday; week 1 holds the year's first Thursday), in UTC. */
export function isoWeek(time: number): string | null {
  if (!Number.isFinite(time)) return null;
  const d = new Date(time);
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  // The Thursday of this week decides which year the week belongs to.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Time records come from the app's own timer; clamping keeps a corrupt row from breaking the output schema. */
const ms = (value: number) => (Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0);

function days(work: readonly WorkRow[], now: Date): Dashboard['days'] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const byDate = new Map<string, { date: string; tasks: number; activeMs: number }>();
  for (let i = DASHBOARD_DAYS - 1; i >= 0; i--) {
    const date = utcDate(today - i * DAY_MS)!;
    byDate.set(date, { date, tasks: 0, activeMs: 0 });
  }
  for (const row of work) {
    const day = byDate.get(utcDate(Date.parse(row.submittedAt)) ?? '');
    if (!day) continue;
    if (row.status === 'submitted') day.tasks++;
    // Time spent on a skipped task was still work that day, as in activeHours.
    day.activeMs += ms(row.activeMs);
  }
  return [...byDate.values()];
}

function earnings(work: readonly WorkRow[], packs: readonly PackTerms[]): Dashboard['earnings'] {
  const perPack = new Map<string, { submitted: number; activeMs: number }>();
  for (const row of work) {
    const pack = perPack.get(row.packId) ?? { submitted: 0, activeMs: 0 };
    if (row.status === 'submitted') pack.submitted++;
    pack.activeMs += ms(row.activeMs);
    perPack.set(row.packId, pack);
  }
  const byCurrency = new Map<string, { amount: number; activeMs: number }>();
  for (const { packId, pay } of packs) {
    if (!pay) continue;
    const done = perPack.get(packId) ?? { submitted: 0, activeMs: 0 };
    const sum = byCurrency.get(pay.currency) ?? { amount: 0, activeMs: 0 };
    sum.amount += pay.per === 'task' ? pay.amount * done.submitted : (pay.amount * done.activeMs) / HOUR_MS;
    // A per-task pack's time counts too: the effective rate is what an hour of work earned, whatever the terms.
    sum.activeMs += done.activeMs;
    byCurrency.set(pay.currency, sum);
  }
  return [...byCurrency]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, sum]) => ({ currency, amount: sum.amount, hourly: sum.activeMs > 0 ? sum.amount / (sum.activeMs / HOUR_MS) : null }));
}

function acceptanceByWeek(feedback: readonly FeedbackRow[]): Dashboard['acceptanceByWeek'] {
  const weeks = new Map<string, { accepted: number; reviewed: number }>();
  for (const row of feedback) {
    const week = isoWeek(Date.parse(row.reviewedAt));
    if (!week) continue;
    const sum = weeks.get(week) ?? { accepted: 0, reviewed: 0 };
    sum.reviewed++;
    if (row.verdict === 'accept') sum.accepted++;
    weeks.set(week, sum);
  }
  // `YYYY-Www` with a zero-padded week sorts chronologically as text.
  return [...weeks]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([week, sum]) => ({ week, rate: sum.accepted / sum.reviewed, reviewed: sum.reviewed }));
}

const reasonLabel = (row: FeedbackRow) => row.reasonName || row.reason || null;

function topReasons(criticised: readonly FeedbackRow[]): Dashboard['topReasons'] {
  const counts = new Map<string, number>();
  for (const row of criticised) {
    const reason = reasonLabel(row);
    if (reason) counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  // Ties by name, so the list does not reorder between visits.
  return [...counts]
    .sort(([a, m], [b, n]) => n - m || a.localeCompare(b))
    .slice(0, TOP_REASONS)
    .map(([reason, count]) => ({ reason, count }));
}

/** Newest first; a time that does not parse goes last rather than failing the dashboard. */
function newestFirst(a: FeedbackRow, b: FeedbackRow): number {
  const ta = Date.parse(a.reviewedAt);
  const tb = Date.parse(b.reviewedAt);
  const ka = Number.isFinite(ta) ? ta : -Infinity;
  const kb = Number.isFinite(tb) ? tb : -Infinity;
  return kb - ka || a.taskId.localeCompare(b.taskId);
}

export function dashboardStats(name: string, work: readonly WorkRow[], packs: readonly PackTerms[], feedback: readonly FeedbackRow[], now: Date): Dashboard {
  const totalMs = work.reduce((sum, row) => sum + ms(row.activeMs), 0);
  const gold = feedback.filter((row) => row.gold !== null);
  const accepted = feedback.filter((row) => row.verdict === 'accept').length;
  // What the annotator can learn from: rejections and fixes. Acceptances only feed the rates.
  const criticised = feedback.filter((row) => row.verdict !== 'accept');
  return {
    name,
    days: days(work, now),
    tasksDone: work.filter((row) => row.status === 'submitted').length,
    activeHours: totalMs / HOUR_MS,
    earnings: earnings(work, packs),
    goldAccuracy: gold.length ? gold.filter((row) => row.gold?.correct).length / gold.length : null,
    goldItems: gold.length,
    acceptance: feedback.length ? accepted / feedback.length : null,
    reviewed: feedback.length,
    acceptanceByWeek: acceptanceByWeek(feedback),
    topReasons: topReasons(criticised),
    feedback: [...criticised].sort(newestFirst).map((row) => ({
      taskId: row.taskId,
      packName: row.packName,
      excerpt: row.excerpt,
      verdict: row.verdict,
      reason: reasonLabel(row),
      comment: row.comment,
      answer: row.answer,
      fixedAnswer: row.fixedAnswer,
      reviewedAt: row.reviewedAt,
      labelConfig: row.labelConfig,
    })),
  };
}
