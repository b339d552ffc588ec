/**
 * Packs, label configs, tasks and assets in the store. Importing a pack is one transaction: it
 * lands whole or not at all, and importing the same pack content again is a no-op.
 */
import { canonicalJson } from '../../../shared/canonicalJson';
import { LoupeError } from '../../../shared/errors';
import { labelConfigSchema, type LabelConfig } from '../../../shared/pack/labelConfig';
import { manifestSchema, type Manifest, type PackKind } from '../../../shared/pack/manifest';
import { taskSchema, type Task } from '../../../shared/pack/task';
import { sha256Hex, taskLineHash } from '../packs/hash';
import type { Db } from './connection';
import { prepare, timed } from './sql';

export interface StoredPack {
  id: string;
  kind: PackKind;
  name: string;
  manifest: Manifest;
  labelConfig: LabelConfig | null;
  guidelines: string;
  sourcePath: string | null;
  importedAt: string;
  openedAt: string | null;
}

export interface TaskPackInput {
  manifest: Manifest;
  packHash: string;
  tasks: readonly Task[];
  /** Each task's line as shipped (from readPack); stored as is. Without it tasks are serialized canonically. */
  lines?: readonly string[];
  guidelines: string;
  assets: ReadonlyMap<string, { bytes: Uint8Array; mime: string; width: number; height: number; sha256: string }>;
  sourcePath: string | null;
}

export type ImportOutcome = { packId: string; imported: boolean };

/** The stored body of a task and its hash (see taskLineHash in packs/hash.ts). */
export function taskBody(task: Task, shippedLine?: string): { body: string; hash: string } {
  const body = shippedLine ?? canonicalJson(task);
  return { body, hash: taskLineHash(body) };
}

/** A pack already imported with exactly this content, if any. */
export function findPackByHash(db: Db, packHash: string): string | null {
  const row = prepare<[string], { id: string }>(db, 'SELECT id FROM packs WHERE pack_hash = ?').get(packHash);
  return row?.id ?? null;
}

function upsertLabelConfig(db: Db, config: LabelConfig): number {
  const json = canonicalJson(config);
  const hash = sha256Hex(json);
  prepare(db, 'INSERT OR IGNORE INTO label_configs (hash, config) VALUES (?, ?)').run(hash, json);
  return prepare<[string], { id: number }>(db, 'SELECT id FROM label_configs WHERE hash = ?').get(hash)!.id;
}

/** Insert the pack row; refuses a different pack that reuses an imported pack's id. */
export function insertPackRow(db: Db, manifest: Manifest, packHash: string, guidelines: string, sourcePath: string | null, now: string): void {
  const existing = prepare<[string], { pack_hash: string }>(db, 'SELECT pack_hash FROM packs WHERE id = ?').get(manifest.packId);
  if (existing) {
    throw new LoupeError(
      'conflict',
      `A different pack with the id "${manifest.packId}" is already in this workspace. ` +
        'Packs are identified by their id: ask the pack author for a new id if this is a new pack.',
      { file: 'manifest.json', field: 'packId' },
    );
  }
  const configId = manifest.labelConfig ? upsertLabelConfig(db, manifest.labelConfig) : null;
  prepare(
    db,
    `INSERT INTO packs (id, kind, name, pack_hash, manifest, label_config_id, answers_pack_id, guidelines, source_path, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    manifest.packId, manifest.kind, manifest.name, packHash, canonicalJson(manifest), configId,
    manifest.answers?.packId ?? null, guidelines, sourcePath, now,
  );
}

/** Import a task (or review) pack with its tasks and assets in one transaction. */
export function importTaskPack(db: Db, input: TaskPackInput, now: string): ImportOutcome {
  return timed('import task pack', () =>
    db.transaction((): ImportOutcome => {
      const already = findPackByHash(db, input.packHash);
      if (already) return { packId: already, imported: false };
      insertPackRow(db, input.manifest, input.packHash, input.guidelines, input.sourcePath, now);
      const insertTask = prepare(db, 'INSERT INTO tasks (pack_id, id, position, task_hash, body) VALUES (?, ?, ?, ?, ?)');
      const packId = input.manifest.packId;
      input.tasks.forEach((task, position) => {
        const { body, hash } = taskBody(task, input.lines?.[position]);
        insertTask.run(packId, task.id, position, hash, body);
      });
      const insertAsset = prepare(db, 'INSERT INTO assets (pack_id, path, mime, width, height, sha256, bytes) VALUES (?, ?, ?, ?, ?, ?, ?)');
      for (const [path, asset] of input.assets) {
        insertAsset.run(packId, path, asset.mime, asset.width, asset.height, asset.sha256, asset.bytes);
      }
      return { packId, imported: true };
    }).immediate(),
  );
}

interface PackRow {
  id: string;
  kind: PackKind;
  name: string;
  manifest: string;
  config: string | null;
  guidelines: string;
  source_path: string | null;
  imported_at: string;
  opened_at: string | null;
}

const PACK_COLUMNS = `p.id, p.kind, p.name, p.manifest, c.config, p.guidelines, p.source_path, p.imported_at, p.opened_at
  FROM packs p LEFT JOIN label_configs c ON c.id = p.label_config_id`;

/**
 * Parsed manifests and label configs by their stored JSON: a pack's never change once imported,
 * and every draft save (one per keystroke) looks its pack up.
 */
const parsed = new Map<string, { manifest: Manifest; labelConfig: LabelConfig | null }>();

function parsePackJson(row: PackRow): { manifest: Manifest; labelConfig: LabelConfig | null } {
  const key = `${row.manifest}\u0000${row.config ?? ''}`;
  let value = parsed.get(key);
  if (!value) {
    value = {
      manifest: manifestSchema.parse(JSON.parse(row.manifest)),
      labelConfig: row.config ? labelConfigSchema.parse(JSON.parse(row.config)) : null,
    };
    parsed.set(key, value);
  }
  return value;
}

function toStoredPack(row: PackRow): StoredPack {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    ...parsePackJson(row),
    guidelines: row.guidelines,
    sourcePath: row.source_path,
    importedAt: row.imported_at,
    openedAt: row.opened_at,
  };
}

export function getPack(db: Db, packId: string): StoredPack {
  const row = prepare<[string], PackRow>(db, `SELECT ${PACK_COLUMNS} WHERE p.id = ?`).get(packId);
  if (!row) throw new LoupeError('not-found', `There is no pack "${packId}" in this workspace.`);
  return toStoredPack(row);
}

/** Task packs, most recently opened (or imported) first. */
export function listTaskPacks(db: Db, limit = 50): StoredPack[] {
  return prepare<[number], PackRow>(
    db,
    // A source's imported answers are held in a pack of its project (split 0) that nobody opens.
    `SELECT ${PACK_COLUMNS} WHERE p.kind IN ('tasks', 'review')
       AND NOT EXISTS (SELECT 1 FROM project_packs pp WHERE pp.pack_id = p.id AND pp.split = 0) ORDER BY COALESCE(p.opened_at, p.imported_at) DESC LIMIT ?`,
  )
    .all(limit)
    .map(toStoredPack);
}

/**
 * The packs to offer on Home as this person's work, most recent first: task and review packs,
 * except the ones a lead's split wrote for annotators (project packs) until somebody opens one
 * here to work on it. On a lead's workstation those are the annotators' work, not the lead's.
 */
export function listRecentPacks(db: Db, limit = 50): StoredPack[] {
  return prepare<[number], PackRow>(
    db,
    `SELECT ${PACK_COLUMNS} WHERE p.kind IN ('tasks', 'review')
       AND NOT EXISTS (SELECT 1 FROM project_packs pp WHERE pp.pack_id = p.id AND (pp.split = 0 OR p.opened_at IS NULL))
       ORDER BY COALESCE(p.opened_at, p.imported_at) DESC LIMIT ?`,
  )
    .all(limit)
    .map(toStoredPack);
}

export function markOpened(db: Db, packId: string, now: string): void {
  prepare(db, 'UPDATE packs SET opened_at = ? WHERE id = ?').run(now, packId);
}

export function countTasks(db: Db, packId: string): number {
  return prepare<[string], { n: number }>(db, 'SELECT count(*) AS n FROM tasks WHERE pack_id = ?').get(packId)!.n;
}

export interface StoredTask {
  task: Task;
  position: number;
  hash: string;
}

export function getTaskAt(db: Db, packId: string, position: number): StoredTask {
  const row = prepare<[string, number], { body: string; position: number; task_hash: string }>(
    db,
    'SELECT body, position, task_hash FROM tasks WHERE pack_id = ? AND position = ?',
  ).get(packId, position);
  if (!row) throw new LoupeError('not-found', `Pack "${packId}" has no task number ${position + 1}.`);
  return { task: taskSchema.parse(JSON.parse(row.body)), position: row.position, hash: row.task_hash };
}

export function getTaskById(db: Db, packId: string, taskId: string): StoredTask {
  const row = prepare<[string, string], { body: string; position: number; task_hash: string }>(
    db,
    'SELECT body, position, task_hash FROM tasks WHERE pack_id = ? AND id = ?',
  ).get(packId, taskId);
  if (!row) throw new LoupeError('not-found', `Pack "${packId}" has no task "${taskId}".`);
  return { task: taskSchema.parse(JSON.parse(row.body)), position: row.position, hash: row.task_hash };
}

export function getAsset(db: Db, packId: string, path: string): { bytes: Uint8Array; mime: string } | null {
  const row = prepare<[string, string], { bytes: Buffer; mime: string }>(
    db,
    'SELECT bytes, mime FROM assets WHERE pack_id = ? AND path = ?',
  ).get(packId, path);
  return row ? { bytes: new Uint8Array(row.bytes), mime: row.mime } : null;
}
