// @vitest-environment happy-dom
/** Active time with idle detection, driven by an injected clock (no real waiting). */
import { act, cleanup, fireEvent, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActiveTimeMeter, IDLE_AFTER_MS, useActiveTimer } from '../../../renderer/src/annotate/useActiveTimer';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('ActiveTimeMeter', () => {
  it('counts time after input for up to the idle limit', () => {
    const meter = new ActiveTimeMeter(IDLE_AFTER_MS, true);
    meter.reset(0, 0);
    expect(meter.read(10_000)).toBe(10_000);
    expect(meter.read(60_000)).toBe(60_000);
    expect(meter.read(5 * 60_000)).toBe(60_000); // idle after a minute without input
  });

  it('starts counting again at the next input after an idle spell', () => {
    const meter = new ActiveTimeMeter(IDLE_AFTER_MS, true);
    meter.reset(1_000, 0);
    meter.input(30_000);
    meter.input(300_000); // 30 s + 60 s counted before this, the idle gap not
    expect(meter.read(310_000)).toBe(1_000 + 90_000 + 10_000);
  });

  it('does not count while the window is unfocused', () => {
    const meter = new ActiveTimeMeter(IDLE_AFTER_MS, true);
    meter.reset(0, 0);
    meter.blur(5_000);
    meter.input(6_000); // input without focus cannot happen for real; it must not count anyway
    expect(meter.read(50_000)).toBe(5_000);
    meter.focus(50_000);
    expect(meter.read(52_000)).toBe(7_000);
  });

  it('starts from the task’s stored time, and counts nothing if shown without focus', () => {
    const meter = new ActiveTimeMeter(IDLE_AFTER_MS, false);
    meter.reset(42_000, 0);
    expect(meter.read(30_000)).toBe(42_000);
  });
});

describe('useActiveTimer', () => {
  it('follows window input, focus and blur with the injected clock', () => {
    let now = 0;
    const { result } = renderHook(() => useActiveTimer({ now: () => now, idleMs: 1_000 }));
    act(() => window.dispatchEvent(new Event('focus')));
    act(() => result.current.reset(500));
    now = 800;
    fireEvent.keyDown(window, { key: 'a' });
    now = 5_000;
    expect(result.current.read()).toBe(500 + 800 + 1_000);
    fireEvent.mouseMove(window);
    now = 5_400;
    fireEvent.wheel(window);
    now = 5_600;
    window.dispatchEvent(new Event('blur'));
    now = 9_000;
    expect(result.current.read()).toBe(2_300 + 600);
  });

  it('works with fake timers as the clock', () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const { result } = renderHook(() => useActiveTimer());
    act(() => window.dispatchEvent(new Event('focus')));
    act(() => result.current.reset(0));
    vi.advanceTimersByTime(30_000);
    fireEvent.keyDown(window, { key: 'a' });
    vi.advanceTimersByTime(10 * 60_000);
    expect(result.current.read()).toBe(30_000 + IDLE_AFTER_MS);
  });
});
