/**
 * The application menu's template, built from the keymap table (shared/keymap.ts COMMANDS) so the
 * menu, the renderer's key handler and the cheat sheet never disagree. Pure (electron types only),
 * so the accelerator policy below is unit-tested; menu.ts installs it and performs the actions.
 *
 * Who owns a keystroke: the renderer. Its one key handler knows when a text field or a modal has
 * the keyboard and stays out of the way; a menu accelerator does not know that. So:
 * - Keys without Mod/Alt (Enter, Space, arrows, Backspace, F1, `?`) must never become menu
 *   accelerators, or typing them into a comment box would run commands. On Windows/Linux the item
 *   shows the key but `registerAccelerator: false` leaves the keystroke to the page. macOS ignores
 *   that option and matches menu key equivalents before the page sees a plain key, so there the
 *   item gets no accelerator and shows the key in its label instead.
 * - Undo/redo (Mod+Z, Mod+Shift+Z) are ours in the annotator but must stay the text field's own
 *   undo while typing. Windows/Linux: `registerAccelerator: false`, so Ctrl+Z reaches the page,
 *   where our handler takes it or (in a text field) Chromium undoes the typing. macOS: the page
 *   sees Cmd chords first and our handler prevents the ones it takes; an unprevented Cmd+Z comes
 *   back to the menu, and native text undo on macOS *is* the menu's job, so an accelerator-fired
 *   Undo/Redo does the page's native undo/redo instead of our command (which the renderer would
 *   ignore anyway while a text field has focus).
 * - Other Mod chords (Mod+O, Mod+E, ...) are real accelerators. Where a platform delivers a key to
 *   both the page and the menu, the renderer's registry drops the echo.
 * Clicking an item always runs our command.
 *
 * Rebound keys: `commands` is the resolved table (defaults plus the current profile's overrides,
 * shared/keyOverrides.ts). menu.ts builds with the defaults at start, then rebuilds from the
 * profile's overrides once read and after each save, so an accelerator follows the key's new owner.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS, displayKey, toAccelerator, type CommandSpec } from '../../shared/keymap';

export type MenuAction = { type: 'command'; commandId: string } | { type: 'native'; edit: 'undo' | 'redo' };

export interface MenuTemplateOptions {
  isMac: boolean;
  isPackaged: boolean;
  perform(action: MenuAction): void;
}

const TEXT_EDIT: Partial<Record<string, 'undo' | 'redo'>> = { 'edit:undo': 'undo', 'edit:redo': 'redo' };

/** True for a key with neither Mod nor Alt (Shift alone still types text). */
export function isPlainKey(key: string): boolean {
  const modifiers = key.split('+').slice(0, -1);
  return !modifiers.includes('Mod') && !modifiers.includes('Alt');
}

/** What choosing a command's item does: `triggeredByAccelerator` tells a key from a click. */
export function menuAction(commandId: string, isMac: boolean, triggeredByAccelerator: boolean): MenuAction {
  const edit = TEXT_EDIT[commandId];
  if (edit && isMac && triggeredByAccelerator) return { type: 'native', edit };
  return { type: 'command', commandId };
}

function commandItem(command: CommandSpec, options: MenuTemplateOptions): MenuItemConstructorOptions {
  const { isMac, perform } = options;
  const click: MenuItemConstructorOptions['click'] = (_item, _window, event) =>
    perform(menuAction(command.id, isMac, event.triggeredByAccelerator === true));
  const key = command.keys[0];
  if (key === undefined) return { label: command.title, click };
  const plain = isPlainKey(key);
  if (isMac && plain) return { label: `${command.title}    ${displayKey(key, true)}`, click };
  return {
    label: command.title,
    accelerator: toAccelerator(key),
    registerAccelerator: !(plain || TEXT_EDIT[command.id]),
    click,
  };
}

export function buildMenuTemplate(options: MenuTemplateOptions, commands: readonly CommandSpec[] = COMMANDS): MenuItemConstructorOptions[] {
  const { isMac, isPackaged } = options;
  const group = (name: CommandSpec['group']) => commands.filter((c) => c.group === name).map((c) => commandItem(c, options));
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  return [
    ...(isMac ? [{ role: 'appMenu' } as const] : []),
    { label: 'File', submenu: [...group('File'), ...(isMac ? [] : [separator, { role: 'quit' } as const])] },
    {
      label: 'Edit',
      submenu: [
        ...group('Edit'),
        separator,
        // Roles, so text fields get cut/copy/paste everywhere (on macOS they work only through these).
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    { label: 'Task', submenu: group('Task') },
    {
      label: 'View',
      submenu: [
        ...group('View'),
        separator,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        separator,
        { role: 'togglefullscreen' },
        // Reloading drops the page's state and devtools can run anything in it: development only.
        ...(isPackaged ? [] : [separator, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
      ],
    },
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    { role: 'help', submenu: group('Help') },
  ];
}
