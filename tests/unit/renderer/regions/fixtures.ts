/**
 * Shared values for the region editor tests: a boxes control, a polygons control, a prediction
 * with boxes, and small region builders. Not a test file itself.
 */
import type { Prediction } from '../../../../shared/pack/task';
import type { BoxRegion, BoxesResult, PolygonRegion, RegionsResult } from '../../../../renderer/src/annotate/regions/model';
import type { ShapesControl } from '../../../../renderer/src/annotate/regions/useRegionState';

export const image = { width: 640, height: 480 };

export const LABELS = [
  { id: 'car', name: 'Car', color: '#e03131', hotkey: '1' },
  { id: 'tree', name: 'Tree', color: '#2f9e44', hotkey: '2' },
  { id: 'sign', name: 'Sign', color: '#1971c2', hotkey: '3' },
];

export const boxesControl: ShapesControl = { id: 'objects', kind: 'boxes', title: 'Objects', required: true, labels: LABELS, minPredictionScore: 0.5 };
export const polygonsControl: ShapesControl = { id: 'outlines', kind: 'polygons', required: true, labels: LABELS, minPredictionScore: 0 };

export function box(id: string, x: number, y: number, width: number, height: number, label = 'car', origin?: BoxRegion['origin']): BoxRegion {
  return { id, x, y, width, height, label, ...(origin ? { origin } : {}) };
}

export function polygon(id: string, points: Array<[number, number]>, label = 'tree', origin?: PolygonRegion['origin']): PolygonRegion {
  return { id, points, label, ...(origin ? { origin } : {}) };
}

export function boxes(...list: BoxRegion[]): BoxesResult {
  return { kind: 'boxes', controlId: 'objects', boxes: list };
}

export function prediction(score: number, result: RegionsResult, model = 'blob-detector', modelVersion = '2.1'): { prediction: Prediction; result: RegionsResult } {
  return { prediction: { model, modelVersion, score, result: [result] }, result };
}
