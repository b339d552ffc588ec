/**
 * The resolved keymap the whole renderer reads: the defaults plus the current profile's rebound
 * keys. KeyboardRoot loads it at startup from a KeymapSource (the backend in the app, nothing in
 * component tests) and replaces it after each save; the registry, the cheat sheet, the palette,
 * the settings screen and every button that shows a key read this one value, so they agree.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { CommandId } from '../../../shared/keymap';
import { compactOverrides, resolveCommands, type KeyOverrides, type ResolvedCommand } from '../../../shared/keyOverrides';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo } from '../notify';

/** Where the profile's overrides live (the backend's settings channels in the app). */
export interface KeymapSource {
  load(): Promise<{ overrides: KeyOverrides; problems: string[] }>;
  /** Resolves with the overrides as stored; rejects with the backend's error (e.g. a clash). */
  save(overrides: KeyOverrides): Promise<{ overrides: KeyOverrides }>;
  /** Overrides saved by another page; returns the unsubscribe. */
  onChange?(listener: (overrides: KeyOverrides) => void): () => void;
}

export interface ResolvedKeymap {
  commands: readonly ResolvedCommand[];
  overrides: KeyOverrides;
  /** Save new overrides for the current profile; rejects when the backend refuses them. */
  save(overrides: KeyOverrides): Promise<void>;
}

const DEFAULT_COMMANDS = resolveCommands({});

export const ResolvedKeymapContext = createContext<ResolvedKeymap>({
  commands: DEFAULT_COMMANDS,
  overrides: {},
  save: async () => {},
});

export function useResolvedKeymap(): ResolvedKeymap {
  return useContext(ResolvedKeymapContext);
}

/** The current keys of one command (possibly none, when the person unbound it). */
export function useCommandKeys(id: CommandId): readonly string[] {
  return useResolvedKeymap().commands.find((c) => c.id === id)?.keys ?? [];
}

/**
 * State behind ResolvedKeymapContext. Without a source the keymap lives in memory (tests); with
 * one, a failed load keeps the defaults and says so, and problems in the saved keymap (a command
 * this version does not know, a key that now clashes with a new default) are shown once.
 */
export function useResolvedKeymapState(source: KeymapSource | undefined): ResolvedKeymap {
  const [overrides, setOverrides] = useState<KeyOverrides>({});

  useEffect(() => {
    if (!source) return undefined;
    let live = true;
    source
      .load()
      .then((loaded) => {
        if (!live) return;
        setOverrides(loaded.overrides);
        emitAppEvent('keymap-loaded', { rebound: Object.keys(loaded.overrides).length });
        if (loaded.problems.length > 0) notifyInfo('Check your keyboard shortcuts', loaded.problems.join(' '), { app: true });
      })
      .catch((error: unknown) => live && notifyError(error, 'Your keyboard shortcuts could not be loaded; using the defaults', { app: true }));
    let off: (() => void) | undefined;
    try {
      off = source.onChange?.((changed) => live && setOverrides(changed));
    } catch {
      // No event channel (no backend): the load above reports that already.
    }
    return () => {
      live = false;
      off?.();
    };
  }, [source]);

  const save = useCallback(
    async (next: KeyOverrides) => {
      const saved = source ? (await source.save(next)).overrides : compactOverrides(next);
      setOverrides(saved);
      emitAppEvent('keymap-saved', { rebound: Object.keys(saved).length });
    },
    [source],
  );

  const commands = useMemo(() => resolveCommands(overrides), [overrides]);
  return useMemo(() => ({ commands, overrides, save }), [commands, overrides, save]);
}
