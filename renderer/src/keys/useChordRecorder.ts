/**
 * Recording a key chord for the settings screen. While recording, the next keydown anywhere is
 * taken (capture phase on window, before the dialog, its focused button or the app's binder see
 * it) and turned into a canonical key, even though no text field has focus. Escape cancels and
 * Backspace removes, as the screen says; modifiers alone wait for the rest of the chord.
 */
import { useEffect, useEffectEvent } from 'react';
import { eventToKey } from '../../../shared/keymap';

export type RecordedKey =
  | { kind: 'chord'; key: string }
  | { kind: 'cancel' }
  | { kind: 'remove' }
  /** A key that cannot be a shortcut; `reason` says why. */
  | { kind: 'refused'; reason: string };

type KeyEventLike = Parameters<typeof eventToKey>[0] & { repeat?: boolean; isComposing?: boolean };

/** What a keydown means while recording; null for keys to wait past (a modifier alone, a held key). */
export function readChord(event: KeyEventLike): RecordedKey | null {
  if (event.repeat || event.isComposing) return null;
  const key = eventToKey(event);
  if (key === null) return null;
  if (key === 'Escape') return { kind: 'cancel' };
  if (key === 'Backspace') return { kind: 'remove' };
  // Tab and Shift+Tab move focus between controls; taking them would trap keyboard users.
  if (key === 'Tab' || key === 'Shift+Tab') return { kind: 'refused', reason: 'Tab moves between controls; choose another key.' };
  return { kind: 'chord', key };
}

export function useChordRecorder(recording: boolean, onKey: (recorded: RecordedKey) => void): void {
  const handle = useEffectEvent(onKey);
  useEffect(() => {
    if (!recording) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      const recorded = readChord(event);
      // Swallow every key while recording, even ignored ones: none may reach the dialog (Escape
      // would close it) or the page's binder.
      event.preventDefault();
      event.stopPropagation();
      if (recorded) handle(recorded);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [recording]);
}
