/**
 * Active time on a task, with idle detection: time counts while the window has focus and there was
 * input (key, mouse move, click, wheel) in the last minute. Reading a long text without touching
 * anything still counts for up to a minute; a coffee break with the window open does not.
 *
 * The arithmetic lives in `ActiveTimeMeter`, driven by timestamps only (no intervals), so tests can
 * feed it a fake clock; the hook wires it to window events.
 */
import { useEffect, useMemo, useState } from 'react';

export const IDLE_AFTER_MS = 60_000;

export class ActiveTimeMeter {
  private accumulated = 0;
  /** Start of the current active stretch, or null while idle or unfocused. */
  private stretchStart: number | null = null;
  private lastInput = 0;

  constructor(
    private readonly idleMs: number,
    private focused: boolean,
  ) {}

  /** A new task: start from its stored time; showing it counts as input if the window has focus. */
  reset(initialMs: number, now: number): void {
    this.accumulated = initialMs;
    this.stretchStart = null;
    this.input(now);
  }

  input(now: number): void {
    if (!this.focused) return;
    if (this.stretchStart !== null && now <= this.lastInput + this.idleMs) {
      this.lastInput = now;
      return;
    }
    this.close(now);
    this.stretchStart = now;
    this.lastInput = now;
  }

  focus(now: number): void {
    this.focused = true;
    this.input(now);
  }

  blur(now: number): void {
    this.close(now);
    this.focused = false;
  }

  read(now: number): number {
    return Math.round(this.accumulated + this.open(now));
  }

  private open(now: number): number {
    if (this.stretchStart === null) return 0;
    return Math.max(0, Math.min(now, this.lastInput + this.idleMs) - this.stretchStart);
  }

  private close(now: number): void {
    this.accumulated += this.open(now);
    this.stretchStart = null;
  }
}

export interface ActiveTimer {
  /** Active milliseconds on the current task so far. */
  read(): number;
  /** Start timing a newly shown task from the time already stored for it. */
  reset(initialMs: number): void;
}

export interface ActiveTimerOptions {
  now?: () => number;
  idleMs?: number;
}

const INPUT_EVENTS = ['keydown', 'mousemove', 'mousedown', 'wheel'] as const;

export function useActiveTimer({ now = Date.now, idleMs = IDLE_AFTER_MS }: ActiveTimerOptions = {}): ActiveTimer {
  const [clock] = useState(() => ({ now, meter: new ActiveTimeMeter(idleMs, document.hasFocus()) }));

  useEffect(() => {
    const { meter } = clock;
    const onInput = () => meter.input(clock.now());
    const onFocus = () => meter.focus(clock.now());
    const onBlur = () => meter.blur(clock.now());
    for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, { capture: true, passive: true });
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', onBlur);
    return () => {
      for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, { capture: true });
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', onBlur);
    };
  }, [clock]);

  return useMemo(
    () => ({ read: () => clock.meter.read(clock.now()), reset: (initialMs: number) => clock.meter.reset(initialMs, clock.now()) }),
    [clock],
  );
}
