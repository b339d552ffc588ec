/**
 * The conformance kit: other tools' real files (../shared/fixtures/interop, never copied into
 * the project) imported as a lead would (read → project in a real store), exported to the same
 * format through the project export, and read back, so a test compares what the person gave
 * with what they get. Where the format has a reference reader (pycocotools, nltk, datasets), the
 * export is also loaded by it, in the Python of the venv that `.ci/run` creates.
 *
 * Where the fixtures or the reference Python are absent (a user's machine), the tests skip and
 * say so on the console.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';
import { createProject, type AnnotationUse, type CreatedProject } from '../../../../electron/core/projects/create';
import { exportProject, type ProjectExportOutcome } from '../../../../electron/core/projects/exportProject';
import { readProjectSource, type ReadSource, type SourceOptions, type WriteOptions } from '../../../../electron/core/projects/formats';
import type { SourceSet } from '../../../../electron/core/formats/interop/types';
import { Store } from '../../../../electron/core/store';
import type { LabelConfig } from '../../../../shared/pack/labelConfig';
import type { Answer, ControlResult } from '../../../../shared/pack/task';
import type { FinalChoice, ProjectExportFormat, SourceFormat } from '../../../../shared/projectContract';
import { tempDir } from '../../helpers/fixtures';

const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/** The real third-party files: `LOUPE_INTEROP_DIR`, else ../shared/fixtures/interop beside the project. */
export const INTEROP_DIR = resolve(process.env.LOUPE_INTEROP_DIR ?? join(PROJECT_ROOT, '..', 'shared', 'fixtures', 'interop'));
export const HAS_INTEROP = existsSync(INTEROP_DIR);

export const fixture = (...parts: string[]): string => join(INTEROP_DIR, ...parts);

/** A describe block over the real files that skips, saying so, where they are absent. */
export function describeInterop(name: string, body: () => void): void {
  if (!HAS_INTEROP) console.warn(`skipped "${name}": the interop fixtures are not at ${INTEROP_DIR}`);
  describe.skipIf(!HAS_INTEROP)(name, body);
}

/** The reference readers' Python: `LOUPE_REF_PYTHON`, else the venv `.ci/run` makes (.venv-ref). */
export function referencePython(): string | null {
  const candidates = [process.env.LOUPE_REF_PYTHON, join(PROJECT_ROOT, '.venv-ref', 'bin', 'python')];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** A test that runs a reference reader; skips, saying so, where the venv is absent. */
export function itWithReference(name: string, body: (python: string) => Promise<void> | void, timeout = 120_000): void {
  const python = referencePython();
  if (!python) console.warn(`skipped "${name}": no reference Python (set LOUPE_REF_PYTHON or run .ci/run to make .venv-ref)`);
  it.skipIf(!python)(name, () => body(python!), timeout);
}

/** Runs a Python script with arguments; its stdout parsed as JSON. Throws with stderr when it fails. */
export function runPython<T = unknown>(python: string, script: string, args: string[] = []): T {
  const run = spawnSync(python, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PYTHONIOENCODING: 'utf-8', HF_DATASETS_OFFLINE: '1', HF_HUB_OFFLINE: '1' } });
  if (run.status !== 0) throw new Error(`reference reader failed (exit ${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

const NOW = new Date('2026-12-01T09:00:00Z');
const stores: Store[] = [];
afterAll(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

export interface LeadProject {
  store: Store;
  projectId: string;
  read: ReadSource;
  created: CreatedProject;
  dir: string;
}

/** A lead's import: read the file, create a project in a fresh store. */
export async function importAsLead(format: SourceFormat, path: string, options: SourceOptions & { annotationsAs?: AnnotationUse } = {}): Promise<LeadProject> {
  const { annotationsAs = 'gold', ...sourceOptions } = options;
  const dir = tempDir('loupe-conformance-');
  const store = await Store.open(join(dir, 'loupe.db'), { clock: () => NOW });
  stores.push(store);
  const read = await readProjectSource(format, path, sourceOptions);
  const created = await createProject(store, join(dir, 'data'), {
    name: `conformance ${format}`, source: read.source, sourcePath: path, guidelines: '', annotationsAs,
    ...(read.inlineImages ? { inlineImages: read.inlineImages } : {}),
  }, NOW);
  return { store, projectId: created.projectId, read, created, dir };
}

export interface RoundTrip extends LeadProject {
  exported: ProjectExportOutcome;
  /** The export read back by Loupe's own reader of that format. */
  reread: ReadSource;
}

/**
 * Import as a lead would, export to `exportFormat` (default: the same format) with the final
 * choice (default: majority, under which gold is final), read the export back.
 */
export async function roundTrip(
  format: SourceFormat,
  path: string,
  options: SourceOptions & { annotationsAs?: AnnotationUse; final?: FinalChoice; write?: WriteOptions; rereadOptions?: SourceOptions; exportFormat?: ProjectExportFormat } = {},
): Promise<RoundTrip> {
  const { final = 'majority', write = {}, rereadOptions, exportFormat, ...importOptions } = options;
  const lead = await importAsLead(format, path, importOptions);
  const target = exportFormat ?? (format as ProjectExportFormat);
  const out = join(lead.dir, `export-${target}`);
  const exported = await exportProject(lead.store, lead.projectId, target, final, out, undefined, write);
  const reread = await readProjectSource(format, exported.path, rereadOptions ?? importOptions);
  return { ...lead, exported, reread };
}

/** A label id as its name, so two reads that number labels differently still compare. */
function nameOf(config: LabelConfig, controlId: string, labelId: string): string {
  const control = config.controls.find((c) => c.id === controlId);
  const labels = control && 'labels' in control ? (control.labels as { id: string; name: string }[]) : [];
  return labels.find((l) => l.id === labelId)?.name ?? labelId;
}

const round = (n: number) => Math.round(n * 2) / 2;

/** One result as plain comparable data: label names, coordinates to 0.5 px, spans as offsets. */
export function comparableResult(config: LabelConfig, result: ControlResult): unknown {
  const name = (label: string) => nameOf(config, result.controlId, label);
  switch (result.kind) {
    case 'choices':
      return { kind: 'choices', labels: result.labels.map(name).sort() };
    case 'spans':
      return { kind: 'spans', none: result.none ?? false, spans: result.spans.map((s) => [s.start, s.end, name(s.label)]).sort((a, b) => String(a).localeCompare(String(b))) };
    case 'boxes':
      return { kind: 'boxes', none: result.none ?? false, boxes: result.boxes.map((b) => [name(b.label), round(b.x), round(b.y), round(b.width), round(b.height)]).sort((a, b) => String(a).localeCompare(String(b))) };
    case 'polygons':
      return { kind: 'polygons', none: result.none ?? false, polygons: result.polygons.map((p) => [name(p.label), ...p.points.map(([x, y]) => [round(x), round(y)])]).sort((a, b) => String(a).localeCompare(String(b))) };
    default:
      return result;
  }
}

export const comparableAnswer = (config: LabelConfig, answer: Answer): unknown[] =>
  answer.map((r) => comparableResult(config, r)).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Every task of a read as comparable data: its text or image and each annotation, in file order. */
export function comparableSet(set: SourceSet): unknown[] {
  return set.tasks.map(({ task, annotations }) => ({
    text: task.data.text,
    image: task.data.image,
    annotations: annotations.map((a) => ({
      annotator: a.annotator, kind: a.kind, status: a.status ?? 'submitted', ...(a.skipReason ? { skipReason: a.skipReason } : {}),
      answer: comparableAnswer(set.labelConfig, a.answer),
    })),
  }));
}
