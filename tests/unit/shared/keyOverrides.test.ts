/** Rebinding keys: resolving overrides onto the defaults, finding clashes, validating what is sent and read back. */
import { describe, expect, it } from 'vitest';
import { COMMANDS, appKeyOwner, commandsForKey } from '../../../shared/keymap';
import {
  compactOverrides,
  describeConflict,
  findConflicts,
  keyOverridesSchema,
  readKeyOverrides,
  resolveCommands,
} from '../../../shared/keyOverrides';

const keysOf = (commands: ReturnType<typeof resolveCommands>, id: string) => commands.find((c) => c.id === id)?.keys;

describe('resolveCommands', () => {
  it('is the defaults, in table order, without overrides', () => {
    const resolved = resolveCommands({});
    expect(resolved.map((c) => c.id)).toEqual(COMMANDS.map((c) => c.id));
    expect(resolved.map((c) => c.keys)).toEqual(COMMANDS.map((c) => [...c.keys]));
    expect(findConflicts(resolved)).toEqual([]);
  });

  it('applies overrides with keys canonical and without repeats, an empty list unbinding', () => {
    const resolved = resolveCommands({ 'task:skip': ['ctrl+j', 'Mod+J', 'alt+s'], 'task:flag': [] });
    expect(keysOf(resolved, 'task:skip')).toEqual(['Mod+J', 'Alt+S']);
    expect(keysOf(resolved, 'task:flag')).toEqual([]);
    expect(keysOf(resolved, 'task:submit')).toEqual(['Enter', 'Mod+Enter']);
  });

  it('is what the shared lookups take as their table', () => {
    const resolved = resolveCommands({ 'task:skip': ['Mod+J'] });
    expect(commandsForKey('Mod+J', 'labeling', resolved).map((c) => c.id)).toEqual(['task:skip']);
    expect(commandsForKey('Space', 'labeling', resolved)).toEqual([]);
    expect(appKeyOwner('Mod+J', resolved)).toBe('Skip with reason…');
    expect(appKeyOwner('Mod+J')).toBeNull(); // the defaults, as the pack check uses them
  });
});

describe('compactOverrides', () => {
  it('drops entries equal to the defaults and unknown ids, keeps unbinding', () => {
    expect(compactOverrides({ 'task:submit': ['enter', 'mod+enter'], 'task:skip': ['Mod+J'], 'task:flag': [] })).toEqual({ 'task:skip': ['Mod+J'], 'task:flag': [] });
    expect(compactOverrides({ 'task:next': ['PageDown', 'ArrowRight'] })).toEqual({ 'task:next': ['PageDown', 'ArrowRight'] }); // order is meaningful (menus show the first)
    expect(compactOverrides({ ['nope:x' as 'task:skip']: ['Mod+J'] })).toEqual({});
  });
});

describe('findConflicts', () => {
  it('finds two commands on one key in the same context', () => {
    const resolved = resolveCommands({ 'task:skip': ['ArrowRight'] });
    expect(findConflicts(resolved)).toEqual([{ key: 'ArrowRight', context: 'labeling', commandIds: ['task:next', 'task:skip'] }]);
  });

  it('finds a global command shadowing a command of any context', () => {
    expect(findConflicts(resolveCommands({ 'view:theme': ['Alt+B'] }))).toEqual([
      { key: 'Alt+B', context: 'regions', commandIds: ['region:toolBox', 'view:theme'] },
    ]);
    expect(findConflicts(resolveCommands({ 'file:open': ['Mod+K'] }))).toEqual([
      { key: 'Mod+K', context: 'global', commandIds: ['app:palette', 'file:open'] },
    ]);
  });

  it('leaves the intended layering alone: an editor context over the labeling view, spans beside regions', () => {
    expect(findConflicts(resolveCommands({ 'span:relation': ['Mod+J'], 'task:skip': ['Mod+J'] }))).toEqual([]);
    expect(findConflicts(resolveCommands({ 'span:relation': ['Mod+J'], 'region:toolBox': ['Mod+J'] }))).toEqual([]);
  });

  it('names the key, the commands and where they clash', () => {
    const resolved = resolveCommands({ 'task:skip': ['Mod+Z'] });
    const [conflict] = findConflicts(resolved);
    expect(describeConflict(conflict!, resolved)).toBe('Mod+Z is bound to both "Skip with reason…" (task:skip) and "Undo" (edit:undo) while labeling');
  });
});

describe('keyOverridesSchema (what the settings screen sends)', () => {
  it('accepts known commands and keys, returning them canonical and compact', () => {
    expect(keyOverridesSchema.parse({ 'task:skip': ['ctrl+j'], 'task:submit': ['Enter', 'Ctrl+Enter'] })).toEqual({ 'task:skip': ['Mod+J'] });
  });

  it.each([
    [{ 'task:nope': ['Mod+J'] }, ['task:nope'], /"task:nope" is not a command/],
    [{ 'task:skip': ['Hyper+J'] }, ['task:skip', 0], /"Hyper\+J" is not a key/],
    [{ 'task:skip': ['A', 'B', 'C', 'D', 'E'] }, ['task:skip'], /more than 4 keys/],
    [{ 'task:skip': 'Mod+J' }, ['task:skip'], /array/i],
  ])('refuses %j, located', (input, path, message) => {
    const result = keyOverridesSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(path);
    expect(result.error!.issues[0]!.message).toMatch(message);
  });
});

describe('readKeyOverrides (what was saved, read back)', () => {
  it('keeps what it can use and reports the rest instead of throwing', () => {
    const { overrides, problems } = readKeyOverrides({ 'task:skip': ['Mod+J', 'Hyper+X', 7], 'old:command': ['Mod+Q'], 'task:flag': 'Mod+G' });
    expect(overrides).toEqual({ 'task:skip': ['Mod+J'] });
    expect(problems).toEqual([
      'task:skip: "Hyper+X" is not a key this app understands; ignored.',
      'task:skip: 7 is not a key this app understands; ignored.',
      '"old:command" is not a command of this version of Loupe; its keys were ignored.',
      'task:flag: the saved keys are not a list; using the default.',
    ]);
  });

  it('falls back to the default when no saved key is readable, but keeps an unbound command unbound', () => {
    expect(readKeyOverrides({ 'task:skip': ['Hyper+X'], 'task:flag': [] }).overrides).toEqual({ 'task:flag': [] });
  });

  it('reports a clash (e.g. a new default taking a rebound key) and keeps the overrides for the person to resolve', () => {
    const { overrides, problems } = readKeyOverrides({ 'file:open': ['Mod+K'] });
    expect(overrides).toEqual({ 'file:open': ['Mod+K'] });
    expect(problems).toEqual(['Mod+K is bound to both "Command palette…" (app:palette) and "Open pack…" (file:open) everywhere.']);
  });

  it.each([null, 'x', ['Mod+J'], 42])('uses the defaults for %j', (raw) => {
    const { overrides, problems } = readKeyOverrides(raw);
    expect(overrides).toEqual({});
    expect(problems).toHaveLength(1);
  });
});
