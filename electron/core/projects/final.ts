/**
 * Which answer of a task is final, for adjudication and for the dataset: the lead's decision
 * (stored), else the majority vote; or the majority vote alone; or one annotator's answer. A gold
 * task's final answer is its gold, whatever the choice: it is the truth the lead supplied.
 */
import type { LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer } from '../../../shared/pack/task';
import type { FinalChoice } from '../../../shared/projectContract';
import { majorityVote } from '../../../shared/metrics/consensus';
import type { ProjectAnswer, Store } from '../store';
import { answersByTask } from './quality';

export interface Final {
  answer: Answer | null;
  annotator: string | null;
}

export interface FinalContext {
  config: LabelConfig;
  /** Submitted answers by task: what a final answer is chosen from. */
  byTask: ReadonlyMap<string, readonly ProjectAnswer[]>;
  /** Every latest answer by task, skips included: what `--final all` writes. */
  everyAnswer: ReadonlyMap<string, readonly ProjectAnswer[]>;
  decided: ReadonlyMap<string, { answer: Answer; fromAnnotator: string | null }>;
  gold: ReadonlyMap<string, Answer>;
}

/** Everything a final choice is made from, read once per request (the answers are all of the project's). */
export async function finalContextOf(store: Store, projectId: string): Promise<FinalContext> {
  const project = await store.project(projectId);
  const answers = await store.projectAnswers(projectId);
  const everyAnswer = new Map<string, ProjectAnswer[]>();
  for (const a of answers) everyAnswer.set(a.taskId, [...(everyAnswer.get(a.taskId) ?? []), a]);
  return {
    config: project.labelConfig,
    byTask: answersByTask(answers),
    everyAnswer,
    decided: await store.finals(projectId),
    gold: await store.goldAnswers(projectId),
  };
}

export function majorityOf(config: LabelConfig, answers: readonly ProjectAnswer[]): Answer | null {
  if (answers.length === 0) return null;
  const vote = majorityVote(answers.map((a) => a.answer), config);
  return vote.answer.length > 0 ? vote.answer : null;
}

export function finalFor(taskId: string, choice: Exclude<FinalChoice, 'all'>, ctx: FinalContext): Final {
  const gold = ctx.gold.get(taskId);
  if (gold && typeof choice === 'string') return { answer: gold, annotator: 'gold' };
  const answers = ctx.byTask.get(taskId) ?? [];
  if (typeof choice === 'object') {
    const mine = answers.find((a) => a.annotatorId === choice.annotator || a.annotatorName === choice.annotator);
    return { answer: mine?.answer ?? null, annotator: mine ? mine.annotatorId : null };
  }
  const decided = choice === 'adjudicated' ? ctx.decided.get(taskId) : undefined;
  if (decided) return { answer: decided.answer, annotator: decided.fromAnnotator };
  if (answers.length === 1) return { answer: answers[0]!.answer, annotator: answers[0]!.annotatorId };
  return { answer: majorityOf(ctx.config, answers), annotator: answers.length > 0 ? 'majority' : null };
}
