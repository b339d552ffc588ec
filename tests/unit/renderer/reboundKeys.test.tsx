// @vitest-environment happy-dom
/**
 * Rebound keys in the renderer: the registry resolves against the resolved table it is given,
 * KeyboardRoot loads the profile's overrides and hands them to the registry, the cheat sheet and
 * command buttons show them, and a label key that a rebound app key now shares is flagged.
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveCommands, type KeyOverrides } from '../../../shared/keyOverrides';
import { labelKeyHelp } from '../../../renderer/src/annotate/labelKeys';
import { CommandButton } from '../../../renderer/src/annotate/TaskHeader';
import { CheatSheet } from '../../../renderer/src/keys/CheatSheet';
import { useCommandHandlers } from '../../../renderer/src/keys/commands';
import { KeyboardRoot } from '../../../renderer/src/keys/KeyboardRoot';
import { KeymapRegistry } from '../../../renderer/src/keys/registry';
import type { KeymapSource } from '../../../renderer/src/keys/resolvedKeymap';
import { appEvents, sentimentConfig } from './harness';

afterEach(cleanup);

function source(overrides: KeyOverrides, problems: string[] = []): KeymapSource & { listeners: Array<(o: KeyOverrides) => void> } {
  const listeners: Array<(o: KeyOverrides) => void> = [];
  return {
    listeners,
    load: vi.fn(async () => ({ overrides, problems })),
    save: vi.fn(async (next: KeyOverrides) => ({ overrides: next })),
    onChange: (listener) => {
      listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  };
}

function renderWithSource(ui: ReactElement, keymap: KeymapSource) {
  return render(
    <MantineProvider env="test">
      <Notifications />
      <KeyboardRoot source={keymap}>{ui}</KeyboardRoot>
    </MantineProvider>,
  );
}

function press(key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  document.body.dispatchEvent(event);
  return event;
}

function Labeling({ onSkip, labelKey }: { onSkip: () => void; labelKey?: () => void }) {
  useCommandHandlers({ 'task:skip': onSkip }, { context: 'labeling', labelKeys: new Map(labelKey ? [['J', labelKey]] : []) });
  return <CommandButton id="task:skip" onClick={onSkip} />;
}

describe('registry with a resolved table', () => {
  it('resolves the rebound key and no longer the default one', () => {
    const registry = new KeymapRegistry();
    const skip = vi.fn();
    registry.add({ current: { scope: 'view', context: 'labeling', handlers: { 'task:skip': skip } } });
    expect(registry.resolve('Space')?.commandId).toBe('task:skip');
    registry.setCommands(resolveCommands({ 'task:skip': ['Mod+J'] }));
    expect(registry.resolve('Space')).toBeNull();
    registry.resolve('Mod+J')?.run();
    expect(skip).toHaveBeenCalledTimes(1);
    registry.setCommands(resolveCommands({ 'task:skip': [] }));
    expect(registry.resolve('Mod+J')).toBeNull();
    expect(registry.run('task:skip', 'menu')).toBe(true); // unbound, yet still runnable (palette, menu)
  });

  it('keeps label keys first: a rebound app key on a label key loses to the label', () => {
    const registry = new KeymapRegistry();
    const skip = vi.fn();
    const label = vi.fn();
    registry.setCommands(resolveCommands({ 'task:skip': ['J'] }));
    registry.add({ current: { scope: 'view', context: 'labeling', handlers: { 'task:skip': skip }, labelKeys: new Map([['J', label]]) } });
    expect(registry.resolve('J')?.commandId).toBeNull();
  });
});

describe('KeyboardRoot with the profile’s keymap', () => {
  it('loads the overrides at start and keys, buttons and the cheat sheet follow them', async () => {
    window.__loupeEvents = [];
    const onSkip = vi.fn();
    const keymap = source({ 'task:skip': ['Mod+J'] });
    const ui = (sheet: boolean) => (
      <>
        <Labeling onSkip={onSkip} />
        <CheatSheet opened={sheet} onClose={() => {}} />
      </>
    );
    const { rerender } = renderWithSource(ui(false), keymap);
    await waitFor(() => expect(appEvents()).toContainEqual({ type: 'keymap-loaded', rebound: 1 }));
    expect(press('j', { ctrlKey: true }).defaultPrevented).toBe(true);
    expect(press(' ').defaultPrevented).toBe(false);
    expect(onSkip).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: /Skip with reason/ }).textContent).toContain('Ctrl+J');
    rerender(
      <MantineProvider env="test">
        <Notifications />
        <KeyboardRoot source={keymap}>{ui(true)}</KeyboardRoot>
      </MantineProvider>,
    );
    const row = screen.getByTestId('cheatsheet').querySelector('[data-command="task:skip"]')!;
    expect(row.textContent).toContain('Ctrl+J');
    expect(row.textContent).not.toContain('Space');
  });

  it('takes overrides saved elsewhere, and says when the saved keymap had problems', async () => {
    const keymap = source({}, ['"gone:away" is not a command of this version of Loupe; its keys were ignored.']);
    const onSkip = vi.fn();
    renderWithSource(<Labeling onSkip={onSkip} />, keymap);
    await screen.findByText(/gone:away/);
    act(() => keymap.listeners.forEach((listener) => listener({ 'task:skip': ['Alt+S'] })));
    press('s', { altKey: true });
    expect(onSkip).toHaveBeenCalledTimes(1);
  });

  it('keeps the defaults and says so when the keymap cannot be loaded', async () => {
    const onSkip = vi.fn();
    renderWithSource(<Labeling onSkip={onSkip} />, { load: async () => Promise.reject(new Error('backend gone')), save: vi.fn() });
    await screen.findByText(/keyboard shortcuts could not be loaded/);
    press(' ');
    expect(onSkip).toHaveBeenCalledTimes(1);
  });

  it('flags a label key that a rebound app key now also uses, in the annotator’s cheat sheet', async () => {
    window.__loupeEvents = [];
    renderWithSource(<CheatSheet opened onClose={() => {}} labels={labelKeyHelp(sentimentConfig)} />, source({ 'task:skip': ['2'] }));
    await waitFor(() => expect(appEvents()).toContainEqual({ type: 'keymap-loaded', rebound: 1 }));
    const clashes = screen.getAllByTestId('label-key-clash');
    expect(clashes).toHaveLength(1);
    expect(clashes[0]!.textContent).toBe('2 labels “Negative” here, so it does not run your “Skip with reason…” while this pack is open.');
  });
});
