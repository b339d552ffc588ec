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
}

export interface SourceTask {
  task: Task;
  annotations: SourceAnnotation[];
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
}

export interface FinalRow {
  task: Task;
  /** The answer chosen as final (adjudicated, majority, or one annotator's); null when there is none. */
  answer: Answer | null;
  annotator: string | null;
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
}
