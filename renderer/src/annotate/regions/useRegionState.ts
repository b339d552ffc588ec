/**
 * The region editor's state and operations. The answer's regions come from props (the view owns
 * them and their history); everything else here is UI state that is never history: the tool,
 * the selection, the label for the next region, hidden, and the polygon being drawn. Each
 * operation that changes the answer calls `onChange` exactly once, so it is one undo step.
 */
import { useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { CommandId } from '../../../../shared/keymap';
import type { Control } from '../../../../shared/pack/labelConfig';
import { emitAppEvent } from '../../appEvents';
import { notifyInfo } from '../../notify';
import type { EditorProps } from '../editors/types';
import {
  acceptAll, acceptProposal, adoptProposal, cycle, deleteRegionVertex, duplicateRegion, isPolygon, newBox, newPolygon,
  nudgeRegion, pendingProposals, proposalsOf, regionBounds, regionsOf, removeRegion, replaceRegion, resultOf,
  type Region, type RegionsResult,
} from './model';
import type { Tool } from './paint';
import type { CanvasHandle } from './RegionCanvas';
import type { CanvasActions } from './useCanvasGestures';
import type { Point, Rect, Size } from './view';

export type ShapesControl = Extract<Control, { kind: 'boxes' | 'polygons' }>;
export type RegionEditorProps = EditorProps<ShapesControl, RegionsResult>;

export interface Selection {
  id: string;
  proposal: boolean;
  vertex: number | null;
}

/**
 * The tool and label last used per control, so the next task opens with them: an annotator who
 * draws cars with the box tool keeps drawing cars (the editor is remounted for every task).
 */
const rememberedTool = new Map<string, Tool>();
const rememberedLabel = new Map<string, string>();

const orderKey = (id: string, proposal: boolean) => `${proposal ? 'p' : 'r'}:${id}`;

function sameItems(a: RegionEditorProps['proposals'], b: RegionEditorProps['proposals']): boolean {
  return a.length === b.length && a.every((item, i) => item.prediction === b[i]!.prediction && item.result === b[i]!.result);
}

export function useRegionState(props: RegionEditorProps, imageSize: Size | null, canvas: RefObject<CanvasHandle | null>, runCommand: (id: CommandId) => void) {
  const { task, control, value, proposals, onChange } = props;
  const kind = control.kind;
  const regions = useMemo(() => regionsOf(value), [value]);
  // The view builds a new proposals array on every render; its items (prediction and result) stay
  // the same objects, so the proposals are recomputed only when those change (else the canvas
  // would repaint 2,000 regions on every render of the view).
  const [proposalMemo, setProposalMemo] = useState(() => ({ input: proposals, all: proposalsOf(proposals) }));
  let all = proposalMemo.all;
  if (!sameItems(proposalMemo.input, proposals)) {
    all = proposalsOf(proposals);
    setProposalMemo({ input: proposals, all });
  }
  const rejectedIds = useMemo(() => value?.rejected ?? [], [value]);
  const rejected = useMemo(() => new Set(rejectedIds), [rejectedIds]);
  const pending = useMemo(() => pendingProposals(all, regions, rejected), [all, regions, rejected]);
  const taken = useMemo(() => new Set([...regions.map((r) => r.id), ...all.map((p) => p.region.id)]), [regions, all]);

  const drawTool: Tool = kind === 'boxes' ? 'box' : 'polygon';
  const [tool, setToolState] = useState<Tool>(() => rememberedTool.get(control.id) ?? 'select');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [nextLabel, setNextLabelState] = useState(() => {
    const remembered = rememberedLabel.get(control.id);
    return control.labels.some((l) => l.id === remembered) ? remembered! : control.labels[0]!.id;
  });
  const setNextLabel = (labelId: string) => {
    rememberedLabel.set(control.id, labelId);
    setNextLabelState(labelId);
  };
  const [hidden, setHidden] = useState(false);
  /** The polygon being drawn, and the points Backspace took off it (for redo). */
  const [drawing, setDrawing] = useState<{ points: Point[]; undone: Point[] } | null>(null);
  const [shownTask, setShownTask] = useState(task.id);
  if (shownTask !== task.id) {
    setShownTask(task.id);
    setSelection(null);
    setDrawing(null);
  }

  const selected = useMemo(() => {
    if (!selection) return null;
    const region = selection.proposal ? pending.find((p) => p.region.id === selection.id)?.region : regions.find((r) => r.id === selection.id);
    return region ? { region, proposal: selection.proposal } : null;
  }, [selection, regions, pending]);
  const order = useMemo(() => [...regions.map((r) => orderKey(r.id, false)), ...pending.map((p) => orderKey(p.region.id, true))], [regions, pending]);

  // App events for end-to-end tests and the bench, sent once the change is on screen (the canvas
  // repaints in its own layout effect, which runs before this one).
  const announcements = useRef<Array<{ type: string; detail: Record<string, unknown>; at: number }>>([]);
  useLayoutEffect(() => {
    const due = announcements.current.splice(0);
    for (const { type, detail, at } of due) emitAppEvent(type, { ...detail, ms: performance.now() - at });
  }, [regions]);

  const commit = (next: Region[], type: 'region-added' | 'region-changed', region: Region, extra: Record<string, unknown> = {}, reject: readonly string[] = []) => {
    const detail = { id: region.id, label: region.label, origin: region.origin ?? 'manual', region, ...extra };
    announcements.current.push({ type, detail, at: performance.now() });
    onChange(resultOf(kind, control.id, next, [...rejectedIds, ...reject]));
  };

  const select = (target: Selection | null, revealIt = false) => {
    setSelection(target);
    if (!target || !revealIt) return;
    const region = target.proposal ? pending.find((p) => p.region.id === target.id)?.region : regions.find((r) => r.id === target.id);
    if (region) canvas.current?.reveal(regionBounds(region));
  };

  /** Commit an edit of the selected region; an edited proposal is adopted (accepted as changed). */
  const commitEdit = (edited: Region, proposal: boolean, vertex: number | null = null) => {
    if (proposal) {
      const source = pending.find((p) => p.region.id === edited.id);
      if (!source) return;
      const next = adoptProposal(regions, source, edited);
      commit(next, 'region-added', next[next.length - 1]!);
    } else {
      const next = replaceRegion(regions, edited);
      commit(next, 'region-changed', next.find((r) => r.id === edited.id)!);
    }
    setSelection({ id: edited.id, proposal: false, vertex });
  };

  const setTool = (next: Tool) => {
    rememberedTool.set(control.id, next);
    setToolState(next);
    setDrawing(null);
  };

  const closePolygon = () => {
    if (!drawing) return;
    if (drawing.points.length < 3) {
      notifyInfo('Not closed yet', 'A polygon needs at least three points.');
      return;
    }
    const polygon = newPolygon(drawing.points, nextLabel, taken);
    setDrawing(null);
    commit([...regions, polygon], 'region-added', polygon);
    setSelection({ id: polygon.id, proposal: false, vertex: null });
  };

  const canvasActions: CanvasActions = {
    select: (target) => setSelection(target),
    commitRegion: commitEdit,
    addBox: (rect: Rect) => {
      const box = newBox(rect, nextLabel, taken);
      commit([...regions, box], 'region-added', box);
      setSelection({ id: box.id, proposal: false, vertex: null });
    },
    addPolygonPoint: (point) => {
      setSelection(null);
      setDrawing((d) => ({ points: [...(d?.points ?? []), point], undone: [] }));
    },
    closePolygon,
    spaceTap: () => runCommand('task:skip'),
  };

  const ops = {
    setTool,
    closePolygon,
    /** Escape: drop the polygon being drawn, else the vertex selection, else the region selection. */
    cancel: () => {
      if (drawing) setDrawing(null);
      else if (selection?.vertex != null) setSelection({ ...selection, vertex: null });
      else setSelection(null);
    },
    /** Backspace or undo while drawing: one point off, never the whole polygon. */
    removeLastPoint: () =>
      setDrawing((d) => (d && d.points.length > 1 ? { points: d.points.slice(0, -1), undone: [...d.undone, d.points[d.points.length - 1]!] } : null)),
    restorePoint: () =>
      setDrawing((d) => (d && d.undone.length > 0 ? { points: [...d.points, d.undone[d.undone.length - 1]!], undone: d.undone.slice(0, -1) } : d)),
    cycle: (step: 1 | -1) => {
      const next = cycle(order, selection ? orderKey(selection.id, selection.proposal) : null, step);
      if (next) select({ id: next.slice(2), proposal: next.startsWith('p:'), vertex: null }, true);
    },
    deleteSelected: () => {
      if (!selected || !selection) return;
      if (selected.proposal) return ops.rejectOne();
      const region = selected.region;
      if (isPolygon(region) && selection.vertex !== null) {
        const fewer = deleteRegionVertex(region, selection.vertex);
        if (!fewer) return notifyInfo('Vertex kept', 'A polygon needs at least three points; delete the polygon instead (Esc, then Backspace).');
        const next = replaceRegion(regions, fewer);
        commit(next, 'region-changed', next.find((r) => r.id === region.id)!);
        setSelection({ ...selection, vertex: Math.min(selection.vertex, fewer.points.length - 1) });
        return;
      }
      // A deleted proposal stays decided: it does not come back as a pending proposal.
      const fromModel = region.origin === 'prediction' || region.origin === 'prediction-changed';
      commit(removeRegion(regions, region.id), 'region-changed', region, { deleted: true }, fromModel ? [region.id] : []);
      setSelection(null);
    },
    duplicate: () => {
      if (!selected || selected.proposal || !imageSize) return;
      const copy = duplicateRegion(selected.region, imageSize, taken, kind);
      commit([...regions, copy], 'region-added', copy);
      setSelection({ id: copy.id, proposal: false, vertex: null });
    },
    nudge: (dx: number, dy: number) => {
      if (!selected || !imageSize) return;
      const moved = nudgeRegion(selected.region, dx, dy, imageSize, selection?.vertex ?? null);
      commitEdit(moved, selected.proposal, selection?.vertex ?? null);
    },
    /** A label key: relabel the selection, or choose the label of the next region drawn. */
    label: (labelId: string) => {
      if (!selected) return setNextLabel(labelId);
      if (selected.region.label === labelId && !selected.proposal) return;
      commitEdit({ ...selected.region, label: labelId }, selected.proposal, selection?.vertex ?? null);
    },
    toggleHidden: () => setHidden((h) => !h),
    acceptAll: () => {
      if (pending.length === 0) return;
      const next = acceptAll(regions, pending);
      commit(next, 'region-added', next[next.length - 1]!);
    },
    acceptOne: () => {
      const proposal = selected?.proposal ? pending.find((p) => p.region.id === selected.region.id) : undefined;
      if (!proposal) return;
      commit(acceptProposal(regions, proposal), 'region-added', { ...proposal.region, origin: 'prediction' });
      ops.selectNextProposal(proposal.region.id);
    },
    rejectOne: () => {
      if (!selected?.proposal) return;
      // Saved with the answer (one undo step), so the proposal stays rejected when the task is reopened.
      onChange(resultOf(kind, control.id, regions, [...rejectedIds, selected.region.id]));
      ops.selectNextProposal(selected.region.id);
    },
    /** After deciding a proposal, move on to the next one waiting, so a review is one key per proposal. */
    selectNextProposal: (decided: string) => {
      const at = pending.findIndex((p) => p.region.id === decided);
      const next = pending[at + 1] ?? pending[at - 1];
      select(next && next.region.id !== decided ? { id: next.region.id, proposal: true, vertex: null } : null, true);
    },
  };

  return { regions, pending, selection, selected, tool, drawTool, nextLabel, hidden, drawing, canvasActions, ops, select };
}
