/** The menu built from a profile's resolved keymap: accelerators follow rebound keys, with the same key policy. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { resolveCommands } from '../../../shared/keyOverrides';
import { buildMenuTemplate } from '../../../electron/shell/menuTemplate';

function item(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const all = template.flatMap((top) => (Array.isArray(top.submenu) ? top.submenu : []));
  const found = all.find((i) => i.label?.startsWith(label));
  if (!found) throw new Error(`no item ${label}`);
  return found;
}

describe('menu from a rebound keymap', () => {
  const options = { isMac: false, isPackaged: true, perform: () => {} };

  it('lists the palette and the keyboard settings with their default accelerators', () => {
    const template = buildMenuTemplate(options);
    expect(item(template, 'Command palette…').accelerator).toBe('CommandOrControl+K');
    expect(item(template, 'Customize keyboard shortcuts…')).toMatchObject({ accelerator: 'CommandOrControl+,', registerAccelerator: true });
  });

  it('moves an accelerator to the rebound key, keeps plain keys unregistered, and drops it for an unbound command', () => {
    const template = buildMenuTemplate(options, resolveCommands({ 'file:open': ['Mod+Shift+O'], 'task:skip': ['Mod+J'], 'file:export': [], 'task:submit': ['F2'] }));
    expect(item(template, 'Open pack…')).toMatchObject({ accelerator: 'CommandOrControl+Shift+O', registerAccelerator: true });
    expect(item(template, 'Skip with reason…')).toMatchObject({ accelerator: 'CommandOrControl+J', registerAccelerator: true });
    expect(item(template, 'Export results pack…').accelerator).toBeUndefined();
    expect(item(template, 'Submit and next')).toMatchObject({ accelerator: 'F2', registerAccelerator: false });
  });
});
