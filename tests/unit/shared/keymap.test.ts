import { describe, expect, it } from 'vitest';
import { appKeyOwner, COMMANDS, commandForKey, commandsForKey, displayKey, eventToKey, normalizeKey, toAccelerator } from '../../../shared/keymap';
import { labelConfigSchema } from '../../../shared/pack/labelConfig';

const ev = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods,
});

describe('keymap', () => {
  it('normalizes key strings to one canonical form', () => {
    expect(normalizeKey('ctrl+shift+z')).toBe('Mod+Shift+Z');
    expect(normalizeKey('Shift+Cmd+Z')).toBe('Mod+Shift+Z');
    expect(normalizeKey('a')).toBe('A');
    expect(normalizeKey('shift+/')).toBe('/');
    expect(normalizeKey('?')).toBe('?');
    expect(normalizeKey('space')).toBe('Space');
    expect(normalizeKey('Mod++')).toBe('Mod++');
    expect(normalizeKey('Hyper+A')).toBeNull();
    expect(normalizeKey('ab')).toBeNull();
  });

  it('turns keyboard events into the same canonical keys', () => {
    expect(eventToKey(ev('z', { ctrlKey: true, shiftKey: true }))).toBe('Mod+Shift+Z');
    expect(eventToKey(ev('Z', { metaKey: true, shiftKey: true }))).toBe('Mod+Shift+Z');
    expect(eventToKey(ev('?', { shiftKey: true }))).toBe('?');
    expect(eventToKey(ev(' '))).toBe('Space');
    expect(eventToKey(ev('1'))).toBe('1');
    expect(eventToKey(ev('Shift', { shiftKey: true }))).toBeNull();
  });

  it('has no two commands on one key in the same context', () => {
    const seen = new Map<string, string>();
    for (const command of COMMANDS) {
      for (const key of command.keys) {
        const canonical = normalizeKey(key)!;
        expect(canonical, `${command.id}: ${key}`).not.toBeNull();
        const slot = `${command.when} ${canonical}`;
        const other = seen.get(slot);
        expect(other, `${key} is bound to ${other} and ${command.id} in ${command.when}`).toBeUndefined();
        seen.set(slot, command.id);
      }
    }
  });

  it('lets an editor context claim a key first and fall back to the labeling view', () => {
    expect(commandsForKey('ArrowRight', 'spans').map((c) => c.id)).toEqual(['span:caretRight', 'task:next']);
    expect(commandsForKey('Enter', 'regions').map((c) => c.id)).toEqual(['region:closePolygon', 'task:submit']);
    expect(commandsForKey('PageDown', 'regions').map((c) => c.id)).toEqual(['task:next']);
    expect(commandsForKey('?', 'spans').map((c) => c.id)).toEqual(['help:cheatsheet']);
    expect(commandsForKey('ArrowRight', 'global')).toEqual([]);
  });

  it('leaves plain letters and digits to labels', () => {
    for (const key of [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ']) expect(appKeyOwner(key), key).toBeNull();
    for (const key of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ']) expect(appKeyOwner(`Shift+${key}`), key).toBeNull();
    expect(appKeyOwner('Enter')).toBe('Submit and next');
    expect(appKeyOwner('Alt+B')).toBe('Box tool');
    expect(commandForKey('Mod+Z', 'labeling')?.id).toBe('edit:undo');
    expect(commandForKey('Enter', 'global')).toBeNull();
  });

  it('renders accelerators and labels per platform', () => {
    expect(toAccelerator('Mod+Shift+ArrowLeft')).toBe('CommandOrControl+Shift+Left');
    expect(displayKey('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(displayKey('Mod+Shift+Z', true)).toBe('⌘⇧Z');
  });
});

describe('label hotkey clashes', () => {
  const config = (labels: Array<{ id: string; hotkey?: string }>, extra: object[] = []) => ({
    version: 1,
    data: 'text',
    controls: [{ id: 'c', kind: 'choices', labels: labels.map((l) => ({ name: l.id, color: '#123456', ...l })) }, ...extra],
  });

  it('accepts distinct keys', () => {
    expect(labelConfigSchema.safeParse(config([{ id: 'a', hotkey: '1' }, { id: 'b', hotkey: 'q' }, { id: 'c', hotkey: 'Shift+Q' }])).success).toBe(true);
  });

  it.each([
    [[{ id: 'a', hotkey: '1' }, { id: 'b', hotkey: '1' }], /hotkey "1" is already used by label "a"/],
    [[{ id: 'a', hotkey: 'q' }, { id: 'b', hotkey: 'Q' }], /hotkey "Q" is already used/],
    [[{ id: 'a', hotkey: 'Enter' }], /clashes with the app's "Submit and next" key/],
    [[{ id: 'a', hotkey: 'ctrl+z' }], /clashes with the app's "Undo" key/],
    [[{ id: 'a', hotkey: '?' }], /clashes with the app's "Keyboard shortcuts" key/],
    [[{ id: 'a', hotkey: 'Hyper+1' }], /not a key this app understands/],
    [[{ id: 'a' }, { id: 'a' }], /duplicate label id "a"/],
  ])('refuses %j', (labels, message) => {
    const result = labelConfigSchema.safeParse(config(labels));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join('\n')).toMatch(message);
  });

  it('refuses a clash across two controls and duplicate control ids', () => {
    const twoControls = config([{ id: 'a', hotkey: '1' }], [{ id: 'c', kind: 'choices', labels: [{ id: 'x', name: 'X', color: '#000000', hotkey: '1' }] }]);
    const messages = labelConfigSchema.safeParse(twoControls).error!.issues.map((i) => i.message).join('\n');
    expect(messages).toMatch(/duplicate control id "c"/);
    expect(messages).toMatch(/hotkey "1" is already used/);
  });
});
