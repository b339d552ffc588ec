/**
 * The renderer's only way to the backend. In the desktop app the preload exposes `window.loupe`
 * (Electron IPC); in the browser end-to-end setup the same contract is spoken over loopback HTTP
 * with a per-run token taken from the page URL. Every reply is parsed against the contract.
 */
import {
  channels,
  events,
  type ChannelInput,
  type ChannelName,
  type ChannelOutput,
  type EventName,
  type EventPayload,
  type LoupeApi,
  type Reply,
} from '../../shared/contract';
import { ASSET_SCHEME, toAssetUrl } from '../../shared/assetUrl';
import type { AppErrorValue } from '../../shared/errors';

declare global {
  interface Window {
    loupe?: LoupeApi;
  }
}

/** A failed call, carrying the typed error from the other side. */
export class ApiError extends Error {
  constructor(readonly value: AppErrorValue) {
    super(value.message);
    this.name = 'ApiError';
  }
}

function httpApi(token: string): LoupeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (message) => {
      const { event, payload } = JSON.parse(String(message.data)) as { event: string; payload: unknown };
      listeners.get(event)?.forEach((listener) => listener(payload));
    };
  };
  return {
    async invoke(channel, input) {
      const response = await fetch(`/rpc/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-loupe-token': token },
        body: JSON.stringify(input),
      });
      return (await response.json()) as Reply<typeof channel>;
    },
    on(event, listener) {
      ensureSource();
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
    pathForFile: () => null,
  };
}

function transport(): LoupeApi {
  if (window.loupe) return window.loupe;
  const token = new URLSearchParams(window.location.search).get('loupeToken');
  if (!token) throw new Error('Loupe must run in its desktop app (no backend was found for this page).');
  return httpApi(token);
}

let cached: LoupeApi | null = null;
function api(): LoupeApi {
  cached ??= transport();
  return cached;
}

/** Call a channel; resolves with its parsed output or rejects with an ApiError. */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const reply = await api().invoke(channel, input);
  if (!reply.ok) throw new ApiError(reply.error);
  return channels[channel].output.parse(reply.value) as ChannelOutput<C>;
}

/** Listen to a main-process event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return api().on(event, (payload) => listener(events[event].parse(payload) as EventPayload<E>));
}

/**
 * Where the page loads a pack image from: the desktop app's loupe-asset: protocol, or the loopback
 * binding's /asset/ route (same origin, token in the query since an <img> sends no headers).
 */
export function assetUrl(packId: string, assetPath: string): string {
  if (window.loupe) return toAssetUrl(packId, assetPath);
  const token = new URLSearchParams(window.location.search).get('loupeToken') ?? '';
  const url = toAssetUrl(packId, assetPath).slice(`${ASSET_SCHEME}://pack/`.length);
  return `/asset/${url}?token=${encodeURIComponent(token)}`;
}

export function pathForFile(file: File): string | null {
  return api().pathForFile(file);
}
