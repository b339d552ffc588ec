/**
 * The profile's display settings in the renderer: the theme and the size of task content, loaded
 * once at start (and again when a profile is created), applied at once, and saved per profile
 * through the settings channels (shared/displaySettings.ts).
 *
 * The text size is applied as one CSS variable on the document, `--loupe-task-text-scale`, which
 * every view of task content multiplies its own size by (TaskContent, the span text, the
 * conversation panes), so one setting reaches them all and nothing else on screen grows.
 *
 * Without a provider (component tests) the theme still toggles; nothing is saved.
 */
import { useComputedColorScheme, useMantineColorScheme } from '@mantine/core';
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { DEFAULT_DISPLAY, TEXT_SCALE, type DisplaySettings } from '../../../shared/displaySettings';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo } from '../notify';

export const TEXT_SCALE_VARIABLE = '--loupe-task-text-scale';

interface DisplayState {
  settings: DisplaySettings;
  /** Apply a change now and save it for the profile (when there is one). */
  change(patch: Partial<DisplaySettings>): void;
  /** Read the profile's settings again (after the profile is created). */
  reload(): void;
}

const DisplayContext = createContext<DisplayState>({ settings: DEFAULT_DISPLAY, change: () => {}, reload: () => {} });

export function useDisplaySettings(): DisplayState {
  return useContext(DisplayContext);
}

/** Switch between light and dark, and remember the choice for the profile. */
export function useThemeToggle(): { scheme: 'light' | 'dark'; toggle: () => void } {
  const { setColorScheme } = useMantineColorScheme();
  const scheme = useComputedColorScheme('light', { getInitialValueInEffect: false });
  const { change } = useDisplaySettings();
  const toggle = useCallback(() => {
    const next = scheme === 'dark' ? 'light' : 'dark';
    setColorScheme(next);
    change({ colorScheme: next });
  }, [scheme, setColorScheme, change]);
  return { scheme, toggle };
}

export function DisplaySettingsRoot({ children }: { children: ReactNode }) {
  const { setColorScheme } = useMantineColorScheme();
  // Mantine hands out a new setter on renders; the load must run once per profile, not per render.
  const applyScheme = useRef(setColorScheme);
  useLayoutEffect(() => {
    applyScheme.current = setColorScheme;
  });
  const [settings, setSettings] = useState<DisplaySettings>(DEFAULT_DISPLAY);
  const [hasProfile, setHasProfile] = useState(false);
  const [generation, setGeneration] = useState(0);
  // The latest settings, so two quick changes (theme, then size) each save the other's value too.
  const current = useRef(settings);

  useEffect(() => {
    let live = true;
    Promise.all([call('profile:get', {}), call('settings:getDisplay', {})])
      .then(([profile, loaded]) => {
        if (!live) return;
        setHasProfile(profile !== null);
        current.current = loaded.settings;
        setSettings(loaded.settings);
        if (loaded.settings.colorScheme !== 'auto') applyScheme.current(loaded.settings.colorScheme);
        if (loaded.problems.length > 0) notifyInfo('Check your display settings', loaded.problems.join(' '), { app: true });
        emitAppEvent('display-loaded', loaded.settings);
      })
      .catch((error: unknown) => live && notifyError(error, 'Your display settings could not be loaded; using the defaults', { app: true }));
    return () => {
      live = false;
    };
  }, [generation]);

  useLayoutEffect(() => {
    document.documentElement.style.setProperty(TEXT_SCALE_VARIABLE, String(TEXT_SCALE[settings.textSize]));
  }, [settings.textSize]);

  const change = useCallback(
    (patch: Partial<DisplaySettings>) => {
      const next = { ...current.current, ...patch };
      current.current = next;
      setSettings(next);
      // Before the profile exists there is nobody to save for: the change holds for this session.
      if (!hasProfile) return;
      call('settings:saveDisplay', { settings: next }).then(
        (saved) => emitAppEvent('display-saved', saved.settings),
        (error: unknown) => notifyError(error, 'Your display settings were not saved'),
      );
    },
    [hasProfile],
  );
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  const value = useMemo(() => ({ settings, change, reload }), [settings, change, reload]);
  return <DisplayContext value={value}>{children}</DisplayContext>;
}
