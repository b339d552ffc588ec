/**
 * The lead's channels (shared/projectContract.ts) on the core: projects, splits, results,
 * quality, adjudication and exports. Thin: each handler asks the dialogs port where a file is or
 * goes, then calls the projects/ modules, which the CLI calls too.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { LoupeError } from '../../../shared/errors';
import { labelConfigSchema } from '../../../shared/pack/labelConfig';
import type { ProjectExportFormat } from '../../../shared/projectContract';
import { exportMismatch } from '../../../shared/projectExportFormats';
import { findAnswerProblem } from '../../../shared/answerCheck';
import { answerSummary } from '../../../shared/answerSummary';
import { createProject } from '../projects/create';
import { finalContextOf, finalFor, majorityOf } from '../projects/final';
import { exportProject } from '../projects/exportProject';
import { EXPORT_EXTENSION, FOLDER_EXPORTS, readProjectSource } from '../projects/formats';
import { projectQuality, sameJudgement } from '../projects/quality';
import { importProjectResults } from '../projects/results';
import { sampleConfigs } from '../projects/sampleConfigs';
import { planSplit, splitProject } from '../projects/split';
import { projectStatus } from '../projects/status';
import type { Store } from '../store';
import type { Handlers, ServiceContext } from './handlers';
import { safeFileName } from '../fileNames';
import { requireProfile } from './requireProfile';

type ProjectHandlers = Pick<Handlers, Extract<keyof Handlers, `project:${string}`>>;

/** A JSON text from the editor, parsed; a syntax error names the line the way editors do. */
function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LoupeError('invalid-input', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { field });
  }
}

const safeName = (s: string) => safeFileName(s, 'project');

/** As large as a label config or guidelines may be (the contract's limit on either). */
const TEXT_FILE_LIMIT = 1_000_000;

/** A label config or guidelines file as text: small, and UTF-8, or a refusal naming the file. */
async function readTextFile(path: string): Promise<string> {
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw new LoupeError('invalid-input', 'no such file', { file: basename(path) });
  if (info.size > TEXT_FILE_LIMIT) throw new LoupeError('invalid-input', `is ${info.size.toLocaleString('en')} bytes; a label config or guidelines file is at most 1 MB`, { file: basename(path) });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path)).replace(/^\uFEFF/, '');
  } catch {
    throw new LoupeError('invalid-input', 'is not UTF-8 text', { file: basename(path) });
  }
}

export function createProjectHandlers(ctx: ServiceContext): ProjectHandlers {
  const { store, options } = ctx;
  const summary = async (id: string) => {
    const project = await store.project(id);
    const counts = await store.projectCounts(id);
    const packs = await store.projectPacks(id);
    return { id, name: project.name, source: project.source, createdAt: project.createdAt, updatedAt: project.updatedAt, tasks: counts.tasks, gold: counts.gold, packs: packs.length };
  };
  /** One task's latest submitted answer per annotator (its history, newest revision each), without reading the whole project. */
  const taskAnswers = async (projectId: string, taskId: string) => {
    const latest = new Map<string, Awaited<ReturnType<Store['taskHistory']>>[number]>();
    for (const a of await store.taskHistory(projectId, taskId)) latest.set(a.annotatorId, a); // oldest first: the last one stays
    return [...latest.values()].filter((a) => a.status === 'submitted');
  };
  const finalContext = (projectId: string) => finalContextOf(store, projectId);

  return {
    'project:list': async () => Promise.all((await store.projects()).map((p) => summary(p.id))),
    'project:chooseSource': async ({ folder }) => {
      const paths = await options.dialogs.chooseOpenPaths({
        title: folder ? 'Choose the folder of the project’s tasks' : 'Choose the file of the project’s tasks',
        filters: [{ name: 'Tasks', extensions: ['jsonl', 'json', 'csv', 'txt', 'conll', 'iob', 'xml'] }],
        multiple: false,
        folder,
      });
      return paths?.[0] ?? null;
    },
    'project:sampleConfigs': async () => sampleConfigs(options.samplesDir),
    'project:chooseTextFile': async ({ purpose }) => {
      const paths = await options.dialogs.chooseOpenPaths(
        purpose === 'labelConfig'
          ? { title: 'Choose the label config (JSON)', filters: [{ name: 'Label config', extensions: ['json'] }], multiple: false, folder: false }
          : { title: 'Choose the guidelines (Markdown or text)', filters: [{ name: 'Guidelines', extensions: ['md', 'markdown', 'txt'] }], multiple: false, folder: false },
      );
      const path = paths?.[0];
      return path ? { path, text: await readTextFile(path) } : null;
    },
    'project:create': async (input) => {
      await requireProfile(store);
      const read = await readProjectSource(input.format, input.sourcePath, {
        ...(input.labelConfig !== undefined ? { labelConfig: parseJson(input.labelConfig, 'labelConfig') } : {}),
        ...(input.imagesDir ? { imagesDir: input.imagesDir } : {}),
        ...(input.labelStudioConfig ? { labelStudioConfig: input.labelStudioConfig } : {}),
      });
      const created = await createProject(store, options.dataDir, {
        name: input.name, source: read.source, sourcePath: input.sourcePath, guidelines: input.guidelines, annotationsAs: input.annotationsAs,
        ...(read.inlineImages ? { inlineImages: read.inlineImages } : {}),
      }, ctx.clock());
      return { ...created, warnings: [...read.warnings, ...created.warnings] };
    },
    'project:get': async ({ projectId }) => {
      const project = await store.project(projectId);
      const ids = await store.projectTaskIds(projectId);
      const first = ids.tasks[0] ?? ids.gold[0];
      return { summary: await summary(projectId), labelConfig: project.labelConfig, guidelines: project.guidelines, sampleTask: first ? (await store.projectTasksById(projectId, [first]))[0]! : null };
    },
    'project:saveSettings': async ({ projectId, labelConfig, guidelines }) => {
      const parsed = labelConfigSchema.safeParse(parseJson(labelConfig, 'labelConfig'));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new LoupeError('invalid-input', issue.message, { field: `labelConfig.${issue.path.join('.')}` });
      }
      await store.updateProject(projectId, { labelConfig: parsed.data, guidelines });
      return { ok: true as const };
    },
    'project:planSplit': async ({ projectId, settings }) => planSplit(store, projectId, settings),
    'project:split': async ({ projectId, settings, pay }) => {
      const lead = await requireProfile(store);
      const folder = await options.dialogs.chooseFolder('Choose a folder for the packs');
      if (!folder) return null;
      const out = await splitProject(store, projectId, settings, folder, lead, ctx.clock(), pay);
      return { split: out.split, folder, packs: out.packs };
    },
    'project:packs': async ({ projectId }) => {
      const out = [];
      // Split 0 holds the answers that came with the source: no file was written for it.
      for (const p of (await store.projectPacks(projectId)).filter((x) => x.split > 0)) {
        const pack = await store.pack(p.packId);
        const path = pack.sourcePath;
        out.push({
          packId: p.packId, annotator: p.annotator, split: p.split, tasks: pack.manifest.taskCount, gold: p.goldTasks,
          file: path ? basename(path) : null, folder: path ? dirname(path) : null, writtenAt: pack.importedAt,
        });
      }
      return out.sort((a, b) => b.split - a.split || a.annotator.localeCompare(b.annotator));
    },
    'project:importResults': async ({ projectId, paths }) => {
      const chosen = paths ?? (await options.dialogs.chooseOpenPaths({ title: 'Choose results packs', filters: [{ name: 'Loupe pack', extensions: ['loupe'] }], multiple: true, folder: false }));
      if (!chosen) return null;
      const outcomes = [];
      // One pack at a time, each its own transaction: a refused pack names itself and the others still land.
      for (const path of chosen) {
        try {
          const done = await importProjectResults(store, projectId, path);
          outcomes.push({ path, ok: true, added: done.added, alreadyPresent: done.alreadyPresent, message: null });
        } catch (error) {
          outcomes.push({ path, ok: false, added: 0, alreadyPresent: 0, message: error instanceof Error ? error.message : String(error) });
        }
      }
      return outcomes;
    },
    'project:status': async ({ projectId }) => projectStatus(store, projectId),
    'project:quality': async ({ projectId, level, iouThreshold }) => projectQuality(store, projectId, { level, iouThreshold }),
    'project:disagreements': async ({ projectId, limit }) => {
      const fc = await finalContext(projectId);
      const out = [];
      for (const [taskId, answers] of fc.byTask) {
        if (answers.length < 2 || fc.gold.has(taskId)) continue;
        const first = answers[0]!.answer;
        if (answers.every((a) => sameJudgement(fc.config, first, a.answer))) continue;
        const decided = fc.decided.has(taskId);
        out.push({ taskId, annotators: answers.length, decided, summary: answers.map((a) => `${a.annotatorName}: ${answerSummary(fc.config, a.answer).map((l) => l.summary).join(' / ')}`).join(' · ') });
      }
      return out.sort((a, b) => Number(a.decided) - Number(b.decided) || a.taskId.localeCompare(b.taskId)).slice(0, limit);
    },
    'project:taskAnswers': async ({ projectId, taskId }) => {
      const project = await store.project(projectId);
      const [task] = await store.projectTasksById(projectId, [taskId]);
      const answers = await taskAnswers(projectId, taskId);
      const decided = (await store.finals(projectId)).get(taskId);
      return {
        task: task!,
        gold: (await store.goldAnswers(projectId)).get(taskId) ?? null,
        answers: answers.map((a) => ({ annotatorId: a.annotatorId, annotatorName: a.annotatorName, packId: a.packId, revision: a.revision, status: a.status, answer: a.answer, activeMs: a.activeMs })),
        final: decided ? { answer: decided.answer, method: decided.method, fromAnnotator: decided.fromAnnotator } : null,
        majority: majorityOf(project.labelConfig, answers),
      };
    },
    'project:adjudicate': async ({ projectId, taskId, pick }) => {
      const lead = await requireProfile(store);
      const fc = { config: (await store.project(projectId)).labelConfig };
      const answers = await taskAnswers(projectId, taskId);
      if ('annotator' in pick) {
        const chosen = answers.find((a) => a.annotatorId === pick.annotator);
        if (!chosen) throw new LoupeError('not-found', `"${pick.annotator}" has no submitted answer to task "${taskId}"`, { field: 'pick.annotator' });
        await store.setFinal(projectId, { taskId, answer: chosen.answer, method: 'adjudicated', fromAnnotator: chosen.annotatorId, decidedBy: lead.id });
      } else if ('majority' in pick) {
        const majority = majorityOf(fc.config, answers);
        if (!majority) throw new LoupeError('invalid-input', `the annotators of task "${taskId}" are tied: pick one answer`, { field: 'pick' });
        await store.setFinal(projectId, { taskId, answer: majority, method: 'majority', fromAnnotator: null, decidedBy: lead.id });
      } else {
        const [task] = await store.projectTasksById(projectId, [taskId]);
        const problem = findAnswerProblem(fc.config, pick.answer, 'pick.answer', task);
        if (problem) throw new LoupeError('invalid-input', problem.message, { field: problem.field });
        await store.setFinal(projectId, { taskId, answer: pick.answer, method: 'adjudicated', fromAnnotator: null, decidedBy: lead.id });
      }
      return { ok: true as const };
    },
    'project:applyMajority': async ({ projectId }) => {
      const lead = await requireProfile(store);
      const fc = await finalContext(projectId);
      let decided = 0;
      let ties = 0;
      for (const [taskId, answers] of fc.byTask) {
        if (fc.decided.has(taskId) || fc.gold.has(taskId) || answers.length < 2) continue;
        const final = finalFor(taskId, 'majority', fc);
        if (!final.answer) {
          ties += 1;
          continue;
        }
        await store.setFinal(projectId, { taskId, answer: final.answer, method: 'majority', fromAnnotator: null, decidedBy: lead.id });
        decided += 1;
      }
      return { decided, ties };
    },
    'project:checkExport': async ({ projectId, format, final, labelAs, conllColumns }) => {
      const project = await store.project(projectId);
      const mismatch = exportMismatch(format, project.labelConfig);
      if (mismatch) return { rows: 0, warnings: [], refusal: mismatch };
      // A dry run through the real writer into a scratch folder: what it writes, warns or refuses is what the export will.
      const dir = await mkdtemp(join(tmpdir(), 'loupe-export-check-'));
      try {
        const target = join(dir, FOLDER_EXPORTS.has(format) ? 'dataset' : `dataset.${EXPORT_EXTENSION[format]}`);
        const written = await exportProject(store, projectId, format, final, target, undefined, { ...(labelAs ? { labelAs } : {}), ...(conllColumns ? { conllColumns } : {}) });
        return { rows: written.rows, warnings: written.warnings, refusal: null };
      } catch (error) {
        if (error instanceof LoupeError && error.code === 'invalid-input') return { rows: 0, warnings: [], refusal: error.message };
        throw error;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    'project:export': async ({ projectId, format, final, labelAs, conllColumns }) => {
      const project = await store.project(projectId);
      const mismatch = exportMismatch(format, project.labelConfig);
      if (mismatch) throw new LoupeError('invalid-input', mismatch, { field: 'format' });
      const out = FOLDER_EXPORTS.has(format)
        ? await options.dialogs.chooseFolder(`Choose a folder for the ${format.toUpperCase()} dataset`)
        : await options.dialogs.chooseSaveFile(`${safeName(project.name)}.${format}.${EXPORT_EXTENSION[format as ProjectExportFormat]}`, {
            title: `Export ${format}`,
            filterName: format,
            extension: EXPORT_EXTENSION[format as ProjectExportFormat],
          });
      if (!out) return null;
      const target = FOLDER_EXPORTS.has(format) ? join(out, `${safeName(project.name)}-${format}`) : out;
      // Progress every 5,000 tasks (and at the end): enough to move a bar, never a flood of events.
      let last = 0;
      const onProgress = (done: number, total: number) => {
        if (done - last >= 5000 || done === total) {
          last = done;
          ctx.progress('export', done, total);
        }
      };
      const written = await exportProject(store, projectId, format, final, target, onProgress, { ...(labelAs ? { labelAs } : {}), ...(conllColumns ? { conllColumns } : {}) });
      return { path: written.path, rows: written.rows, warnings: written.warnings };
    },
  };
}
