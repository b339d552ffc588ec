// @vitest-environment happy-dom
/**
 * Notifications belong to the screen that raised them: leaving a screen hides them (nothing from
 * a closed pack follows the person home), what Home said just before leaving moves with the
 * person, the app's own problems stay, and the same notice twice is shown once with a count.
 */
import { notifications } from '@mantine/notifications';
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CARRY_MS, enterScreen, notifyError, notifyInfo } from '../../../renderer/src/notify';
import { renderWithApp } from './harness';

afterEach(() => {
  act(() => {
    enterScreen('home');
    notifications.clean();
  });
  cleanup();
});

const titles = () => screen.queryAllByRole('alert').map((n) => n.textContent ?? '');

describe('notifications', () => {
  it('hides a closed pack’s notifications and keeps the app’s', async () => {
    renderWithApp(<div />);
    act(() => enterScreen('annotate:p1', Date.now()));
    act(() => {
      notifyError(new Error('disk full'), 'Draft not saved');
      notifyError(new Error('main process'), 'Loupe ran into a problem', { app: true });
    });
    expect(titles().join()).toMatch(/Draft not saved/);
    act(() => enterScreen('home'));
    await waitFor(() => expect(titles().join()).not.toMatch(/Draft not saved/)); // once its exit transition ends
    expect(titles().join()).toMatch(/Loupe ran into a problem/);
  });

  it('carries what Home said just before leaving, and nothing older', async () => {
    renderWithApp(<div />);
    const now = Date.now();
    act(() => notifyInfo('Old news', 'from long ago'));
    act(() => enterScreen('lead', now + CARRY_MS + 10));
    act(() => enterScreen('home', now + CARRY_MS + 20));
    act(() => notifyInfo('Project created', '20 tasks'));
    act(() => enterScreen('project:x', Date.now()));
    expect(titles().join()).toMatch(/Project created/);
    await waitFor(() => expect(titles().join()).not.toMatch(/Old news/));
  });

  it('shows the same notice once, with a count', async () => {
    renderWithApp(<div />);
    act(() => {
      for (let i = 0; i < 3; i += 1) notifyInfo('This task has marks', 'Delete them first.');
    });
    expect(titles().filter((t) => t.includes('This task has marks'))).toHaveLength(1);
    expect(titles().join()).toMatch(/This task has marks \(3×\)/);
  });
});
