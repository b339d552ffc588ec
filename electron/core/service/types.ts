/**
 * What the Electron shell and the loopback HTTP binding need from the core. Platform pieces that
 * only the shell can provide (file dialogs) come in as ports, so the core stays plain Node.
 */
import type { ChannelName, EventName, EventPayload, PackSummary, Reply } from '../../../shared/contract';
import type { PackLimits } from '../packs';

export interface Dialogs {
  /** Ask the user for a pack to open (.loupe file or pack folder); null when cancelled. */
  chooseOpenPack(): Promise<string | null>;
  /** Ask for files or a folder to read (a project's source, results packs); null when cancelled. */
  chooseOpenPaths(kind: OpenKind): Promise<string[] | null>;
  /** Ask for a folder to write into (a split's packs, a folder format's export); null when cancelled. */
  chooseFolder(title: string): Promise<string | null>;
  /** Ask the user where to save an export (a results pack, a dataset file); null when cancelled. */
  chooseSaveFile(defaultFileName: string, kind: SaveKind): Promise<string | null>;
}

/** What is being opened: the dialog's title, file types, one or several, files or a folder. */
export interface OpenKind {
  title: string;
  filters: Array<{ name: string; extensions: string[] }>;
  multiple: boolean;
  folder: boolean;
}

/** What is being saved: the dialog's title and file type filter. */
export interface SaveKind {
  title: string;
  filterName: string;
  extension: string;
}

export interface CoreOptions {
  /** Folder for the database (loupe.db) and other per-user state. */
  dataDir: string;
  /** Folder holding the sample packs shipped in resources/samples. */
  samplesDir: string;
  dialogs: Dialogs;
  appVersion: string;
  /** Tighter (or looser) limits for reading packs than packs/limits.ts DEFAULT_LIMITS. */
  packLimits?: Partial<PackLimits>;
  /** Path to a better-sqlite3 binary built for this runtime (Electron), when not the default. */
  sqliteNativeBinding?: string;
}

export type CoreEventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface Core {
  /** Parse the input against the contract, run the channel, and return a typed reply. Never throws. */
  dispatch(channel: string, rawInput: unknown): Promise<Reply<ChannelName>>;
  /** Listen to events for the renderer (pack opened from outside, errors); returns unsubscribe. */
  onEvent(listener: CoreEventListener): () => void;
  /** Open a pack by path from outside the renderer (file association, menu); emits pack:opened. */
  openFromOutside(path: string): Promise<PackSummary | null>;
  /** Bytes of an asset of an imported pack, for the asset protocol; null when there is none. */
  readAsset(packId: string, assetPath: string): Promise<{ bytes: Uint8Array; mime: string } | null>;
  close(): Promise<void>;
}
