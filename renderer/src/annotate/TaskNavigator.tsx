/**
 * The task navigator (Mod+G, "Go to task…"): every task of the pack with its status and the start
 * of its text, filtered by status and searched as you type; a number typed and Enter goes to that
 * task. Built like the command palette: the search field keeps the focus and owns ↑/↓, PageUp/
 * PageDown and Enter (a combobox over a listbox), Tab reaches the status filter, Escape closes.
 *
 * The list grows a page at a time (useTaskList.ts) as the active row nears its end or the list is
 * scrolled down, so a pack of 100k tasks never puts 100k rows in the page.
 */
import { Badge, Group, Highlight, Modal, ScrollArea, SegmentedControl, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useId, useLayoutEffect, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { TaskCounts, TaskFilter, TaskListItem, TaskStatus } from '../../../shared/contract';
import { useTaskList, type ListTasks } from './useTaskList';

export interface TaskNavigatorProps {
  opened: boolean;
  packId: string;
  taskCount: number;
  /** The index of the task on screen, marked in the list; null on the "all done" screen. */
  currentIndex: number | null;
  onClose: () => void;
  /** Show task `index` (the annotator saves the draft first, as for next and previous). */
  onJump: (index: number) => void;
  /** Ask for a page of tasks (the annotator's `listTasks`, behind its drafts). */
  listTasks: ListTasks;
}

const FILTERS: Array<{ value: TaskFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'draft', label: 'Draft' },
  { value: 'submitted', label: 'Submitted' },
  { value: 'skipped', label: 'Skipped' },
  { value: 'flagged', label: 'Flagged' },
];

const STATUS_COLOR: Record<TaskStatus, string> = { pending: 'gray', draft: 'blue', submitted: 'teal', skipped: 'yellow' };

/** Rows the active one may come within of the end before the next page is asked for. */
const LOOKAHEAD = 8;

type Option = { kind: 'goto'; index: number } | { kind: 'task'; item: TaskListItem };

/** "12" typed: the task numbered 12, when there is one. */
function typedNumber(query: string, taskCount: number): { index: number } | { outOfRange: number } | null {
  const text = query.trim();
  if (!/^\d{1,9}$/.test(text)) return null;
  const n = Number(text);
  return n >= 1 && n <= taskCount ? { index: n - 1 } : { outOfRange: n };
}

/** One row of the listbox: never focused itself (the search field keeps the focus), chosen by arrows or a click. */
function OptionButton({ id, active, testId, onClick, children, data }: {
  id: string; active: boolean; testId: string; onClick: () => void; children: ReactNode; data?: Record<string, string | boolean | undefined>;
}) {
  return (
    <UnstyledButton
      id={id}
      role="option"
      aria-selected={active}
      tabIndex={-1}
      data-testid={testId}
      data-active={active || undefined}
      {...data}
      onClick={onClick}
      px="sm"
      py={6}
      style={{ display: 'block', width: '100%', borderRadius: 'var(--mantine-radius-sm)', background: active ? 'var(--mantine-primary-color-light)' : undefined }}
    >
      {children}
    </UnstyledButton>
  );
}

interface TaskRowProps {
  item: TaskListItem;
  active: boolean;
  current: boolean;
  id: string;
  /** The search the row was found by, marked in its preview. */
  search: string;
  onOpen: () => void;
}

function TaskRow({ item, active, current, id, search, onOpen }: TaskRowProps) {
  return (
    <OptionButton
      id={id}
      active={active}
      testId={`navigator-task-${item.index + 1}`}
      onClick={onOpen}
      data={{ 'data-status': item.status, 'data-flagged': item.flagged, 'aria-current': current || undefined }}
    >
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" fw={600} w={64} ta="right" style={{ flexShrink: 0, fontVariantNumeric: 'tabular-nums' }}>
          {item.index + 1}
        </Text>
        <Group gap={4} wrap="nowrap" w={180} style={{ flexShrink: 0 }}>
          <Badge size="sm" variant="light" color={STATUS_COLOR[item.status]} style={{ flexShrink: 0 }}>{item.status}</Badge>
          {item.flagged && <Badge size="sm" variant="light" color="red" style={{ flexShrink: 0 }}>flagged</Badge>}
        </Group>
        <Highlight highlight={search} size="sm" truncate style={{ flex: 1, minWidth: 0 }}>{item.preview}</Highlight>
        {current && <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>on screen</Text>}
      </Group>
    </OptionButton>
  );
}

function filterLabel(label: string, value: TaskFilter, counts: TaskCounts | null): string {
  return counts ? `${label} ${counts[value].toLocaleString()}` : label;
}

/** What the line under the list says: what is shown, whether more is coming, why nothing is. */
function listStatus(shown: number, next: number | null, loading: boolean, taskCount: number, searching: boolean): string {
  if (next !== null && (loading || searching)) return `${shown} found so far · read to task ${next.toLocaleString()} of ${taskCount.toLocaleString()}…`;
  if (next !== null) return `${shown} shown · more below`;
  if (shown === 0) return loading ? 'Loading…' : 'No task here.';
  return `${shown} ${shown === 1 ? 'task' : 'tasks'}`;
}

/** The navigator's content, mounted on each open so the search, filter and list start fresh. */
function NavigatorBody({ packId, taskCount, currentIndex, onJump, listTasks }: Omit<TaskNavigatorProps, 'opened' | 'onClose'>) {
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<TaskFilter>('all');
  const [active, setActive] = useState(0);
  const { list, loadMore } = useTaskList(listTasks, packId, filter, query);
  const listId = useId();

  const number = typedNumber(query, taskCount);
  const options: Option[] = [
    ...(number && 'index' in number ? [{ kind: 'goto' as const, index: number.index }] : []),
    ...list.items.map((item) => ({ kind: 'task' as const, item })),
  ];
  const at = Math.min(active, options.length - 1);
  const current = options[at];
  const optionId = (option: Option) => `${listId}-${option.kind === 'goto' ? 'goto' : option.item.index}`;
  const activeId = current ? optionId(current) : undefined;

  useLayoutEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const open = (option: Option) => onJump(option.kind === 'goto' ? option.index : option.item.index);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8 }[event.key];
    if (step !== undefined && options.length > 0) {
      event.preventDefault();
      const target = Math.max(0, Math.min(options.length - 1, at + step));
      setActive(target);
      if (target >= options.length - LOOKAHEAD) loadMore();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (current) open(current);
    }
  };

  return (
    <Stack gap="xs">
      <TextInput
        data-autofocus
        data-testid="navigator-query"
        placeholder="Search the tasks, or type a task number"
        aria-label="Search the tasks or type a task number"
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={activeId}
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <SegmentedControl
        size="xs"
        fullWidth
        aria-label="Show tasks by status"
        data-testid="navigator-filter"
        value={filter}
        onChange={(value) => {
          setFilter(value as TaskFilter);
          setActive(0);
        }}
        data={FILTERS.map(({ value, label }) => ({ value, label: filterLabel(label, value, list.counts) }))}
      />
      <ScrollArea.Autosize
        mah="min(60vh, 520px)"
        type="auto"
        scrollbars="y"
        // Autosize lets its content grow to its widest line; previews are cut to the width instead.
        styles={{ content: { minWidth: 0 } }}
        onBottomReached={loadMore}
        viewportProps={{ tabIndex: 0, 'aria-label': 'Tasks found' }}
      >
        <div role="listbox" id={listId} aria-label="Tasks" data-testid="navigator-list">
          {number && 'outOfRange' in number && (
            <Text size="sm" c="dimmed" p="sm">This pack has no task {number.outOfRange.toLocaleString()}: its tasks are numbered 1 to {taskCount.toLocaleString()}.</Text>
          )}
          {options.map((option) =>
            option.kind === 'goto' ? (
              <OptionButton key="goto" id={optionId(option)} active={option === current} testId="navigator-goto" onClick={() => open(option)}>
                <Text size="sm" fw={600}>Go to task {(option.index + 1).toLocaleString()}</Text>
              </OptionButton>
            ) : (
              <TaskRow
                key={option.item.index}
                item={option.item}
                id={optionId(option)}
                active={option === current}
                current={option.item.index === currentIndex}
                search={list.search}
                onOpen={() => open(option)}
              />
            ),
          )}
        </div>
      </ScrollArea.Autosize>
      {list.error && <Text size="sm" c="red" role="alert">Could not list the tasks: {list.error}</Text>}
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed" aria-live="polite" data-testid="navigator-status">
          {listStatus(list.items.length, list.next, list.loading, taskCount, list.search !== '' || filter !== 'all')}
        </Text>
        <Text size="xs" c="dimmed">↑↓ choose · Enter go · Tab status filter · Esc close</Text>
      </Group>
    </Stack>
  );
}

export function TaskNavigator({ opened, onClose, ...body }: TaskNavigatorProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Go to task" size="xl" data-testid="task-navigator">
      {opened && <NavigatorBody {...body} />}
    </Modal>
  );
}
