/**
 * The lead's side of review: which submitted answers to check (a random share, stratified, plus
 * targeted picks: gold failures, disagreements, suspiciously fast answers, flagged tasks), and the
 * review pack that carries them to a reviewer — each task with the annotation under review and,
 * where there is one, the gold answer or a second annotator's answer to compare.
 */
import type { Profile } from '../../../shared/contract';
import type { Answer } from '../../../shared/pack/task';
import type { ReviewItem } from '../../../shared/pack/manifest';
import type { ReviewReason, SampleSettings } from '../../../shared/reviewContract';
import { drawSample, type SampleCandidate } from '../../../shared/reviewSample';
import { scoreAgainstGold } from '../../../shared/metrics/gold';
import { readFile } from 'node:fs/promises';
import { sha256Hex, writePack } from '../packs';
import { answersByTask, sameJudgement } from '../projects/quality';
import { outgoingTask } from '../projects/outgoingTask';
import type { ProjectAnswer, Store } from '../store';

interface Candidates {
  candidates: SampleCandidate[];
  byKey: Map<string, { answer: ProjectAnswer; compare?: ReviewItem['compare']; flag?: string }>;
}

const keyOf = (a: { taskId: string; annotatorId: string }) => `${a.taskId}\u0000${a.annotatorId}`;

async function candidatesOf(store: Store, projectId: string): Promise<Candidates> {
  const project = await store.project(projectId);
  const config = project.labelConfig;
  const byTask = answersByTask(await store.projectAnswers(projectId));
  const gold = await store.goldAnswers(projectId);
  const flags = new Map((await store.projectFlags(projectId)).map((f) => [keyOf(f), f.comment]));
  const firstChoices = config.controls.find((c) => c.kind === 'choices');
  const candidates: SampleCandidate[] = [];
  const byKey: Candidates['byKey'] = new Map();
  for (const [taskId, answers] of byTask) {
    const goldAnswer = gold.get(taskId);
    const disagree = answers.length >= 2 && !answers.every((a) => sameJudgement(config, answers[0]!.answer, a.answer));
    for (const a of answers) {
      const key = keyOf(a);
      const failed = goldAnswer ? Object.values(scoreAgainstGold(config, a.answer, goldAnswer)).some((s) => s !== null && !s.correct) : false;
      const label = firstChoices ? (a.answer.find((r) => r.controlId === firstChoices.id && r.kind === 'choices') as { labels: string[] } | undefined)?.labels[0] ?? null : null;
      candidates.push({ key, taskId, annotator: a.annotatorName, label, activeMs: a.activeMs, goldFailed: failed, lowAgreement: disagree, flagged: flags.has(key) });
      const other = answers.find((o) => o.annotatorId !== a.annotatorId);
      const compare: ReviewItem['compare'] = goldAnswer
        ? { source: 'gold', name: 'Gold', answer: goldAnswer }
        : other
          ? { source: 'annotator', name: other.annotatorName, answer: other.answer }
          : undefined;
      byKey.set(key, { answer: a, ...(compare ? { compare } : {}), ...(flags.has(key) ? { flag: flags.get(key)! } : {}) });
    }
  }
  return { candidates, byKey };
}

export async function planReviewSample(store: Store, projectId: string, settings: SampleSettings) {
  const { candidates } = await candidatesOf(store, projectId);
  return drawSample(candidates, settings).makeup;
}

/** Ids of review rows: the task and the annotator, so two annotators of one task are two items. */
export function reviewItemId(taskId: string, annotatorId: string): string {
  return `${taskId}:${annotatorId.replace(/[^A-Za-z0-9._:-]+/g, '-')}`.slice(0, 128);
}

export async function writeReviewPack(
  store: Store,
  projectId: string,
  settings: SampleSettings,
  reasons: ReviewReason[],
  outPath: string,
  lead: Profile,
  now: Date,
): Promise<{ path: string; items: number }> {
  const project = await store.project(projectId);
  const { candidates, byKey } = await candidatesOf(store, projectId);
  const { items } = drawSample(candidates, settings);
  const images = await store.projectImages(projectId);
  const assets = new Map<string, Uint8Array>();
  const rows = [];
  for (const { key, picks } of items) {
    const entry = byKey.get(key)!;
    const a = entry.answer;
    const [task] = await store.projectTasksById(projectId, [a.taskId]);
    const review: ReviewItem = {
      taskId: a.taskId,
      annotator: { id: a.annotatorId, name: a.annotatorName, role: 'annotator' },
      packId: a.packId,
      revision: a.revision,
      answer: a.answer as Answer,
      activeMs: a.activeMs,
      picked: picks,
      ...(entry.compare ? { compare: entry.compare } : {}),
      ...(entry.flag !== undefined ? { flag: entry.flag } : {}),
    };
    rows.push({ ...outgoingTask(task!), id: reviewItemId(a.taskId, a.annotatorId), meta: { review } });
    const image = task!.data.image;
    if (image && !assets.has(image) && images.has(image)) assets.set(image, await readFile(images.get(image)!));
  }
  const digest = sha256Hex(`${projectId}\n${JSON.stringify(settings)}\n${rows.map((r) => r.id).join(',')}`).slice(0, 12);
  await writePack(outPath, {
    manifest: {
      packId: `${projectId}.review.${digest}`.slice(0, 128),
      kind: 'review',
      name: `${project.name} — review of ${rows.length} answers`,
      description: `A QA sample of ${rows.length} answers from project ${project.name}.`,
      createdAt: now.toISOString(),
      author: { id: lead.id, name: lead.name, role: lead.role },
      labelConfig: project.labelConfig,
      reasons,
      answers: { packId: projectId },
    },
    rows,
    guidelines: project.guidelines,
    assets,
  });
  return { path: outPath, items: rows.length };
}
