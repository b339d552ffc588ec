/**
 * The app's KeymapSource: the current profile's rebound keys through the settings channels, and
 * the `keymap:changed` event for saves made by another page. A module constant, so KeyboardRoot
 * loads it once.
 */
import { call, onEvent } from '../api';
import type { KeymapSource } from './resolvedKeymap';

export const backendKeymap: KeymapSource = {
  load: () => call('settings:getKeymap', {}),
  save: (overrides) => call('settings:saveKeymap', { overrides }),
  onChange: (listener) => onEvent('keymap:changed', ({ overrides }) => listener(overrides)),
};
