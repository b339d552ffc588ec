/**
 * The one guard in front of the keymap: keys never act while the person is typing (a text field,
 * a select, anything contenteditable) or while a modal dialog owns the keyboard. This is the
 * failure the anchors' users complain about most — hotkeys firing while typing a comment.
 */

const TEXT_ENTRY = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';

export function isTextEntry(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(TEXT_ENTRY) !== null;
}

/** Mantine's Modal and Drawer render `role="dialog"` with `aria-modal`, as any accessible modal must. */
export function isModalOpen(doc: Document = document): boolean {
  return doc.querySelector('[role="dialog"][aria-modal="true"]') !== null;
}

/** True when the keymap must stay out of the way (applies to keys and to menu commands alike). */
export function keymapBlocked(doc: Document = document): boolean {
  return isTextEntry(doc.activeElement) || isModalOpen(doc);
}

export function shouldIgnoreKeyEvent(event: KeyboardEvent): boolean {
  return event.defaultPrevented || event.isComposing || isTextEntry(event.target) || keymapBlocked();
}

/**
 * A character key (not Space, no Ctrl/Cmd/Alt) pressed outside a text field. Dialogs whose list
 * answers to number keys move the focus to their text field on one, so that typing just works:
 * the character then lands in the field.
 */
export function startsWriting(event: { target: EventTarget | null; key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return !isTextEntry(event.target) && !event.ctrlKey && !event.metaKey && !event.altKey && [...event.key].length === 1 && event.key !== ' ';
}
