/**
 * The preload's bridge logic, with `electron` replaced by a fake (the real module is never loaded):
 * what it exposes, how it calls invoke, and how events are unwrapped, filtered and held.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LoupeApi } from '../../../shared/contract';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  onEvent: null as null | ((event: unknown, message: unknown) => void),
  invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: {} })),
  getPathForFile: vi.fn((_file: unknown) => ''),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: fake.invoke,
    on: (channel: string, listener: (event: unknown, message: unknown) => void) => {
      if (channel === 'loupe:event') fake.onEvent = listener;
    },
  },
  webUtils: { getPathForFile: fake.getPathForFile },
}));

async function loadPreload(): Promise<LoupeApi> {
  vi.resetModules();
  fake.exposed.clear();
  await import('../../../electron/preload/index');
  return fake.exposed.get('loupe') as LoupeApi;
}

const push = (message: unknown) => fake.onEvent?.({}, message);
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('preload bridge', () => {
  beforeEach(() => {
    fake.invoke.mockClear();
  });

  it('exposes exactly window.loupe with invoke, on and pathForFile', async () => {
    const api = await loadPreload();
    expect([...fake.exposed.keys()]).toEqual(['loupe']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'pathForFile']);
  });

  it('invokes the one contract channel with the channel name and input', async () => {
    const api = await loadPreload();
    await api.invoke('profile:get', {});
    expect(fake.invoke).toHaveBeenCalledWith('loupe:invoke', 'profile:get', {});
  });

  it('unwraps { event, payload } for listeners of that event only, until unsubscribed', async () => {
    const api = await loadPreload();
    const opened = vi.fn();
    const errors = vi.fn();
    const off = api.on('pack:opened', opened);
    api.on('app:error', errors);
    push({ event: 'pack:opened', payload: { packId: 'p1' } });
    push({ nonsense: true });
    push('pack:opened');
    off();
    push({ event: 'pack:opened', payload: { packId: 'p2' } });
    expect(opened.mock.calls).toEqual([[{ packId: 'p1' }]]);
    expect(errors).not.toHaveBeenCalled();
  });

  it('holds an early event for the first listener, surviving a StrictMode unsubscribe', async () => {
    const api = await loadPreload();
    push({ event: 'pack:opened', payload: { packId: 'early' } });
    const first = vi.fn();
    api.on('pack:opened', first)(); // subscribed and gone before the delivery runs
    const second = vi.fn();
    api.on('pack:opened', second);
    await tick();
    expect(first).not.toHaveBeenCalled();
    expect(second.mock.calls).toEqual([[{ packId: 'early' }]]);
    const third = vi.fn();
    api.on('pack:opened', third);
    await tick();
    expect(third).not.toHaveBeenCalled(); // delivered once
  });

  it('does not hold menu commands for later', async () => {
    const api = await loadPreload();
    push({ event: 'command:run', payload: { commandId: 'file:close' } });
    const run = vi.fn();
    api.on('command:run', run);
    await tick();
    expect(run).not.toHaveBeenCalled();
  });

  it('keeps one failing listener from starving the others', async () => {
    const api = await loadPreload();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const good = vi.fn();
    api.on('pack:opened', () => {
      throw new Error('boom');
    });
    api.on('pack:opened', good);
    push({ event: 'pack:opened', payload: { packId: 'p' } });
    expect(good).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('gives a dropped file its path, and null where there is none', async () => {
    const api = await loadPreload();
    fake.getPathForFile.mockReturnValueOnce('/home/a/batch.loupe');
    expect(api.pathForFile({})).toBe('/home/a/batch.loupe');
    fake.getPathForFile.mockReturnValueOnce('');
    expect(api.pathForFile({})).toBeNull();
    fake.getPathForFile.mockImplementationOnce(() => {
      throw new TypeError('not a File');
    });
    expect(api.pathForFile({})).toBeNull();
  });
});
