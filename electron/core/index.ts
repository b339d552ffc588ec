/**
 * The core of the main process: store, packs, formats and the service behind every channel.
 * Plain Node only (never `electron`), so tests, the CLI and benchmarks run it directly.
 */
export { openCore, DATABASE_FILE } from './service/core';
export type { Core, CoreOptions, Dialogs } from './service/types';
