/**
 * The Electron IPC binding of the contract: one invoke channel (IPC_INVOKE) answered by
 * core.dispatch, and one event channel (IPC_EVENT) carrying `{ event, payload }` to our windows.
 * Every request is checked to come from the main frame of one of our windows showing our renderer
 * (trust.ts), so an iframe or a page navigated elsewhere can call nothing.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type EventName, type EventPayload } from '../../shared/contract';
import type { Core } from '../core/service/types';
import { isTrustedRendererUrl, type RendererLocation } from './trust';

function isTrustedSender(event: IpcMainInvokeEvent, location: RendererLocation): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.detached || frame.parent !== null) return false;
  const window = BrowserWindow.fromWebContents(event.sender);
  if (!window || window.isDestroyed()) return false;
  // WebFrameMain wrappers are not guaranteed to be the same object; compare frame identity.
  if (frame.frameTreeNodeId !== event.sender.mainFrame.frameTreeNodeId) return false;
  return isTrustedRendererUrl(frame.url, location);
}

/** Push one event to one page, in the shape the preload unwraps. */
export function sendEvent<E extends EventName>(contents: WebContents, event: E, payload: EventPayload<E>): void {
  if (contents.isDestroyed()) return;
  contents.send(IPC_EVENT, { event, payload });
}

/** Answer the renderer's requests and forward core events to our windows; returns the unbinding. */
export function bindIpc(core: Core, location: RendererLocation): () => void {
  ipcMain.handle(IPC_INVOKE, async (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event, location)) {
      // Not a typed reply: no page of ours sends this, so there is nobody to show an error to.
      throw new Error('Loupe refused a request from a page that is not its own.');
    }
    if (typeof channel !== 'string') {
      return { ok: false, error: { code: 'invalid-input', message: 'the channel must be a string' } };
    }
    return core.dispatch(channel, input); // parses the input and never throws
  });

  const unsubscribe = core.onEvent((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (contents.isDestroyed() || !isTrustedRendererUrl(contents.mainFrame.url, location)) continue;
      sendEvent(contents, event, payload);
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
