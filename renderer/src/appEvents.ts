/**
 * Events the app emits for end-to-end tests to wait on, so tests never sleep: each one is pushed
 * onto `window.__loupeEvents` (so a test that attaches late still sees it) and dispatched as a
 * `loupe:app-event` CustomEvent on window (so a test can await the next one).
 *
 * Emitted: home-ready {hasProfile}, session-ready {packId}, task-shown {index, taskId},
 * draft-saved {taskId}, task-submitted {taskId, revision}, task-skipped {taskId},
 * task-flagged {taskId, flagged}, all-done {packId} (the screen past the last task),
 * export-done {path, rows}, keymap-loaded {rebound} (the profile's keys, at start), keymap-saved {rebound}.
 * Span editor: span-editor-ready, span-editor-painted, span-added {id, label, start, end},
 * span-selected, span-refused, relation-added, proposals-accepted.
 * Region editor: regions-rendered {count, proposals, ms}, region-added {id, label, origin, region, ms},
 * region-changed {..., deleted?}.
 */

export interface AppEvent {
  type: string;
  [field: string]: unknown;
}

declare global {
  interface Window {
    __loupeEvents?: AppEvent[];
  }
}

export function emitAppEvent(type: string, detail: object = {}): void {
  const event: AppEvent = { type, ...detail };
  (window.__loupeEvents ??= []).push(event);
  window.dispatchEvent(new CustomEvent('loupe:app-event', { detail: event }));
}
