/**
 * The lead's commands: `loupe project create|list|status`, `loupe split`, results import into a
 * project, `loupe agreement`, `loupe gold`, and `loupe export --project`. Each opens the lead's
 * database, calls the same projects/ modules as the app, and prints a human summary or `--json`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ANNOTATION_USES, describeCreated, PROJECT_EXPORT_FORMATS, SOURCE_FORMATS, type FinalChoice, type ProjectExportFormat, type SourceFormat } from '../../../shared/projectContract';
import { createProject, type AnnotationUse } from '../projects/create';
import { exportProject } from '../projects/exportProject';
import { readProjectSource } from '../projects/formats';
import { projectQuality } from '../projects/quality';
import { importProjectResults } from '../projects/results';
import { planSplit, splitProject } from '../projects/split';
import { projectStatus } from '../projects/status';
import { leadProfile, withStore } from './leadStore';
import { throttledProgress, UsageError, type Output } from './output';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : v.toFixed(3));

export interface ProjectCreateOptions {
  db: string;
  name: string;
  from: string;
  format: string;
  config?: string;
  guidelines?: string;
  annotations: string;
  images?: string;
  lsConfig?: string;
  lead?: string;
  /** CoNLL: one task per sentence or per document. */
  per?: string;
}

function parsePer(value: string): 'sentence' | 'document' {
  if (value !== 'sentence' && value !== 'document') throw new UsageError('--per is sentence or document');
  return value;
}

export async function projectCreate(o: ProjectCreateOptions, out: Output): Promise<void> {
  if (!(SOURCE_FORMATS as readonly string[]).includes(o.format)) throw new UsageError(`unknown format "${o.format}" (one of: ${SOURCE_FORMATS.join(', ')})`);
  if (!(ANNOTATION_USES as readonly string[]).includes(o.annotations)) throw new UsageError(`--annotations is ${ANNOTATION_USES.join(', ')}`);
  const labelConfig = o.config ? JSON.parse(await readFile(o.config, 'utf8')) : undefined;
  const read = await readProjectSource(o.format as SourceFormat, o.from, {
    ...(labelConfig !== undefined ? { labelConfig } : {}),
    ...(o.images ? { imagesDir: o.images } : {}),
    ...(o.lsConfig ? { labelStudioConfig: o.lsConfig } : {}),
    ...(o.per ? { conllPer: parsePer(o.per) } : {}),
  });
  for (const warning of read.warnings) out.warn(warning);
  const guidelines = o.guidelines ? await readFile(o.guidelines, 'utf8') : '';
  await withStore(o.db, async (store) => {
    await leadProfile(store, o.lead);
    const created = await createProject(store, dirname(resolve(o.db)), {
      name: o.name, source: read.source, sourcePath: o.from, guidelines, annotationsAs: o.annotations as AnnotationUse,
      ...(read.inlineImages ? { inlineImages: read.inlineImages } : {}),
    }, new Date());
    for (const warning of created.warnings) out.warn(warning);
    out.result({ ok: true, ...created, warnings: [...read.warnings, ...created.warnings] }, `created project ${created.projectId}: ${describeCreated(created)}`);
  }, false);
}

export async function projectList(db: string, out: Output): Promise<void> {
  await withStore(db, async (store) => {
    const projects = await store.projects();
    const rows = await Promise.all(projects.map(async (p) => ({ id: p.id, name: p.name, ...(await store.projectCounts(p.id)), packs: (await store.projectPacks(p.id)).length })));
    out.result({ ok: true, projects: rows }, rows.map((r) => `${r.id}  ${r.name}  (${r.tasks} tasks, ${r.gold} gold, ${r.packs} packs)`).join('\n') || 'no projects');
  });
}

export async function projectStatusCommand(o: { db: string; project: string }, out: Output): Promise<void> {
  await withStore(o.db, async (store) => {
    const s = await projectStatus(store, o.project);
    const lines = [
      `${s.name}: ${s.answeredTasks} of ${s.tasks + s.gold} tasks answered (${s.overlappedAnswered} by two or more), ${s.flags.length} flags, ${s.skips.length} skips`,
      ...s.packs.map((p) => `  pack ${p.packId} (${p.annotator}): ${p.submitted}/${p.tasks} submitted, ${p.skipped} skipped`),
      ...s.annotators.map((a) => `  ${a.name}: ${a.submitted} submitted, median ${(a.medianMs / 1000).toFixed(1)} s, p90 ${(a.p90Ms / 1000).toFixed(1)} s`),
    ];
    out.result({ ok: true, ...s }, lines.join('\n'));
  });
}

export interface SplitCommandOptions {
  db: string;
  project: string;
  annotators: string;
  overlap: string;
  k: string;
  goldRate: string;
  seed: string;
  out?: string;
  dryRun?: boolean;
  /** e.g. "0.12 USD per task" or "15 EUR per hour". */
  pay?: string;
}

function parsePay(text: string): { per: 'task' | 'hour'; amount: number; currency: string } {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?)\s+([A-Za-z]{1,8})\s+per\s+(task|hour)\s*$/.exec(text);
  if (!m) throw new UsageError('--pay is like "0.12 USD per task" or "15 EUR per hour"');
  return { amount: Number(m[1]), currency: m[2]!.toUpperCase(), per: m[3] as 'task' | 'hour' };
}

export async function splitCommand(o: SplitCommandOptions, out: Output): Promise<void> {
  const settings = {
    annotators: o.annotators.split(',').map((a) => a.trim()).filter(Boolean),
    overlap: Number(o.overlap),
    k: Number(o.k),
    goldRate: Number(o.goldRate),
    seed: o.seed,
  };
  for (const [name, value] of Object.entries({ overlap: settings.overlap, k: settings.k, 'gold-rate': settings.goldRate })) {
    if (!Number.isFinite(value)) throw new UsageError(`--${name} must be a number`);
  }
  if (!o.dryRun && !o.out) throw new UsageError('--out DIR is needed (or --dry-run to only see the plan)');
  await withStore(o.db, async (store) => {
    if (o.dryRun) {
      const report = await planSplit(store, o.project, settings);
      out.result({ ok: true, report }, report.packs.map((p) => `${p.annotator}: ${p.taskIds.length} tasks (${p.overlapped} overlapped, ${p.gold} gold)`).join('\n'));
      return;
    }
    const done = await splitProject(store, o.project, settings, o.out!, await leadProfile(store), new Date(), o.pay ? parsePay(o.pay) : undefined);
    out.result(
      { ok: true, split: done.split, report: done.report, packs: done.packs },
      [`split ${done.split}: ${done.packs.length} packs in ${o.out}`, ...done.packs.map((p) => `  ${p.path}: ${p.tasks} tasks (${p.gold} gold) for ${p.annotator}`)].join('\n'),
    );
  });
}

export async function importIntoProject(paths: string[], o: { db: string; project: string }, out: Output): Promise<void> {
  await withStore(o.db, async (store) => {
    const outcomes = [];
    for (const path of paths) {
      out.progress(`importing ${path}`);
      outcomes.push({ path, ...(await importProjectResults(store, o.project, path)) });
    }
    out.result(
      { ok: true, imported: outcomes },
      outcomes.map((r) => (r.imported ? `${r.path}: ${r.added} answers added, ${r.alreadyPresent} already present` : `${r.path}: already imported (nothing changed)`)).join('\n'),
    );
  });
}

export async function agreementCommand(o: { db: string; project: string; level: string; iou: string }, out: Output): Promise<void> {
  if (!['nominal', 'ordinal', 'interval'].includes(o.level)) throw new UsageError('--level is nominal, ordinal or interval');
  await withStore(o.db, async (store) => {
    const q = await projectQuality(store, o.project, { level: o.level as 'nominal', iouThreshold: Number(o.iou) });
    const lines = q.agreement.flatMap((m) => [
      `${m.question} — ${m.measure}: ${m.items} items, alpha ${num(m.alpha)}, Fleiss kappa ${num(m.fleiss)}`,
      ...m.pairs.map((p) => `  ${p.a} & ${p.b}: ${p.items} shared, ${p.kappa !== null ? `Cohen kappa ${num(p.kappa)}` : `F1 ${num(p.f1)}`}`),
    ]);
    out.result({ ok: true, agreement: q.agreement }, lines.join('\n') || 'no task has answers from two annotators yet');
  });
}

export async function goldCommand(o: { db: string; project: string; iou: string }, out: Output): Promise<void> {
  await withStore(o.db, async (store) => {
    const q = await projectQuality(store, o.project, { level: 'nominal', iouThreshold: Number(o.iou) });
    const lines = [
      ...q.gold.byAnnotator.map((a) => `${a.annotator}: ${a.correct}/${a.items} correct (${pct(a.accuracy)}), mean score ${num(a.meanScore)}`),
      ...q.gold.byLabel.map((l) => `  ${l.label}: ${l.correct}/${l.items} (${pct(l.accuracy)})`),
    ];
    out.result({ ok: true, gold: q.gold }, lines.join('\n') || 'no answers to gold tasks yet');
  });
}

export function parseFinal(value: string): FinalChoice {
  if (value === 'adjudicated' || value === 'majority' || value === 'all') return value;
  const m = /^annotator:(.+)$/.exec(value);
  if (m) return { annotator: m[1]! };
  throw new UsageError('--final is adjudicated, majority, all or annotator:ID');
}

export async function exportProjectCommand(
  o: { db: string; project: string; format: string; final: string; out: string; labelAs?: string; columns?: string },
  out: Output,
): Promise<void> {
  if (!(PROJECT_EXPORT_FORMATS as readonly string[]).includes(o.format)) {
    throw new UsageError(`unknown format "${o.format}" for a project (one of: ${PROJECT_EXPORT_FORMATS.join(', ')})`);
  }
  const final = parseFinal(o.final);
  if (o.labelAs !== undefined && o.labelAs !== 'id' && o.labelAs !== 'name') throw new UsageError('--label-as is id or name');
  if (o.columns !== undefined && o.columns !== '2' && o.columns !== '4') throw new UsageError('--columns is 2 or 4');
  const options = { ...(o.labelAs ? { labelAs: o.labelAs as 'id' | 'name' } : {}), ...(o.columns ? { conllColumns: Number(o.columns) as 2 | 4 } : {}) };
  await withStore(o.db, async (store) => {
    const written = await exportProject(store, o.project, o.format as ProjectExportFormat, final, o.out, throttledProgress(out, 'exported'), options);
    for (const warning of written.warnings) out.warn(warning);
    out.result({ ok: true, ...written }, `wrote ${written.path}: ${written.rows} records`);
  });
}
