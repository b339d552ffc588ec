/**
 * The reviewer's side: a review pack opened like any pack, one item at a time (the task and the
 * annotation under review), verdicts kept in the reviewer's own store (undo takes the latest
 * back), and the verdicts pack that goes back to the lead.
 */
import type { Profile } from '../../../shared/contract';
import { checkAnswer } from '../../../shared/answerCheck';
import { LoupeError } from '../../../shared/errors';
import { reviewItemSchema, type VerdictRow } from '../../../shared/pack/manifest';
import type { Answer, Task } from '../../../shared/pack/task';
import { sha256Hex, writePack } from '../packs';
import type { StoredPack, Store } from '../store';

export interface VerdictInput {
  itemId: string;
  verdict: 'accept' | 'reject' | 'fix';
  reason?: string | undefined;
  comment?: string | undefined;
  fixedAnswer?: Answer | undefined;
  reviewMs: number;
}

async function reviewPack(store: Store, packId: string): Promise<StoredPack & { labelConfig: NonNullable<StoredPack['labelConfig']> }> {
  const pack = await store.pack(packId);
  if (pack.kind !== 'review' || !pack.labelConfig) throw new LoupeError('invalid-input', `"${pack.name}" is a ${pack.kind} pack, not a review pack`);
  return pack as StoredPack & { labelConfig: NonNullable<StoredPack['labelConfig']> };
}

function itemOf(task: Task) {
  return reviewItemSchema.parse(task.meta?.review);
}

export async function reviewProgress(store: Store, packId: string, profile: Profile) {
  const total = await store.taskCount(packId);
  const verdicts = [...(await store.ownVerdicts(packId, profile.id)).values()];
  const times = verdicts.map((v) => v.reviewMs).sort((a, b) => a - b);
  return {
    total,
    judged: verdicts.length,
    accepted: verdicts.filter((v) => v.verdict === 'accept').length,
    rejected: verdicts.filter((v) => v.verdict === 'reject').length,
    fixed: verdicts.filter((v) => v.verdict === 'fix').length,
    medianMs: times.length ? times[Math.floor(times.length / 2)]! : 0,
  };
}

export async function loadReview(store: Store, packId: string, profile: Profile) {
  const pack = await reviewPack(store, packId);
  const total = await store.taskCount(packId);
  const verdicts = await store.ownVerdicts(packId, profile.id);
  let position = 0;
  while (position < total && verdicts.has((await store.taskAt(packId, position)).task.id)) position += 1;
  return {
    name: pack.name, labelConfig: pack.labelConfig, guidelines: pack.guidelines, reasons: pack.manifest.reasons ?? [],
    total, position: Math.min(position, Math.max(0, total - 1)), progress: await reviewProgress(store, packId, profile),
  };
}

export async function reviewItem(store: Store, packId: string, index: number, profile: Profile) {
  const { task } = await store.taskAt(packId, index);
  const verdict = (await store.ownVerdicts(packId, profile.id)).get(task.id);
  return {
    index, itemId: task.id, task, item: itemOf(task),
    verdict: verdict ? { verdict: verdict.verdict, reason: verdict.reason, comment: verdict.comment, fixedAnswer: verdict.fixedAnswer } : null,
  };
}

export async function recordVerdict(store: Store, packId: string, profile: Profile, input: VerdictInput) {
  const pack = await reviewPack(store, packId);
  const { task } = await store.taskById(packId, input.itemId);
  if (input.verdict === 'reject') {
    const reasons = pack.manifest.reasons ?? [];
    if (!input.reason) throw new LoupeError('invalid-input', 'a rejection needs a reason', { field: 'reason' });
    if (reasons.length > 0 && !reasons.some((r) => r.id === input.reason)) throw new LoupeError('invalid-input', `"${input.reason}" is not a reason of this review pack`, { field: 'reason' });
  }
  if (input.verdict === 'fix') {
    if (!input.fixedAnswer) throw new LoupeError('invalid-input', 'a fix needs the corrected answer', { field: 'fixedAnswer' });
    // The corrected answer must be one an annotator could have submitted.
    checkAnswer(pack.labelConfig, input.fixedAnswer, { forSubmit: true, task: { ...task, id: itemOf(task).taskId } });
  }
  await store.addOwnVerdict(packId, profile.id, {
    itemId: input.itemId, verdict: input.verdict, reason: input.reason ?? null, comment: input.comment?.trim() || null,
    fixedAnswer: input.verdict === 'fix' ? input.fixedAnswer! : null, reviewMs: input.reviewMs,
  });
  return reviewProgress(store, packId, profile);
}

export async function undoVerdict(store: Store, packId: string, profile: Profile) {
  const itemId = await store.undoOwnVerdict(packId, profile.id);
  const index = itemId === null ? null : (await store.taskById(packId, itemId)).position;
  return { itemId, index, progress: await reviewProgress(store, packId, profile) };
}

/** The verdicts pack for the lead: one row per judged item, answering the project the review came from. */
export async function exportVerdicts(store: Store, packId: string, profile: Profile, outPath: string, now: Date): Promise<{ path: string; rows: number }> {
  const pack = await reviewPack(store, packId);
  const verdicts = await store.ownVerdicts(packId, profile.id);
  if (verdicts.size === 0) throw new LoupeError('invalid-input', 'Nothing to export yet: give at least one verdict first.');
  const rows: VerdictRow[] = [];
  for (const [itemId, v] of verdicts) {
    const item = itemOf((await store.taskById(packId, itemId)).task);
    rows.push({
      taskId: item.taskId, annotatorId: item.annotator.id, revision: item.revision, verdict: v.verdict,
      ...(v.reason ? { reason: v.reason } : {}), ...(v.comment ? { comment: v.comment } : {}), ...(v.fixedAnswer ? { fixedAnswer: v.fixedAnswer } : {}),
      answer: item.answer, reviewMs: v.reviewMs, reviewer: { id: profile.id, name: profile.name, role: profile.role }, reviewedAt: v.reviewedAt,
    });
  }
  const digest = sha256Hex(`${packId}\n${profile.id}\n${rows.map((r) => `${r.taskId}:${r.annotatorId}:${r.verdict}:${r.reviewedAt}`).join(',')}`).slice(0, 12);
  await writePack(outPath, {
    manifest: {
      packId: `${packId}.verdicts.${digest}`.slice(0, 128),
      kind: 'verdicts',
      name: `${pack.name} — verdicts by ${profile.name}`,
      createdAt: now.toISOString(),
      author: { id: profile.id, name: profile.name, role: profile.role },
      labelConfig: pack.labelConfig,
      // The reason codes' names travel with the verdicts, so the lead and the annotator read names.
      ...(pack.manifest.reasons ? { reasons: pack.manifest.reasons } : {}),
      answers: { packId: pack.manifest.answers!.packId },
    },
    rows,
  });
  return { path: outPath, rows: rows.length };
}
