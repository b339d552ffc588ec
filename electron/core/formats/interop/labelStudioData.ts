/**
 * Which of a Label Studio task's data fields Loupe shows, and who made an annotation.
 *
 * A Loupe task shows one image or one text. The labeling config says which field that is
 * (`<Text name="text" value="$reviewText"/>`); without it the field is guessed: `image` or
 * `text` when the tasks have one, else the field a result names as its to_name (`$uri`), else
 * the tasks' first field holding a string. A guess other than `image` / `text` is a warning that
 * says how to be sure (--ls-config). Every other field stays in the task's source and goes back.
 */
import { LoupeError } from '../../../../shared/errors';
import { RESULT_KIND, type DataKind, type LsProject } from './labelStudioConfig';
import { flatResults, isRecord, type LsTaskShape } from './labelStudioShape';
import type { Notes } from './notes';

/** Every result of a task, its annotations' and its predictions', flat. */
export function allResults(shape: LsTaskShape): unknown[] {
  return [...shape.annotations, ...shape.predictions].flatMap((a) => (isRecord(a) ? (flatResults(a.result) ?? []) : []));
}

/** Whether the tasks show images or texts: by the config when it says, else by the results' types. */
export function dataKindOf(project: LsProject, shapes: readonly LsTaskShape[], file: string): DataKind {
  const fromConfig = project.dataKindOfConfig();
  if (fromConfig) return fromConfig;
  const kinds = new Set<DataKind>();
  for (const shape of shapes) {
    for (const r of allResults(shape)) {
      const kind = isRecord(r) && typeof r.type === 'string' ? RESULT_KIND[r.type] : undefined;
      if (kind === 'boxes' || kind === 'polygons') kinds.add('image');
      if (kind === 'spans') kinds.add('text');
    }
  }
  if (kinds.size > 1) throw new LoupeError('invalid-input', 'has both image regions and text spans; a Loupe task shows one image or one text', { file });
  if (kinds.size === 1) return [...kinds][0]!;
  const objectKind = [...project.objects.values()][0]?.type;
  if (objectKind) return objectKind;
  return shapes.some((s) => typeof s.data.image === 'string') ? 'image' : 'text';
}

/** The data field shown (see the top of this file). */
export function dataKeyOf(project: LsProject, kind: DataKind, shapes: readonly LsTaskShape[], notes: Notes, configGiven: boolean): string {
  if (configGiven && project.objects.size > 0) return project.dataKey(kind);
  const holdsString = (key: string) => shapes.some((s) => typeof s.data[key] === 'string');
  if (holdsString(kind)) return kind;
  const named = shapes
    .flatMap(allResults)
    .map((r) => (isRecord(r) && typeof r.to_name === 'string' ? r.to_name.replace(/^\$/, '') : null))
    .find((k): k is string => k !== null && holdsString(k));
  const firstString = shapes.map((s) => Object.keys(s.data).find((k) => typeof s.data[k] === 'string')).find((k) => k !== undefined);
  const key = named ?? firstString;
  if (key === undefined) {
    notes.add(`the tasks have no data field holding a ${kind}, so they show an empty text; pass --ls-config <label_config.xml> to give the labels and names`);
    return kind;
  }
  if (!configGiven) notes.add(`the tasks have no "${kind}" field, so Loupe shows their "${key}" field; pass --ls-config <label_config.xml> to give the labels and names the project uses`);
  return key;
}

/**
 * Who made an annotation: the e-mail of a completed_by object, else its id, or a completed_by
 * given as an id; a name Loupe wrote (loupe_annotator, on the annotation or, in older Loupe
 * files, in the task's meta).
 */
export function annotatorOf(annotation: Record<string, unknown>, taskMeta: unknown): string | null {
  const completedBy = annotation.completed_by;
  if (typeof annotation.loupe_annotator === 'string' && annotation.loupe_annotator !== '') return annotation.loupe_annotator;
  if (typeof completedBy === 'number' || (typeof completedBy === 'string' && completedBy !== '')) return String(completedBy);
  if (isRecord(completedBy)) {
    if (typeof completedBy.email === 'string' && completedBy.email !== '') return completedBy.email;
    if (typeof completedBy.id === 'number' || typeof completedBy.id === 'string') return String(completedBy.id);
  }
  return isRecord(taskMeta) && typeof taskMeta.loupe_annotator === 'string' ? taskMeta.loupe_annotator : null;
}
