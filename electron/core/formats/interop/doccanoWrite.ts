/**
 * Writing doccano: each task as the record its file had (doccano.ts keeps the record's keys in
 * order, its layout and spacing, and what it said about its answers in `meta.doccano`). When the
 * answers did not change, the record's own answer fields are written back as they were (ids,
 * integer labels, users, spans past the end of the text included), so an unchanged file comes
 * back byte for byte. A changed answer is written in the record's own shape: `label` lists,
 * `entities` objects with `relations`, `entities` lists with `cats`, 1.x `annotations` per user,
 * or fastText. Tasks from elsewhere get `[start, end, label]` spans (the `entities` / `relations`
 * form when the question has relations) or a category list.
 *
 * "Nothing here" is an empty list, which doccano and Loupe read as answered. A task with no
 * answer gets no label key at all, which both read as an example nobody labelled. With the final
 * choice `all`, several people's answers go into 1.x `annotations` (one `user` each); doccano has
 * no skip, so skipped answers are left out and counted in a warning.
 */
import type { Answer } from '../../../../shared/pack/task';
import { Notes } from './notes';
import { answerKey, sameAnswers } from './doccanoAnswers';
import { recordText } from './doccanoRecords';
import type { DoccanoMeta } from './doccano';
import { isRecord, labelWriter, pickControl, requireTextData, resultOf, writeRows, type LabelAs } from './textShared';
import type { ExportInput, ExportOutcome, FinalRow } from './types';

export interface DoccanoWriteOptions {
  /** The spans or choices question to export; the config's first spans question, else its first choices question. */
  control?: string;
  /** Labels written as label ids (the default) or label names. */
  labelAs?: LabelAs;
}

const FORMAT_KEYS = new Set(['id', 'text', 'data', 'label', 'labels', 'entities', 'relations', 'cats', 'annotations']);

/** doccano numbers its examples and users; an id that is a plain number goes back as one. */
const asNumberIfDigits = (id: string): string | number => (/^(0|[1-9][0-9]{0,14})$/.test(id) ? Number(id) : id);

interface Given {
  annotator: string | null;
  answer: Answer;
}

/** The answers a row carries: everyone's submitted answers with `--final all`, else its final one. */
function answersOf(row: FinalRow, notes: Notes): Given[] {
  if (row.answers) {
    const skipped = row.answers.filter((a) => a.status === 'skipped').length;
    if (skipped > 0) for (let i = 0; i < skipped; i += 1) notes.add('doccano has no skip: skipped answers are not written', `task ${row.task.id}`);
    return row.answers.filter((a) => a.status === 'submitted').map((a) => ({ annotator: a.annotator, answer: a.answer }));
  }
  return row.answer ? [{ annotator: row.annotator, answer: row.answer }] : [];
}

export async function writeDoccano(input: ExportInput, outPath: string, options: DoccanoWriteOptions = {}): Promise<ExportOutcome> {
  requireTextData(input.labelConfig, 'doccano');
  const control = pickControl(input.labelConfig, ['spans', 'choices'], options.control, 'doccano');
  const spansControl = control.kind === 'spans' ? control : input.labelConfig.controls.find((c) => c.kind === 'spans');
  const choicesControl = control.kind === 'choices' ? control : input.labelConfig.controls.find((c) => c.kind === 'choices');
  const labelAs = options.labelAs ?? 'id';
  const spanName = spansControl && spansControl.kind === 'spans' ? labelWriter(spansControl, labelAs) : (id: string) => id;
  const relationName = spansControl && spansControl.kind === 'spans' ? labelWriter({ labels: spansControl.relations }, labelAs) : (id: string) => id;
  const categoryName = choicesControl && choicesControl.kind === 'choices' ? labelWriter(choicesControl, labelAs) : (id: string) => id;
  const notes = new Notes();

  const outcome = await writeRows(input, outPath, (row) => {
    const meta = isRecord(row.task.meta?.doccano) ? (row.task.meta.doccano as unknown as DoccanoMeta) : null;
    const given = answersOf(row, notes);
    const unchanged = meta !== null && sameAnswers(given.map((g) => answerKey(g.answer)), meta.read.map((r) => r.key));
    // Who gave an answer, as a 1.x `user`: the person, with --final all; else whoever in the file gave that answer.
    const userOf = (g: Given): string | null => {
      if (row.answers) return g.annotator;
      const read = meta?.read ?? [];
      return read.find((r) => r.key === answerKey(g.answer))?.user ?? (read.length === 1 ? read[0]!.user : null);
    };
    const original = meta?.original ?? {};
    const numericLabels = JSON.stringify(original).includes('"label":') && /"label":\s?\d/.test(JSON.stringify(original));
    const labelOut = (name: string) => (numericLabels ? asNumberIfDigits(name) : name);
    const spansOf = (answer: Answer) => (spansControl ? resultOf(answer, spansControl.id, 'spans') : null);
    const categoriesOf = (answer: Answer) => (choicesControl ? resultOf(answer, choicesControl.id, 'choices')?.labels ?? [] : []);
    const beyond = meta?.beyondText ?? [];

    /** The answer fields in the record's own shape. */
    function regenerated(): Record<string, unknown> {
      if (given.length === 0) return {};
      const shapeKeys = Object.keys(original);
      if (shapeKeys.includes('annotations') || given.length > 1) return { annotations: v1Annotations() };
      const answer = given[0]!.answer;
      const spans = spansOf(answer);
      const categories = categoriesOf(answer).map((l) => labelOut(categoryName(l)));
      const entitiesAsObjects = Array.isArray(original.entities) ? isRecord(original.entities[0]) : (spans?.relations.length ?? 0) > 0 || (spansControl?.kind === 'spans' && spansControl.relations.length > 0 && control.kind === 'spans');
      if ('entities' in original || (!('label' in original) && !('labels' in original) && entitiesAsObjects && control.kind === 'spans')) {
        const fields: Record<string, unknown> = {};
        if (entitiesAsObjects) {
          const numbers = new Map<string, unknown>();
          let next = 0;
          const used = new Set((spans?.spans ?? []).map((s) => s.extras?.doccano?.id).filter((v) => v !== undefined).map(String));
          fields.entities = (spans?.spans ?? []).map((s) => {
            let id = s.extras?.doccano?.id as unknown;
            if (id === undefined) {
              while (used.has(String(next))) next += 1;
              id = next;
              used.add(String(next));
            }
            numbers.set(s.id, id);
            return { id, start_offset: s.start, end_offset: s.end, label: labelOut(spanName(s.label)) };
          });
          if ('relations' in original || (spans?.relations.length ?? 0) > 0) {
            fields.relations = (spans?.relations ?? []).flatMap((r, i) => {
              const from = numbers.get(r.from);
              const to = numbers.get(r.to);
              return from !== undefined && to !== undefined ? [{ id: i, from_id: from, to_id: to, type: relationName(r.label) }] : [];
            });
          }
        } else {
          fields.entities = [...(spans?.spans ?? []).map((s) => [s.start, s.end, labelOut(spanName(s.label))]), ...beyond];
        }
        if ('cats' in original || categories.length > 0) fields.cats = categories;
        return fields;
      }
      const key = 'labels' in original ? 'labels' : 'label';
      const spanItems = (spans?.spans ?? []).map((s) => [s.start, s.end, labelOut(spanName(s.label))]);
      return { [key]: control.kind === 'choices' && spanItems.length === 0 ? categories : [...spanItems, ...beyond, ...(control.kind === 'spans' ? categories : [])] };
    }

    /** doccano 1.x: every person's spans and categories, each naming its user; the file's ids where an item is the file's own. */
    function v1Annotations(): unknown[] {
      const originalItems = Array.isArray(original.annotations) ? original.annotations.filter(isRecord) : [];
      const idOf = (item: Record<string, unknown>) => originalItems.find((o) => o.user === item.user && o.label === item.label && o.start_offset === item.start_offset && o.end_offset === item.end_offset)?.id;
      const users = originalItems.some((o) => typeof o.user === 'number');
      return given.flatMap((g) => {
        const { answer } = g;
        const annotator = userOf(g);
        const user = annotator === null ? undefined : users ? asNumberIfDigits(annotator) : annotator;
        const items: Record<string, unknown>[] = [
          ...(spansOf(answer)?.spans ?? []).map((s) => ({ label: labelOut(spanName(s.label)), start_offset: s.start, end_offset: s.end, user })),
          ...categoriesOf(answer).map((l) => ({ label: labelOut(categoryName(l)), user })),
        ];
        return items.map((item) => {
          const id = idOf(item);
          return id === undefined ? item : { id, ...item };
        });
      });
    }

    const answerFields = unchanged ? original : regenerated();
    const record: Record<string, unknown> = {};
    const text = row.task.data.text ?? '';
    const taskMeta = Object.entries(row.task.meta ?? {}).filter(([key]) => key !== 'doccano' && !FORMAT_KEYS.has(key));
    if (meta) {
      for (const key of meta.keys) {
        if (key === 'id') record.id = meta.id ?? asNumberIfDigits(row.task.id);
        else if (key === 'text' || key === 'data') record[key] = text;
        else if (FORMAT_KEYS.has(key)) {
          if (answerFields[key] !== undefined) record[key] = answerFields[key];
        } else if (row.task.meta && key in row.task.meta) record[key] = row.task.meta[key];
      }
    } else {
      record.id = asNumberIfDigits(row.task.id);
      record.text = text;
    }
    for (const [key, value] of Object.entries(answerFields)) if (!(key in record)) record[key] = value;
    for (const [key, value] of taskMeta) if (!(key in record)) record[key] = value;
    return recordText(record, meta?.layout ?? 'jsonl', { compact: meta ? meta.compact === true : true, ascii: meta?.ascii === true });
  });
  const warnings = notes.list();
  return warnings.length > 0 ? { ...outcome, warnings } : outcome;
}
