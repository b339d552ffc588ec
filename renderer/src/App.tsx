/**
 * The app shell: Mantine (light/dark, following the OS until toggled; the profile's display
 * settings, settings/displaySettings.tsx), notifications scoped to the screen shown, the one
 * keyboard binder with the profile's keymap, the app-wide dialogs (cheat sheet, command palette,
 * keyboard settings), and a small router (Home ↔ Annotator for one pack, or a lead's Project). It also listens to the
 * main process: a pack opened from the OS, a menu command, an error outside any request.
 */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import type { PackSummary } from '../../shared/contract';
import { COMMANDS, type CommandId } from '../../shared/keymap';
import { AnnotatorView } from './annotate/AnnotatorView';
import { ApiError, call, onEvent, pathForFile } from './api';
import { HomeScreen } from './home/HomeScreen';
import { ProjectView } from './lead/ProjectView';
import { ReviewView } from './review/ReviewView';
import { backendKeymap } from './keys/backendKeymap';
import { CheatSheet } from './keys/CheatSheet';
import { CommandPalette } from './keys/CommandPalette';
import { useCommandHandlers, useKeymapRegistry } from './keys/commands';
import { KeyboardRoot } from './keys/KeyboardRoot';
import { keymapBlocked } from './keys/keyGuard';
import { KeySettings } from './keys/KeySettings';
import { enterScreen, notifyError, notifyInfo } from './notify';
import { DropOverlay } from './packs/DropOverlay';
import { useOpenPack } from './packs/useOpenPack';
import { useWindowDrop } from './packs/useWindowDrop';
import { DisplaySettingsRoot, useThemeToggle } from './settings/displaySettings';
import { cssVariablesResolver, theme } from './theme';

type Route = { screen: 'home'; refresh?: number } | { screen: 'annotate'; packId: string } | { screen: 'project'; projectId: string } | { screen: 'review'; packId: string };

function isCommandId(id: string): id is CommandId {
  return COMMANDS.some((c) => c.id === id);
}

/** Main-process events. Menu commands obey the same guard as keys: nothing fires while typing. */
function useMainEvents(openPackId: (packId: string) => void) {
  const registry = useKeymapRegistry();
  useEffect(() => {
    try {
      const off = [
        onEvent('pack:opened', ({ packId }) => openPackId(packId)),
        onEvent('command:run', ({ commandId }) => {
          if (isCommandId(commandId) && !keymapBlocked()) registry.run(commandId, 'menu');
        }),
        onEvent('app:error', (error) => notifyError(new ApiError(error), 'Loupe ran into a problem', { app: true })),
      ];
      return () => off.forEach((unsubscribe) => unsubscribe());
    } catch (error) {
      notifyError(error, 'No backend', { app: true });
      return undefined;
    }
  }, [registry, openPackId]);
}

function Screens() {
  const [route, setRoute] = useState<Route>({ screen: 'home' });
  const [cheatsheetOpen, setCheatsheetOpen] = useState(false);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [keySettingsOpen, setKeySettingsOpen] = useState(false);
  const { toggle: toggleTheme } = useThemeToggle();
  // Notifications belong to the screen that raised them (notify.ts): name the screen on each move.
  const screenName = route.screen === 'home' ? 'home' : `${route.screen}:${route.screen === 'project' ? route.projectId : route.packId}`;
  useLayoutEffect(() => enterScreen(screenName), [screenName]);
  // Under the header: Home's is taller (its right side holds the settings); the others' bars are one row.
  useLayoutEffect(() => document.documentElement.style.setProperty('--loupe-notifications-top', route.screen === 'home' ? '104px' : '78px'), [route.screen]);

  const openPackId = useCallback((packId: string) => setRoute({ screen: 'annotate', packId }), []);
  const openReview = useCallback((packId: string) => setRoute({ screen: 'review', packId }), []);
  const showFeedback = useCallback(() => setRoute({ screen: 'home', refresh: Date.now() }), []);
  const openPack = useOpenPack(openPackId, openReview, showFeedback);
  const openDialog = useCallback(() => void openPack(() => call('packs:openDialog', {})), [openPack]);
  // A pack opened from the OS (file association, second instance) goes where its kind belongs; one
  // not among the packs to work on (a feedback pack) lands on Home, in the dashboard.
  const openFromOs = useCallback(
    (packId: string) =>
      void openPack(async () => {
        const pack = (await call('packs:recent', {})).find((p) => p.packId === packId) ?? null;
        if (!pack) showFeedback();
        return pack;
      }),
    [openPack, showFeedback],
  );

  const onDropFile = useCallback(
    (file: File) => {
      const path = pathForFile(file);
      if (path === null) {
        notifyInfo('Drag and drop needs the desktop app', 'Here, use “Open pack…” instead.');
        return;
      }
      void openPack(() => call('packs:openPath', { path }));
    },
    [openPack],
  );
  const dragging = useWindowDrop(onDropFile);

  useMainEvents(openFromOs);
  useCommandHandlers(
    {
      'view:theme': toggleTheme,
      'help:cheatsheet': () => setCheatsheetOpen(true),
      'file:open': openDialog,
      'app:palette': () => setPaletteOpen(true),
      'settings:keys': () => setKeySettingsOpen(true),
    },
    { scope: 'app' },
  );

  return (
    <>
      {route.screen === 'home' ? (
        <HomeScreen
          key={route.refresh ?? 0}
          openPack={openPack}
          onOpenDialog={openDialog}
          onResume={(pack: PackSummary) => (pack.kind === 'review' ? openReview(pack.packId) : openPackId(pack.packId))}
          onKeySettings={() => setKeySettingsOpen(true)}
          onOpenProject={(projectId) => setRoute({ screen: 'project', projectId })}
        />
      ) : route.screen === 'review' ? (
        <ReviewView key={route.packId} packId={route.packId} onClose={() => setRoute({ screen: 'home' })} />
      ) : route.screen === 'project' ? (
        <ProjectView key={route.projectId} projectId={route.projectId} onClose={() => setRoute({ screen: 'home' })} />
      ) : (
        <AnnotatorView key={route.packId} packId={route.packId} onClose={() => setRoute({ screen: 'home' })} />
      )}
      <CheatSheet opened={cheatsheetOpen} onClose={() => setCheatsheetOpen(false)} />
      <CommandPalette opened={paletteOpen} onClose={() => setPaletteOpen(false)} />
      <KeySettings opened={keySettingsOpen} onClose={() => setKeySettingsOpen(false)} />
      {dragging && <DropOverlay />}
    </>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      {/* Top right, under the screens' headers (global.css): clear of the action bar, the canvas and the lists. */}
      <Notifications position="top-right" limit={3} containerWidth={360} />
      <DisplaySettingsRoot>
        <KeyboardRoot source={backendKeymap}>
          <Screens />
        </KeyboardRoot>
      </DisplaySettingsRoot>
    </MantineProvider>
  );
}
