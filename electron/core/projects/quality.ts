/**
 * How trustworthy a project's answers are. Gold: every answer to a gold task scored against the
 * gold per question (shared/metrics/gold.ts), summed per annotator and per label. Agreement: on
 * tasks answered by two or more annotators, per question and measure — Krippendorff's alpha,
 * Fleiss' kappa (over the tasks with the usual number of raters), Cohen's kappa per pair, and for
 * spans and regions the F1 of one annotator's against the other's; per-label specific agreement.
 *
 * Categories (labels, a preference) are always compared nominally; the `level` the lead picks
 * applies to numeric measures (rubric dimensions, a preference's strength).
 */
import type { Control, LabelConfig } from '../../../shared/pack/labelConfig';
import type { Answer, ControlResult } from '../../../shared/pack/task';
import type { QualityView } from '../../../shared/projectContract';
import { cohensKappa, fleissKappa, krippendorffAlpha, type AlphaLevel } from '../../../shared/metrics/agreement';
import { reliabilityData } from '../../../shared/metrics/consensus';
import { accuracySummary, scoreAgainstGold, type AccuracyItem } from '../../../shared/metrics/gold';
import { boxF1, polygonF1, spanF1 } from '../../../shared/metrics/matching';
import type { ProjectAnswer, Store } from '../store';

type Rated = { annotator: string; answer: Answer };
const finite = (v: number) => (Number.isFinite(v) ? v : null);

/** Submitted answers grouped by task. */
export function answersByTask(answers: readonly ProjectAnswer[]): Map<string, ProjectAnswer[]> {
  const out = new Map<string, ProjectAnswer[]>();
  for (const a of answers) {
    if (a.status !== 'submitted') continue;
    const list = out.get(a.taskId);
    if (list) list.push(a);
    else out.set(a.taskId, [a]);
  }
  return out;
}

function goldQuality(config: LabelConfig, byTask: Map<string, ProjectAnswer[]>, gold: Map<string, Answer>, iouThreshold: number): QualityView['gold'] {
  const items: AccuracyItem[] = [];
  for (const [taskId, goldAnswer] of gold) {
    for (const a of byTask.get(taskId) ?? []) {
      const scores = scoreAgainstGold(config, a.answer, goldAnswer, { iouThreshold });
      for (const control of config.controls) {
        const score = scores[control.id];
        if (!score) continue;
        const goldResult = goldAnswer.find((r) => r.controlId === control.id);
        // Per label: the gold's label where it has one (choices), else the question.
        const label = goldResult?.kind === 'choices' && goldResult.labels.length > 0
          ? goldResult.labels.map((id) => ('labels' in control ? control.labels.find((l) => l.id === id)?.name : undefined) ?? id).join('+')
          : control.title ?? control.id;
        items.push({ annotator: a.annotatorName, label, correct: score.correct, score: score.score });
      }
    }
  }
  const summary = accuracySummary(items);
  return {
    byAnnotator: summary.byAnnotator.map((s) => ({ annotator: s.annotator, items: s.count, correct: s.correct, accuracy: finite(s.accuracy), meanScore: finite(s.meanScore) })),
    byLabel: summary.byLabel.map((s) => ({ label: s.label, items: s.count, correct: s.correct, accuracy: finite(s.accuracy) })),
  };
}

/** Fleiss' kappa over the units rated by the most common number of raters (it needs a fixed number). */
function fleissOf(units: ReadonlyArray<readonly (string | number)[]>): number | null {
  const sizes = new Map<number, number>();
  for (const u of units) sizes.set(u.length, (sizes.get(u.length) ?? 0) + 1);
  const [raters] = [...sizes].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] ?? [0];
  if (raters < 2) return null;
  const categories = new Map<string, number>();
  const rows: number[][] = [];
  for (const u of units) {
    if (u.length !== raters) continue;
    const row = new Array<number>(categories.size).fill(0);
    for (const v of u) {
      const key = String(v);
      if (!categories.has(key)) {
        categories.set(key, categories.size);
        for (const r of rows) r.push(0);
        row.push(0);
      }
      row[categories.get(key)!]! += 1;
    }
    rows.push(row);
  }
  if (rows.length === 0 || categories.size < 1) return null;
  return finite(fleissKappa(rows).kappa);
}

/** A category as a person reads it: a label set's ids (joined by `|`, see choiceKey) as their names. */
function labelNamer(labels: ReadonlyArray<{ id: string; name: string }>): (category: string) => string {
  const names = new Map(labels.map((l) => [l.id, l.name]));
  return (category) => category.split('|').map((id) => names.get(id) ?? id).join(' + ');
}

function categoricalMeasure(question: string, measure: string, level: AlphaLevel, overlapped: readonly (readonly Rated[])[], controlId: string, key?: string, nameOf: (category: string) => string = (c) => c): QualityView['agreement'][number] | null {
  const matrix = reliabilityData(overlapped, controlId, key);
  const units: (string | number)[][] = overlapped.map(() => []);
  matrix.data.forEach((row) => row.forEach((v, u) => v !== null && units[u]!.push(v)));
  const rated = units.filter((u) => u.length >= 2);
  if (rated.length === 0) return null;
  const pairs: QualityView['agreement'][number]['pairs'] = [];
  for (let a = 0; a < matrix.coders.length; a += 1) {
    for (let b = a + 1; b < matrix.coders.length; b += 1) {
      const shared: [string, string][] = [];
      matrix.data[a]!.forEach((v, u) => {
        const w = matrix.data[b]![u];
        if (v !== null && w !== null && w !== undefined) shared.push([String(v), String(w)]);
      });
      if (shared.length > 0) pairs.push({ a: matrix.coders[a]!, b: matrix.coders[b]!, items: shared.length, kappa: finite(cohensKappa(shared).kappa), f1: null });
    }
  }
  // Specific agreement per category: of all the times a category was given in a pair of ratings, the share where both gave it.
  const given = new Map<string, number>();
  const both = new Map<string, number>();
  for (const u of rated) {
    for (let i = 0; i < u.length; i += 1) {
      for (let j = i + 1; j < u.length; j += 1) {
        const x = String(u[i]);
        const y = String(u[j]);
        given.set(x, (given.get(x) ?? 0) + 1);
        given.set(y, (given.get(y) ?? 0) + 1);
        if (x === y) both.set(x, (both.get(x) ?? 0) + 2);
      }
    }
  }
  const perLabel = level === 'nominal' ? [...given].map(([label, n]) => ({ label: label ? nameOf(label) : '(none)', agreement: (both.get(label) ?? 0) / n })).sort((p, q) => p.label.localeCompare(q.label)) : [];
  return { question, measure, level, items: rated.length, alpha: finite(krippendorffAlpha(matrix.data, level).alpha), fleiss: fleissOf(rated), pairs, perLabel };
}

/** Spans and regions: F1 of one annotator's against the other's, summed over the tasks a pair shares. */
function matchMeasure(question: string, control: Control, overlapped: readonly (readonly Rated[])[], iouThreshold: number): QualityView['agreement'][number] | null {
  const totals = new Map<string, { a: string; b: string; items: number; tp: number; fp: number; fn: number }>();
  let items = 0;
  for (const unit of overlapped) {
    const results = unit.map((r) => ({ annotator: r.annotator, result: r.answer.find((x) => x.controlId === control.id) }));
    if (results.length >= 2) items += 1;
    for (let i = 0; i < results.length; i += 1) {
      for (let j = i + 1; j < results.length; j += 1) {
        const [x, y] = [results[i]!, results[j]!].sort((p, q) => p.annotator.localeCompare(q.annotator));
        const f = pairF1(control, x!.result, y!.result, iouThreshold);
        if (!f) continue;
        const key = `${x!.annotator}\u0000${y!.annotator}`;
        const t = totals.get(key) ?? { a: x!.annotator, b: y!.annotator, items: 0, tp: 0, fp: 0, fn: 0 };
        t.items += 1;
        t.tp += f.tp;
        t.fp += f.fp;
        t.fn += f.fn;
        totals.set(key, t);
      }
    }
  }
  if (totals.size === 0) return null;
  const pairs = [...totals.values()].map((t) => ({ a: t.a, b: t.b, items: t.items, kappa: null, f1: t.tp + t.fp + t.fn === 0 ? 1 : (2 * t.tp) / (2 * t.tp + t.fp + t.fn) }));
  return { question, measure: control.kind, level: 'match', items, alpha: null, fleiss: null, pairs, perLabel: [] };
}

function pairF1(control: Control, x: ControlResult | undefined, y: ControlResult | undefined, iouThreshold: number): { tp: number; fp: number; fn: number } | null {
  if (control.kind === 'spans') return spanF1(x?.kind === 'spans' ? x.spans : [], y?.kind === 'spans' ? y.spans : []);
  if (control.kind === 'boxes') return boxF1(x?.kind === 'boxes' ? x.boxes : [], y?.kind === 'boxes' ? y.boxes : [], iouThreshold);
  if (control.kind === 'polygons') return polygonF1(x?.kind === 'polygons' ? x.polygons : [], y?.kind === 'polygons' ? y.polygons : [], iouThreshold);
  return null;
}

/** Agreement per question over the overlapped tasks (exported for its tests). */
export function agreement(config: LabelConfig, byTask: Map<string, ProjectAnswer[]>, level: AlphaLevel, iouThreshold: number): QualityView['agreement'] {
  const overlapped: Rated[][] = [];
  for (const list of byTask.values()) if (list.length >= 2) overlapped.push(list.map((a) => ({ annotator: a.annotatorName, answer: a.answer })));
  const out: QualityView['agreement'] = [];
  const push = (m: QualityView['agreement'][number] | null) => m && out.push(m);
  for (const control of config.controls) {
    const question = control.title ?? control.id;
    switch (control.kind) {
      case 'choices':
        push(categoricalMeasure(question, control.multiple ? 'label set' : 'label', 'nominal', overlapped, control.id, undefined, labelNamer(control.labels)));
        break;
      case 'pairwise':
        push(categoricalMeasure(question, 'preference', 'nominal', overlapped, control.id));
        for (const d of control.dimensions) push(categoricalMeasure(question, d.name, 'nominal', overlapped, control.id, d.id));
        break;
      case 'rubric':
        for (const d of control.dimensions) push(categoricalMeasure(question, d.name, level, overlapped, control.id, d.id));
        break;
      case 'checklist':
        for (const c of control.constraints) push(categoricalMeasure(question, c.text, 'nominal', overlapped, control.id, c.id));
        break;
      case 'safety':
        push(categoricalMeasure(question, 'flags', 'nominal', overlapped, control.id, undefined, labelNamer(control.labels)));
        break;
      case 'spans':
      case 'boxes':
      case 'polygons':
        push(matchMeasure(question, control, overlapped, iouThreshold));
        break;
      default:
        break;
    }
  }
  return out;
}

export async function projectQuality(store: Store, projectId: string, options: { level: AlphaLevel; iouThreshold: number }): Promise<QualityView> {
  const project = await store.project(projectId);
  const byTask = answersByTask(await store.projectAnswers(projectId));
  const gold = await store.goldAnswers(projectId);
  // Gold tasks are scored, not counted for agreement (everyone answering them is by design).
  const nonGold = new Map([...byTask].filter(([taskId]) => !gold.has(taskId)));
  return { gold: goldQuality(project.labelConfig, byTask, gold, options.iouThreshold), agreement: agreement(project.labelConfig, nonGold, options.level, options.iouThreshold) };
}

/** Whether two answers say the same thing, question by question (ids and drawing order aside). */
export function sameJudgement(config: LabelConfig, a: Answer, b: Answer, iouThreshold = 0.5): boolean {
  const scores = scoreAgainstGold(config, a, b, { iouThreshold });
  return config.controls.every((c) => {
    const s = scores[c.id];
    if (s) return s.correct;
    // Unscored kinds (free text): the same text.
    return JSON.stringify(a.find((r) => r.controlId === c.id) ?? null) === JSON.stringify(b.find((r) => r.controlId === c.id) ?? null);
  });
}

