/**
 * The lead's side after review: verdicts packs back into the project (idempotent; every review
 * kept, the latest verdict on an item counting), acceptance per annotator, label and reason,
 * reviewers' fixes as final answers where the lead asks, and one feedback pack per annotator and
 * pack — their own items only, never another annotator's data.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Profile } from '../../../shared/contract';
import { LoupeError } from '../../../shared/errors';
import { scoreAgainstGold } from '../../../shared/metrics/gold';
import type { VerdictRow } from '../../../shared/pack/manifest';
import { readPack, sha256Hex, writePack } from '../packs';
import type { ImportedVerdict, Store } from '../store';
import { safeFileName } from '../fileNames';

export async function importProjectVerdicts(store: Store, projectId: string, path: string): Promise<{ imported: boolean; added: number }> {
  const project = await store.project(projectId);
  const loaded = await readPack(path);
  if (loaded.kind !== 'verdicts') throw new LoupeError('invalid-input', `this is a ${loaded.kind} pack; review verdicts come in a verdicts pack`, { pack: path, file: 'manifest.json', field: 'kind' });
  if (loaded.manifest.feedbackFor) throw new LoupeError('invalid-input', 'this is a feedback pack for an annotator, not a reviewer’s verdicts', { pack: path, file: 'manifest.json', field: 'feedbackFor' });
  const about = loaded.manifest.answers!.packId;
  if (about !== projectId) {
    throw new LoupeError('conflict', `these verdicts are about "${about}", not project "${project.name}"`, { pack: path, file: 'manifest.json', field: 'answers.packId' });
  }
  return store.importVerdicts({ manifest: loaded.manifest, packHash: loaded.packHash, rows: loaded.rows, sourcePath: path, answersId: projectId });
}

/** Reason code → name, from the verdicts packs that brought the verdicts (their manifests carry the review's reasons). */
export async function reasonNames(store: Store, verdicts: readonly ImportedVerdict[]): Promise<Map<string, { id: string; name: string }>> {
  const names = new Map<string, { id: string; name: string }>();
  for (const source of new Set(verdicts.map((v) => v.sourcePackId))) {
    const pack = await store.pack(source).catch(() => null);
    for (const r of pack?.manifest.reasons ?? []) names.set(r.id, { id: r.id, name: r.name });
  }
  return names;
}

/** The latest verdict per item (task, annotator, revision): a later review supersedes an earlier one. */
export function latestVerdicts(all: readonly ImportedVerdict[]): ImportedVerdict[] {
  const latest = new Map<string, ImportedVerdict>();
  for (const v of all) {
    const key = `${v.taskId}\u0000${v.annotatorId}\u0000${v.revision}`;
    const seen = latest.get(key);
    if (!seen || seen.reviewedAt <= v.reviewedAt) latest.set(key, v);
  }
  return [...latest.values()];
}

export async function acceptance(store: Store, projectId: string) {
  const project = await store.project(projectId);
  const verdicts = latestVerdicts(await store.verdictsAbout(projectId));
  const names = new Map((await store.projectAnswers(projectId)).map((a) => [a.annotatorId, a.annotatorName]));
  const firstChoices = project.labelConfig.controls.find((c) => c.kind === 'choices');
  const tally = <K extends string>(key: (v: ImportedVerdict) => K | null) => {
    const out = new Map<K, { reviewed: number; accepted: number; rejected: number; fixed: number }>();
    for (const v of verdicts) {
      const k = key(v);
      if (k === null) continue;
      const t = out.get(k) ?? { reviewed: 0, accepted: 0, rejected: 0, fixed: 0 };
      t.reviewed += 1;
      if (v.verdict === 'accept') t.accepted += 1;
      else if (v.verdict === 'reject') t.rejected += 1;
      else t.fixed += 1;
      out.set(k, t);
    }
    return out;
  };
  const labelOf = (v: ImportedVerdict) => {
    const result = firstChoices && v.answer?.find((r) => r.controlId === firstChoices.id);
    const id = result?.kind === 'choices' ? result.labels[0] : undefined;
    return id ? (firstChoices && 'labels' in firstChoices ? firstChoices.labels.find((l) => l.id === id)?.name ?? id : id) : null;
  };
  const named = await reasonNames(store, verdicts);
  const reasons = new Map<string, number>();
  for (const v of verdicts) {
    if (v.verdict === 'accept' || !v.reason) continue;
    const name = named.get(v.reason)?.name ?? v.reason;
    reasons.set(name, (reasons.get(name) ?? 0) + 1);
  }
  return {
    reviewed: verdicts.length,
    byAnnotator: [...tally((v) => v.annotatorId)].map(([id, t]) => ({ annotator: names.get(id) ?? id, ...t, rate: t.reviewed ? t.accepted / t.reviewed : null })).sort((a, b) => a.annotator.localeCompare(b.annotator)),
    byLabel: [...tally(labelOf)].map(([label, t]) => ({ label, reviewed: t.reviewed, rate: t.reviewed ? t.accepted / t.reviewed : null })).sort((a, b) => a.label.localeCompare(b.label)),
    byReason: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    fixes: verdicts.filter((v) => v.verdict === 'fix').length,
  };
}

/** Every latest fix becomes its task's final answer (the lead asked for it; adjudication can still change it). */
export async function applyFixes(store: Store, projectId: string, lead: Profile): Promise<{ applied: number }> {
  let applied = 0;
  for (const v of latestVerdicts(await store.verdictsAbout(projectId))) {
    if (v.verdict !== 'fix' || !v.fixedAnswer) continue;
    await store.setFinal(projectId, { taskId: v.taskId, answer: v.fixedAnswer, method: 'adjudicated', fromAnnotator: `review:${v.reviewerId}`, decidedBy: lead.id });
    applied += 1;
  }
  return { applied };
}

const safe = (s: string) => safeFileName(s, 'x');

/**
 * One feedback pack per annotator and task pack: their verdicts (accepted ones too, so their
 * acceptance rate is right), with reasons, comments, the corrected answers, and for gold tasks
 * whether they matched gold. Nothing of any other annotator is put in.
 */
export async function exportFeedback(store: Store, projectId: string, folder: string, lead: Profile, now: Date) {
  const project = await store.project(projectId);
  const answers = await store.projectAnswers(projectId);
  const gold = await store.goldAnswers(projectId);
  const whereAnswered = new Map(answers.map((a) => [`${a.taskId}\u0000${a.annotatorId}`, a]));
  const groups = new Map<string, { annotatorId: string; name: string; packId: string; rows: VerdictRow[] }>();
  const all = latestVerdicts(await store.verdictsAbout(projectId));
  const named = [...(await reasonNames(store, all)).values()];
  for (const v of all) {
    const answered = whereAnswered.get(`${v.taskId}\u0000${v.annotatorId}`);
    if (!answered) continue; // the answer is no longer in the project (should not happen): nothing to send
    const key = `${v.annotatorId}\u0000${answered.packId}`;
    const group = groups.get(key) ?? { annotatorId: v.annotatorId, name: answered.annotatorName, packId: answered.packId, rows: [] };
    const goldAnswer = gold.get(v.taskId);
    const mine = v.answer ?? answered.answer;
    group.rows.push({
      taskId: v.taskId, annotatorId: v.annotatorId, revision: v.revision, verdict: v.verdict,
      ...(v.reason ? { reason: v.reason } : {}), ...(v.comment ? { comment: v.comment } : {}), ...(v.fixedAnswer ? { fixedAnswer: v.fixedAnswer } : {}),
      answer: mine,
      ...(goldAnswer ? { gold: { correct: Object.values(scoreAgainstGold(project.labelConfig, mine, goldAnswer)).every((s) => s === null || s.correct) } } : {}),
      reviewer: { id: v.reviewerId, name: v.reviewerName, role: 'reviewer' }, reviewedAt: v.reviewedAt,
    });
    groups.set(key, group);
  }
  if (groups.size === 0) throw new LoupeError('invalid-input', 'No verdicts in this project yet: import a reviewer’s verdicts pack first.');
  await mkdir(folder, { recursive: true });
  const packs = [];
  for (const g of groups.values()) {
    const digest = sha256Hex(`${g.packId}\n${g.annotatorId}\n${g.rows.map((r) => `${r.taskId}:${r.verdict}:${r.reviewedAt}`).join(',')}`).slice(0, 12);
    const path = join(folder, `${safe(project.name)}.feedback.${safe(g.name)}.${digest}.loupe`);
    await writePack(path, {
      manifest: {
        packId: `${g.packId}.feedback.${digest}`.slice(0, 128),
        kind: 'verdicts',
        name: `${project.name} — feedback for ${g.name}`,
        createdAt: now.toISOString(),
        author: { id: lead.id, name: lead.name, role: lead.role },
        labelConfig: project.labelConfig,
        answers: { packId: g.packId },
        feedbackFor: { id: g.annotatorId, name: g.name, role: 'annotator' },
        ...(named.length > 0 ? { reasons: named } : {}),
      },
      rows: g.rows,
    });
    packs.push({ annotator: g.name, path, items: g.rows.length });
  }
  return { folder, packs };
}
