/**
 * The preload: exposes `window.loupe` (LoupeApi from shared/contract.ts) to the sandboxed renderer
 * and nothing else. ipcRenderer itself never crosses the bridge, so the page can reach exactly one
 * invoke channel and one event channel.
 *
 * Bundled as CommonJS (out/preload/index.cjs) because sandboxed preloads cannot load ES modules or
 * anything from node_modules: only `electron` may be required at run time. That is why the
 * contract is imported for types only and the two channel names are restated below (the
 * `typeof` annotations make TypeScript fail if they drift).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type {
  IPC_EVENT as ContractEventChannel,
  IPC_INVOKE as ContractInvokeChannel,
  LoupeApi,
  Reply,
} from '../../shared/contract';

const IPC_INVOKE: typeof ContractInvokeChannel = 'loupe:invoke';
const IPC_EVENT: typeof ContractEventChannel = 'loupe:event';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

// Events that arrive before anyone listens for them (a pack opened by file association while the
// renderer is still mounting) wait here and go to the first listener for that event. Bounded so a
// page that never listens cannot grow it. Menu commands are not held: a command chosen while no
// view handles it does nothing, rather than running later by surprise.
const MAX_PENDING = 50;
const NOT_HELD = new Set(['command:run']);
let pending: Array<{ event: string; payload: unknown }> = [];

function deliver(event: string, payload: unknown, to: Set<Listener>): void {
  for (const listener of [...to]) {
    try {
      listener(payload);
    } catch (error) {
      console.error(`loupe: a listener for ${event} failed`, error);
    }
  }
}

function flushPending(event: string): void {
  const to = listeners.get(event);
  // Checked again here: a listener may have unsubscribed before this ran (React StrictMode mounts,
  // unmounts and remounts effects); then the events stay for the next one.
  if (!to || to.size === 0) return;
  const ready = pending.filter((item) => item.event === event);
  pending = pending.filter((item) => item.event !== event);
  for (const item of ready) deliver(item.event, item.payload, to);
}

// The main process sends `{ event, payload }` on IPC_EVENT (electron/shell/ipc.ts sendEvent).
ipcRenderer.on(IPC_EVENT, (_ipcEvent, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string') return;
  const to = listeners.get(event);
  if (to && to.size > 0) {
    deliver(event, payload, to);
  } else if (!NOT_HELD.has(event)) {
    pending.push({ event, payload });
    if (pending.length > MAX_PENDING) pending = pending.slice(-MAX_PENDING);
  }
});

const api: LoupeApi = {
  invoke(channel, input) {
    return ipcRenderer.invoke(IPC_INVOKE, channel, input) as Promise<Reply<typeof channel>>;
  },
  on(event, listener) {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener as Listener);
    listeners.set(event, set);
    // Deliver anything that was waiting after the caller has finished subscribing, never inside on().
    if (pending.some((item) => item.event === event)) setTimeout(() => flushPending(event), 0);
    return () => {
      set.delete(listener as Listener);
    };
  },
  pathForFile(file) {
    try {
      // Empty for a File that does not come from disk (made in script); throws for a non-File.
      return webUtils.getPathForFile(file as File) || null;
    } catch {
      return null;
    }
  },
};

contextBridge.exposeInMainWorld('loupe', api);
