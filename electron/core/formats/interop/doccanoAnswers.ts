/**
 * An answer to a doccano question as comparable text: its spans (offsets and label), relations
 * (by the spans they join) and categories, sorted, without ids, origins or "nothing here" flags.
 * Two answers with the same key say the same thing in a doccano file, which is how the writer
 * knows a record's answers are unchanged and can write the file's own record back as it was.
 */
import type { Answer } from '../../../../shared/pack/task';

export function answerKey(answer: Answer | null | undefined): string {
  const spans: string[] = [];
  const relations: string[] = [];
  const categories: string[] = [];
  for (const result of answer ?? []) {
    if (result.kind === 'spans') {
      const at = new Map(result.spans.map((s) => [s.id, `${s.start}:${s.end}:${s.label}`]));
      spans.push(...at.values());
      for (const r of result.relations) relations.push(`${at.get(r.from) ?? r.from}>${at.get(r.to) ?? r.to}:${r.label}`);
    } else if (result.kind === 'choices') {
      categories.push(...result.labels);
    }
  }
  return JSON.stringify([spans.sort(), relations.sort(), categories.sort()]);
}

/** Whether two lists of answer keys hold the same answers, whoever gave them. */
export function sameAnswers(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((key, i) => key === y[i]);
}
