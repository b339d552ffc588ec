// @vitest-environment happy-dom
/**
 * The app shell and Home against a mocked backend: profile first, then samples and recent packs,
 * opening a pack routes to the annotator, main-process events reach the same command handlers,
 * and drag and drop explains itself in a browser.
 */
import { act, cleanup, fireEvent, screen, waitFor, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelName, EventName, PackSummary } from '../../../shared/contract';
import { App } from '../../../renderer/src/App';
import { ApiError, call, onEvent } from '../../../renderer/src/api';
import { appEvents, progress, session, taskView } from './harness';

import type * as Api from '../../../renderer/src/api';

vi.mock('../../../renderer/src/api', async (importOriginal) => ({
  ...(await importOriginal<typeof Api>()),
  call: vi.fn(),
  onEvent: vi.fn(),
  pathForFile: vi.fn(() => null),
}));

const listeners = new Map<string, (payload: unknown) => void>();
const summary: PackSummary = { ...session().pack, progress: progress({ submitted: 1, skipped: 1, flagged: 1 }) };

function backend(overrides: Partial<Record<ChannelName, (input: never) => unknown>> = {}) {
  const handlers: Partial<Record<ChannelName, (input: never) => unknown>> = {
    'profile:get': () => ({ id: 'me', name: 'Ada', role: 'annotator' }),
    'profile:save': (input: { name: string; role: string }) => ({ id: 'me', ...input }),
    'packs:samples': () => [{ id: 'sentiment', name: 'Sentiment', description: 'Short reviews', taskKind: 'Text classification' }],
    'packs:recent': () => [summary],
    'packs:openSample': () => summary,
    'packs:openDialog': () => null,
    'session:load': () => session(),
    'task:get': ({ index }: { index: number }) => taskView(index),
    'session:setPosition': () => ({}),
    'settings:getKeymap': () => ({ overrides: {}, problems: [] }),
    'settings:getDisplay': () => ({ settings: { colorScheme: 'auto', textSize: 'medium' }, problems: [] }),
    'me:dashboard': () => ({
      name: 'Ada', days: [], tasksDone: 0, activeHours: 0, earnings: [], goldAccuracy: null, goldItems: 0, acceptance: null, reviewed: 0,
      acceptanceByWeek: [], topReasons: [], feedback: [],
    }),
    ...overrides,
  };
  vi.mocked(call).mockImplementation((async (channel: ChannelName, input: never) => {
    const handler = handlers[channel];
    if (!handler) throw new Error(`unexpected call ${channel}`);
    return handler(input);
  }) as typeof call);
}

beforeEach(() => {
  window.__loupeEvents = [];
  listeners.clear();
  vi.mocked(call).mockReset();
  vi.mocked(onEvent).mockImplementation(((event: EventName, listener: (payload: unknown) => void) => {
    listeners.set(event, listener);
    return () => listeners.delete(event);
  }) as typeof onEvent);
});
afterEach(cleanup);

describe('home', () => {
  it('asks for a profile first and saves it on Enter', async () => {
    backend({ 'profile:get': () => null });
    render(<App />);
    const name = await screen.findByTestId('profile-name');
    expect(appEvents()).toContainEqual({ type: 'home-ready', hasProfile: false });
    fireEvent.change(name, { target: { value: '  Grace ' } });
    fireEvent.submit(name.closest('form')!);
    await screen.findByTestId('open-sample-sentiment');
    expect(vi.mocked(call)).toHaveBeenCalledWith('profile:save', { name: 'Grace', role: 'annotator' });
  });

  it('shows the backend’s error message for a refused profile', async () => {
    backend({
      'profile:get': () => null,
      'profile:save': () => {
        throw new ApiError({ code: 'invalid-input', message: 'a name is needed', where: { field: 'name' } });
      },
    });
    render(<App />);
    const name = await screen.findByTestId('profile-name');
    fireEvent.change(name, { target: { value: 'x' } });
    fireEvent.click(screen.getByTestId('profile-save'));
    await screen.findByText('field name: a name is needed');
  });

  it('lists recent packs with progress and resumes one', async () => {
    backend();
    render(<App />);
    const row = await screen.findByTestId('recent-pack-1');
    expect(appEvents()).toContainEqual({ type: 'home-ready', hasProfile: true });
    expect(row.textContent).toContain('2 of 3 done');
    expect(row.textContent).toContain('1 submitted · 1 skipped · 1 flagged');
    fireEvent.click(screen.getByTestId('resume-pack-1'));
    await screen.findByTestId('task-text');
    await waitFor(() => expect(appEvents()).toContainEqual({ type: 'session-ready', packId: 'pack-1' }));
  });

  it('opens a sample pack into the annotator', async () => {
    backend();
    render(<App />);
    fireEvent.click(await screen.findByTestId('open-sample-sentiment'));
    await screen.findByTestId('task-text');
    expect(vi.mocked(call)).toHaveBeenCalledWith('packs:openSample', { sampleId: 'sentiment' });
  });

  it('opens the pack a main-process event names, and runs menu commands like keys', async () => {
    backend();
    render(<App />);
    await screen.findByTestId('recent-pack-1');
    act(() => listeners.get('pack:opened')!({ packId: 'pack-1' }));
    await screen.findByTestId('task-text');
    act(() => listeners.get('command:run')!({ commandId: 'view:guidelines' }));
    await screen.findByTestId('guidelines');
    act(() => listeners.get('command:run')!({ commandId: 'file:close' }));
    await screen.findByTestId('recent-pack-1');
  });

  it('Mod+O opens the dialog; a cancelled dialog changes nothing', async () => {
    backend();
    render(<App />);
    await screen.findByTestId('recent-pack-1');
    fireEvent.keyDown(document.body, { key: 'o', ctrlKey: true });
    await waitFor(() => expect(vi.mocked(call)).toHaveBeenCalledWith('packs:openDialog', {}));
    expect(screen.getByTestId('recent-pack-1')).toBeTruthy();
  });

  it('names each sample’s task kind, and leaves the work panel out until there is work', async () => {
    backend();
    render(<App />);
    expect((await screen.findByTestId('sample-kind-sentiment')).textContent).toBe('Text classification');
    await waitFor(() => expect(appEvents()).toContainEqual({ type: 'dashboard-ready', reviewed: 0, feedback: 0 }));
    expect(screen.queryByTestId('dashboard')).toBeNull();
  });

  it('finds a sample from the keyboard: / to the field, type, Enter opens it', async () => {
    backend();
    render(<App />);
    await screen.findByTestId('recent-pack-1');
    fireEvent.keyDown(document.body, { key: '/' });
    const field = screen.getByTestId('pack-find');
    await waitFor(() => expect(document.activeElement).toBe(field));
    fireEvent.change(field, { target: { value: 'classification' } });
    expect(screen.queryByTestId('recent-pack-1')).toBeNull();
    expect(screen.getByTestId('pack-find-hint').textContent).toContain('“Sentiment”');
    fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(() => expect(vi.mocked(call)).toHaveBeenCalledWith('packs:openSample', { sampleId: 'sentiment' }));
  });

  it('moves the choice with the arrows, and says so when nothing matches', async () => {
    backend();
    render(<App />);
    const field = await screen.findByTestId('pack-find');
    fireEvent.focus(field);
    expect(screen.getByTestId('recent-pack-1').dataset.active).toBe('true');
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(screen.getByTestId('sample-sentiment').dataset.active).toBe('true');
    fireEvent.change(field, { target: { value: 'zebra' } });
    expect(screen.getByTestId('pack-find-none').textContent).toContain('zebra');
  });

  it('calls a lead’s packs the ones they opened, and shows their projects', async () => {
    backend({ 'profile:get': () => ({ id: 'me', name: 'Lea', role: 'lead' }), 'project:list': () => [] });
    render(<App />);
    await screen.findByTestId('projects');
    expect(screen.getByRole('heading', { name: 'Packs you opened' })).toBeTruthy();
  });

  it('explains that drag and drop needs the desktop app when no path is known', async () => {
    backend();
    render(<App />);
    await screen.findByTestId('recent-pack-1');
    const file = new File(['x'], 'a.loupe');
    const drop = new Event('drop', { bubbles: true, cancelable: true }) as DragEvent;
    Object.defineProperty(drop, 'dataTransfer', { value: { types: ['Files'], files: [file] } });
    window.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(true);
    await screen.findByText('Drag and drop needs the desktop app');
  });
});
