/**
 * The task navigator's list: pages of `tasks:list` for one filter and search, appended as the
 * person scrolls or arrows down. The core reads a window of tasks per call, so a rare status or
 * word comes back in short pages; while the list is shorter than a page and there is more to
 * read, the next page is asked for at once, so the first matches show while the rest is found.
 *
 * A new filter or search starts over; replies to an older one are dropped (the latest wins).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelInput, ChannelOutput, TaskCounts, TaskFilter, TaskListItem } from '../../../shared/contract';

const PAGE = 50;
/** Typing pauses this long before a search goes out: one request per word, not per key. */
const SEARCH_DELAY_MS = 150;

export interface TaskList {
  counts: TaskCounts | null;
  items: TaskListItem[];
  /** Where the next page starts; null once the pack has been read to the end. */
  next: number | null;
  loading: boolean;
  error: string | null;
  /** The search the items answer (the typed one goes out after a pause). */
  search: string;
}

/** How pages are asked for: the annotator's queue, so a page asked for after an edit includes it. */
export type ListTasks = (input: ChannelInput<'tasks:list'>) => Promise<ChannelOutput<'tasks:list'>>;

const EMPTY: TaskList = { counts: null, items: [], next: 0, loading: true, error: null, search: '' };

export function useTaskList(listTasks: ListTasks, packId: string, filter: TaskFilter, typed: string) {
  const [list, setList] = useState<TaskList>(EMPTY);
  const generation = useRef(0);
  // Callbacks and the restart read the latest list without being rebuilt on every page.
  const listRef = useRef(list);
  useEffect(() => {
    listRef.current = list;
  }, [list]);

  const fetchPage = useCallback(
    async (search: string, from: number, first: boolean) => {
      const asked = generation.current;
      setList((current) => ({ ...current, loading: true }));
      try {
        const page = await listTasks({ packId, filter, search, from, limit: PAGE, withCounts: first });
        if (asked !== generation.current) return;
        setList((current) => ({
          counts: page.counts ?? current.counts,
          items: first ? page.items : [...current.items, ...page.items],
          next: page.next,
          loading: false,
          error: null,
          search,
        }));
      } catch (error) {
        if (asked !== generation.current) return;
        setList((current) => ({ ...current, loading: false, next: null, error: error instanceof Error ? error.message : String(error) }));
      }
    },
    [filter, listTasks, packId],
  );

  // Start over on a new filter at once, on a new search after a pause.
  const search = typed.trim();
  const lastFilter = useRef(filter);
  useEffect(() => {
    generation.current += 1;
    const delay = lastFilter.current === filter && listRef.current.counts ? SEARCH_DELAY_MS : 0;
    lastFilter.current = filter;
    const timer = setTimeout(() => void fetchPage(search, 0, true), delay);
    return () => clearTimeout(timer);
  }, [fetchPage, filter, search]);

  // A short page with more to read: ask for the next one without waiting for a scroll.
  useEffect(() => {
    if (!list.loading && list.next !== null && list.items.length < PAGE && list.search === search) void fetchPage(search, list.next, false);
  }, [fetchPage, list, search]);

  /** The next page, when the person nears the end of what is shown. */
  const loadMore = useCallback(() => {
    const { loading, next, search: shown } = listRef.current;
    if (!loading && next !== null) void fetchPage(shown, next, false);
  }, [fetchPage]);

  return { list, loadMore };
}
