/**
 * Proposals the annotator rejected, per task and control, for this session. A rejection is not a
 * change to the answer (the answer simply never contains the region), so it is not history and is
 * not saved: the stored result already says everything about what was kept. Kept outside React so
 * it survives moving to another task and back.
 */
import { useCallback, useSyncExternalStore } from 'react';

const EMPTY: ReadonlySet<string> = new Set();
const rejectedByKey = new Map<string, ReadonlySet<string>>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function rejectProposals(key: string, ids: readonly string[]): void {
  if (ids.length === 0) return;
  rejectedByKey.set(key, new Set([...(rejectedByKey.get(key) ?? EMPTY), ...ids]));
  listeners.forEach((listener) => listener());
}

/** Forget every rejection (tests). */
export function resetRejectedProposals(): void {
  rejectedByKey.clear();
  listeners.forEach((listener) => listener());
}

export function useRejectedProposals(key: string): [ReadonlySet<string>, (ids: readonly string[]) => void] {
  const rejected = useSyncExternalStore(subscribe, () => rejectedByKey.get(key) ?? EMPTY);
  const reject = useCallback((ids: readonly string[]) => rejectProposals(key, ids), [key]);
  return [rejected, reject];
}
