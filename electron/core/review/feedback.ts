/**
 * The annotator's side: a feedback pack from their lead lands in their own store (only if it is
 * theirs), and their dashboard — work per day, hours, pay, gold accuracy and acceptance where
 * feedback came back, and what was rejected and why — is computed from this workstation alone.
 */
import type { Profile } from '../../../shared/contract';
import { dashboardStats, type FeedbackRow, type PackTerms } from '../../../shared/dashboardStats';
import { LoupeError } from '../../../shared/errors';
import type { Manifest, VerdictRow } from '../../../shared/pack/manifest';
import type { Store } from '../store';
import { reasonNames } from './leadVerdicts';

export async function importFeedback(
  store: Store,
  input: { manifest: Manifest; packHash: string; rows: readonly VerdictRow[]; sourcePath: string | null },
): Promise<{ packId: string; imported: boolean; added: number }> {
  const profile = await store.currentProfile();
  const forWhom = input.manifest.feedbackFor!;
  if (!profile || profile.id !== forWhom.id) {
    throw new LoupeError('invalid-input', `This feedback is for ${forWhom.name}, not for ${profile?.name ?? 'this workstation’s profile'}.`, { file: 'manifest.json', field: 'feedbackFor' });
  }
  const outcome = await store.importVerdicts({ ...input, answersId: input.manifest.answers!.packId });
  return { packId: input.manifest.packId, ...outcome };
}

function excerptOf(task: { data: { text?: string | undefined; image?: string | undefined; prompt?: unknown } } | null): string {
  if (!task) return '';
  const text = task.data.text ?? (typeof task.data.prompt === 'string' ? task.data.prompt : Array.isArray(task.data.prompt) ? String((task.data.prompt.at(-1) as { content?: string } | undefined)?.content ?? '') : task.data.image?.replace(/^assets\//, '') ?? '');
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

export async function annotatorDashboard(store: Store, profile: Profile, now: Date) {
  const work = await store.ownWork(profile.id);
  const packs: PackTerms[] = [];
  for (const pack of await store.recentTaskPacks(10_000)) packs.push({ packId: pack.id, name: pack.name, pay: pack.manifest.pay ?? null });
  const feedback: FeedbackRow[] = [];
  for (const subject of await store.verdictSubjects()) {
    const pack = await store.pack(subject).catch(() => null);
    const mine = (await store.verdictsAbout(subject)).filter((v) => v.annotatorId === profile.id);
    // Reason names come with the feedback packs: looked up once per pack, not once per verdict.
    const names = await reasonNames(store, mine);
    for (const v of mine) {
      const reasonName = v.reason ? (names.get(v.reason)?.name ?? null) : null;
      const task = pack ? await store.taskById(subject, v.taskId).then((t) => t.task, () => null) : null;
      feedback.push({
        packId: subject, packName: pack?.name ?? subject, taskId: v.taskId, excerpt: excerptOf(task), verdict: v.verdict, reason: v.reason, reasonName, comment: v.comment,
        answer: v.answer, fixedAnswer: v.fixedAnswer, gold: v.goldCorrect === null ? null : { correct: v.goldCorrect }, reviewedAt: v.reviewedAt, labelConfig: pack?.labelConfig ?? null,
      });
    }
  }
  return dashboardStats(profile.name, work, packs, feedback, now);
}
