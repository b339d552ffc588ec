/**
 * A real core on a temporary data folder, with scripted dialogs, for service tests.
 */
import Database from 'better-sqlite3';
import { join, resolve } from 'node:path';
import { DATABASE_FILE, openCore, type Core } from '../../../electron/core';
import type { PackLimits } from '../../../electron/core/packs';
import type { ChannelName, ChannelOutput } from '../../../shared/contract';
import { tempDir } from '../helpers/fixtures';

export const SAMPLES_DIR = resolve(import.meta.dirname, '../../../resources/samples');

export interface Harness {
  core: Core;
  dataDir: string;
  exportDir: string;
  nextOpen: { path: string | null; paths: string[] | null };
  call<C extends ChannelName>(channel: C, input: unknown): Promise<ChannelOutput<C>>;
  /** Every row of every table: equal snapshots mean nothing was written. */
  snapshot(): string;
}

export async function startCore(options: { clock?: () => Date; packLimits?: Partial<PackLimits> } = {}): Promise<Harness> {
  const dataDir = tempDir('loupe-core-');
  const exportDir = tempDir('loupe-export-');
  const nextOpen = { path: null as string | null, paths: null as string[] | null };
  let saves = 0;
  const core = await openCore({
    dataDir,
    samplesDir: SAMPLES_DIR,
    appVersion: 'test',
    ...options,
    dialogs: {
      chooseOpenPack: async () => nextOpen.path,
      // Open dialogs answer with what the test set (several paths for results packs, one for a source).
      chooseOpenPaths: async () => nextOpen.paths ?? (nextOpen.path ? [nextOpen.path] : null),
      chooseFolder: async (title) => join(exportDir, `${++saves}-${title.replace(/\W+/g, '-')}`),
      chooseSaveFile: async (name) => join(exportDir, `${++saves}-${name}`),
    },
  });
  return {
    core,
    dataDir,
    exportDir,
    nextOpen,
    async call(channel, input) {
      const reply = await core.dispatch(channel, input);
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), { value: reply.error });
      return reply.value as never;
    },
    snapshot() {
      const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      const dump = tables.map((t) => `${t}:${JSON.stringify(db.prepare(`SELECT * FROM ${t}`).all())}`).join('\n');
      db.close();
      return dump;
    },
  };
}
