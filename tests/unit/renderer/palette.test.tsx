// @vitest-environment happy-dom
/**
 * The command palette: lists every command with its current key, filters as you type, runs the
 * chosen command through the registry, greys out (and skips) what the current view cannot run,
 * and is reached from the app with Mod+K; the settings screen is reached from it.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelName } from '../../../shared/contract';
import { COMMANDS } from '../../../shared/keymap';
import { resolveCommands } from '../../../shared/keyOverrides';
import { App } from '../../../renderer/src/App';
import { call, onEvent } from '../../../renderer/src/api';
import { CommandPalette } from '../../../renderer/src/keys/CommandPalette';
import { useCommandHandlers } from '../../../renderer/src/keys/commands';
import type { CommandHandlers } from '../../../renderer/src/keys/registry';
import { matchScore, paletteItems } from '../../../renderer/src/keys/paletteSearch';
import { renderWithApp } from './harness';

import type * as Api from '../../../renderer/src/api';

vi.mock('../../../renderer/src/api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  call: vi.fn(),
  onEvent: vi.fn(() => () => {}),
}));

afterEach(cleanup);

/** A labeling view with `handlers`; the palette opens over it once it is mounted, as in the app. */
function Palette({ handlers }: { handlers: CommandHandlers }) {
  const [opened, setOpened] = useState(false);
  useCommandHandlers(handlers, { context: 'labeling' });
  return (
    <>
      <button onClick={() => setOpened(true)}>open</button>
      <CommandPalette opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}

function openPalette(handlers: CommandHandlers) {
  renderWithApp(<Palette handlers={handlers} />);
  fireEvent.click(screen.getByText('open'));
}

const query = () => screen.getByTestId('palette-query');
const item = (id: string) => screen.getByTestId(`palette-item-${id}`);
const type = (text: string) => fireEvent.change(query(), { target: { value: text } });
const key = (name: string) => fireEvent.keyDown(query(), { key: name });

describe('palette search', () => {
  const commands = resolveCommands({});
  const find = (id: string) => commands.find((c) => c.id === id)!;

  it('matches words in the title, group or id, and letters in order in the title', () => {
    expect(matchScore('guide', find('view:guidelines'))).not.toBeNull();
    expect(matchScore('task skip', find('task:skip'))).not.toBeNull();
    expect(matchScore('sbmt', find('task:submit'))).not.toBeNull();
    expect(matchScore('guide', find('task:submit'))).toBeNull();
    expect(matchScore('', find('task:submit'))).toBe(0);
  });

  it('puts runnable commands first, the best match first', () => {
    const items = paletteItems(commands, 'next', (id) => id !== 'task:next');
    expect(items.at(-1)).toEqual({ command: find('task:next'), enabled: false });
    expect(items[0]!.enabled).toBe(true);
    expect(items.map((i) => i.command.id)).toContain('span:next');
  });
});

describe('command palette', () => {
  it('lists every command with its key, the field focused', async () => {
    openPalette({ 'task:submit': vi.fn() });
    expect(screen.getAllByRole('option')).toHaveLength(COMMANDS.length);
    expect(item('task:submit').textContent).toContain('Enter');
    expect(item('app:palette').textContent).toContain('Ctrl+Shift+P');
    await waitFor(() => expect(document.activeElement).toBe(query()));
  });

  it('filters as you type and runs the chosen command with Enter, then closes', () => {
    const guidelines = vi.fn();
    const submit = vi.fn();
    openPalette({ 'view:guidelines': guidelines, 'task:submit': submit });
    type('guide');
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.dataset.testid)).toEqual(['palette-item-view:guidelines']);
    expect(options[0]!.getAttribute('aria-selected')).toBe('true');
    key('Enter');
    expect(guidelines).toHaveBeenCalledTimes(1);
    expect(submit).not.toHaveBeenCalled(); // Enter in the field is the palette's, not the keymap's
    expect(screen.queryByTestId('palette-query')).toBeNull();
  });

  it('shows what the view cannot run greyed out with its key, skips it with the arrows and never runs it', () => {
    const next = vi.fn();
    const previous = vi.fn();
    openPalette({ 'task:next': next, 'task:previous': previous });
    type('task');
    const skip = item('task:skip');
    expect(skip.getAttribute('aria-disabled')).toBe('true');
    expect(skip.textContent).toContain('Space');
    expect(skip.textContent).toContain('not available here');
    fireEvent.click(skip);
    expect(screen.getByTestId('palette-query')).toBeTruthy(); // still open, nothing ran
    expect(item('task:next').getAttribute('aria-selected')).toBe('true');
    key('ArrowDown');
    expect(item('task:previous').getAttribute('aria-selected')).toBe('true');
    key('ArrowDown'); // wraps over the runnable ones only
    expect(item('task:next').getAttribute('aria-selected')).toBe('true');
    key('ArrowUp');
    key('Enter');
    expect(previous).toHaveBeenCalledTimes(1);
    expect(next).not.toHaveBeenCalled();
  });

  it('runs a command on click, and says when nothing matches', () => {
    const theme = vi.fn();
    openPalette({ 'view:theme': theme });
    type('zzzz');
    expect(screen.getByText(/No command matches/)).toBeTruthy();
    type('theme');
    fireEvent.click(item('view:theme'));
    expect(theme).toHaveBeenCalledTimes(1);
  });
});

describe('palette in the app', () => {
  beforeEach(() => {
    vi.mocked(call).mockImplementation((async (channel: ChannelName) => {
      const answers: Partial<Record<ChannelName, unknown>> = {
        'profile:get': { id: 'me', name: 'Ada', role: 'annotator' },
        'packs:samples': [],
        'packs:recent': [],
        'settings:getKeymap': { overrides: { 'app:palette': ['Mod+J'] }, problems: [] },
        'settings:getDisplay': { settings: { colorScheme: 'auto', textSize: 'medium' }, problems: [] },
      };
      if (!(channel in answers)) throw new Error(`unexpected call ${channel}`);
      return answers[channel];
    }) as typeof call);
    vi.mocked(onEvent).mockImplementation(() => () => {});
  });

  it('opens on the profile’s palette key and reaches the keyboard settings', async () => {
    render(<App />);
    await screen.findByTestId('open-key-settings');
    await waitFor(() => expect(vi.mocked(call)).toHaveBeenCalledWith('settings:getKeymap', {}));
    await act(async () => {}); // let the loaded keymap reach the registry
    expect(fireEvent.keyDown(window, { key: 'k', ctrlKey: true })).toBe(true); // not taken: Mod+K was rebound to Mod+J
    expect(fireEvent.keyDown(window, { key: 'j', ctrlKey: true })).toBe(false);
    await screen.findByTestId('palette-query'); // the app's Mantine has transitions
    type('keyboard');
    expect(within(item('settings:keys')).getByText('Ctrl+,')).toBeTruthy();
    key('ArrowDown');
    expect(item('settings:keys').getAttribute('aria-selected')).toBe('true');
    key('Enter');
    expect(await screen.findByTestId('key-settings')).toBeTruthy();
  });
});
