/**
 * How views plug into the keymap: `useCommandHandlers` registers a layer of handlers for as long as
 * the calling component is mounted. Handlers may be new functions on every render; the layer is
 * refreshed after each render, so the keymap always calls the latest ones without re-registering.
 */
import { createContext, useContext, useLayoutEffect, useRef } from 'react';
import type { KeyContext } from '../../../shared/keymap';
import type { CommandHandlers, KeyLayer, KeymapRegistry } from './registry';

export const KeymapContext = createContext<KeymapRegistry | null>(null);

export function useKeymapRegistry(): KeymapRegistry {
  const registry = useContext(KeymapContext);
  if (!registry) throw new Error('useKeymapRegistry needs a KeymapContext provider (see App)');
  return registry;
}

export interface LayerOptions {
  scope?: 'app' | 'view';
  context?: KeyContext;
  labelKeys?: ReadonlyMap<string, () => void>;
}

export function useCommandHandlers(handlers: CommandHandlers, options: LayerOptions = {}): void {
  const registry = useKeymapRegistry();
  const layer: KeyLayer = { scope: options.scope ?? 'view', context: options.context, handlers, labelKeys: options.labelKeys };
  const layerRef = useRef(layer);
  useLayoutEffect(() => {
    layerRef.current = layer;
  });
  useLayoutEffect(() => registry.add(layerRef), [registry]);
}
