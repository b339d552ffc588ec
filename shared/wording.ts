/**
 * Counts and durations in the words a person reads: "1 item", "2 items", "0 tasks"; hours that
 * round to what a rate needs ("45 min", "1.5 h", "12 h") rather than "0.04" or "12.3456". One
 * place, so every screen says a count the same way.
 */

/** `3 tasks`, `1 task`; `many` defaults to `one` + "s". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/**
 * Time worked, for reading next to a rate: under an hour in whole minutes, under ten hours to a
 * tenth, then whole hours. Zero is "0 min", never "0.00".
 */
export function hoursWorked(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return ms > 0 && minutes === 0 ? '< 1 min' : `${minutes} min`;
  const hours = ms / 3_600_000;
  return hours < 10 ? `${(Math.round(hours * 10) / 10).toLocaleString('en')} h` : `${Math.round(hours).toLocaleString('en')} h`;
}
