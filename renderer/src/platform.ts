/**
 * The one place the renderer asks which platform it is on: key names differ (⌘ on macOS, Ctrl
 * elsewhere) and every place that shows a key must agree.
 */
export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(navigator.platform);
}
