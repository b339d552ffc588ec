/** Counts and durations in words (shared/wording.ts): the singular at one, sensible rounding of hours. */
import { describe, expect, it } from 'vitest';
import { hoursWorked, plural } from '../../../shared/wording';

describe('plural', () => {
  it('says one in the singular and every other count in the plural', () => {
    expect(plural(1, 'item')).toBe('1 item');
    expect(plural(0, 'item')).toBe('0 items');
    expect(plural(2, 'person', 'people')).toBe('2 people');
    expect(plural(12000, 'task')).toBe('12,000 tasks');
  });
});

describe('hoursWorked', () => {
  it('rounds to minutes, tenths of an hour, then whole hours', () => {
    expect(hoursWorked(0)).toBe('0 min');
    expect(hoursWorked(10_000)).toBe('< 1 min');
    expect(hoursWorked(45 * 60_000)).toBe('45 min');
    expect(hoursWorked(90 * 60_000)).toBe('1.5 h');
    expect(hoursWorked(12.4 * 3_600_000)).toBe('12 h');
  });
});
