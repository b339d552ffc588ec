/**
 * The task navigator's reads: how many tasks each status holds, and one page of tasks with each
 * one's status for one person, filtered and searched. A task's status is the one the annotator
 * view shows (handlers.ts taskView): a draft wins over an older submit or skip, then the latest
 * revision, else pending. Flagged is not a status but a mark on top of any of them.
 *
 * No call reads a whole 100k-task pack. A page starts at a task index and reads in task order only
 * as far as it takes to fill it, and never more than SCAN_WINDOW tasks: a rare status or a rare
 * word comes back as a short page with a `next`, and the navigator asks again from there while it
 * shows what was found so far. Statuses are looked up only for the rows of a page.
 */
import type { TaskCounts, TaskFilter, TaskListItem, TaskStatus } from '../../../shared/contract';
import type { Task } from '../../../shared/pack/task';
import { matchPreview, searchKey, taskMatches } from '../../../shared/taskText';
import type { Db } from './connection';
import { prepare, timed } from './sql';

/**
 * Tasks one call reads at most. Reading a 100k-task pack to the end for a rare word or status
 * takes a good part of a second, with the main process busy all along; in windows it stays free
 * between calls and the first matches show at once.
 */
export const SCAN_WINDOW = 5000;

export interface TaskListQuery {
  packId: string;
  profileId: string;
  filter: TaskFilter;
  search: string;
  from: number;
  limit: number;
}

export interface TaskPage {
  items: TaskListItem[];
  /** The index the next page starts at; null when no task past this page is left to read. */
  next: number | null;
}

/**
 * Counts from the per-person tables (drafts, revisions, flags), never a walk of the tasks. The
 * latest revision of each task comes from one pass over the revisions index (SQLite takes a bare
 * column of the row holding max()); drafts over a submit or skip are few and looked up one by one.
 */
export function taskCounts(db: Db, packId: string, profileId: string): TaskCounts {
  const params = { pack: packId, profile: profileId };
  const all = prepare<[string], { n: number }>(db, 'SELECT count(*) AS n FROM tasks WHERE pack_id = ?').get(packId)!.n;
  const one = (sql: string) => prepare<[typeof params], { n: number }>(db, sql).get(params)!.n;
  const draft = one('SELECT count(*) AS n FROM drafts WHERE pack_id = @pack AND profile_id = @profile');
  const flagged = one('SELECT count(*) AS n FROM flags WHERE pack_id = @pack AND profile_id = @profile');
  const latest = (sql: string) => {
    const rows = prepare<[typeof params], { status: 'submitted' | 'skipped'; n: number }>(db, sql).all(params);
    return { submitted: rows.find((r) => r.status === 'submitted')?.n ?? 0, skipped: rows.find((r) => r.status === 'skipped')?.n ?? 0 };
  };
  const done = latest(
    `SELECT status, count(*) AS n FROM (SELECT status, max(revision) FROM annotations WHERE pack_id = @pack AND profile_id = @profile GROUP BY task_id)
      GROUP BY status`,
  );
  const underDraft = latest(
    `SELECT (SELECT a.status FROM annotations a WHERE a.pack_id = d.pack_id AND a.profile_id = d.profile_id AND a.task_id = d.task_id
              ORDER BY a.revision DESC LIMIT 1) AS status, count(*) AS n
       FROM drafts d WHERE d.pack_id = @pack AND d.profile_id = @profile GROUP BY 1`,
  );
  const submitted = done.submitted - underDraft.submitted;
  const skipped = done.skipped - underDraft.skipped;
  return { all, pending: all - draft - submitted - skipped, draft, submitted, skipped, flagged };
}

interface CandidateRow {
  position: number;
  id: string;
  body: string;
}

/** A task's status for one person, as SQL over a row `t` of tasks (the annotator view's rule). */
const STATUS_SQL = `CASE WHEN EXISTS (SELECT 1 FROM drafts d WHERE d.pack_id = t.pack_id AND d.task_id = t.id AND d.profile_id = @profile) THEN 'draft'
  ELSE coalesce((SELECT a.status FROM annotations a WHERE a.pack_id = t.pack_id AND a.profile_id = @profile AND a.task_id = t.id
                 ORDER BY a.revision DESC LIMIT 1), 'pending') END`;

/**
 * The tasks a filter can hold from a position on, in task order. Flags and drafts are small tables
 * and drive their filters (CROSS JOIN keeps SQLite from walking every task in order instead); the
 * other filters walk the tasks within the window of positions [from, to).
 */
const CANDIDATES: Record<TaskFilter, string> = {
  all: 'SELECT position, id, body FROM tasks t WHERE t.pack_id = @pack AND t.position >= @from AND t.position < @to',
  flagged: `SELECT t.position, t.id, t.body FROM flags f CROSS JOIN tasks t ON t.pack_id = f.pack_id AND t.id = f.task_id
             WHERE f.pack_id = @pack AND f.profile_id = @profile AND t.position >= @from`,
  draft: `SELECT t.position, t.id, t.body FROM drafts d CROSS JOIN tasks t ON t.pack_id = d.pack_id AND t.id = d.task_id
           WHERE d.pack_id = @pack AND d.profile_id = @profile AND t.position >= @from`,
  pending: inWindowWithStatus('pending'),
  submitted: inWindowWithStatus('submitted'),
  skipped: inWindowWithStatus('skipped'),
};
const WINDOWED = new Set<TaskFilter>(['all', 'pending', 'submitted', 'skipped']);

function inWindowWithStatus(status: TaskStatus): string {
  return `SELECT position, id, body FROM tasks t
           WHERE t.pack_id = @pack AND t.position >= @from AND t.position < @to AND ${STATUS_SQL} = '${status}'`;
}

/**
 * A cheap test in SQL that lets through every task a search can match, so the costly one (parse
 * the JSON, read the fields) runs on few tasks. It looks for the query in the raw JSON, which is
 * exact only where the JSON spells the text as it reads: an all-ASCII body without \u escapes
 * (anything else passes on to the real test), and a query of printable ASCII that JSON writers
 * never escape (not " \ / nor < > & ' that some escape as \u003c …). Other queries go without it.
 */
const PREFILTER_SQL = `AND (instr(lower(t.body), @needle) > 0 OR instr(t.body, '\\u') > 0 OR length(t.body) <> octet_length(t.body))`;

function prefilterable(needle: string): boolean {
  return /^[\x20-\x7e]+$/.test(needle) && !/["\\/<>&']/.test(needle);
}

/** One task's status and flag for one person: three key lookups, done only for the rows of a page. */
function statusOf(db: Db, packId: string, profileId: string, taskId: string): { status: TaskStatus; flagged: boolean } {
  const key = { pack: packId, profile: profileId, task: taskId };
  const exists = (table: string) =>
    prepare<[typeof key], { one: number }>(db, `SELECT 1 AS one FROM ${table} WHERE pack_id = @pack AND task_id = @task AND profile_id = @profile`).get(key) !== undefined;
  const latest = prepare<[typeof key], { status: 'submitted' | 'skipped' }>(
    db,
    'SELECT status FROM annotations WHERE pack_id = @pack AND profile_id = @profile AND task_id = @task ORDER BY revision DESC LIMIT 1',
  ).get(key);
  return { status: exists('drafts') ? 'draft' : (latest?.status ?? 'pending'), flagged: exists('flags') };
}

function hasTaskFrom(db: Db, packId: string, position: number): boolean {
  return prepare<[string, number], { one: number }>(db, 'SELECT 1 AS one FROM tasks WHERE pack_id = ? AND position >= ? LIMIT 1').get(packId, position) !== undefined;
}

export function listTasks(db: Db, query: TaskListQuery): TaskPage {
  return timed('list tasks', () => {
    const needle = searchKey(query.search);
    const { packId, profileId, from, filter, limit } = query;
    const to = from + SCAN_WINDOW;
    const windowed = WINDOWED.has(filter);
    const prefilter = needle !== '' && prefilterable(needle);
    const sql = `${CANDIDATES[filter]} ${prefilter ? PREFILTER_SQL : ''} ORDER BY t.position`;
    const params = {
      pack: packId,
      from,
      ...(filter === 'all' ? {} : { profile: profileId }),
      ...(windowed ? { to } : {}),
      ...(prefilter ? { needle } : {}),
    };
    const rows = prepare<[typeof params], CandidateRow>(db, sql).iterate(params);
    const items: TaskListItem[] = [];
    let read = 0;
    for (const row of rows) {
      // One more candidate than the page (or the window) holds: the next page starts there.
      if (items.length === limit || read === SCAN_WINDOW) return { items, next: row.position };
      read += 1;
      // Bodies were checked against the task schema when the pack was imported.
      const task = JSON.parse(row.body) as Task;
      if (needle && !taskMatches(task, needle)) continue;
      items.push({ index: row.position, taskId: row.id, ...statusOf(db, packId, profileId, row.id), preview: matchPreview(task, needle) });
    }
    // A walk of the tasks stops at the window's end: the tasks past it are still to read.
    return { items, next: windowed && hasTaskFrom(db, packId, to) ? to : null };
  });
}
