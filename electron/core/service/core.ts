/**
 * The core as the shell and the loopback binding see it: a dispatcher that parses every input
 * against the contract and turns every failure into a typed error value, plus events.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { channels, type ChannelName, type EventName, type EventPayload, type Reply } from '../../../shared/contract';
import { fromZodError, LoupeError } from '../../../shared/errors';
import { keyOverridesSchema } from '../../../shared/keyOverrides';
import { Store } from '../store';
import { createHandlers, summarize } from './handlers';
import { importPackFile } from './packOpening';
import type { Core, CoreEventListener, CoreOptions } from './types';

export const DATABASE_FILE = 'loupe.db';

function isChannel(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

export function toErrorValue(error: unknown): LoupeError {
  if (error instanceof LoupeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new LoupeError('internal', `Something went wrong inside Loupe: ${message}`);
}

export async function openCore(options: CoreOptions & { clock?: () => Date }): Promise<Core> {
  mkdirSync(options.dataDir, { recursive: true });
  const clock = options.clock ?? (() => new Date());
  const store = await Store.open(join(options.dataDir, DATABASE_FILE), { nativeBinding: options.sqliteNativeBinding, clock });
  const listeners = new Set<CoreEventListener>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => listeners.forEach((l) => l(event, payload));

  const openPath = async (path: string) => {
    const outcome = await importPackFile(store, path, options.packLimits);
    return summarize(store, await store.pack(outcome.packId));
  };
  const progress = (label: string, done: number, total: number) => emit('work:progress', { label, done, total });
  const handlers = createHandlers({ store, options, clock, openPath, progress });
  // A saved keymap is announced, so the shell can rebuild its menu accelerators from it.
  const saveKeymap = handlers['settings:saveKeymap'];
  handlers['settings:saveKeymap'] = async (input) => {
    const saved = await saveKeymap(input);
    emit('keymap:changed', { overrides: keyOverridesSchema.parse(saved.overrides) });
    return saved;
  };

  return {
    async dispatch(channel, rawInput) {
      try {
        if (!isChannel(channel)) throw new LoupeError('invalid-input', `Unknown channel "${channel}".`);
        const parsed = channels[channel].input.safeParse(rawInput ?? {});
        if (!parsed.success) throw fromZodError(parsed.error, { entry: channel });
        const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
        const value = channels[channel].output.parse(await handler(parsed.data));
        return { ok: true, value } as Reply<ChannelName>;
      } catch (error) {
        return { ok: false, error: toErrorValue(error).toValue() };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async openFromOutside(path) {
      try {
        const summary = await openPath(path);
        if (summary.kind === 'tasks') emit('pack:opened', { packId: summary.packId });
        return summary;
      } catch (error) {
        emit('app:error', toErrorValue(error).toValue());
        return null;
      }
    },
    readAsset: (packId, assetPath) => store.asset(packId, assetPath),
    close: () => store.close(),
  };
}
