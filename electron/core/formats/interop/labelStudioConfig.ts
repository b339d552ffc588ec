/**
 * Label Studio labeling configs (the XML `<View>` a Label Studio project is set up with) to and
 * from Loupe label configs.
 *
 * Reading maps the tags Loupe has questions for:
 *   <Image name value="$image"/>, <Text name value="$text"/>   what a task shows (and which data field)
 *   <RectangleLabels name toName>  → boxes       <PolygonLabels> → polygons
 *   <Choices name toName choice="single|multiple"> with <Choice value/> → choices
 *   <Labels name toName> with <Label value background/> → spans (over a Text)
 * Question ids are the tags' `name` made into ids (results name their question by it, as
 * `from_name`); label ids are the values made into ids, and names stay the values. A label's
 * color is its `background` when that parses as a CSS color, else the fixed palette. A result
 * stores a label's `alias` in place of its value when one is set, so both find the label. Other
 * tags (TextArea, Rating, KeyPointLabels …) have no Loupe question: they are listed in warnings
 * and their results skipped.
 *
 * Without an XML config the same structure is built from the results themselves: each from_name
 * seen becomes a question of the kind its results have, with the labels seen, in order.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LoupeError, parseOrThrow, type ErrorWhere } from '../../../../shared/errors';
import { labelConfigSchema, type Label, type LabelConfig } from '../../../../shared/pack/labelConfig';
import { IdScope } from './naming';
import type { Notes } from './notes';
import { cssColorToHex, paletteColor } from './palette';

export type LsKind = 'boxes' | 'polygons' | 'choices' | 'spans';
export type DataKind = 'image' | 'text';

const TAG_KIND: Readonly<Record<string, LsKind>> = { RectangleLabels: 'boxes', PolygonLabels: 'polygons', Choices: 'choices', Labels: 'spans' };
/** Result `type` → question kind; VALUE_KEY is the field of `value` holding its labels. */
export const RESULT_KIND: Readonly<Record<string, LsKind>> = { rectanglelabels: 'boxes', polygonlabels: 'polygons', choices: 'choices', labels: 'spans' };
export const VALUE_KEY: Readonly<Record<LsKind, string>> = { boxes: 'rectanglelabels', polygons: 'polygonlabels', choices: 'choices', spans: 'labels' };
const OBJECT_TYPE: Readonly<Record<string, DataKind>> = { Image: 'image', Text: 'text' };

/** One question of a Label Studio project, and the labels it offers. */
export class LsControl {
  readonly labels: Label[] = [];
  private readonly byValue = new Map<string, string>();
  private readonly ids = new IdScope('label-');
  /** Set when a span result overlaps another, so the Loupe question allows overlap. */
  sawOverlap = false;

  constructor(
    readonly id: string,
    /** The tag's `name`, which results give as `from_name`. */
    readonly name: string,
    readonly kind: LsKind,
    readonly toName: string | null,
    public multiple: boolean,
    readonly required: boolean,
    readonly wordGranularity: boolean,
  ) {}

  /** Register a label: `value` is its name, `alias` (when set) what results store instead. */
  addLabel(value: string, alias: string | undefined, background: string | undefined): string {
    const key = alias ?? value;
    const known = this.byValue.get(key);
    if (known) return known;
    const id = this.ids.take(value);
    this.labels.push({ id, name: value.slice(0, 200) || id, color: cssColorToHex(background) ?? paletteColor(this.labels.length) });
    this.byValue.set(key, id);
    if (!this.byValue.has(value)) this.byValue.set(value, id);
    return id;
  }

  /** The label id for a value a result stores. */
  find(value: string): string | undefined {
    return this.byValue.get(value);
  }
}

/** What a task shows, by the name results give as `to_name`. */
interface LsObject {
  type: DataKind;
  /** The data field holding it: `image` for value="$image". */
  dataKey: string;
}

/** Tags that are questions in Label Studio but have no Loupe counterpart: named in warnings. */
const isControlTag = (attrs: Record<string, string>) => typeof attrs.toName === 'string' && typeof attrs.name === 'string';

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const xmlParser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false });

/** The free-text question a project gets when nothing in the file is a question Loupe can show. */
export const PLACEHOLDER_ID = 'loupe-notes';

export class LsProject {
  readonly controls = new Map<string, LsControl>();
  readonly objects = new Map<string, LsObject>();
  private readonly controlIds = new IdScope('control-');

  private constructor(
    /** True when built from an XML config: results must then fit it. */
    readonly fromXml: boolean,
    private readonly where: ErrorWhere,
  ) {}

  /** A project whose questions are made from the results as they are read. */
  static derived(where: ErrorWhere): LsProject {
    return new LsProject(false, where);
  }

  /** Parse a labeling config; refusals name `file` and, for bad XML, the line. */
  static fromXml(text: string, file: string, notes: Notes): LsProject {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new LoupeError('invalid-input', `not well-formed XML (${valid.err.msg})`, { file, line: valid.err.line });
    const project = new LsProject(true, { file });
    project.walk(xmlParser.parse(text) as XmlNode[], null, notes);
    return project;
  }

  private walk(nodes: XmlNode[], parent: LsControl | null, notes: Notes): void {
    for (const node of nodes) {
      const tag = Object.keys(node).find((k) => k !== ':@');
      if (!tag || tag === '#text') continue;
      const attrs = node[':@'] ?? {};
      const children = (node[tag] as XmlNode[] | undefined) ?? [];
      const kind = TAG_KIND[tag];
      if (kind && attrs.name) {
        const control = this.addControl(attrs.name, kind, attrs.toName ?? null, {
          multiple: kind === 'choices' && attrs.choice === 'multiple',
          required: attrs.required === 'true',
          word: attrs.granularity === 'word',
        });
        this.walk(children, control, notes);
      } else if ((tag === 'Label' || tag === 'Choice') && parent && typeof attrs.value === 'string') {
        parent.addLabel(attrs.value, attrs.alias, attrs.background);
      } else if (OBJECT_TYPE[tag] && attrs.name && attrs.value?.startsWith('$')) {
        this.objects.set(attrs.name, { type: OBJECT_TYPE[tag]!, dataKey: attrs.value.slice(1) });
      } else if (isControlTag(attrs)) {
        notes.add(`the labeling config's <${tag}> has no Loupe question; its results are kept as given and written back`, `name "${attrs.name}"`);
      } else {
        this.walk(children, parent, notes);
      }
    }
  }

  private addControl(name: string, kind: LsKind, toName: string | null, o: { multiple: boolean; required: boolean; word: boolean }): LsControl {
    const control = new LsControl(this.controlIds.take(name), name, kind, toName, o.multiple, o.required, o.word);
    this.controls.set(name, control);
    return control;
  }

  /**
   * The question a result answers. With an XML config it must be there with the result's kind;
   * without one it is made on first sight.
   */
  control(fromName: string, kind: LsKind, toName: string | null, where: ErrorWhere): LsControl {
    const known = this.controls.get(fromName);
    if (known && known.kind === kind) return known;
    if (known) throw new LoupeError('invalid-input', `from_name "${fromName}" is a ${known.kind} question, and this result holds ${kind}`, where);
    if (this.fromXml) throw new LoupeError('invalid-input', `from_name "${fromName}" is not a question of the labeling config`, where);
    return this.addControl(fromName, kind, toName, { multiple: false, required: false, word: false });
  }

  /** The data field a task's image or text is in: the config's object for it, else `image` / `text`. */
  dataKey(kind: DataKind): string {
    const targeted = [...this.controls.values()].map((c) => (c.toName ? this.objects.get(c.toName) : undefined)).find((o) => o?.type === kind);
    return targeted?.dataKey ?? [...this.objects.values()].find((o) => o.type === kind)?.dataKey ?? kind;
  }

  /** What the config's questions look at, when it says: boxes and polygons need an image, spans a text. */
  dataKindOfConfig(): DataKind | null {
    const kinds = new Set<DataKind>();
    for (const control of this.controls.values()) {
      if (control.kind === 'boxes' || control.kind === 'polygons') kinds.add('image');
      else if (control.kind === 'spans') kinds.add('text');
      else {
        const object = control.toName ? this.objects.get(control.toName) : undefined;
        if (object) kinds.add(object.type);
      }
    }
    if (kinds.size > 1) throw new LoupeError('invalid-input', 'asks questions of both an image and a text; a Loupe task shows one or the other', this.where);
    return kinds.size === 1 ? [...kinds][0]! : null;
  }

  /**
   * The Loupe label config. Questions without labels are left out (Loupe needs at least one);
   * number keys 1–9 go to the first nine labels across the config, as the other readers do.
   */
  labelConfig(data: DataKind, notes: Notes): LabelConfig {
    let key = 0;
    const keyed = (labels: Label[]) => labels.map((l) => (key < 9 ? { ...l, hotkey: String(++key) } : { ...l }));
    const controls: unknown[] = [];
    for (const c of this.controls.values()) {
      if (c.labels.length === 0) {
        notes.add('questions with no labels are left out', `"${c.name}"`);
        continue;
      }
      const base = { id: c.id, required: c.required, labels: keyed(c.labels) };
      if (c.kind === 'choices') controls.push({ ...base, kind: 'choices' as const, multiple: c.multiple });
      else if (c.kind === 'spans') controls.push({ ...base, kind: 'spans' as const, allowOverlap: c.sawOverlap, snapToTokens: c.wordGranularity, relations: [] });
      else controls.push({ ...base, kind: c.kind, minPredictionScore: 0 });
    }
    if (controls.length === 0) {
      // Only results Loupe does not model (chat messages, a pairwise choice, keypoints …): the
      // project still opens, with a free-text question of its own, and the results go back as given.
      notes.add(`no result or tag is one Loupe can show (choices, labels, rectanglelabels, polygonlabels), so the project gets a free-text question "${PLACEHOLDER_ID}" of its own; the file's results are kept and written back as given`);
      controls.push({ id: PLACEHOLDER_ID, kind: 'textarea' as const, required: false, minLength: 0 });
    }
    return parseOrThrow(labelConfigSchema, { version: 1, data, controls }, this.where);
  }
}

/**
 * The value a label is written as in Label Studio: its name, unless two labels of one question
 * share a name, when those are written by id so they stay apart.
 */
export function labelValues(labels: readonly Label[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const l of labels) count.set(l.name, (count.get(l.name) ?? 0) + 1);
  return new Map(labels.map((l) => [l.id, count.get(l.name)! > 1 ? l.id : l.name]));
}

/** The object names the exported results point at (`to_name`), matching labelStudioConfigXml. */
export const OBJECT_NAME: Readonly<Record<DataKind, string>> = { image: 'image', text: 'text' };

export const CONTROL_TAG: Readonly<Record<LsKind, string>> = { boxes: 'RectangleLabels', polygons: 'PolygonLabels', choices: 'Choices', spans: 'Labels' };
