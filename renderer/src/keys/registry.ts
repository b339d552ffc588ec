/**
 * What the keymap can do right now. Views register layers (their command handlers, their key
 * context and, in the annotator, the pack's label keys) while they are mounted; the one binder and
 * the menu's `command:run` event both resolve through here, so a key and its menu item always do
 * the same thing. A command with no handler in the current view does nothing.
 *
 * Layers have a scope: `view` layers (Home, Annotator) win over `app` layers (theme, cheat sheet,
 * open), whatever order React mounted them in, so a view can give a global command its own meaning.
 *
 * Keys are looked up in the resolved table (the defaults plus the profile's rebound keys), which
 * KeyboardRoot sets whenever it is loaded or saved; handlers are by command id, so they never change.
 */
import { COMMANDS, commandsForKey, type CommandId, type CommandSpec, type KeyContext } from '../../../shared/keymap';

/**
 * A handler may return DECLINE to refuse the key for now: the binder then leaves it to the
 * browser (Tab past the last question goes on to the buttons, as Tab does everywhere else).
 * Any other return value is ignored.
 */
export const DECLINE = Symbol('decline the key');
export type CommandHandler = () => unknown;
export type CommandHandlers = Partial<Record<CommandId, CommandHandler>>;

export interface KeyLayer {
  scope: 'app' | 'view';
  /** The `when` context this layer puts the keymap in (the annotator says 'labeling'). */
  context?: KeyContext;
  handlers: CommandHandlers;
  /** Canonical key → action, checked before commands in the labeling view and its editors. */
  labelKeys?: ReadonlyMap<string, () => void>;
}

export interface LayerRef {
  current: KeyLayer;
}

export interface ResolvedKey {
  /** The command run, or null for a label key. */
  commandId: CommandId | null;
  /** False when the handler declined the key (see CommandHandler). */
  run: () => boolean | void;
}

const CONTEXT_RANK: Record<KeyContext, number> = { spans: 2, regions: 2, questions: 2, labeling: 1, review: 1, global: 0 };

/** Commands a held-down key may repeat; the rest fire once per press (a held label key must not label a run of tasks). */
const REPEATABLE = new Set<CommandId>([
  'task:next', 'task:previous', 'edit:undo', 'edit:redo',
  // Moving through a text or a picture is what a held arrow is for (each nudge is its own undo step).
  'span:caretLeft', 'span:caretRight', 'span:tokenLeft', 'span:tokenRight', 'span:extendLeft', 'span:extendRight',
  'span:extendTokenLeft', 'span:extendTokenRight', 'span:next', 'span:previous',
  'region:nudgeLeft', 'region:nudgeRight', 'region:nudgeUp', 'region:nudgeDown',
  'region:nudgeLeftFar', 'region:nudgeRightFar', 'region:nudgeUpFar', 'region:nudgeDownFar',
  'view:zoomIn', 'view:zoomOut',
  'view:scrollDown', 'view:scrollUp', 'view:pageDown', 'view:pageUp',
]);

export function isRepeatable(resolved: ResolvedKey): boolean {
  return resolved.commandId !== null && REPEATABLE.has(resolved.commandId);
}

/**
 * Where a menu accelerator also reaches the page as a keydown, the same command arrives twice
 * (once from each source) within a few milliseconds; the second one is dropped.
 */
const ECHO_WINDOW_MS = 150;

export class KeymapRegistry {
  private readonly layers: LayerRef[] = [];
  private lastRun: { id: CommandId; source: 'key' | 'menu'; at: number } | null = null;
  private commands: readonly CommandSpec[] = COMMANDS;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** The table keys resolve against: the defaults until the profile's keymap arrives. */
  setCommands(commands: readonly CommandSpec[]): void {
    this.commands = commands;
  }

  add(layer: LayerRef): () => void {
    this.layers.push(layer);
    return () => {
      const at = this.layers.indexOf(layer);
      if (at >= 0) this.layers.splice(at, 1);
    };
  }

  /**
   * Layers in lookup order: view layers before app layers; among views, an editor's layer (spans,
   * regions) before the labeling view's (React registers a child's layer before its parent's, so
   * mount order alone would put the annotator view first); otherwise the latest added first.
   */
  private ordered(): KeyLayer[] {
    const latestFirst = [...this.layers].reverse().map((ref) => ref.current);
    const views = latestFirst.filter((l) => l.scope === 'view').sort((a, b) => CONTEXT_RANK[b.context ?? 'global'] - CONTEXT_RANK[a.context ?? 'global']);
    return [...views, ...latestFirst.filter((l) => l.scope === 'app')];
  }

  context(): KeyContext {
    return this.ordered().find((l) => l.context)?.context ?? 'global';
  }

  /** Whether the current view does something with `id` (the cheat sheet lists only those). */
  handles(id: CommandId): boolean {
    return this.handler(id) !== null;
  }

  handler(id: CommandId): CommandHandler | null {
    for (const layer of this.ordered()) {
      const handler = layer.handlers[id];
      if (handler) return handler;
    }
    return null;
  }

  /**
   * The action for a canonical key: label keys first (in the labeling view and its editors; the
   * latest layer with label keys wins, so an editor can give them its own meaning), then the most
   * specific command bound to the key that the current view handles right now.
   */
  resolve(key: string, options: { inText?: boolean } = {}): ResolvedKey | null {
    const context = this.context();
    if (options.inText) {
      // From a text field only Mod chords of commands marked `inText` act (Mod+Enter submits a
      // justification without leaving it); plain keys are the text's.
      if (!key.startsWith('Mod+')) return null;
      const command = commandsForKey(key, context, this.commands).find((c) => c.inText && this.handler(c.id as CommandId));
      return command ? { commandId: command.id as CommandId, run: () => this.run(command.id as CommandId, 'key') } : null;
    }
    if (context !== 'global') {
      const labelAction = this.ordered().find((l) => l.labelKeys)?.labelKeys?.get(key);
      if (labelAction) return { commandId: null, run: labelAction };
    }
    for (const command of commandsForKey(key, context, this.commands)) {
      const id = command.id as CommandId; // every table is COMMANDS with other keys, so its ids are CommandIds
      if (this.handler(id)) return { commandId: id, run: () => this.run(id, 'key') };
    }
    return null;
  }

  /** Run a command by id; returns false when the current view has no handler for it, or it declined. */
  run(id: CommandId, source: 'key' | 'menu'): boolean {
    const handler = this.handler(id);
    if (!handler) return false;
    const at = this.now();
    const last = this.lastRun;
    this.lastRun = { id, source, at };
    if (last && last.id === id && last.source !== source && at - last.at < ECHO_WINDOW_MS) return true;
    return handler() !== DECLINE;
  }
}
