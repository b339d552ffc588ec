/**
 * The one keymap table. Every app command has an id (`area:verb`), a title, default keys and a
 * `when` context (VS Code style) saying where its keys apply. This table drives the renderer's key
 * handler, the cheat sheet, the Electron menus (accelerators) and label-hotkey clash checks.
 *
 * Key strings are canonical: modifiers in the order Mod, Alt, Shift, then the key. `Mod` is Ctrl
 * on Windows/Linux and Cmd on macOS. Letters are upper-case and case-insensitive in input (`a` and
 * `A` are the same plain key; Shift must be written). Printable symbols carry no Shift (`?`).
 *
 * Plain letters and digits are left to labels on purpose: packs use 1–9, 0, then letters.
 */

export type KeyContext = 'global' | 'labeling';

export interface CommandSpec {
  id: string;
  title: string;
  group: 'Task' | 'Edit' | 'View' | 'File' | 'Help';
  keys: string[];
  when: KeyContext;
}

export const COMMANDS = [
  { id: 'task:submit', title: 'Submit and next', group: 'Task', keys: ['Enter'], when: 'labeling' },
  { id: 'task:next', title: 'Next task', group: 'Task', keys: ['ArrowRight'], when: 'labeling' },
  { id: 'task:previous', title: 'Previous task', group: 'Task', keys: ['ArrowLeft'], when: 'labeling' },
  { id: 'task:skip', title: 'Skip with reason…', group: 'Task', keys: ['Space'], when: 'labeling' },
  { id: 'task:flag', title: 'Flag with comment…', group: 'Task', keys: ['Mod+Shift+F'], when: 'labeling' },
  { id: 'task:clear', title: 'Clear answer', group: 'Task', keys: ['Backspace', 'Delete'], when: 'labeling' },
  { id: 'edit:undo', title: 'Undo', group: 'Edit', keys: ['Mod+Z'], when: 'labeling' },
  { id: 'edit:redo', title: 'Redo', group: 'Edit', keys: ['Mod+Shift+Z', 'Mod+Y'], when: 'labeling' },
  { id: 'view:guidelines', title: 'Show or hide guidelines', group: 'View', keys: ['F1'], when: 'labeling' },
  { id: 'view:theme', title: 'Toggle light or dark theme', group: 'View', keys: ['Mod+Shift+L'], when: 'global' },
  { id: 'help:cheatsheet', title: 'Keyboard shortcuts', group: 'Help', keys: ['?'], when: 'global' },
  { id: 'file:open', title: 'Open pack…', group: 'File', keys: ['Mod+O'], when: 'global' },
  { id: 'file:export', title: 'Export results pack…', group: 'File', keys: ['Mod+E'], when: 'labeling' },
  { id: 'file:close', title: 'Close pack', group: 'File', keys: ['Mod+W'], when: 'labeling' },
] as const satisfies readonly CommandSpec[];

export type CommandId = (typeof COMMANDS)[number]['id'];

const NAMED_KEYS = new Map(
  [
    'Enter', 'Escape', 'Space', 'Backspace', 'Delete', 'Tab', 'Home', 'End', 'PageUp', 'PageDown',
    'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Insert',
    ...Array.from({ length: 12 }, (_, i) => `F${i + 1}`),
  ].map((name) => [name.toLowerCase(), name]),
);
const MODIFIERS: Record<string, 'Mod' | 'Alt' | 'Shift'> = {
  mod: 'Mod', ctrl: 'Mod', control: 'Mod', cmd: 'Mod', meta: 'Mod', commandorcontrol: 'Mod',
  alt: 'Alt', option: 'Alt', shift: 'Shift',
};

function canonical(mods: Set<'Mod' | 'Alt' | 'Shift'>, key: string): string {
  const order = (['Mod', 'Alt', 'Shift'] as const).filter((m) => mods.has(m));
  return [...order, key].join('+');
}

/** Canonical form of a key string such as `ctrl+shift+z` or `a`; null when it is not a key. */
export function normalizeKey(input: string): string | null {
  const parts = input.trim() === '+' ? ['+'] : input.split(/\+(?!$)/).map((p) => p.trim());
  const mods = new Set<'Mod' | 'Alt' | 'Shift'>();
  for (const part of parts.slice(0, -1)) {
    const mod = MODIFIERS[part.toLowerCase()];
    if (!mod) return null;
    mods.add(mod);
  }
  const raw = parts[parts.length - 1] ?? '';
  if (raw === ' ') return canonical(mods, 'Space');
  const named = NAMED_KEYS.get(raw.toLowerCase());
  if (named) return canonical(mods, named);
  if ([...raw].length !== 1) return null;
  if (/^\p{L}$/u.test(raw)) return canonical(mods, raw.toUpperCase());
  mods.delete('Shift'); // a printed symbol already says whether Shift was held
  return canonical(mods, raw);
}

/** The canonical key for a keyboard event (a structural subset of the DOM's KeyboardEvent). */
export function eventToKey(
  e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean },
): string | null {
  if (['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'CapsLock', 'Dead', 'Unidentified'].includes(e.key)) {
    return null;
  }
  const mods = [e.ctrlKey || e.metaKey ? 'Mod' : '', e.altKey ? 'Alt' : '', e.shiftKey ? 'Shift' : '']
    .filter(Boolean)
    .join('+');
  const key = e.key === ' ' ? 'Space' : e.key === '+' ? '+' : e.key;
  return normalizeKey(mods ? `${mods}+${key}` : key);
}

/** Contexts whose keys are live in a given context (global keys are live everywhere). */
function liveContexts(context: KeyContext): KeyContext[] {
  return context === 'global' ? ['global', 'labeling'] : ['global', context];
}

/** Title of the app command bound to `key` where `context` applies, if any (for clash checks). */
export function appKeyOwner(key: string, context: KeyContext, commands: readonly CommandSpec[] = COMMANDS): string | null {
  const contexts = liveContexts(context);
  for (const command of commands) {
    if (!contexts.includes(command.when)) continue;
    if (command.keys.some((k) => normalizeKey(k) === key)) return command.title;
  }
  return null;
}

/** Find the command for a key in a context: the context's own commands win over global ones. */
export function commandForKey(key: string, context: KeyContext, commands: readonly CommandSpec[] = COMMANDS): CommandSpec | null {
  const candidates = commands.filter((c) => c.keys.some((k) => normalizeKey(k) === key));
  return candidates.find((c) => c.when === context) ?? candidates.find((c) => c.when === 'global') ?? null;
}

/** Electron accelerator syntax for a canonical key (`Mod` → `CommandOrControl`). */
export function toAccelerator(key: string): string {
  return key
    .split('+')
    .map((part) => (part === 'Mod' ? 'CommandOrControl' : part === 'ArrowLeft' ? 'Left' : part === 'ArrowRight' ? 'Right' : part === 'ArrowUp' ? 'Up' : part === 'ArrowDown' ? 'Down' : part))
    .join('+');
}

/** Human label for a key, for the cheat sheet and buttons (`Mod` shown as Ctrl or ⌘). */
export function displayKey(key: string, isMac: boolean): string {
  const names: Record<string, string> = {
    Mod: isMac ? '⌘' : 'Ctrl', Alt: isMac ? '⌥' : 'Alt', Shift: isMac ? '⇧' : 'Shift',
    ArrowLeft: '←', ArrowRight: '→', ArrowUp: '↑', ArrowDown: '↓', Enter: '↵ Enter', Backspace: '⌫',
  };
  return key.split('+').map((part) => names[part] ?? part).join(isMac ? '' : '+');
}
