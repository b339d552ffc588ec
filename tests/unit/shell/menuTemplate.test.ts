import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { COMMANDS } from '../../../shared/keymap';
import { buildMenuTemplate, isPlainKey, menuAction, type MenuAction } from '../../../electron/shell/menuTemplate';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}

function itemFor(template: MenuItemConstructorOptions[], title: string): MenuItemConstructorOptions {
  const found = items(template).find((item) => item.label?.startsWith(title));
  if (!found) throw new Error(`no item ${title}`);
  return found;
}

const click = (item: MenuItemConstructorOptions, triggeredByAccelerator: boolean) =>
  (item.click as (i: unknown, w: unknown, e: { triggeredByAccelerator?: boolean }) => void)({}, undefined, { triggeredByAccelerator });

/** Commands of the menu groups; editor commands (spans, regions, predictions) live in the page only. */
const MENU_COMMANDS = COMMANDS.filter((c) => ['File', 'Edit', 'Task', 'View', 'Help'].includes(c.group));

describe('menu template', () => {
  it('has one item per command, in menus named by their group', () => {
    const template = buildMenuTemplate({ isMac: false, isPackaged: true, perform: () => {} });
    for (const command of MENU_COMMANDS) {
      const menu = template.find((m) => (m.label ?? (m.role === 'help' ? 'Help' : '')) === command.group);
      expect(menu, command.group).toBeDefined();
      expect(items(menu!.submenu as MenuItemConstructorOptions[]).some((i) => i.label === command.title)).toBe(true);
    }
  });

  it('never registers a plain key or undo/redo as an accelerator on Windows/Linux', () => {
    const template = buildMenuTemplate({ isMac: false, isPackaged: true, perform: () => {} });
    for (const command of MENU_COMMANDS) {
      const item = itemFor(template, command.title);
      const ownedByPage = isPlainKey(command.keys[0]!) || command.id === 'edit:undo' || command.id === 'edit:redo';
      expect(item.accelerator, command.id).toBeDefined(); // still shown
      expect(item.registerAccelerator, command.id).toBe(!ownedByPage);
    }
    expect(itemFor(template, 'Open pack').accelerator).toBe('CommandOrControl+O');
    expect(itemFor(template, 'Next task').accelerator).toBe('Right');
  });

  it('gives plain keys no accelerator at all on macOS, showing them in the label', () => {
    const template = buildMenuTemplate({ isMac: true, isPackaged: true, perform: () => {} });
    const submit = itemFor(template, 'Submit and next');
    expect(submit.accelerator).toBeUndefined();
    expect(submit.label).toContain('Enter');
    expect(itemFor(template, 'Keyboard shortcuts').accelerator).toBeUndefined();
    expect(itemFor(template, 'Undo').accelerator).toBe('CommandOrControl+Z');
  });

  it('keeps devtools and reload out of packaged builds', () => {
    const roles = (packaged: boolean) => items(buildMenuTemplate({ isMac: false, isPackaged: packaged, perform: () => {} })).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('reload');
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'quit']));
    expect(roles(true)).not.toContain('undo'); // undo/redo are our commands
  });

  it('sends our command on click, and native undo only for a macOS Cmd+Z the page declined', () => {
    const perform = vi.fn<(action: MenuAction) => void>();
    const mac = buildMenuTemplate({ isMac: true, isPackaged: true, perform });
    click(itemFor(mac, 'Undo'), false);
    click(itemFor(mac, 'Undo'), true);
    click(itemFor(mac, 'Redo'), true);
    click(itemFor(mac, 'Open pack'), true);
    expect(perform.mock.calls.map(([action]) => action)).toEqual([
      { type: 'command', commandId: 'edit:undo' },
      { type: 'native', edit: 'undo' },
      { type: 'native', edit: 'redo' },
      { type: 'command', commandId: 'file:open' },
    ]);
    expect(menuAction('edit:undo', false, true)).toEqual({ type: 'command', commandId: 'edit:undo' });
  });

  it('knows plain keys', () => {
    expect(['Enter', 'Space', 'ArrowLeft', 'Backspace', '?', 'F1', 'Shift+A'].every(isPlainKey)).toBe(true);
    expect(['Mod+Z', 'Mod+Shift+Z', 'Alt+X'].some(isPlainKey)).toBe(false);
  });
});
