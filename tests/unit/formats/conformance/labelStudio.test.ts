/**
 * Label Studio conformance: every real file in ../shared/fixtures/interop/label-studio imported
 * as a lead would (each annotator's answers, and gold), exported as Label Studio JSON, read back.
 * Unchanged, the export IS the source (every task, annotation and prediction field, byte for
 * byte per annotation); its labeling config names a control and an object for every result; an
 * edited annotation changes only what was edited. No reference reader exists in the venv, so the
 * export is checked against its labeling config (parsed with fast-xml-parser) instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { configPathFor, readLabelStudio, writeLabelStudio } from '../../../../electron/core/formats/interop/labelStudio';
import type { Answer, ControlResult } from '../../../../shared/pack/task';
import { tempDir } from '../../helpers/fixtures';
import { exportOf } from '../imageTestKit';
import { comparableAnswer, comparableSet, describeInterop, fixture, roundTrip } from './kit';

type Json = Record<string, unknown>;
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const sourceTasks = (path: string): Json[] => [readJson(path)].flat() as Json[];
const annotationsOf = (task: Json): unknown[] => ((task.annotations ?? task.completions ?? []) as unknown[]);
const resultsOf = (task: Json): Json[] =>
  [...annotationsOf(task), ...((task.predictions ?? []) as unknown[])].flatMap((a) => ((a as Json).result as unknown[] | undefined) ?? []).flat() as Json[];

interface Case {
  file: string;
  /** The labeling config beside it, passed as --ls-config. */
  config?: string;
  /** Warnings the import must give (one line each). */
  warns: RegExp[];
  /** Several annotations with no completed_by in one task: the project keeps one per person (the last). */
  collapses?: boolean;
}

const CASES: Case[] = [
  { file: 'rectangles.json', config: 'rectangles.label_config.xml', warns: [/images it names were not found/] },
  { file: 'polygons.json', config: 'polygons.label_config.xml', warns: [/images it names were not found/] },
  { file: 'with_reviews.json', warns: [/images it names were not found/] },
  { file: 'multi_annotator_bbox.json', warns: [/images it names were not found \(no images folder was given\).*\(5 times/] },
  { file: 'legacy_completions.json', warns: [/no data field holding a text.*--ls-config <label_config\.xml>/], collapses: true },
  { file: 'keypoints_relations.json', config: 'keypoints_relations.label_config.xml', warns: [/"keypointlabels" are kept as given.*3 times/, /"relation" are kept as given.*5 times/, /<KeyPointLabels> has no Loupe question/] },
  { file: 'mixed_shapes.json', config: 'mixed_shapes.label_config.xml', warns: [/"keypointlabels" are kept as given.*2 times/] },
  { file: 'chat_messages.json', warns: [/"chatmessage" are kept as given.*4 times/, /shows their "scenario_prompt" field; pass --ls-config <label_config\.xml>/, /free-text question "loupe-notes"/] },
  { file: 'uri_key_unicode_choice.json', warns: [/shows their "uri" field; pass --ls-config/] },
  { file: 'annotation_history.json', warns: [] },
  { file: 'pairwise_preference.json', config: 'pairwise_preference.label_config.xml', warns: [/"pairwise" are kept as given/, /free-text question "loupe-notes"/] },
  { file: 'single_task_object.json', warns: [/images it names were not found/] },
  { file: 'two_model_predictions.json', warns: [] },
  { file: 'tasks_mixed_shapes_of_task.json', warns: [], collapses: true },
];

/** Every tag of a labeling config by its name. */
function tagsOf(xml: string): Map<string, string> {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '' });
  const tags = new Map<string, string>();
  const walk = (nodes: Json[]) => {
    for (const node of nodes) {
      const tag = Object.keys(node).find((k) => k !== ':@');
      if (!tag || tag === '#text') continue;
      const name = (node[':@'] as Json | undefined)?.name;
      if (typeof name === 'string') tags.set(name, tag);
      walk(node[tag] as Json[]);
    }
  };
  walk(parser.parse(xml) as Json[]);
  return tags;
}

const TAG_OF_TYPE: Record<string, string> = {
  rectanglelabels: 'RectangleLabels', polygonlabels: 'PolygonLabels', choices: 'Choices', labels: 'Labels', keypointlabels: 'KeyPointLabels',
  pairwise: 'Pairwise', chatmessage: 'Chat', textarea: 'TextArea',
};

/** Each result names a control of its type and an object (or itself) that the config has. */
function expectFitsConfig(tasks: Json[], xml: string): void {
  const tags = tagsOf(xml);
  for (const r of tasks.flatMap(resultsOf)) {
    if (r.type === 'relation') continue; // links two results by id, no control
    expect(tags.get(r.from_name as string), `from_name "${String(r.from_name)}" (${String(r.type)})`).toBe(TAG_OF_TYPE[r.type as string]);
    for (const name of String(r.to_name).split(',')) expect(tags.has(name), `to_name "${name}"`).toBe(true);
  }
}

describeInterop('Label Studio: the real files', () => {
  for (const c of CASES) {
    describe(c.file, () => {
      const path = fixture('label-studio', c.file);
      const options = c.config ? { labelStudioConfig: fixture('label-studio', c.config) } : {};

      it('imports each annotator as one, exports every field back, and the config names every result', async () => {
        const rt = await roundTrip('label-studio', path, { ...options, annotationsAs: 'answers', final: 'all' });
        for (const w of c.warns) expect(rt.read.warnings.join('\n')).toMatch(w);
        expect(rt.exported.files).toEqual([rt.exported.path, configPathFor(rt.exported.path)]);
        const source = sourceTasks(path);
        const written = readJson(rt.exported.path) as Json[];
        expect(written).toHaveLength(source.length);
        written.forEach((task, i) => {
          const before = source[i]!;
          // Every task field, in its order, and the data (or, unwrapped, the task's own keys) whole.
          expect(Object.keys(task)).toEqual(Object.keys(before));
          for (const key of Object.keys(before)) if (key !== 'annotations' && key !== 'completions') expect(task[key], key).toEqual(before[key]);
          if (!c.collapses) {
            // Each unchanged annotation is its source JSON, byte for byte.
            expect(annotationsOf(task).map((a) => JSON.stringify(a))).toEqual(annotationsOf(before).map((a) => JSON.stringify(a)));
          } else {
            // The last of each person's annotations is the project's answer, and goes back exactly.
            const last = annotationsOf(before).at(-1);
            if (last) expect(annotationsOf(task).map((a) => JSON.stringify(a))).toContain(JSON.stringify(last));
          }
        });
        if (c.collapses && source.some((t) => annotationsOf(t).length > 1)) expect(rt.exported.warnings.join('\n')).toMatch(/annotations of the source file not in this export/);
        if (!c.collapses) {
          // An annotation of only results Loupe does not model (a chat, a pairwise pick) is no
          // project answer (create.ts), though the export writes it back as given.
          const noAnswers = rt.read.source.tasks.every((t) => !t.annotations.some((a) => a.kind === 'annotation' && (a.answer.length > 0 || a.status === 'skipped')));
          expect(rt.exported.warnings).toEqual(noAnswers ? [expect.stringMatching(/has a final answer yet/)] : []);
          expect(comparableSet(rt.reread.source)).toEqual(comparableSet(rt.read.source));
        }
        const xml = readFileSync(configPathFor(rt.exported.path), 'utf8');
        if (c.config) expect(xml).toBe(readFileSync(fixture('label-studio', c.config), 'utf8'));
        expectFitsConfig(written, xml);
      });

      it('as gold: the export holds the gold answer exactly, and says what else it left out', async () => {
        const rt = await roundTrip('label-studio', path, options);
        const read = rt.read.source.tasks;
        const reread = rt.reread.source.tasks;
        expect(reread).toHaveLength(read.length);
        const source = sourceTasks(path);
        const written = readJson(rt.exported.path) as Json[];
        read.forEach((t, i) => {
          const people = t.annotations.filter((a) => a.kind === 'annotation' && a.status !== 'skipped');
          const gold = people[0];
          const again = reread[i]!.annotations.filter((a) => a.kind === 'annotation');
          if (gold) {
            expect(again.map((a) => comparableAnswer(rt.reread.source.labelConfig, a.answer))).toContainEqual(comparableAnswer(rt.read.source.labelConfig, gold.answer));
            expect(annotationsOf(written[i]!).map((a) => JSON.stringify(a))).toContain(JSON.stringify(annotationsOf(source[i]!)[t.annotations.indexOf(gold)]));
          }
          // Predictions go back as the file gave them.
          expect(written[i]!.predictions).toEqual(source[i]!.predictions);
        });
        const leftOut = read.some((t) => t.annotations.filter((a) => a.kind === 'annotation' && (a.answer.length > 0 || a.status === 'skipped')).length > 1);
        if (leftOut) expect(rt.exported.warnings.join('\n')).toMatch(/not in this export.*--final all/);
        expectFitsConfig(written, readFileSync(configPathFor(rt.exported.path), 'utf8'));
      });
    });
  }
});

const boxes = (answer: Answer) => answer.find((r): r is Extract<ControlResult, { kind: 'boxes' }> => r.kind === 'boxes')!;

describeInterop('Label Studio: an edited annotation changes only what was edited', () => {
  it('a moved box keeps its id and fields, a deleted one goes, a new one comes, relations to a deleted region go too', async () => {
    const path = fixture('label-studio', 'keypoints_relations.json');
    const set = await readLabelStudio(path, { configPath: fixture('label-studio', 'keypoints_relations.label_config.xml') });
    const answer = set.tasks[0]!.annotations[0]!.answer;
    const box = boxes(answer).boxes[0]!;
    const moved: Answer = answer.map((r) => (r.kind === 'boxes' ? { ...r, boxes: [{ ...box, x: box.x + 10 }, { id: 'new-box', x: 1, y: 2, width: 3, height: 4, label: box.label }] } : r));
    const out = `${tempDir('loupe-ls-edit-')}/edited.json`;
    const input = exportOf({ ...set, tasks: [{ ...set.tasks[0]!, annotations: [{ ...set.tasks[0]!.annotations[0]!, answer: moved }] }] });
    await writeLabelStudio(input, out);
    const [before] = sourceTasks(path);
    const [after] = readJson(out) as Json[];
    const a0 = annotationsOf(before!)[0] as Json;
    const b0 = annotationsOf(after!)[0] as Json;
    // Everything but the result is as it was.
    expect({ ...b0, result: null }).toEqual({ ...a0, result: null });
    const [oldBox] = (a0.result as Json[]).filter((r) => r.type === 'rectanglelabels');
    const results = b0.result as Json[];
    const [newBox, added] = results.filter((r) => r.type === 'rectanglelabels');
    expect({ ...newBox, value: null }).toEqual({ ...oldBox, value: null });
    expect((newBox!.value as Json).x).toBeCloseTo(((oldBox!.value as Json).x as number) + (10 / (oldBox!.original_width as number)) * 100, 5);
    expect(added).toMatchObject({ id: 'new-box', type: 'rectanglelabels', from_name: 'bbox', to_name: 'image', original_width: oldBox!.original_width });
    // The keypoints are exactly as they were, in their places.
    expect(results.filter((r) => r.type === 'keypointlabels')).toEqual((a0.result as Json[]).filter((r) => r.type === 'keypointlabels'));

    // Delete the box: the relations to it go, and the export says so.
    const deleted: Answer = answer.map((r) => (r.kind === 'boxes' ? { ...r, boxes: [], none: true } : r));
    const out2 = `${tempDir('loupe-ls-edit-')}/deleted.json`;
    const outcome = await writeLabelStudio(exportOf({ ...set, tasks: [{ ...set.tasks[0]!, annotations: [{ ...set.tasks[0]!.annotations[0]!, answer: deleted }] }] }), out2);
    const left = (annotationsOf((readJson(out2) as Json[])[0]!)[0] as Json).result as Json[];
    expect(left.map((r) => r.type)).toEqual(['keypointlabels', 'keypointlabels', 'keypointlabels']);
    expect(outcome.warnings.join('\n')).toMatch(/relations whose region was deleted in Loupe were left out/);
  });

  it('a changed choice keeps the result id; a text span moved is written in UTF-16 units', async () => {
    const path = fixture('label-studio', 'annotation_history.json');
    const set = await readLabelStudio(path);
    const control = set.labelConfig.controls[0]!;
    const other = { ...set.labelConfig, controls: [{ ...control, labels: [...('labels' in control ? control.labels : []), { id: 'Negative', name: 'Negative', color: '#000000' }] }] } as typeof set.labelConfig;
    const changed: Answer = [{ kind: 'choices', controlId: 'sentiment', labels: ['Negative'] }];
    const out = `${tempDir('loupe-ls-edit-')}/choice.json`;
    await writeLabelStudio(exportOf({ ...set, labelConfig: other, tasks: [{ ...set.tasks[0]!, annotations: [{ ...set.tasks[0]!.annotations[0]!, answer: changed }] }] }), out);
    const b0 = annotationsOf((readJson(out) as Json[])[0]!)[0] as Json;
    expect(b0.result).toEqual([{ id: 'd1uGfhDvN6', type: 'choices', value: { choices: ['Negative'] }, origin: 'manual', to_name: 'text', from_name: 'sentiment' }]);
    // The history says what it said (Loupe does not rewrite the past).
    expect(b0.history).toEqual((annotationsOf(sourceTasks(path)[0]!)[0] as Json).history);
    expect(existsSync(configPathFor(out))).toBe(true);
  });
});

/** An answer as Loupe would make it afresh: its regions new (no kept source result), a note written. */
function remade(answer: Answer): Answer {
  return answer.map((r) => {
    if (r.kind === 'boxes') return { ...r, boxes: r.boxes.map(({ extras: _, ...b }, i) => ({ ...b, id: `remade-${i}`, x: b.x + 1 })) };
    if (r.kind === 'polygons') return { ...r, polygons: r.polygons.map(({ extras: _, ...p }, i) => ({ ...p, id: `remade-${i}` })) };
    if (r.kind === 'spans') return { ...r, spans: r.spans.map(({ extras: _, ...s }, i) => ({ ...s, id: `remade-${i}` })), relations: [] };
    if (r.kind === 'textarea') return { ...r, text: 'a note made in Loupe' };
    return r;
  });
}

/** Every question answered "nothing here" where it can be, the rest left empty. */
const nothingHere = (set: Awaited<ReturnType<typeof readLabelStudio>>): Answer =>
  set.labelConfig.controls.flatMap((c): Answer => (c.kind === 'boxes' ? [{ kind: 'boxes', controlId: c.id, boxes: [], none: true }] : c.kind === 'polygons' ? [{ kind: 'polygons', controlId: c.id, polygons: [], none: true }] : c.kind === 'spans' ? [{ kind: 'spans', controlId: c.id, spans: [], relations: [], none: true }] : []));

describeInterop('Label Studio: answers made in Loupe fit the config written with them', () => {
  for (const c of CASES) {
    it(`${c.file}: regenerated results name the config's controls, "nothing here" reads back answered`, async () => {
      const path = fixture('label-studio', c.file);
      const set = await readLabelStudio(path, c.config ? { configPath: fixture('label-studio', c.config) } : {});
      const empty = nothingHere(set);
      const tasks = set.tasks.map((t, i) => {
        const first = t.annotations.find((a) => a.kind === 'annotation') ?? { kind: 'annotation' as const, annotator: null, answer: [] };
        // The first task answered "nothing here", the rest answered anew (notes written where the project has a free-text question).
        const base = first.answer.length > 0 ? first.answer : set.labelConfig.controls.flatMap((q): Answer => (q.kind === 'textarea' ? [{ kind: 'textarea', controlId: q.id, text: '' }] : []));
        const answer = i === 0 && empty.length > 0 ? empty : remade(base);
        return { ...t, annotations: [{ ...first, annotator: null, answer }] };
      });
      const out = `${tempDir('loupe-ls-remade-')}/remade.json`;
      await writeLabelStudio(exportOf({ ...set, tasks }), out);
      const written = readJson(out) as Json[];
      const xml = readFileSync(configPathFor(out), 'utf8');
      expectFitsConfig(written, xml);
      if (c.config && !set.labelConfig.controls.some((q) => q.kind === 'textarea')) expect(xml).toBe(readFileSync(fixture('label-studio', c.config), 'utf8'));
      // Read back (with the config written), each task holds the answer given.
      const again = await readLabelStudio(out, { configPath: configPathFor(out) });
      again.tasks.forEach((t, i) => {
        const given = tasks[i]!.annotations[0]!.answer;
        const answers = t.annotations.filter((a) => a.kind === 'annotation').map((a) => comparableAnswer(again.labelConfig, a.answer));
        if (given.some((r) => r.kind !== 'textarea')) expect(answers).toContainEqual(comparableAnswer(set.labelConfig, given.filter((r) => r.kind !== 'textarea')));
      });
      if (empty.length > 0) {
        const first = again.tasks[0]!.annotations.filter((a) => a.kind === 'annotation' && a.answer.length > 0 && a.answer.every((r) => 'none' in r && r.none === true));
        expect(first.length).toBeGreaterThan(0);
      }
    });
  }
});
