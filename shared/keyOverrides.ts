/**
 * Rebindable keys: a profile's overrides on top of the keymap's defaults (shared/keymap.ts
 * COMMANDS). Pure functions shared by the settings screen, the renderer's registry and the main
 * process (which validates, refuses clashes and stores overrides per profile).
 */
import { z } from 'zod';
import { COMMANDS, normalizeKey, type CommandId, type CommandSpec, type KeyContext } from './keymap';

/** A profile's rebound keys: command id → all its keys (an empty list unbinds it). Absent ids keep their defaults. */
export type KeyOverrides = Partial<Record<CommandId, string[]>>;

/** A command of a resolved table: the id narrowed to the table's ids, keys canonical. */
export type ResolvedCommand = CommandSpec & { id: CommandId };

export interface KeyConflict {
  key: string;
  /** The narrowest context where the commands are live together. */
  context: KeyContext;
  commandIds: CommandId[];
}

/** More than the table ever needs (its largest is 2), small enough to keep the settings readable. */
export const MAX_KEYS_PER_COMMAND = 4;

const COMMAND_IDS: ReadonlySet<string> = new Set(COMMANDS.map((c) => c.id));

export function isCommandId(id: string): id is CommandId {
  return COMMAND_IDS.has(id);
}

function canonicalKeys(keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const canonical = normalizeKey(key);
    if (canonical !== null && !out.includes(canonical)) out.push(canonical);
  }
  return out;
}

function ownKeys(overrides: KeyOverrides, id: CommandId): string[] | undefined {
  return Object.hasOwn(overrides, id) ? overrides[id] : undefined;
}

/** The defaults with a profile's overrides applied, keys canonical and without repeats. */
export function resolveCommands(overrides: KeyOverrides = {}): ResolvedCommand[] {
  // Everything but the keys is the table's own (answer and inText flags included).
  return COMMANDS.map((c: CommandSpec) => ({ ...c, id: c.id as CommandId, keys: canonicalKeys(ownKeys(overrides, c.id as CommandId) ?? c.keys) }));
}

/** Overrides as they are saved: keys canonical, entries equal to the defaults dropped (so a later default change reaches them). */
export function compactOverrides(overrides: KeyOverrides): KeyOverrides {
  const out: KeyOverrides = {};
  for (const c of COMMANDS) {
    const own = ownKeys(overrides, c.id);
    if (!own) continue;
    const keys = canonicalKeys(own);
    if (keys.join(' ') !== canonicalKeys(c.keys).join(' ')) out[c.id] = keys; // no canonical key holds a space
  }
  return out;
}

/**
 * Keys that would do two things. Two commands clash on a key when they share a `when` context, or
 * when one is global (live everywhere) and the other is not: either way one silently shadows the
 * other. An editor context (spans, regions) sharing a key with `labeling` is not a clash: that
 * layering is intended (the editor claims the key only while it means something, see
 * commandsForKey), and spans, regions and questions are never live together.
 */
export function findConflicts(commands: readonly CommandSpec[]): KeyConflict[] {
  const byKey = new Map<string, CommandSpec[]>();
  for (const command of commands) {
    for (const key of canonicalKeys(command.keys)) byKey.set(key, [...(byKey.get(key) ?? []), command]);
  }
  const conflicts: KeyConflict[] = [];
  const ids = (list: CommandSpec[]) => list.map((c) => c.id as CommandId);
  for (const [key, bound] of byKey) {
    if (bound.length < 2) continue;
    const globals = bound.filter((c) => c.when === 'global');
    if (globals.length > 1) conflicts.push({ key, context: 'global', commandIds: ids(globals) });
    for (const context of ['labeling', 'spans', 'regions', 'questions', 'review'] as const) {
      const own = bound.filter((c) => c.when === context);
      if (own.length > 1 || (own.length === 1 && globals.length > 0)) conflicts.push({ key, context, commandIds: ids([...own, ...globals]) });
    }
  }
  return conflicts;
}

const CONTEXT_PHRASE: Record<KeyContext, string> = {
  global: 'everywhere',
  labeling: 'while labeling',
  spans: 'in text spans',
  regions: 'in image regions',
  questions: 'in the questions',
  review: 'while reviewing',
};

/** `Mod+J is bound to both "Skip with reason…" (task:skip) and "Next task" (task:next) while labeling`. */
export function describeConflict(conflict: KeyConflict, commands: readonly CommandSpec[] = COMMANDS): string {
  const names = conflict.commandIds.map((id) => `"${commands.find((c) => c.id === id)?.title ?? id}" (${id})`);
  return `${conflict.key} is bound to both ${names.join(' and ')} ${CONTEXT_PHRASE[conflict.context]}`;
}

/**
 * Overrides as the settings screen sends them: every id must be a command and every key a key
 * (issues located at `<id>` or `<id>.<n>`). Output: canonical and compact. Conflicts are checked
 * apart (findConflicts), since they depend on the whole table.
 */
export const keyOverridesSchema = z
  .record(z.string(), z.array(z.string().max(64)).max(MAX_KEYS_PER_COMMAND, `has more than ${MAX_KEYS_PER_COMMAND} keys`))
  .superRefine((value, ctx) => {
    for (const [id, keys] of Object.entries(value)) {
      if (!isCommandId(id)) ctx.addIssue({ code: 'custom', path: [id], message: `"${id}" is not a command of this version of Loupe` });
      keys.forEach((key, n) => {
        if (normalizeKey(key) === null) ctx.addIssue({ code: 'custom', path: [id, n], message: `"${key}" is not a key this app understands` });
      });
    }
  })
  .transform((value) => compactOverrides(value as KeyOverrides));

/**
 * Saved overrides read back leniently: what a newer or older Loupe wrote may name commands that
 * no longer exist or keys this version does not know. Those are dropped and reported, never
 * thrown, so a bad setting cannot keep the app from starting; clashes (a new default taking a key a
 * profile had rebound) are reported and kept for the person to resolve in the settings.
 */
export function readKeyOverrides(raw: unknown): { overrides: KeyOverrides; problems: string[] } {
  const problems: string[] = [];
  const overrides: KeyOverrides = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { overrides, problems: ['The saved keyboard shortcuts are not in a form this version understands; using the defaults.'] };
  }
  for (const [id, value] of Object.entries(raw)) {
    if (!isCommandId(id)) {
      problems.push(`"${id}" is not a command of this version of Loupe; its keys were ignored.`);
      continue;
    }
    if (!Array.isArray(value)) {
      problems.push(`${id}: the saved keys are not a list; using the default.`);
      continue;
    }
    const keys = value.flatMap((key: unknown) => {
      const canonical = typeof key === 'string' ? normalizeKey(key) : null;
      if (canonical === null) problems.push(`${id}: ${JSON.stringify(key)} is not a key this app understands; ignored.`);
      return canonical === null ? [] : [canonical];
    });
    // An empty saved list means "unbound"; a list whose every key was unreadable falls back to the default.
    if (keys.length > 0 || value.length === 0) overrides[id] = keys.slice(0, MAX_KEYS_PER_COMMAND);
  }
  const compact = compactOverrides(overrides);
  const commands = resolveCommands(compact);
  for (const conflict of findConflicts(commands)) problems.push(`${describeConflict(conflict, commands)}.`);
  return { overrides: compact, problems };
}
