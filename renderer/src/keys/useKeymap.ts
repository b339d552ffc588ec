/**
 * The one keyboard binder, installed once by App: every keydown goes through the text-field and
 * modal guard, becomes a canonical key (shared/keymap.ts), and resolves against the current view's
 * label keys and commands. Only keys that do something are prevented; the rest keep their default
 * (Tab, typing, a focused button's Enter on Home, a focused scroll pane's arrows: scrollPanes.ts).
 */
import { useEffect } from 'react';
import { eventToKey } from '../../../shared/keymap';
import { isModalOpen, isTextEntry, shouldIgnoreKeyEvent } from './keyGuard';
import { isRepeatable, type KeymapRegistry } from './registry';
import { paneKeepsKey } from './scrollPanes';

export function useKeymap(registry: KeymapRegistry): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const inText = isTextEntry(event.target) && !event.defaultPrevented && !event.isComposing && !isModalOpen();
      if (!inText && shouldIgnoreKeyEvent(event)) return;
      const key = eventToKey(event);
      if (!key || paneKeepsKey(event.target, key)) return;
      const resolved = registry.resolve(key, { inText });
      if (!resolved) return;
      if (event.repeat && !isRepeatable(resolved)) {
        event.preventDefault();
        return;
      }
      if (resolved.run() !== false) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [registry]);
}
