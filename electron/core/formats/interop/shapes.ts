/**
 * Boxes and polygons between Loupe and the image dataset formats (COCO, YOLO, Pascal VOC).
 *
 * Reading: these formats have a class list and regions but no questions, so the label config is
 * made here: `{ data: 'image', controls: [boxes and/or polygons] }`, the control ids being `boxes`
 * and `polygons`, each offering every class (so a class's position, which YOLO and COCO depend on,
 * survives a round trip). Imported questions are not required: these data sets hold images with
 * no objects, and a required boxes question could not be submitted on them.
 *
 * Writing: the classes are the labels of the config's boxes and polygons questions in config
 * order (one class per label id), and only rows with a final answer are written. These formats
 * cannot say "not annotated yet": an image listed with no regions says "nothing here".
 */
import { LoupeError, parseOrThrow } from '../../../../shared/errors';
import { labelConfigSchema, type Label, type LabelConfig } from '../../../../shared/pack/labelConfig';
import type { Answer, Task } from '../../../../shared/pack/task';
import { IdScope, imageNameOfTask } from './naming';
import type { Notes } from './notes';
import { paletteColor } from './palette';
import type { ExportInput } from './types';

export type ShapeKind = 'boxes' | 'polygons';
export type Point = [number, number];

export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The classes of an image dataset, as labels, and the questions its regions need. */
export class ShapeLabels {
  private readonly labels: Label[] = [];
  private readonly byName = new Map<string, string>();
  private readonly ids = new IdScope('label-');
  private readonly kinds = new Set<ShapeKind>();

  /**
   * Add a class and return its label id. Every call adds one, even for a name seen before, so a
   * class list with a name twice keeps each position (YOLO and COCO refer to classes by position).
   */
  add(name: string): string {
    const id = this.ids.take(name);
    this.labels.push({ id, name: name.trim() || id, color: paletteColor(this.labels.length) });
    if (!this.byName.has(name)) this.byName.set(name, id);
    return id;
  }

  /** The label id for a class name, adding the class the first time the name is seen (VOC has no class list). */
  idFor(name: string): string {
    return this.byName.get(name) ?? this.add(name);
  }

  get size(): number {
    return this.labels.length;
  }

  /** Note that the data has regions of this kind, so the config asks for them. */
  use(kind: ShapeKind): void {
    this.kinds.add(kind);
  }

  /**
   * The label config; a boxes question when the data has no regions at all (boxes are what these
   * formats are mostly for). Number keys 1–9 go to the first nine labels of the first question
   * (keys must be unique config-wide, and the text formats' readers key labels the same way).
   * Checked against the schema, so a class list over Loupe's limits is refused naming the file.
   */
  config(where: { file: string }, noLabels = 'names no classes: a label config needs at least one label'): LabelConfig {
    if (this.labels.length === 0) throw new LoupeError('invalid-input', noLabels, where);
    const kinds: ShapeKind[] = (['boxes', 'polygons'] as const).filter((k) => this.kinds.has(k));
    const controls = (kinds.length ? kinds : (['boxes'] as const)).map((kind, ci) => ({
      id: kind,
      kind,
      required: false,
      minPredictionScore: 0,
      labels: this.labels.map((l, li) => (ci === 0 && li < 9 ? { ...l, hotkey: String(li + 1) } : { ...l })),
    }));
    return parseOrThrow(labelConfigSchema, { version: 1, data: 'image', controls }, where);
  }
}

/** One image's regions as a Loupe answer: ids from the file where it has them, else `b1`, `p1` …. */
export class ShapeAnswer {
  private readonly boxes: { id: string; x: number; y: number; width: number; height: number; label: string }[] = [];
  private readonly polygons: { id: string; points: Point[]; label: string }[] = [];
  private readonly boxIds = new IdScope('b');
  private readonly polygonIds = new IdScope('p');

  constructor(private readonly labels: ShapeLabels) {}

  box(box: PixelBox, label: string, id?: string | number): void {
    this.labels.use('boxes');
    this.boxes.push({ id: id === undefined ? this.boxIds.next() : this.boxIds.take(id), ...box, label });
  }

  polygon(points: Point[], label: string, id?: string | number): void {
    this.labels.use('polygons');
    this.polygons.push({ id: id === undefined ? this.polygonIds.next() : this.polygonIds.take(id), points, label });
  }

  answer(): Answer {
    const answer: Answer = [];
    if (this.boxes.length) answer.push({ kind: 'boxes', controlId: 'boxes', boxes: this.boxes });
    if (this.polygons.length) answer.push({ kind: 'polygons', controlId: 'polygons', polygons: this.polygons });
    return answer;
  }
}

export interface ShapeClasses {
  /** Label ids and names in class order: class index i is `classes[i]`. */
  classes: { id: string; name: string }[];
  indexOf: Map<string, number>;
}

/** The classes an export writes, refusing a config with nothing these formats can hold. */
export function shapeClasses(config: LabelConfig, format: string): ShapeClasses {
  if (config.data !== 'image') {
    throw new LoupeError('invalid-input', `${format} holds image annotations, and this label config's tasks are ${config.data}`, { field: 'labelConfig.data' });
  }
  const classes: { id: string; name: string }[] = [];
  const indexOf = new Map<string, number>();
  for (const control of config.controls) {
    if (control.kind !== 'boxes' && control.kind !== 'polygons') continue;
    for (const label of control.labels) {
      if (indexOf.has(label.id)) continue;
      indexOf.set(label.id, classes.length);
      classes.push({ id: label.id, name: label.name });
    }
  }
  if (classes.length === 0) {
    throw new LoupeError('invalid-input', `${format} holds boxes and polygons, and this label config has no boxes or polygons question`, { field: 'labelConfig.controls' });
  }
  return { classes, indexOf };
}

export interface ShapeRow {
  task: Task;
  /** The image's own file name. */
  name: string;
  imagePath: string | null;
  boxes: (PixelBox & { id: string; classIndex: number })[];
  polygons: { id: string; points: Point[]; classIndex: number }[];
}

/**
 * The answered rows of an export in task order, with their regions by class index. Reports
 * progress over all rows when `progress` is set (once per export, on the pass that finishes rows).
 */
export async function* shapeRows(input: ExportInput, format: string, { indexOf }: ShapeClasses, notes: Notes, progress: boolean): AsyncGenerator<ShapeRow> {
  const shapeControls = new Set(input.labelConfig.controls.filter((c) => c.kind === 'boxes' || c.kind === 'polygons').map((c) => c.id));
  let done = 0;
  for await (const batch of input.rows()) {
    for (const { task, answer } of batch) {
      done += 1;
      if (progress) input.onProgress?.(done, input.total);
      if (answer === null) continue;
      const name = imageNameOfTask(task);
      if (name === null) throw new LoupeError('invalid-input', `task "${task.id}" has no image, and ${format} describes images`, { entry: task.id, field: 'data.image' });
      const classOf = (label: string, field: string) => {
        const index = indexOf.get(label);
        if (index === undefined) throw new LoupeError('invalid-input', `label "${label}" is not a label of a boxes or polygons question`, { entry: task.id, field });
        return index;
      };
      const row: ShapeRow = { task, name, imagePath: task.data.image ? input.imagePath(task.data.image) : null, boxes: [], polygons: [] };
      answer.forEach((result, ri) => {
        if (result.kind === 'boxes' && shapeControls.has(result.controlId)) {
          result.boxes.forEach((b, i) => row.boxes.push({ id: b.id, x: b.x, y: b.y, width: b.width, height: b.height, classIndex: classOf(b.label, `answer.${ri}.boxes.${i}.label`) }));
        } else if (result.kind === 'polygons' && shapeControls.has(result.controlId)) {
          result.polygons.forEach((p, i) => row.polygons.push({ id: p.id, points: p.points, classIndex: classOf(p.label, `answer.${ri}.polygons.${i}.label`) }));
        } else {
          notes.add(`${result.kind} answers are not written: ${format} holds boxes and polygons only`, `task ${task.id}`);
        }
      });
      yield row;
    }
  }
}

/** Refuses two rows writing the same file name (two images called a.jpg, or a.jpg and a.png sharing labels/a.txt). */
export class NameGuard {
  private readonly owners = new Map<string, string>();
  constructor(private readonly what: string) {}

  claim(key: string, taskId: string): void {
    const other = this.owners.get(key.toLowerCase());
    if (other !== undefined) {
      throw new LoupeError('invalid-input', `tasks "${other}" and "${taskId}" would both write ${this.what} "${key}"; image names must be unique (also ignoring letter case)`, { entry: taskId });
    }
    this.owners.set(key.toLowerCase(), taskId);
  }
}

export function polygonBounds(points: readonly Point[]): PixelBox {
  // A loop, not Math.min(...xs): spreading a polygon of many thousand points overflows the stack.
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Shoelace area: what COCO's `area` of a polygon annotation is. */
export function polygonArea(points: readonly Point[]): number {
  let twice = 0;
  points.forEach(([x1, y1], i) => {
    const [x2, y2] = points[(i + 1) % points.length]!;
    twice += x1 * y2 - x2 * y1;
  });
  return Math.abs(twice) / 2;
}

/** A number with at most `digits` decimals and no trailing zeros (`0.5`, `12`), never in e-notation. */
export function decimal(value: number, digits: number): string {
  const text = value.toFixed(digits);
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return trimmed === '-0' ? '0' : trimmed;
}
