/**
 * The names an export gives Label Studio: each Loupe question's from_name and to_name, the data
 * key the task's image or text goes in, and the labeling config that declares them all.
 *
 * A project read from a Label Studio file keeps that file's names (labelStudioMeta.ts: the first
 * task's `project`), so results are written as `from_name: "sentiment", to_name: "text"` over
 * `data.reviewText` as the source had them, and the config given with --ls-config is written
 * back as it was. A project made in Loupe uses its question ids as from_name, `image` / `text`
 * as to_name and data key.
 *
 * The config written when none was given is made from the label config with those names, plus a
 * tag for every other from_name the tasks' kept results use (KeyPointLabels with the labels seen,
 * Chat, Pairwise, TextArea …), so Label Studio finds a control and an object for every result. The
 * tags Loupe has no question for are a best effort (their display attributes are unknown): pass
 * --ls-config at import to have the real config written back.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { LoupeError } from '../../../../shared/errors';
import type { LabelConfig } from '../../../../shared/pack/labelConfig';
import { CONTROL_TAG, labelValues, OBJECT_NAME, RESULT_KIND, type DataKind, type LsKind } from './labelStudioConfig';
import type { LsNames, LsProjectInfo } from './labelStudioMeta';
import { flatResults, isRecord, type JsonObject } from './labelStudioShape';
import type { Notes } from './notes';

export class LsNaming {
  private readonly byName = new Map<string, string>();
  /** The names results were written with, by Loupe question id (for the config to declare). */
  readonly used = new Map<string, LsNames>();

  constructor(
    private readonly config: LabelConfig & { data: DataKind },
    readonly info: LsProjectInfo | null,
  ) {
    for (const c of config.controls) this.byName.set(info?.controls[c.id]?.name ?? c.id, c.id);
  }

  get data(): DataKind {
    return this.config.data;
  }

  /** The data key the task's image or text is written under. */
  get dataKey(): string {
    return this.info?.dataKey ?? this.config.data;
  }

  get objectName(): string {
    return this.info?.objectName ?? OBJECT_NAME[this.config.data];
  }

  /** A Loupe question's names. */
  names(controlId: string, kind: string): LsNames {
    const known = this.info?.controls[controlId];
    const tag = kind === 'textarea' ? 'TextArea' : (CONTROL_TAG[kind as LsKind] ?? kind);
    const names = known ?? { name: controlId, toName: this.objectName, tag };
    this.used.set(controlId, names);
    return names;
  }

  /** The Loupe question a result answers, when it is one Loupe shows (by from_name and type). */
  controlOf(result: unknown): { controlId: string; kind: LsKind } | null {
    if (!isRecord(result) || typeof result.type !== 'string' || typeof result.from_name !== 'string') return null;
    const kind = RESULT_KIND[result.type];
    const id = this.byName.get(result.from_name);
    const control = id === undefined ? undefined : this.config.controls.find((c) => c.id === id);
    return kind && control?.kind === kind ? { controlId: control.id, kind } : null;
  }
}

/** Tags for result types Loupe keeps but does not model, for the config written without one. */
const OPAQUE_TAG: Readonly<Record<string, string>> = {
  keypointlabels: 'KeyPointLabels', keypoint: 'KeyPoint', rectangle: 'Rectangle', polygon: 'Polygon', ellipselabels: 'EllipseLabels', ellipse: 'Ellipse',
  brushlabels: 'BrushLabels', brush: 'Brush', textarea: 'TextArea', rating: 'Rating', number: 'Number', datetime: 'DateTime', taxonomy: 'Taxonomy',
  pairwise: 'Pairwise', ranker: 'Ranker', chatmessage: 'Chat', hypertextlabels: 'HyperTextLabels', paragraphlabels: 'ParagraphLabels',
  timeserieslabels: 'TimeSeriesLabels', videorectangle: 'VideoRectangle', choices: 'Choices', labels: 'Labels', rectanglelabels: 'RectangleLabels', polygonlabels: 'PolygonLabels',
};

interface SeenTag {
  tag: string;
  toName: string;
  labels: Set<string>;
}

/** The from_names, to_names and labels of the kept results, gathered over a pass of the tasks. */
export class SeenResults {
  readonly controls = new Map<string, SeenTag>();
  readonly objects = new Set<string>();

  addTask(source: JsonObject, naming: LsNaming): void {
    for (const key of ['annotations', 'completions', 'predictions']) {
      const items = source[key];
      if (!Array.isArray(items)) continue;
      for (const item of items) if (isRecord(item)) for (const r of flatResults(item.result) ?? []) this.add(r, naming);
    }
  }

  private add(r: unknown, naming: LsNaming): void {
    if (!isRecord(r) || typeof r.type !== 'string' || typeof r.from_name !== 'string' || naming.controlOf(r)) return;
    const toName = typeof r.to_name === 'string' ? r.to_name : r.from_name;
    const entry = this.controls.get(r.from_name) ?? { tag: OPAQUE_TAG[r.type] ?? r.type.charAt(0).toUpperCase() + r.type.slice(1), toName, labels: new Set<string>() };
    const values = isRecord(r.value) ? r.value[r.type] : undefined;
    if (r.type.endsWith('labels') && Array.isArray(values)) for (const v of values) if (typeof v === 'string') entry.labels.add(v);
    this.controls.set(r.from_name, entry);
    for (const name of toName.split(',')) if (name !== r.from_name) this.objects.add(name);
  }
}

type XmlNode = Record<string, unknown>;

/** The labeling config for an export (see the top of this file). */
export function generatedConfigXml(config: LabelConfig & { data: DataKind }, naming: LsNaming, seen: SeenResults): string {
  const objectTag = config.data === 'image' ? 'Image' : 'Text';
  const objects = new Set([naming.objectName]);
  const controls: XmlNode[] = [];
  for (const c of config.controls) {
    const names = naming.names(c.id, c.kind);
    for (const name of names.toName.split(',')) objects.add(name);
    const node = controlNode(c, names);
    if (node) controls.push(node);
  }
  for (const [name, s] of seen.controls) {
    const attrs = name === s.toName ? { '@_name': name } : { '@_name': name, '@_toName': s.toName };
    controls.push({ [s.tag]: [...s.labels].map((v) => ({ Label: [], ':@': { '@_value': v } })), ':@': attrs });
  }
  for (const name of seen.objects) objects.add(name);
  // Objects other than the one shown read the field their name says ("$uri" → $uri), else the shown one's.
  const objectNodes = [...objects].map((name) => ({ [objectTag]: [], ':@': { '@_name': name, '@_value': name === naming.objectName ? `$${naming.dataKey}` : `$${name.replace(/^\$/, '')}` } }));
  const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, format: true, suppressEmptyNode: true });
  return `${builder.build([{ View: [...objectNodes, ...controls] }]) as string}\n`;
}

type Control = LabelConfig['controls'][number];

/** The tag declaring a Loupe question, or null for a kind Label Studio export does not write. */
function controlNode(c: Control, names: LsNames): XmlNode | null {
  const attrs: Record<string, string> = { '@_name': names.name, '@_toName': names.toName };
  if (c.kind === 'textarea') return { TextArea: [], ':@': attrs };
  if (c.kind !== 'boxes' && c.kind !== 'polygons' && c.kind !== 'choices' && c.kind !== 'spans') return null;
  const values = labelValues(c.labels);
  const item = c.kind === 'choices' ? 'Choice' : 'Label';
  const labels = c.labels.map((l) => ({ [item]: [], ':@': { '@_value': values.get(l.id)!, ...(item === 'Label' ? { '@_background': l.color } : {}) } }));
  if (c.kind === 'choices') attrs['@_choice'] = c.multiple ? 'multiple' : 'single';
  if (c.required) attrs['@_required'] = 'true';
  return { [names.tag]: labels, ':@': attrs };
}

/** The `name` of every tag of a labeling config. */
function declaredNames(xml: string): Set<string> {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' });
  const names = new Set<string>();
  const walk = (nodes: unknown): void => {
    if (!Array.isArray(nodes)) return;
    for (const node of nodes as XmlNode[]) {
      const attrs = node[':@'];
      if (isRecord(attrs) && typeof attrs.name === 'string') names.add(attrs.name);
      for (const [key, value] of Object.entries(node)) if (key !== ':@') walk(value);
    }
  };
  walk(parser.parse(xml));
  return names;
}

/**
 * The config given at import, written back as it was, unless the export wrote results for a
 * question it does not declare (the free-text question a project of only unmodeled results gets,
 * "loupe-notes"): then those tags (and their object) are added before `</View>` and a warning says
 * so, since Label Studio refuses a result whose from_name or to_name its config lacks.
 */
export function givenConfigXml(xml: string, config: LabelConfig & { data: DataKind }, naming: LsNaming, notes: Notes): string {
  const declared = declaredNames(xml);
  const added: XmlNode[] = [];
  const objects = new Set<string>();
  for (const c of config.controls) {
    const names = naming.used.get(c.id);
    if (!names || declared.has(names.name)) continue;
    const node = controlNode(c, names);
    if (!node) continue;
    added.push(node);
    for (const name of names.toName.split(',')) if (!declared.has(name)) objects.add(name);
    notes.add(`the labeling config given at import has no <${names.tag} name="${names.name}">; it is added to the config written, which Label Studio needs for those results`);
  }
  const objectTag = config.data === 'image' ? 'Image' : 'Text';
  for (const name of objects) added.unshift({ [objectTag]: [], ':@': { '@_name': name, '@_value': `$${naming.dataKey}` } });
  const end = xml.lastIndexOf('</View>');
  if (added.length === 0 || end < 0) return xml;
  const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, format: true, suppressEmptyNode: true });
  const tags = (builder.build(added) as string).trimEnd().split('\n').map((line) => `  ${line}`).join('\n');
  return `${xml.slice(0, end)}${xml.slice(0, end).endsWith('\n') ? '' : '\n'}${tags}\n${xml.slice(end)}`;
}

/** A Label Studio labeling config for a Loupe label config, named as a project made in Loupe is exported. */
export function labelStudioConfigXml(config: LabelConfig): string {
  if (config.data === 'conversation') throw new LoupeError('invalid-input', 'Label Studio export covers image and text tasks, and these tasks are conversations');
  const withData = config as LabelConfig & { data: DataKind };
  return generatedConfigXml(withData, new LsNaming(withData, null), new SeenResults());
}

/** Where the labeling config of an export goes: beside it, `<name>.label_config.xml`. */
export const configPathFor = (outPath: string): string => `${outPath.replace(/\.json$/i, '')}.label_config.xml`;
