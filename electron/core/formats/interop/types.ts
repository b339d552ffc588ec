/**
 * The shapes every third-party format reads into and writes from, so the project code (create a
 * project from a file, export a dataset) never knows one format from another.
 *
 * Reading: a `SourceSet` — tasks in Loupe's own shape (text in data.text, an image as an asset
 * path `assets/<its own file name>`), the annotations found with each task as Loupe answers, the
 * label config the file implies (labels from its classes or tag set), and where each image is.
 *
 * Writing: an exporter gets the label config, a way to iterate the final rows (as many passes as
 * it needs; each pass streams in batches, so memory stays bounded), and where each image is.
 *
 * Nothing a file holds is dropped without a word. What a format has that Loupe does not model is
 * kept where its exporter finds it again: the task's own fields in `task.meta` (the format's
 * internals under a key named after it: `meta.prodigy`, `meta.labelStudio`, `meta.coco` …), a
 * region's or span's in its `extras[format]`. What cannot be kept, and every conversion that
 * changes what a file says, is a warning (notes.ts) that reaches the person importing or exporting.
 * An answer that says "nothing here" has `none: true` on its span or region results, and every
 * writer writes it so that its reader reads it back as answered.
 */
import type { LabelConfig } from '../../../../shared/pack/labelConfig';
import type { Answer, Task } from '../../../../shared/pack/task';

export interface SourceAnnotation {
  /** Who made it, when the file says (an id, an email, a name); null when it does not. */
  annotator: string | null;
  answer: Answer;
  /** A model's proposal (Label Studio predictions, Prodigy's unanswered suggestions) or a person's answer. */
  kind: 'annotation' | 'prediction';
  model?: string;
  score?: number;
  /** A person who looked at the task and passed on it (Prodigy's `ignore`, Label Studio's cancelled): skipped, with why. Default submitted. */
  status?: 'submitted' | 'skipped';
  skipReason?: string;
  /** When it was given (ISO 8601), where the file says. */
  at?: string;
}

export interface SourceTask {
  task: Task;
  annotations: SourceAnnotation[];
  /** The gold answer the source states outright (Loupe JSONL's `gold` field): the task's gold whatever the annotations become. */
  gold?: Answer;
  /** The line the task was read from, for refusals; else its position counts. */
  line?: number;
}

export interface SourceSet {
  /** The format's name as the CLI spells it: `label-studio`, `coco`, `yolo`, `voc`, `conll`, `doccano`, `prodigy`. */
  format: string;
  labelConfig: LabelConfig;
  tasks: SourceTask[];
  /** Image asset path (`assets/<name>`) → absolute path of the image file on disk. */
  images: Map<string, string>;
  /** What was read with a repair or left out (an image not found, a tag repaired), for the person importing. */
  warnings?: string[];
  /**
   * Images the file names that were not found (asset paths). Their tasks are kept with their
   * annotations, and the size the file gave in `task.meta.imageSize` (recordedImageSize), so the
   * project still converts and exports; what needs the pixels (a split into packs) names them.
   * The reader's warning names the annotation file and the image it expected.
   */
  missingImages?: string[];
}

export interface FinalRow {
  task: Task;
  /** The answer chosen as final (adjudicated, majority, or one annotator's); null when there is none. */
  answer: Answer | null;
  annotator: string | null;
  /** The name of the person `annotator` names by id, where it is a person (not `majority` or `gold`), for formats read by people. */
  annotatorName?: string;
  /**
   * With the final choice `all`: every annotator's latest answer to the task, submitted or skipped,
   * for the formats that hold several per task (Label Studio, Prodigy, doccano 1.x); `answer` is
   * then null. Absent for every other choice.
   */
  answers?: RowAnswer[];
}

export interface RowAnswer {
  annotator: string;
  status: 'submitted' | 'skipped';
  answer: Answer;
  skipReason: string | null;
  /** ISO 8601. */
  submittedAt: string;
}

export interface ExportInput {
  labelConfig: LabelConfig;
  /** Iterate the rows in task order; call again for another pass. */
  rows: () => AsyncIterable<FinalRow[]>;
  /** The image file behind an asset path, for formats that copy images or need their size. */
  imagePath: (assetPath: string) => string | null;
  onProgress?: (done: number, total: number) => void;
  total: number;
}

export interface ExportOutcome {
  /** Records written: tasks, images or lines, whatever the format counts. */
  rows: number;
  /** Files written (a folder format lists them; a one-file format gives its path). */
  files: string[];
  /** What the file could not say as Loupe holds it (notes.ts: one line per topic, with a count). */
  warnings?: string[];
}
