/**
 * Owns the app's one KeymapRegistry and installs the one binder on window; everything inside can
 * register handlers with `useCommandHandlers`. It also holds the resolved keymap (defaults plus the
 * profile's rebound keys, from `source`) and hands it to the registry, so keys, the cheat sheet and
 * the palette use one table. Rendered once, by App (component tests render it without a source).
 */
import { useLayoutEffect, useState, type ReactNode } from 'react';
import { KeymapContext } from './commands';
import { KeymapRegistry } from './registry';
import { ResolvedKeymapContext, useResolvedKeymapState, type KeymapSource } from './resolvedKeymap';
import { useKeymap } from './useKeymap';

export function KeyboardRoot({ children, source }: { children: ReactNode; source?: KeymapSource }) {
  const [registry] = useState(() => new KeymapRegistry());
  const keymap = useResolvedKeymapState(source);
  useLayoutEffect(() => registry.setCommands(keymap.commands), [registry, keymap.commands]);
  useKeymap(registry);
  return (
    <KeymapContext value={registry}>
      <ResolvedKeymapContext value={keymap}>{children}</ResolvedKeymapContext>
    </KeymapContext>
  );
}
