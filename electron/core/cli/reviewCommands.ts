/**
 * QA review from the command line, for the lead: `loupe review sample` (plan or write a review
 * pack), `loupe review import` (verdicts packs), `loupe review acceptance`, `loupe review fixes`
 * (reviewers' fixes become final) and `loupe review feedback` (one pack per annotator).
 */
import { DEFAULT_REASONS, sampleSettingsSchema, type ReviewReason } from '../../../shared/reviewContract';
import { acceptance, applyFixes, exportFeedback, importProjectVerdicts } from '../review/leadVerdicts';
import { planReviewSample, writeReviewPack } from '../review/samplePack';
import { leadProfile, withStore } from './leadStore';
import { UsageError, type Output } from './output';

export interface SampleOptions {
  db: string;
  project: string;
  percent: string;
  stratify: string;
  goldFailures?: boolean;
  disagreements?: boolean;
  fast: string;
  flagged?: boolean;
  seed: string;
  reasons?: string;
  out?: string;
  dryRun?: boolean;
}

export async function reviewSample(o: SampleOptions, out: Output): Promise<void> {
  const parsed = sampleSettingsSchema.safeParse({
    percent: Number(o.percent), stratify: o.stratify, goldFailures: Boolean(o.goldFailures), lowAgreement: Boolean(o.disagreements),
    fastFactor: Number(o.fast), flagged: Boolean(o.flagged), seed: o.seed,
  });
  if (!parsed.success) throw new UsageError(`bad sample settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  // Reasons as "id=Name,id=Name" (names may hold spaces); the defaults otherwise.
  const reasons: ReviewReason[] = o.reasons
    ? o.reasons.split(',').map((pair) => {
        const [id, ...name] = pair.split('=');
        if (!id || name.length === 0) throw new UsageError('--reasons is a list of id=Name, comma-separated');
        return { id: id.trim(), name: name.join('=').trim() };
      })
    : DEFAULT_REASONS;
  if (!o.dryRun && !o.out) throw new UsageError('--out FILE.loupe is needed (or --dry-run to see the makeup)');
  await withStore(o.db, async (store) => {
    const makeup = await planReviewSample(store, o.project, parsed.data);
    const lines = [`${makeup.items} answers`, `  why: ${JSON.stringify(makeup.byPick)}`, `  annotators: ${JSON.stringify(makeup.byAnnotator)}`, `  labels: ${JSON.stringify(makeup.byLabel)}`];
    if (o.dryRun) {
      out.result({ ok: true, makeup }, lines.join('\n'));
      return;
    }
    const written = await writeReviewPack(store, o.project, parsed.data, reasons, o.out!, await leadProfile(store), new Date());
    out.result({ ok: true, makeup, ...written }, [`wrote ${written.path}: ${written.items} items`, ...lines.slice(1)].join('\n'));
  });
}

export async function reviewImport(paths: string[], o: { db: string; project: string }, out: Output): Promise<void> {
  await withStore(o.db, async (store) => {
    const done = [];
    for (const path of paths) done.push({ path, ...(await importProjectVerdicts(store, o.project, path)) });
    out.result({ ok: true, imported: done }, done.map((d) => (d.imported ? `${d.path}: ${d.added} verdicts added` : `${d.path}: already imported (nothing changed)`)).join('\n'));
  });
}

export async function reviewAcceptance(o: { db: string; project: string }, out: Output): Promise<void> {
  await withStore(o.db, async (store) => {
    const a = await acceptance(store, o.project);
    const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
    out.result({ ok: true, ...a }, [
      `${a.reviewed} reviewed, ${a.fixes} fixed`,
      ...a.byAnnotator.map((x) => `  ${x.annotator}: ${pct(x.rate)} accepted of ${x.reviewed} (${x.rejected} rejected, ${x.fixed} fixed)`),
      ...a.byReason.map((r) => `  reason ${r.reason}: ${r.count}`),
    ].join('\n'));
  });
}

export async function reviewFixes(o: { db: string; project: string }, out: Output): Promise<void> {
  await withStore(o.db, async (store) => {
    const done = await applyFixes(store, o.project, await leadProfile(store));
    out.result({ ok: true, ...done }, `${done.applied} fixed answers are now final`);
  });
}

export async function reviewFeedback(o: { db: string; project: string; out: string }, out: Output): Promise<void> {
  await withStore(o.db, async (store) => {
    const done = await exportFeedback(store, o.project, o.out, await leadProfile(store), new Date());
    out.result({ ok: true, ...done }, done.packs.map((p) => `${p.path}: ${p.items} items for ${p.annotator}`).join('\n'));
  });
}
