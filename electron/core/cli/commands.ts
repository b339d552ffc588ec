/**
 * What each `loupe` command does, as plain async functions (commander wiring is in main.ts).
 */
import { access, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { canonicalJson } from '../../../shared/canonicalJson';
import { LoupeError, parseOrThrow } from '../../../shared/errors';
import { labelConfigSchema } from '../../../shared/pack/labelConfig';
import { PACK_EXTENSION, ROWS_FILE } from '../../../shared/pack/manifest';
import { AI_EVAL_FORMATS, exportAiEval, isAiEvalFormat, type AiEvalFormat } from '../formats/aiEvalExports';
import { exportDatasetJsonl } from '../formats/datasetJsonl';
import { readTaskSource } from '../formats/taskSources';
import { readPack, sha256Hex, writePack } from '../packs';
import { importPackFile } from '../service/packOpening';
import { exportResultsPack } from '../service/resultsExport';
import { Store } from '../store';
import { throttledProgress, UsageError, type Output } from './output';

export interface CreateOptions {
  from: string;
  config: string;
  out: string;
  name?: string;
  id?: string;
  author?: string;
  guidelines?: string;
  description?: string;
  created?: string;
}

async function readJsonFile(path: string): Promise<unknown> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new LoupeError('invalid-input', 'cannot read this file', { file: path });
  });
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LoupeError('invalid-input', `not valid JSON (${(error as Error).message})`, { file: basename(path) });
  }
}

export async function packCreate(options: CreateOptions, out: Output): Promise<void> {
  if (!options.out.endsWith(PACK_EXTENSION)) throw new UsageError(`--out must end with ${PACK_EXTENSION}`);
  const labelConfig = parseOrThrow(labelConfigSchema, await readJsonFile(options.config), { file: basename(options.config) });
  out.progress(`reading tasks from ${options.from}`);
  const { tasks, assets, gold } = await readTaskSource(options.from);
  // Gold never goes out in a task pack: it is what annotators are scored against.
  if (gold.size > 0) out.warn(`${gold.size} gold answer${gold.size === 1 ? '' : 's'} in ${basename(options.from)} left out of the pack: gold stays with the lead (loupe project create keeps it)`);
  const guidelines = options.guidelines ? await readFile(options.guidelines, 'utf8') : '';
  const name = options.name ?? basename(options.from).replace(/\.[^.]+$/, '');
  // A default id derived from the content keeps `pack create` deterministic.
  const digest = sha256Hex(canonicalJson({ labelConfig, tasks, name }));
  const createdAt = options.created ?? new Date().toISOString();
  const temp = join(dirname(options.out), `.${basename(options.out)}.partial-${process.pid}`);
  try {
    const written = await writePack(temp, {
      manifest: {
        packId: options.id ?? `pack-${digest.slice(0, 16)}`,
        kind: 'tasks',
        name,
        ...(options.description ? { description: options.description } : {}),
        createdAt,
        author: { id: 'lead', name: options.author ?? 'Lead', role: 'lead' },
        labelConfig,
      },
      rows: tasks,
      guidelines,
      assets,
    });
    // Read the pack back with the same checks an annotator's app applies, before it is published.
    await readPack(temp);
    await rename(temp, options.out);
    out.result(
      { ok: true, path: options.out, packId: written.manifest.packId, tasks: tasks.length, assets: assets.size, bytes: written.bytes, sha256: written.sha256 },
      `wrote ${options.out}: ${tasks.length} tasks, ${assets.size} assets, ${written.bytes} bytes (pack id ${written.manifest.packId})`,
    );
  } finally {
    await rm(temp, { force: true });
  }
}

export async function packValidate(path: string, out: Output): Promise<void> {
  const loaded = await readPack(path);
  const m = loaded.manifest;
  out.result({ ok: true, packId: m.packId, kind: m.kind, rows: loaded.rows.length }, `ok: ${m.kind} pack "${m.name}" (${m.packId}), ${loaded.rows.length} rows`);
}

export async function packInspect(path: string, out: Output): Promise<void> {
  const loaded = await readPack(path);
  const m = loaded.manifest;
  const controls = m.labelConfig?.controls.map((c) => ({
    id: c.id,
    kind: c.kind,
    labels: 'labels' in c ? c.labels.map((l) => ({ id: l.id, name: l.name, hotkey: l.hotkey ?? null })) : [],
  })) ?? [];
  const human = [
    `${m.name}  (${m.kind} pack, format v${m.formatVersion})`,
    `id:        ${m.packId}`,
    `author:    ${m.author.name} (${m.author.id})`,
    `created:   ${m.createdAt}`,
    `rows:      ${loaded.rows.length} in ${ROWS_FILE[m.kind]}`,
    `assets:    ${loaded.assets.size}`,
    `guidelines: ${loaded.guidelines ? `${loaded.guidelines.length} characters` : 'none'}`,
    ...(m.answers ? [`answers:   ${m.answers.packId}`] : []),
    ...(m.labelConfig ? [`data:      ${m.labelConfig.data}`] : []),
    ...controls.map((c) => `control ${c.id} (${c.kind}): ${c.labels.map((l) => `${l.name}${l.hotkey ? ` [${l.hotkey}]` : ''}`).join(', ')}`),
  ].join('\n');
  out.result(
    { ok: true, manifest: m, packHash: loaded.packHash, rows: loaded.rows.length, assets: loaded.assets.size, controls },
    human,
  );
}

export async function importPack(path: string, dbPath: string, out: Output): Promise<void> {
  const store = await Store.open(dbPath);
  try {
    out.progress(`importing ${path}`);
    const outcome = await importPackFile(store, path);
    const what = outcome.kind === 'results' ? `${outcome.added} answers added, ${outcome.alreadyPresent} already present` : `${await store.taskCount(outcome.packId)} tasks`;
    out.result(
      { ok: true, ...outcome },
      outcome.imported ? `imported ${outcome.kind} pack ${outcome.packId}: ${what}` : `already imported: ${outcome.packId} (nothing changed)`,
    );
  } finally {
    await store.close();
  }
}

export const EXPORT_FORMATS = ['jsonl', 'results', ...AI_EVAL_FORMATS] as const;

/** What one record of each AI-evaluation export is, for the human summary line. */
const RECORD_NOUN: Record<AiEvalFormat, string> = {
  'preference-pairs': 'preference pairs',
  'rubric-csv': 'rubric rows',
  'rubric-jsonl': 'rubric rows',
  rewrites: 'rewrites',
};

export async function exportData(
  options: { db: string; packId: string; format: string; out: string; annotator?: string },
  out: Output,
): Promise<void> {
  if (!(EXPORT_FORMATS as readonly string[]).includes(options.format)) {
    throw new UsageError(`unknown format "${options.format}" (this version exports: ${EXPORT_FORMATS.join(', ')})`);
  }
  if (options.format === 'results' && !options.out.endsWith(PACK_EXTENSION)) throw new UsageError(`--out must end with ${PACK_EXTENSION} for a results pack`);
  await access(options.db).catch(() => {
    throw new LoupeError('invalid-input', 'there is no Loupe database here (import a pack into it first)', { file: options.db });
  });
  const store = await Store.open(options.db);
  try {
    if (options.format === 'results') {
      const profile = options.annotator ? await store.profile(options.annotator) : await store.currentProfile();
      if (!profile) {
        throw new LoupeError('invalid-input', options.annotator ? `there is no annotator "${options.annotator}" in this database` : 'this database has no local profile; pass --annotator ID');
      }
      const written = await exportResultsPack(store, options.packId, profile, options.out, new Date());
      out.result({ ok: true, ...written, annotator: profile.id }, `wrote ${written.path}: ${written.rows} answers by ${profile.name}`);
      return;
    }
    if (isAiEvalFormat(options.format)) {
      const result = await exportAiEval(store, options.packId, options.format, options.out, throttledProgress(out, 'exported'));
      const ties = result.skippedTies ? ` (${result.skippedTies} ties skipped)` : '';
      out.result(
        { ok: true, path: options.out, format: options.format, ...result },
        `wrote ${options.out}: ${result.rows} ${RECORD_NOUN[options.format]} from ${result.tasks} tasks${ties}`,
      );
      return;
    }
    const result = await exportDatasetJsonl(store, options.packId, options.out, throttledProgress(out, 'exported'));
    out.result({ ok: true, path: options.out, ...result }, `wrote ${options.out}: ${result.rows} tasks, ${result.annotations} answers`);
  } finally {
    await store.close();
  }
}
