/**
 * Owns the app's one KeymapRegistry and installs the one binder on window; everything inside can
 * register handlers with `useCommandHandlers`. Rendered once, by App.
 */
import { useState, type ReactNode } from 'react';
import { KeymapContext } from './commands';
import { KeymapRegistry } from './registry';
import { useKeymap } from './useKeymap';

export function KeyboardRoot({ children }: { children: ReactNode }) {
  const [registry] = useState(() => new KeymapRegistry());
  useKeymap(registry);
  return <KeymapContext value={registry}>{children}</KeymapContext>;
}
