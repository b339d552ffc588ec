/**
 * How failures and results reach the person: Mantine notifications with a message that says what
 * went wrong and where (file, line, field), because an error the user cannot act on is noise.
 * Errors stay until dismissed so a long file location can be read.
 */
import { notifications } from '@mantine/notifications';
import { formatWhere } from '../../shared/errors';
import { ApiError } from './api';

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

export function notifyError(error: unknown, title = 'Something went wrong'): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: false, 'data-testid': 'notification-error' });
}

export function notifyInfo(title: string, message: string): void {
  notifications.show({ title, message, autoClose: 6000 });
}

/** What an import or export changed or left out: stays until dismissed, one line per topic with its count. */
export function notifyWarning(title: string, message: string): void {
  notifications.show({ color: 'yellow', title, message, autoClose: false, style: { whiteSpace: 'pre-line' }, 'data-testid': 'notification-warning' });
}
