/**
 * How failures and results reach the person: Mantine notifications with a message that says what
 * went wrong and where (file, line, field), because an error the user cannot act on is noise.
 * Errors stay until dismissed so a long file location can be read.
 *
 * Each notification belongs to the screen that raised it (App names the screen: Home, one pack,
 * one project, one review). Leaving a screen hides its notifications, so nothing from a closed
 * pack follows the person home. One exception: what Home said just before the person left it
 * (within CARRY_MS) is the outcome of the action that took them away — "Project created", what an
 * import left out — and moves with them. Problems from outside any screen (the main process, the
 * saved keymap) are the app's and stay until dismissed.
 *
 * The same notice twice is shown once, with a count in its title, so a key pressed five times in a
 * row does not stack five boxes over the screen.
 */
import { notifications, notificationsStore, type NotificationData } from '@mantine/notifications';
import { formatWhere } from '../../shared/errors';
import { ApiError } from './api';

/** The screen of notifications that belong to no screen. */
const APP_SCOPE = 'app';
/** How long before leaving Home a notification counts as the outcome of leaving it. */
export const CARRY_MS = 2000;

interface Shown {
  id: string;
  scope: string;
  count: number;
  at: number;
  title: string;
  message: string;
}

let screen = 'home';
let sequence = 0;
/** Visible (or queued) notifications by what they say: color, title and message. */
const shown = new Map<string, Shown>();

/** The message to show for any thrown value; ApiErrors carry their location in `where`. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const { message, where } = error.value;
    const location = where ? formatWhere(where) : '';
    return location && !message.includes(location) ? `${location}: ${message}` : message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

type Notice = Omit<NotificationData, 'id' | 'title' | 'message' | 'onClose'> & { title: string; message: string };

/** Still shown or queued (a notification cleared without its onClose, by `notifications.clean`, is not). */
function isLive(id: string): boolean {
  const { notifications: visible, queue } = notificationsStore.getState();
  return visible.some((n) => n.id === id) || queue.some((n) => n.id === id);
}

function show(notice: Notice, scope: string = screen): void {
  const key = [notice.color ?? '', notice.title, notice.message].join('\u0000');
  const now = Date.now();
  const existing = shown.get(key);
  if (existing && isLive(existing.id)) {
    existing.count += 1;
    existing.at = now;
    existing.scope = scope;
    notifications.update({ id: existing.id, message: existing.message, title: `${existing.title} (${existing.count}×)` });
    return;
  }
  const id = `loupe-notice-${(sequence += 1)}`;
  shown.set(key, { id, scope, count: 1, at: now, title: notice.title, message: notice.message });
  notifications.show({ ...notice, id, onClose: () => shown.delete(key) });
}

/**
 * The person is now on `next` (a stable name: `home`, `annotate:<packId>` …): hide what the screen
 * they left raised, except Home's last word (see CARRY_MS).
 */
export function enterScreen(next: string, now: number = Date.now()): void {
  if (next === screen) return;
  const leavingHome = screen === 'home';
  for (const [key, notice] of shown) {
    if (notice.scope !== screen) continue;
    if (leavingHome && now - notice.at < CARRY_MS) {
      notice.scope = next;
      continue;
    }
    shown.delete(key);
    notifications.hide(notice.id);
  }
  screen = next;
}

export function notifyError(error: unknown, title = 'Something went wrong', options: { app?: boolean } = {}): void {
  show({ color: 'red', title, message: errorMessage(error), autoClose: false, 'data-testid': 'notification-error' }, options.app ? APP_SCOPE : screen);
}

export function notifyInfo(title: string, message: string, options: { app?: boolean } = {}): void {
  show({ title, message, autoClose: 6000, 'data-testid': 'notification-info' }, options.app ? APP_SCOPE : screen);
}

/** What an import or export changed or left out: stays until dismissed, one line per topic with its count. */
export function notifyWarning(title: string, message: string): void {
  show({ color: 'yellow', title, message, autoClose: false, style: { whiteSpace: 'pre-line' }, 'data-testid': 'notification-warning' });
}
