// @vitest-environment happy-dom
/**
 * The keyboard settings screen: recording a chord (Escape cancels, Backspace unbinds, Tab is
 * refused), adding and removing keys, live clash detection that names the other command and
 * blocks saving, Reset and Reset all, and saving through the keymap source (its refusals shown).
 */
import { MantineProvider } from '@mantine/core';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState, type ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { KeyOverrides } from '../../../shared/keyOverrides';
import { ApiError } from '../../../renderer/src/api';
import { KeyboardRoot } from '../../../renderer/src/keys/KeyboardRoot';
import { KeySettings } from '../../../renderer/src/keys/KeySettings';
import { useCommandKeys, type KeymapSource } from '../../../renderer/src/keys/resolvedKeymap';
import { appEvents, renderWithApp } from './harness';

afterEach(cleanup);

/** The settings, plus what the rest of the app sees of task:skip's keys. */
function Screen() {
  const [opened, setOpened] = useState(true);
  const skipKeys = useCommandKeys('task:skip');
  return (
    <>
      <output data-testid="live-skip-keys">{skipKeys.join(' ')}</output>
      <KeySettings opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

function renderWithSource(ui: ReactElement, source: KeymapSource) {
  return render(
    <MantineProvider env="test">
      <KeyboardRoot source={source}>{ui}</KeyboardRoot>
    </MantineProvider>,
  );
}

const row = (id: string) => screen.getByTestId('key-settings').querySelector<HTMLElement>(`tr[data-command="${id}"]`)!;
/** A key pressed while recording: it arrives on whatever has focus (the Change button). */
const press = (key: string, init: Partial<KeyboardEventInit> = {}) => fireEvent.keyDown(document.activeElement ?? window, { key, ...init });
function record(id: string, how: 'change' | 'add' = 'change') {
  const button = screen.getByTestId(`keys-${how}-${id}`);
  button.focus();
  fireEvent.click(button);
  expect(screen.getByTestId('key-recording').textContent).toMatch(/Press the new key/);
}

describe('keyboard settings', () => {
  it('lists every command by group with its keys', () => {
    renderWithApp(<Screen />);
    expect(row('task:skip').textContent).toContain('Skip with reason…');
    expect(row('task:skip').textContent).toContain('Space');
    expect(within(screen.getByTestId('key-settings')).getByRole('heading', { name: 'Regions' })).toBeTruthy();
  });

  it('records a chord with Change, and saving makes it the key everywhere', async () => {
    window.__loupeEvents = [];
    renderWithApp(<Screen />);
    record('task:skip');
    expect(press('j', { ctrlKey: true })).toBe(false); // taken by the recorder
    expect(screen.queryByTestId('key-recording')).toBeNull();
    expect(row('task:skip').textContent).toContain('Ctrl+J');
    expect(row('task:skip').textContent).toContain('changed');
    expect(screen.getByTestId('live-skip-keys').textContent).toBe('Space'); // a draft until saved
    fireEvent.click(screen.getByTestId('keys-save'));
    await waitFor(() => expect(screen.getByTestId('live-skip-keys').textContent).toBe('Mod+J'));
    expect(screen.queryByTestId('key-settings')).toBeNull();
    expect(appEvents()).toContainEqual({ type: 'keymap-saved', rebound: 1 });
  });

  it('waits past a modifier alone; Escape cancels without closing; Backspace unbinds; Tab is refused', () => {
    renderWithApp(<Screen />);
    record('task:flag');
    press('Control', { ctrlKey: true });
    expect(screen.getByTestId('key-recording')).toBeTruthy();
    press('Tab');
    expect(screen.getByTestId('key-recording').textContent).toMatch(/Tab moves between controls/);
    press('Escape');
    expect(screen.queryByTestId('key-recording')).toBeNull();
    expect(screen.getByTestId('key-settings')).toBeTruthy(); // Escape did not reach the dialog
    expect(row('task:flag').textContent).toContain('Ctrl+Shift+F');
    record('task:flag');
    press('Backspace');
    expect(row('task:flag').textContent).toContain('no key');
  });

  it('adds a second key and removes one', () => {
    renderWithApp(<Screen />);
    record('task:skip', 'add');
    press('s', { altKey: true });
    expect(row('task:skip').textContent).toContain('Space');
    expect(row('task:skip').textContent).toContain('Alt+S');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Space from Skip with reason…' }));
    expect(row('task:skip').textContent).not.toContain('Space');
    expect(row('task:skip').textContent).toContain('Alt+S');
  });

  it('shows a clash on both commands, refuses to save it, and Reset clears it', () => {
    renderWithApp(<Screen />);
    record('task:skip');
    press('ArrowRight');
    for (const id of ['task:skip', 'task:next']) expect(row(id).dataset.conflict).toBe('true');
    expect(within(row('task:skip')).getByTestId('key-clash').textContent).toBe('→ is also the key of “Next task”');
    expect(within(row('task:next')).getByTestId('key-clash').textContent).toBe('→ is also the key of “Skip with reason…”');
    expect(row('span:caretRight').dataset.conflict).toBeUndefined(); // the editor's layering is no clash
    expect(screen.getByTestId('key-conflicts').textContent).toMatch(/One key does two things/);
    expect(screen.getByTestId('keys-save')).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByTestId('keys-reset-task:skip'));
    expect(row('task:skip').textContent).toContain('Space');
    expect(screen.queryByTestId('key-conflicts')).toBeNull();
    expect(screen.getByTestId('keys-save')).toHaveProperty('disabled', false);
  });

  it('warns that a plain letter is a label key in packs', () => {
    renderWithApp(<Screen />);
    record('task:flag');
    press('g');
    expect(row('task:flag').textContent).toMatch(/Packs use plain letters and digits for labels/);
  });

  it('Reset all goes back to the defaults and saves that', async () => {
    const saved: KeyOverrides[] = [];
    const source: KeymapSource = {
      load: async () => ({ overrides: { 'task:skip': ['Mod+J'], 'task:flag': [] }, problems: [] }),
      save: async (overrides) => {
        saved.push(overrides);
        return { overrides };
      },
    };
    renderWithSource(<Screen />, source); // open before the keymap has arrived: the dialog follows it
    await waitFor(() => expect(row('task:skip').textContent).toContain('Ctrl+J'));
    fireEvent.click(screen.getByTestId('keys-reset-all'));
    expect(row('task:skip').textContent).toContain('Space');
    expect(row('task:flag').textContent).toContain('Ctrl+Shift+F');
    fireEvent.click(screen.getByTestId('keys-save'));
    await waitFor(() => expect(saved).toEqual([{}]));
    expect(screen.getByTestId('live-skip-keys').textContent).toBe('Space');
  });

  it('shows the backend’s refusal and stays open', async () => {
    const source: KeymapSource = {
      load: async () => ({ overrides: {}, problems: [] }),
      save: vi.fn(async () => {
        throw new ApiError({ code: 'invalid-input', message: 'Mod+J is bound to both …', where: { field: 'overrides.task:skip' } });
      }),
    };
    renderWithSource(<Screen />, source);
    record('task:skip');
    press('j', { ctrlKey: true });
    fireEvent.click(screen.getByTestId('keys-save'));
    expect((await screen.findByTestId('key-save-error')).textContent).toBe('field overrides.task:skip: Mod+J is bound to both …');
    expect(screen.getByTestId('key-settings')).toBeTruthy();
  });
});
