// @vitest-environment happy-dom
/**
 * The task navigator over a fake `tasks:list` that reads in windows like the core: the field is
 * focused, rows say their status in words, a number and Enter jump, arrows and Enter open a row
 * and ask for the next page near the end, the status filter and the search go to the core, and a
 * short page (a window with no match in it) is followed at once by the next.
 */
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, TaskListItem, TaskStatus } from '../../../shared/contract';
import { call } from '../../../renderer/src/api';
import { TaskNavigator } from '../../../renderer/src/annotate/TaskNavigator';

import type * as Api from '../../../renderer/src/api';

vi.mock('../../../renderer/src/api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  call: vi.fn(),
}));

const TOTAL = 120;
const WINDOW = 40;
const STATUSES: TaskStatus[] = ['submitted', 'skipped', 'draft', 'pending'];
const TASKS: TaskListItem[] = Array.from({ length: TOTAL }, (_, index) => ({
  index,
  taskId: `t${index + 1}`,
  status: index < 4 ? STATUSES[index]! : 'pending',
  flagged: index === 1,
  preview: index === 110 ? 'A rare word here' : `Review number ${index + 1}`,
}));

/** The core's rules in small: filter and search, at most `limit` items, at most WINDOW tasks read per call. */
function fakeList(input: ChannelInput<'tasks:list'>) {
  const { filter = 'all', search = '', from = 0, limit = 50, withCounts = true } = input;
  const passes = (t: TaskListItem) => (filter === 'all' || (filter === 'flagged' ? t.flagged : t.status === filter)) && t.preview.toLowerCase().includes(search.toLowerCase());
  const items: TaskListItem[] = [];
  let position = from;
  for (; position < TOTAL && position < from + WINDOW && items.length < limit; position += 1) if (passes(TASKS[position]!)) items.push(TASKS[position]!);
  const counts = { all: TOTAL, pending: TOTAL - 3, draft: 1, submitted: 1, skipped: 1, flagged: 1 };
  return { counts: withCounts ? counts : null, items, next: position < TOTAL ? position : null };
}

const listCalls = () => vi.mocked(call).mock.calls.filter(([channel]) => channel === 'tasks:list').map(([, input]) => input as ChannelInput<'tasks:list'>);
const query = () => screen.getByTestId('navigator-query');
const key = (name: string) => fireEvent.keyDown(query(), { key: name });
const row = (n: number) => screen.getByTestId(`navigator-task-${n}`);

function openNavigator(onJump = vi.fn()) {
  render(
    <MantineProvider env="test">
      <TaskNavigator opened packId="pack-1" taskCount={TOTAL} currentIndex={2} onClose={() => {}} onJump={onJump} listTasks={(input) => call('tasks:list', input)} />
    </MantineProvider>,
  );
  return onJump;
}

beforeEach(() => {
  vi.mocked(call).mockImplementation((async (channel: string, input: unknown) => {
    if (channel !== 'tasks:list') throw new Error(`unexpected call ${channel}`);
    return fakeList(input as ChannelInput<'tasks:list'>);
  }) as typeof call);
});
afterEach(() => {
  cleanup();
  vi.mocked(call).mockReset();
});

describe('task navigator', () => {
  it('lists the tasks with their status in words, the search field focused, counts on the filter', async () => {
    openNavigator();
    await waitFor(() => expect(row(1)).toBeTruthy());
    expect(document.activeElement).toBe(query());
    expect(row(1).textContent).toContain('submitted');
    expect(row(2).textContent).toMatch(/skipped.*flagged/);
    expect(row(3).textContent).toContain('on screen'); // the task the annotator is on
    expect(row(3).getAttribute('aria-current')).toBe('true');
    expect(row(4).textContent).toContain('pending');
    expect(screen.getByText('Skipped 1')).toBeTruthy();
    expect(listCalls()[0]).toMatchObject({ packId: 'pack-1', filter: 'all', search: '', from: 0, withCounts: true });
  });

  it('jumps to the task whose number is typed, and says when there is none', async () => {
    const onJump = openNavigator();
    fireEvent.change(query(), { target: { value: '117' } });
    expect(screen.getByTestId('navigator-goto').textContent).toBe('Go to task 117');
    key('Enter');
    expect(onJump).toHaveBeenCalledWith(116);
    fireEvent.change(query(), { target: { value: '500' } });
    expect(screen.getByText(/no task 500: its tasks are numbered 1 to 120/)).toBeTruthy();
    expect(screen.queryByTestId('navigator-goto')).toBeNull();
  });

  it('moves with the arrows, opens the active row with Enter, and asks for more near the end', async () => {
    const onJump = openNavigator();
    await waitFor(() => expect(row(40)).toBeTruthy());
    key('ArrowDown');
    expect(row(2).getAttribute('aria-selected')).toBe('true');
    key('Enter');
    expect(onJump).toHaveBeenLastCalledWith(1);
    // The first page stops at the core's window (40 tasks): PageDown to its end asks for the next.
    for (let i = 0; i < 5; i += 1) key('PageDown');
    await waitFor(() => expect(row(41)).toBeTruthy());
    expect(listCalls().at(-1)).toMatchObject({ from: 40, withCounts: false });
  });

  it('filters by status and searches through the core', async () => {
    openNavigator();
    await waitFor(() => expect(row(1)).toBeTruthy());
    fireEvent.click(screen.getByText('Skipped 1'));
    await waitFor(() => expect(screen.queryByTestId('navigator-task-1')).toBeNull());
    expect(row(2)).toBeTruthy();
    // Nothing skipped past task 2, but the core reads in windows: the navigator follows them to the end.
    await waitFor(() => expect(screen.getByTestId('navigator-status').textContent).toBe('1 task'));
    expect(listCalls().filter((c) => c.filter === 'skipped').map((c) => c.from)).toEqual([0, 40, 80]);
  });

  it('follows short pages of a rare word until it finds it', async () => {
    const onJump = openNavigator();
    fireEvent.change(query(), { target: { value: 'RARE word' } });
    await waitFor(() => expect(row(111)).toBeTruthy());
    const searches = listCalls().filter((c) => c.search === 'RARE word');
    expect(searches.map((c) => c.from)).toEqual([0, 40, 80]);
    expect(screen.getByTestId('navigator-status').textContent).toBe('1 task');
    key('Enter');
    expect(onJump).toHaveBeenCalledWith(110);
  });
});
