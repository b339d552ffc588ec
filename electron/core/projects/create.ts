/**
 * Creating a lead project from raw data: Loupe's own sources (JSONL, CSV, a folder of images or
 * texts) or another tool's files (interop readers). Annotations that came with the data become
 * pre-annotations (predictions the annotator checks) or gold (kept only in the lead's store), or
 * are dropped. Everything is validated as a pack would be before anything is written; images are
 * copied into the data folder so the project keeps working when the source moves.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findAnswerProblem } from '../../../shared/answerCheck';
import { LoupeError } from '../../../shared/errors';
import { labelConfigSchema, type LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer, Prediction, Task } from '../../../shared/pack/task';
import { readTaskSource } from '../formats/taskSources';
import type { SourceSet, SourceTask } from '../formats/interop/types';
import { RowChecker, sha256Hex } from '../packs';
import type { Store } from '../store';

export type AnnotationUse = 'predictions' | 'gold' | 'ignore';

export interface CreateProjectInput {
  name: string;
  /** Tasks and their annotations, read by a format reader (readProjectSource). */
  source: SourceSet;
  /** Where the source came from, for the record. */
  sourcePath: string;
  guidelines: string;
  annotationsAs: AnnotationUse;
  /** Inline images from Loupe's own sources (a folder of images), by asset path. */
  inlineImages?: ReadonlyMap<string, Uint8Array>;
}

export interface CreatedProject {
  projectId: string;
  tasks: number;
  gold: number;
  predictions: number;
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'project';

/** Loupe's own task sources as a SourceSet: the label config comes from --config, not the data. */
export async function readLoupeSource(path: string, labelConfig: unknown): Promise<{ source: SourceSet; inlineImages: Map<string, Uint8Array> }> {
  const config = labelConfigSchema.safeParse(labelConfig);
  if (!config.success) throw new LoupeError('invalid-input', `the label config is not valid: ${config.error.issues[0]?.message ?? 'unknown problem'}`, { field: String(config.error.issues[0]?.path.join('.') ?? '') });
  const { tasks, assets } = await readTaskSource(path);
  return {
    source: { format: 'loupe', labelConfig: config.data, tasks: tasks.map((task) => ({ task, annotations: [] })), images: new Map() },
    inlineImages: new Map(assets),
  };
}

function withPredictions(entry: SourceTask, format: string): Task {
  const predictions: Prediction[] = entry.annotations.map((a) => ({
    model: a.model ?? a.annotator ?? format,
    modelVersion: a.kind === 'prediction' ? 'imported' : 'imported-annotation',
    ...(a.score !== undefined ? { score: Math.max(0, Math.min(1, a.score)) } : {}),
    result: a.answer,
  }));
  return predictions.length > 0 ? { ...entry.task, predictions: [...(entry.task.predictions ?? []), ...predictions].slice(0, 20) } : entry.task;
}

/** The annotation that becomes gold: a person's, never a model's proposal. */
function goldOf(entry: SourceTask): Answer | null {
  return entry.annotations.find((a) => a.kind === 'annotation' && a.answer.length > 0)?.answer ?? null;
}

export async function createProject(store: Store, dataDir: string, input: CreateProjectInput, now: Date): Promise<CreatedProject> {
  const { source } = input;
  const labelConfig: LabelConfig = source.labelConfig;
  const projectId = `${slug(input.name)}-${sha256Hex(`${input.name}\n${input.sourcePath}\n${now.toISOString()}`).slice(0, 8)}`;
  const imageNames = new Set([...source.images.keys(), ...(input.inlineImages?.keys() ?? [])]);
  // The same checks a pack gets (ids, data kind, images present, predictions fitting the config).
  // Images the file names but that were not found pass: the reader said so, and split names them.
  const checker = new RowChecker({ kind: 'tasks', labelConfig }, new Set([...imageNames, ...(source.missingImages ?? [])]));
  let gold = 0;
  let predictions = 0;
  const rows = source.tasks.map((entry, i) => {
    const task = input.annotationsAs === 'predictions' ? withPredictions(entry, source.format) : entry.task;
    predictions += (task.predictions?.length ?? 0) - (entry.task.predictions?.length ?? 0);
    checker.add(task, i + 1);
    const answer = input.annotationsAs === 'gold' ? goldOf(entry) : null;
    if (answer) {
      const problem = findAnswerProblem(labelConfig, answer, `tasks.${i}.gold`, task);
      if (problem) throw new LoupeError('invalid-input', `task "${task.id}": ${problem.message}`, { file: input.sourcePath, line: i + 1, field: problem.field });
      gold += 1;
    }
    return { task, gold: answer };
  });
  if (rows.length === 0) throw new LoupeError('invalid-input', 'the source has no tasks', { file: input.sourcePath });

  // Images first (a failure leaves no project row behind), then the project in one transaction.
  const imageDir = join(dataDir, 'projects', projectId, 'images');
  const images = new Map<string, string>();
  try {
    if (imageNames.size > 0) await mkdir(imageDir, { recursive: true });
    for (const [assetPath, file] of source.images) {
      const target = join(imageDir, assetPath.replace(/^assets\//, ''));
      await copyFile(file, target);
      images.set(assetPath, target);
    }
    for (const [assetPath, bytes] of input.inlineImages ?? []) {
      const target = join(imageDir, assetPath.replace(/^assets\//, ''));
      await writeFile(target, bytes);
      images.set(assetPath, target);
    }
    await store.createProject(
      { id: projectId, name: input.name, labelConfig, guidelines: input.guidelines, source: `${source.format}:${input.sourcePath}` },
      rows,
      images,
    );
  } catch (error) {
    await rm(join(dataDir, 'projects', projectId), { recursive: true, force: true });
    throw error;
  }
  return { projectId, tasks: rows.length - gold, gold, predictions };
}
