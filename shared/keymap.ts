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
 *
 * COMMANDS holds the defaults. A profile may rebind keys (shared/keyOverrides.ts); the renderer
 * resolves keys, the cheat sheet and the palette against the resolved table, which is why the
 * lookups below take a `commands` parameter. The label-hotkey check of a pack stays against the
 * defaults (a pack must work for anyone).
 */

/**
 * Where keys apply. `spans` and `regions` are the editor contexts of the annotator view: while one
 * is active its commands come first, then `labeling`'s, then `global`'s (see contextChain), so the
 * same key can move a caret in a text and go to the next task elsewhere. `questions` is the
 * context of the question list (classification and AI-evaluation questions): it acts on the
 * focused question. `review` is the QA reviewer's queue (verdict keys); while the reviewer fixes an
 * answer, the annotator's contexts take over.
 */
export type KeyContext = 'global' | 'labeling' | 'spans' | 'regions' | 'questions' | 'review';

export interface CommandSpec {
  id: string;
  title: string;
  /** Menu groups (File, Edit, Task, View, Help) also become menus; the editor groups do not. */
  group: 'Task' | 'Edit' | 'View' | 'File' | 'Help' | 'Home' | 'Spans' | 'Regions' | 'Predictions' | 'Questions' | 'Review';
  keys: string[];
  when: KeyContext;
  /**
   * An answer key: it answers the focused question only (A / B / T pick a preference, P / F / N
   * mark a constraint). The focused question's own label keys come first, so a pack's label may
   * use the same letter without a clash; label hotkeys are not checked against these.
   */
  answer?: true;
  /** Also acts from inside a text field (only ever a Mod chord, so typing never triggers it). */
  inText?: true;
}

export const COMMANDS = [
  { id: 'task:submit', title: 'Submit and next', group: 'Task', keys: ['Enter', 'Mod+Enter'], when: 'labeling', inText: true },
  { id: 'task:next', title: 'Next task', group: 'Task', keys: ['ArrowRight', 'PageDown'], when: 'labeling' },
  { id: 'task:previous', title: 'Previous task', group: 'Task', keys: ['ArrowLeft', 'PageUp'], when: 'labeling' },
  { id: 'task:skip', title: 'Skip with reason…', group: 'Task', keys: ['Space'], when: 'labeling' },
  { id: 'task:flag', title: 'Flag with comment…', group: 'Task', keys: ['Mod+Shift+F'], when: 'labeling' },
  { id: 'task:clear', title: 'Clear answer', group: 'Task', keys: ['Backspace', 'Delete'], when: 'labeling' },
  { id: 'task:navigator', title: 'Go to task… (search, filter by status)', group: 'Task', keys: ['Mod+G'], when: 'labeling' },
  { id: 'task:nothingHere', title: 'Nothing to mark in this task (again: undo that)', group: 'Task', keys: ['Alt+N'], when: 'labeling' },
  { id: 'edit:undo', title: 'Undo', group: 'Edit', keys: ['Mod+Z'], when: 'labeling' },
  { id: 'edit:redo', title: 'Redo', group: 'Edit', keys: ['Mod+Shift+Z', 'Mod+Y'], when: 'labeling' },
  { id: 'view:guidelines', title: 'Show or hide guidelines', group: 'View', keys: ['F1'], when: 'labeling' },
  // Reading long content: a text, a response, a ranked answer. An editor or the questions may
  // claim the plain arrows (they move a caret, a row, a box); the Shift forms always scroll.
  { id: 'view:scrollDown', title: 'Scroll the task down', group: 'View', keys: ['Shift+ArrowDown', 'ArrowDown'], when: 'labeling' },
  { id: 'view:scrollUp', title: 'Scroll the task up', group: 'View', keys: ['Shift+ArrowUp', 'ArrowUp'], when: 'labeling' },
  { id: 'view:pageDown', title: 'Scroll the task down a page', group: 'View', keys: ['Shift+Space', 'Shift+PageDown'], when: 'labeling' },
  { id: 'view:pageUp', title: 'Scroll the task up a page', group: 'View', keys: ['Shift+PageUp'], when: 'labeling' },
  { id: 'view:scrollTop', title: 'Scroll to the start of the task', group: 'View', keys: ['Home'], when: 'labeling' },
  { id: 'view:scrollBottom', title: 'Scroll to the end of the task', group: 'View', keys: ['End'], when: 'labeling' },
  { id: 'view:theme', title: 'Toggle light or dark theme', group: 'View', keys: ['Mod+Shift+L'], when: 'global' },
  { id: 'help:cheatsheet', title: 'Keyboard shortcuts', group: 'Help', keys: ['?'], when: 'global' },
  { id: 'app:palette', title: 'Command palette…', group: 'View', keys: ['Mod+K', 'Mod+Shift+P'], when: 'global' },
  { id: 'file:open', title: 'Open pack…', group: 'File', keys: ['Mod+O'], when: 'global' },
  { id: 'file:export', title: 'Export results pack…', group: 'File', keys: ['Mod+E'], when: 'labeling' },
  { id: 'file:exportDataset', title: 'Export dataset (JSONL, preference pairs, rubric scores, rewrites)…', group: 'File', keys: ['Mod+Shift+E'], when: 'labeling' },
  { id: 'file:close', title: 'Close pack', group: 'File', keys: ['Mod+W'], when: 'labeling' },
  { id: 'settings:keys', title: 'Customize keyboard shortcuts…', group: 'File', keys: ['Mod+,'], when: 'global' },

  // Home: find a pack or sample without Tabbing through the page. In the find field, ↑/↓ choose
  // and Enter opens (the field's own keys, shown beside it); here, the key that puts you there.
  { id: 'home:find', title: 'Find a pack or sample to open (then ↑ ↓ to choose, Enter to open)', group: 'Home', keys: ['/'], when: 'global' },

  // Text spans: a caret moves through the text; Shift extends a selection; a label key labels it.
  { id: 'span:caretLeft', title: 'Caret left (character)', group: 'Spans', keys: ['ArrowLeft'], when: 'spans' },
  { id: 'span:caretRight', title: 'Caret right (character)', group: 'Spans', keys: ['ArrowRight'], when: 'spans' },
  { id: 'span:tokenLeft', title: 'Caret left (word)', group: 'Spans', keys: ['Alt+ArrowLeft'], when: 'spans' },
  { id: 'span:tokenRight', title: 'Caret right (word)', group: 'Spans', keys: ['Alt+ArrowRight'], when: 'spans' },
  { id: 'span:extendLeft', title: 'Extend selection left', group: 'Spans', keys: ['Shift+ArrowLeft'], when: 'spans' },
  { id: 'span:extendRight', title: 'Extend selection right', group: 'Spans', keys: ['Shift+ArrowRight'], when: 'spans' },
  { id: 'span:extendTokenLeft', title: 'Extend selection left by a word', group: 'Spans', keys: ['Alt+Shift+ArrowLeft'], when: 'spans' },
  { id: 'span:extendTokenRight', title: 'Extend selection right by a word', group: 'Spans', keys: ['Alt+Shift+ArrowRight'], when: 'spans' },
  { id: 'span:next', title: 'Select next span', group: 'Spans', keys: ['ArrowDown'], when: 'spans' },
  { id: 'span:previous', title: 'Select previous span', group: 'Spans', keys: ['ArrowUp'], when: 'spans' },
  { id: 'span:delete', title: 'Delete selected span or relation', group: 'Spans', keys: ['Backspace', 'Delete'], when: 'spans' },
  { id: 'span:relation', title: 'Start or finish a relation from the selected span', group: 'Spans', keys: ['Alt+R'], when: 'spans' },
  { id: 'span:deselect', title: 'Clear selection / cancel', group: 'Spans', keys: ['Escape'], when: 'spans' },

  // Image regions (boxes, polygons): tools, selection, nudging, zoom.
  { id: 'region:toolSelect', title: 'Select tool', group: 'Regions', keys: ['Alt+V'], when: 'regions' },
  { id: 'region:toolBox', title: 'Box tool', group: 'Regions', keys: ['Alt+B'], when: 'regions' },
  { id: 'region:toolPolygon', title: 'Polygon tool', group: 'Regions', keys: ['Alt+P'], when: 'regions' },
  { id: 'region:closePolygon', title: 'Close the polygon being drawn', group: 'Regions', keys: ['Enter'], when: 'regions' },
  { id: 'region:cancel', title: 'Cancel drawing / clear selection', group: 'Regions', keys: ['Escape'], when: 'regions' },
  { id: 'region:next', title: 'Select next region', group: 'Regions', keys: [']'], when: 'regions' },
  { id: 'region:previous', title: 'Select previous region', group: 'Regions', keys: ['['], when: 'regions' },
  { id: 'region:delete', title: 'Delete selected region or vertex', group: 'Regions', keys: ['Backspace', 'Delete'], when: 'regions' },
  { id: 'region:duplicate', title: 'Duplicate selected region', group: 'Regions', keys: ['Mod+D'], when: 'regions' },
  { id: 'region:nudgeLeft', title: 'Nudge left (Shift: 10 px)', group: 'Regions', keys: ['ArrowLeft'], when: 'regions' },
  { id: 'region:nudgeRight', title: 'Nudge right', group: 'Regions', keys: ['ArrowRight'], when: 'regions' },
  { id: 'region:nudgeUp', title: 'Nudge up', group: 'Regions', keys: ['ArrowUp'], when: 'regions' },
  { id: 'region:nudgeDown', title: 'Nudge down', group: 'Regions', keys: ['ArrowDown'], when: 'regions' },
  { id: 'region:nudgeLeftFar', title: 'Nudge left 10 px', group: 'Regions', keys: ['Shift+ArrowLeft'], when: 'regions' },
  { id: 'region:nudgeRightFar', title: 'Nudge right 10 px', group: 'Regions', keys: ['Shift+ArrowRight'], when: 'regions' },
  { id: 'region:nudgeUpFar', title: 'Nudge up 10 px', group: 'Regions', keys: ['Shift+ArrowUp'], when: 'regions' },
  { id: 'region:nudgeDownFar', title: 'Nudge down 10 px', group: 'Regions', keys: ['Shift+ArrowDown'], when: 'regions' },
  { id: 'region:toggleHidden', title: 'Hide or show all regions', group: 'Regions', keys: ['Alt+H'], when: 'regions' },
  { id: 'view:zoomIn', title: 'Zoom in', group: 'Regions', keys: ['=', '+'], when: 'regions' },
  { id: 'view:zoomOut', title: 'Zoom out', group: 'Regions', keys: ['-'], when: 'regions' },
  { id: 'view:zoomFit', title: 'Fit image', group: 'Regions', keys: ['Mod+0'], when: 'regions' },
  { id: 'view:zoomActual', title: 'Actual size (1:1)', group: 'Regions', keys: ['Mod+1'], when: 'regions' },

  // Pre-annotations (model proposals) in editors that show several at once.
  { id: 'prediction:acceptAll', title: 'Accept all proposals', group: 'Predictions', keys: ['Alt+A'], when: 'labeling' },
  { id: 'prediction:acceptOne', title: 'Accept the selected proposal', group: 'Predictions', keys: ['Alt+Enter'], when: 'labeling' },
  { id: 'prediction:rejectOne', title: 'Reject the selected proposal', group: 'Predictions', keys: ['Alt+Backspace'], when: 'labeling' },

  // Questions (classification and AI evaluation): Tab walks the questions, ↑/↓ a question's rows
  // (dimensions, flags, constraints, ranked responses); number keys pick a scale point.
  { id: 'question:next', title: 'Next question', group: 'Questions', keys: ['Tab'], when: 'questions' },
  { id: 'question:previous', title: 'Previous question', group: 'Questions', keys: ['Shift+Tab'], when: 'questions' },
  { id: 'question:rowNext', title: 'Next row (dimension, flag, constraint, response)', group: 'Questions', keys: ['ArrowDown'], when: 'questions' },
  { id: 'question:rowPrevious', title: 'Previous row', group: 'Questions', keys: ['ArrowUp'], when: 'questions' },
  { id: 'question:preferA', title: 'Prefer response A', group: 'Questions', keys: ['A'], when: 'questions', answer: true },
  { id: 'question:preferB', title: 'Prefer response B', group: 'Questions', keys: ['B'], when: 'questions', answer: true },
  { id: 'question:tie', title: 'Tie (A and B equally good)', group: 'Questions', keys: ['T'], when: 'questions', answer: true },
  { id: 'question:moveUp', title: 'Move the response up the ranking', group: 'Questions', keys: ['Alt+ArrowUp'], when: 'questions' },
  { id: 'question:moveDown', title: 'Move the response down the ranking', group: 'Questions', keys: ['Alt+ArrowDown'], when: 'questions' },
  { id: 'question:tieAbove', title: 'Tie the response with the one above (or untie)', group: 'Questions', keys: ['='], when: 'questions', answer: true },
  { id: 'question:toggleFlag', title: 'Flag or unflag the focused category', group: 'Questions', keys: ['X'], when: 'questions', answer: true },
  { id: 'question:noConcerns', title: 'No safety concerns', group: 'Questions', keys: ['C'], when: 'questions', answer: true },
  { id: 'question:quote', title: 'Quote the selected response text as the excerpt', group: 'Questions', keys: ['Alt+Q'], when: 'questions' },
  { id: 'question:pass', title: 'Constraint: pass', group: 'Questions', keys: ['P'], when: 'questions', answer: true },
  { id: 'question:fail', title: 'Constraint: fail', group: 'Questions', keys: ['F'], when: 'questions', answer: true },
  { id: 'question:na', title: 'Constraint: not applicable', group: 'Questions', keys: ['N'], when: 'questions', answer: true },
  { id: 'question:write', title: 'Write the note, excerpt or justification', group: 'Questions', keys: ['E'], when: 'questions', answer: true },
  { id: 'question:anchors', title: 'Show or hide what each scale point means', group: 'Questions', keys: ['I'], when: 'questions', answer: true },

  // QA review: a verdict per item, by one key each.
  { id: 'review:accept', title: 'Accept the annotation', group: 'Review', keys: ['A'], when: 'review' },
  { id: 'review:reject', title: 'Reject with a reason…', group: 'Review', keys: ['R'], when: 'review' },
  { id: 'review:fix', title: 'Fix the annotation, then accept the fixed version', group: 'Review', keys: ['F'], when: 'review' },
  { id: 'review:next', title: 'Next item (skip for now)', group: 'Review', keys: ['ArrowRight', 'S'], when: 'review' },
  { id: 'review:previous', title: 'Previous item', group: 'Review', keys: ['ArrowLeft'], when: 'review' },
  { id: 'review:undo', title: 'Undo the last verdict', group: 'Review', keys: ['Mod+Z'], when: 'review' },
  { id: 'review:export', title: 'Export verdicts pack…', group: 'Review', keys: ['Mod+E'], when: 'review' },
  { id: 'review:close', title: 'Close the review', group: 'Review', keys: ['Mod+W'], when: 'review' },
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

/** The contexts whose keys are live in `context`, most specific first. */
export function contextChain(context: KeyContext): KeyContext[] {
  switch (context) {
    case 'global':
      return ['global'];
    case 'labeling':
      return ['labeling', 'global'];
    case 'review':
      return ['review', 'global'];
    default:
      return [context, 'labeling', 'global'];
  }
}

/**
 * Title of the app command bound to `key` anywhere labels are live (the labeling view and its
 * editors), if any: a label hotkey must not shadow or be shadowed by any of them.
 */
export function appKeyOwner(key: string, commands: readonly CommandSpec[] = COMMANDS): string | null {
  // The reviewer's queue has no label keys, so its keys (A, R, F …) shadow no label.
  return commands.find((c) => !c.answer && c.when !== 'review' && c.keys.some((k) => normalizeKey(k) === key))?.title ?? null;
}

/**
 * The commands bound to `key` in `context`, most specific first (an editor's own, then the
 * labeling view's, then global ones). The key handler runs the first that the view handles right
 * now, so an editor can claim a key only while it means something (Enter closes a polygon only
 * while one is being drawn; otherwise it submits).
 */
export function commandsForKey(key: string, context: KeyContext, commands: readonly CommandSpec[] = COMMANDS): CommandSpec[] {
  const chain = contextChain(context);
  return commands
    .filter((c) => chain.includes(c.when) && c.keys.some((k) => normalizeKey(k) === key))
    .sort((a, b) => chain.indexOf(a.when) - chain.indexOf(b.when));
}

/** The most specific command for a key in a context. */
export function commandForKey(key: string, context: KeyContext, commands: readonly CommandSpec[] = COMMANDS): CommandSpec | null {
  return commandsForKey(key, context, commands)[0] ?? null;
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
