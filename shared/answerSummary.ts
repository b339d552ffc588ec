/**
 * An answer in words, one line per question, for places that compare answers at a glance (the
 * lead's adjudication, disagreement lists): label names rather than ids, counts of regions by
 * label, scores by dimension.
 */
import type { Control, LabelConfig } from './pack/labelConfig';
import type { Answer, ControlResult } from './pack/task';

function labelName(control: Control, id: string): string {
  return ('labels' in control ? control.labels.find((l) => l.id === id)?.name : undefined) ?? id;
}

function countsByLabel(control: Control, labels: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${n} × ${labelName(control, label)}`).join(', ') || 'none';
}

export function resultSummary(control: Control, result: ControlResult | undefined, text?: string): string {
  if (!result) return '—';
  const chars = text ? [...text] : null;
  switch (result.kind) {
    case 'choices':
      return result.labels.map((l) => labelName(control, l)).join(', ') || '—';
    case 'spans':
      return result.spans.map((s) => `${labelName(control, s.label)} “${chars ? chars.slice(s.start, s.end).join('') : `${s.start}–${s.end}`}”`).join('; ') || 'no spans';
    case 'boxes':
      return countsByLabel(control, result.boxes.map((b) => b.label));
    case 'polygons':
      return countsByLabel(control, result.polygons.map((p) => p.label));
    case 'rubric':
      return control.kind === 'rubric' ? control.dimensions.map((d) => `${d.name} ${result.scores[d.id] ?? '—'}`).join(', ') : JSON.stringify(result.scores);
    case 'pairwise':
      return `${result.choice ?? '—'}${result.strength !== undefined ? ` (strength ${result.strength})` : ''}`;
    case 'ranking':
      return result.order.map((tier) => tier.join(' = ')).join(' > ');
    case 'safety':
      return result.flags.map((f) => `${labelName(control, f.label)}${f.severity !== undefined ? ` (${f.severity})` : ''}`).join(', ') || 'no concerns';
    case 'checklist':
      return Object.entries(result.items).map(([id, item]) => `${id}: ${item.verdict}`).join(', ');
    case 'textarea':
    case 'rewrite':
      return result.text.length > 80 ? `${result.text.slice(0, 80)}…` : result.text;
  }
}

/** `question title: summary` lines, in config order. */
export function answerSummary(config: LabelConfig, answer: Answer, text?: string): Array<{ question: string; summary: string }> {
  return config.controls.map((control) => ({
    question: control.title ?? control.id,
    summary: resultSummary(control, answer.find((r) => r.controlId === control.id), text),
  }));
}
