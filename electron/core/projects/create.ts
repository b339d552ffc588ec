/**
 * Creating a lead project from raw data: Loupe's own sources (JSONL, CSV, a folder of images or
 * texts) or another tool's files (interop readers). Annotations that came with the data become
 * pre-annotations (predictions the annotator checks), gold (kept only in the lead's store), the
 * answers of the people who gave them (each source annotator's submitted and skipped answers, as
 * if they had come back in results packs: agreement, review and `--final all` exports see them),
 * or are dropped.
 *
 * A person's annotation that marks nothing (an image with no objects, a sentence with no entity)
 * is an answer, "nothing here": its span and region questions are answered with `none: true`, so
 * it stays answered as gold or as an answer, and exports write it back as answered-empty. Everything is validated as a pack would be before anything is written; images are
 * copied into the data folder so the project keeps working when the source moves.
 */
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { findAnswerProblem } from '../../../shared/answerCheck';
import { LoupeError } from '../../../shared/errors';
import { labelConfigSchema, type LabelConfig } from '../../../shared/pack/labelConfig';
import type { AnnotationUse } from '../../../shared/projectContract';
import type { Answer, ControlResult, Prediction, Task } from '../../../shared/pack/task';
import { readTaskSource } from '../formats/taskSources';
import type { SourceAnnotation, SourceSet, SourceTask } from '../formats/interop/types';
import { RowChecker, sha256Hex } from '../packs';
import type { ImportedAnnotator, ImportedAnswer, ImportedAnswers, Store } from '../store';

export type { AnnotationUse } from '../../../shared/projectContract';

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
  /** Every task of the project, gold included (as `project list` counts them). */
  tasks: number;
  gold: number;
  predictions: number;
  /** With `annotationsAs: 'answers'`: the answers kept (submitted and skipped) and by how many people. */
  answers: number;
  annotators: number;
  /** What of the file's annotations the chosen use left out, one line per kind with a count. */
  warnings: string[];
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'project';

/** Loupe's own task sources as a SourceSet: the label config comes from --config, not the data. */
export async function readLoupeSource(path: string, labelConfig: unknown): Promise<{ source: SourceSet; inlineImages: Map<string, Uint8Array> }> {
  const config = labelConfigSchema.safeParse(labelConfig);
  if (!config.success) throw new LoupeError('invalid-input', `the label config is not valid: ${config.error.issues[0]?.message ?? 'unknown problem'}`, { field: String(config.error.issues[0]?.path.join('.') ?? '') });
  const { tasks, assets, gold, lines } = await readTaskSource(path);
  const withGold = (task: Task): SourceTask => {
    const line = lines.get(task.id);
    const answer = gold.get(task.id)?.answer;
    return { task, annotations: [], ...(answer ? { gold: answer } : {}), ...(line !== undefined ? { line } : {}) };
  };
  return {
    source: { format: 'loupe', labelConfig: config.data, tasks: tasks.map(withGold), images: new Map() },
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

const REGION_KINDS = new Set(['spans', 'boxes', 'polygons']);

/**
 * A person's submitted annotation as an answer: its span and region questions that it leaves
 * empty are answered "nothing here" (`none: true`). The file is the whole of what the person
 * said, so an empty list there is their answer, not a question left open.
 */
export function answeredEmpty(config: LabelConfig, answer: Answer): Answer {
  const byControl = new Map(answer.map((r) => [r.controlId, r]));
  const filled: ControlResult[] = [];
  for (const control of config.controls) {
    const result = byControl.get(control.id);
    if (!REGION_KINDS.has(control.kind)) {
      if (result) filled.push(result);
      continue;
    }
    const empty = (r: ControlResult) => ('spans' in r && r.spans.length === 0) || ('boxes' in r && r.boxes.length === 0) || ('polygons' in r && r.polygons.length === 0);
    if (result && !empty(result)) filled.push(result);
    else if (result) filled.push({ ...result, none: true } as ControlResult);
    else if (control.kind === 'spans') filled.push({ kind: 'spans', controlId: control.id, spans: [], relations: [], none: true });
    else if (control.kind === 'boxes') filled.push({ kind: 'boxes', controlId: control.id, boxes: [], none: true });
    else filled.push({ kind: 'polygons', controlId: control.id, polygons: [], none: true });
  }
  // Results for controls the config does not have are left for the checks to name.
  for (const r of answer) if (!config.controls.some((c) => c.id === r.controlId)) filled.push(r);
  return filled;
}

const isPersonAnswer = (a: SourceAnnotation) => a.kind === 'annotation' && (a.status ?? 'submitted') === 'submitted';

/** The annotation that becomes gold: a person's submitted answer, never a model's proposal or a skip. */
function goldOf(config: LabelConfig, entry: SourceTask): Answer | null {
  const first = entry.annotations.find(isPersonAnswer);
  const answer = first ? answeredEmpty(config, first.answer) : null;
  // An empty answer to questions that have no "nothing here" (a category list left empty) answers nothing.
  return answer && answer.length > 0 ? answer : null;
}

/** Each source annotator's answers (a person's, submitted or skipped), checked as a results pack's would be. */
function importedAnswers(input: CreateProjectInput, projectId: string, labelConfig: LabelConfig, tasks: readonly Task[]): ImportedAnswers | null {
  const { source } = input;
  const byName = new Map<string, ImportedAnnotator & { answers: ImportedAnswer[] }>();
  source.tasks.forEach((entry, i) => {
    const task = tasks[i]!;
    const latest = new Map<string, ImportedAnswer>();
    for (const a of entry.annotations) {
      if (a.kind !== 'annotation') continue;
      const name = a.annotator ?? source.format;
      const skipped = a.status === 'skipped';
      const answer = skipped ? a.answer : answeredEmpty(labelConfig, a.answer);
      if (!skipped && answer.length === 0) continue;
      if (!skipped) {
        const problem = findAnswerProblem(labelConfig, answer, `tasks.${i}.annotations`, task);
        if (problem) throw new LoupeError('invalid-input', `task "${task.id}", answer of "${name}": ${problem.message}`, { file: input.sourcePath, line: i + 1, field: problem.field });
      }
      // One answer per person and task: the last a file lists wins, as a later revision would.
      latest.set(name, { taskId: task.id, status: skipped ? 'skipped' : 'submitted', answer, skipReason: skipped ? (a.skipReason ?? 'skipped') : null, at: a.at ?? null });
    }
    for (const [name, answer] of latest) {
      let annotator = byName.get(name);
      if (!annotator) {
        annotator = { profileId: `imported-${sha256Hex(`${source.format}\n${name}`).slice(0, 16)}`, name, answers: [] };
        byName.set(name, annotator);
      }
      annotator.answers.push(answer);
    }
  });
  if (byName.size === 0) return null;
  return {
    packId: `${projectId}.imported`, packHash: sha256Hex(`imported answers\n${projectId}`), name: `${input.name} — answers in ${basename(input.sourcePath)}`,
    labelConfig, tasks, annotators: [...byName.values()],
  };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The file's annotations that the chosen use does not keep, said once per kind: a lead who imports
 * a model's detections as gold, or three people's answers as gold, should know what stayed out
 * and which choice would keep it.
 */
function unusedAnnotations(source: SourceSet, use: CreateProjectInput['annotationsAs']): string[] {
  let models = 0;
  let skips = 0;
  let laterPeople = 0;
  for (const entry of source.tasks) {
    const people = entry.annotations.filter(isPersonAnswer).length;
    models += entry.annotations.filter((a) => a.kind === 'prediction').length;
    skips += entry.annotations.filter((a) => a.kind === 'annotation' && a.status === 'skipped').length;
    if (use === 'gold') laterPeople += Math.max(0, people - 1);
  }
  const warnings: string[] = [];
  if (use === 'ignore') {
    const all = source.tasks.reduce((n, e) => n + e.annotations.length, 0);
    if (all > 0) warnings.push(`${plural(all, 'annotation', 'annotations')} in the file left out, as asked`);
    return warnings;
  }
  if (use !== 'predictions' && models > 0) warnings.push(`${plural(models, "model prediction was", "model predictions were")} not used: import them as predictions to show them to annotators`);
  if (use === 'gold' && laterPeople > 0) warnings.push(`${plural(laterPeople, "answer was", "answers were")} not used because gold is each task's first person's answer: import as answers to keep everyone's`);
  if (use === 'gold' && skips > 0) warnings.push(`${plural(skips, 'skipped task is', 'skipped tasks are')} not gold: import as answers to keep the skips`);
  return warnings;
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
    // Gold the source states outright (Loupe JSONL's `gold`) is gold whatever the annotations become.
    const answer = entry.gold ?? (input.annotationsAs === 'gold' ? goldOf(labelConfig, entry) : null);
    if (answer) {
      const problem = findAnswerProblem(labelConfig, answer, entry.gold ? 'gold' : `tasks.${i}.gold`, task);
      if (problem) throw new LoupeError('invalid-input', `task "${task.id}": ${problem.message}`, { file: basename(input.sourcePath), line: entry.line ?? i + 1, field: problem.field });
      gold += 1;
    }
    return { task, gold: answer };
  });
  if (rows.length === 0) throw new LoupeError('invalid-input', 'the source has no tasks', { file: input.sourcePath });
  const imported = input.annotationsAs === 'answers' ? importedAnswers(input, projectId, labelConfig, rows.map((r) => r.task)) : null;

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
      imported,
    );
  } catch (error) {
    await rm(join(dataDir, 'projects', projectId), { recursive: true, force: true });
    throw error;
  }
  const answers = imported?.annotators.reduce((n, a) => n + a.answers.length, 0) ?? 0;
  return { projectId, tasks: rows.length, gold, predictions, answers, annotators: imported?.annotators.length ?? 0, warnings: unusedAnnotations(source, input.annotationsAs) };
}
