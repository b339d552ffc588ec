/**
 * Every editing action of the region editor is one step of the annotator view's history: applied
 * with the real reducer (setResult), undo gives back the answer before it exactly, and redo the
 * answer after it. Selection, zoom and pan never reach the history at all (they are not results).
 */
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../../../shared/pack/task';
import { historyReducer, startHistory } from '../../../../renderer/src/annotate/history';
import { insertVertex, moveVertex, resizeBox } from '../../../../renderer/src/annotate/regions/geometry';
import {
  acceptAll, acceptProposal, adoptProposal, deleteRegionVertex, duplicateRegion, moveRegion, newBox, newPolygon, nudgeRegion,
  proposalsOf, regionsOf, removeRegion, replaceRegion, resultOf, type PolygonRegion, type Region, type RegionKind,
} from '../../../../renderer/src/annotate/regions/model';
import { box, boxes, image, polygon, prediction } from './fixtures';

const choice = { kind: 'choices' as const, controlId: 'scene', labels: ['street'] };
const start = boxes(box('d1', 10, 10, 40, 30, 'car', 'prediction'), box('box-1', 200, 100, 60, 60, 'tree', 'manual'));
const poly = polygon('poly-1', [[300, 300], [400, 300], [400, 400], [300, 400]], 'tree', 'manual');
const polyStart = { kind: 'polygons' as const, controlId: 'outlines', polygons: [poly] };
const proposals = proposalsOf([prediction(0.9, boxes(box('p1', 400, 50, 30, 30), box('p2', 450, 50, 30, 30, 'sign')))]);

type Case = [name: string, kind: RegionKind, before: Answer, edit: (regions: Region[]) => Region[]];

const boxesAnswer: Answer = [choice, start];
const polygonsAnswer: Answer = [polyStart];
const b = (regions: Region[], id: string) => regions.find((r) => r.id === id)!;
const ids = (regions: Region[]) => new Set(regions.map((r) => r.id));

const cases: Case[] = [
  ['draw a box', 'boxes', boxesAnswer, (rs) => [...rs, newBox({ x: 5, y: 5, width: 20, height: 20 }, 'sign', ids(rs))]],
  ['move a box (one drag)', 'boxes', boxesAnswer, (rs) => replaceRegion(rs, moveRegion(b(rs, 'box-1'), 35, -12, image))],
  ['resize a box by a handle', 'boxes', boxesAnswer, (rs) => replaceRegion(rs, { ...b(rs, 'box-1'), ...resizeBox(b(rs, 'box-1') as never, 'se', [300, 220], image) })],
  ['nudge a box', 'boxes', boxesAnswer, (rs) => replaceRegion(rs, nudgeRegion(b(rs, 'd1'), 10, 0, image))],
  ['relabel a box', 'boxes', boxesAnswer, (rs) => replaceRegion(rs, { ...b(rs, 'd1'), label: 'sign' })],
  ['duplicate a box', 'boxes', boxesAnswer, (rs) => [...rs, duplicateRegion(b(rs, 'box-1'), image, ids(rs), 'boxes')]],
  ['delete a box', 'boxes', boxesAnswer, (rs) => removeRegion(rs, 'd1')],
  ['accept one proposal', 'boxes', boxesAnswer, (rs) => acceptProposal(rs, proposals[0]!)],
  ['accept all proposals', 'boxes', boxesAnswer, (rs) => acceptAll(rs, proposals)],
  ['edit a proposal (adopted as changed)', 'boxes', boxesAnswer, (rs) => adoptProposal(rs, proposals[1]!, moveRegion(proposals[1]!.region, -20, 0, image))],
  ['draw a polygon', 'polygons', polygonsAnswer, (rs) => [...rs, newPolygon([[10, 10], [50, 10], [30, 40]], 'car', ids(rs))]],
  ['move a polygon', 'polygons', polygonsAnswer, (rs) => replaceRegion(rs, moveRegion(b(rs, 'poly-1'), -50, 20, image))],
  ['move a vertex', 'polygons', polygonsAnswer, (rs) => replaceRegion(rs, { ...poly, points: moveVertex(poly.points, 2, [420, 420], image) })],
  ['insert a vertex', 'polygons', polygonsAnswer, (rs) => replaceRegion(rs, { ...poly, points: insertVertex(poly.points, 1, [410, 350], image) })],
  ['delete a vertex', 'polygons', polygonsAnswer, (rs) => replaceRegion(rs, deleteRegionVertex(b(rs, 'poly-1') as PolygonRegion, 0)!)],
  ['nudge a vertex', 'polygons', polygonsAnswer, (rs) => replaceRegion(rs, nudgeRegion(b(rs, 'poly-1'), 0, -10, image, 3))],
  ['delete a polygon', 'polygons', polygonsAnswer, (rs) => removeRegion(rs, 'poly-1')],
];

describe('each region edit is undoable and redoable', () => {
  it.each(cases)('%s', (_name, kind, before, edit) => {
    const controlId = kind === 'boxes' ? 'objects' : 'outlines';
    const current = before.find((r) => r.controlId === controlId);
    const result = resultOf(kind, controlId, edit(regionsOf(current?.kind === 'boxes' || current?.kind === 'polygons' ? current : undefined)));
    const edited = historyReducer(startHistory(before), { type: 'setResult', result });
    expect(edited.past).toHaveLength(1);
    expect(edited.present).toContainEqual(result);
    expect(edited.present).not.toEqual(before);

    const undone = historyReducer(edited, { type: 'undo' });
    expect(undone.present).toEqual(before);
    const redone = historyReducer(undone, { type: 'redo' });
    expect(redone.present).toEqual(edited.present);
    // Other controls' answers ride along untouched.
    if (before.includes(choice)) expect(redone.present).toContainEqual(choice);
  });

  it('an edit that changes nothing adds no step', () => {
    const same = resultOf('boxes', 'objects', regionsOf(start));
    expect(historyReducer(startHistory(boxesAnswer), { type: 'setResult', result: same }).past).toHaveLength(0);
  });
});
