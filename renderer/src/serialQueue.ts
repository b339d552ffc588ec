/**
 * A queue that runs async jobs one after another. Every write to the backend (drafts, submits,
 * skips, flags, position) and every read that must see those writes goes through one queue, so the
 * main process receives them in the order the annotator made them, and a failed job does not stop
 * the ones behind it.
 */
export type SerialQueue = <T>(job: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const result = tail.then(job);
    tail = result.catch(() => undefined);
    return result;
  };
}
