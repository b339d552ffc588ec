/**
 * Pointer, wheel and Space input on the region canvas, as one small state machine per gesture
 * (pan, draw a box, move, resize, drag a vertex). A gesture in progress lives in refs and is shown
 * by redrawing the overlay layer only; React and the answer hear of it once, when the button is
 * released (one drag = one undo step, and no React render per mouse move).
 *
 * Pan: middle-button drag anywhere, a drag on empty image in the select tool, or Space held while
 * the pointer is over the canvas: the image follows the pointer, button pressed or not (as in
 * image editors). Space is also "skip" in the labeling view, so the canvas takes Space only while
 * the pointer is over it; a quick tap of Space that did not pan still skips, and a long hold that
 * did not pan does nothing (whoever held Space meant to pan, not to skip).
 */
import { useEffect, useRef, type RefObject } from 'react';
import { shouldIgnoreKeyEvent } from '../../keys/keyGuard';
import { boxFromDrag, clampPoint, closesPolygon, distance, insertVertex, moveVertex, resizeBox, type Handle } from './geometry';
import { hitHandle, hitTest, type Hit } from './hitTest';
import { isPolygon, moveRegion, sameGeometry, type BoxRegion, type PolygonRegion, type Region } from './model';
import type { Scene, Transient } from './paint';
import { panBy, toImage, wheelFactor, zoomAt, type Point, type Rect, type Size, type View } from './view';

/** What the canvas asks of the editor; each call is a committed change or a selection. */
export interface CanvasActions {
  select(target: { id: string; proposal: boolean; vertex: number | null } | null): void;
  /** A region (or a proposal, which this adopts) after a move, resize or vertex drag. */
  commitRegion(edited: Region, proposal: boolean, vertex: number | null): void;
  addBox(rect: Rect): void;
  addPolygonPoint(point: Point): void;
  closePolygon(): void;
  spaceTap(): void;
}

export interface GestureContext {
  container: RefObject<HTMLDivElement | null>;
  scene: RefObject<Scene>;
  view: RefObject<View>;
  size: RefObject<Size>;
  transient: RefObject<Transient>;
  setView(view: View): void;
  redrawOverlay(): void;
  actions: RefObject<CanvasActions>;
}

/** How close (screen pixels) the pointer must be to a handle or vertex to grab it. */
const GRAB = 7;
/** A press that moves less than this (screen pixels) is a click, not a drag. */
const CLICK_SLOP = 4;
/** Space released sooner than this, without a pan, is a tap: it skips. */
const SPACE_TAP_MS = 350;

type Gesture =
  | { kind: 'pan'; start: Point; view: View; moved: boolean; deselect: boolean }
  | { kind: 'draw'; start: Point; startScreen: Point }
  | { kind: 'move'; region: Region; proposal: boolean; start: Point; startScreen: Point; moving: boolean }
  | { kind: 'resize'; region: BoxRegion; proposal: boolean; handle: Handle }
  | { kind: 'vertex'; region: PolygonRegion; proposal: boolean; index: number; inserted: boolean };

const HANDLE_CURSORS: Record<Handle, string> = {
  nw: 'nwse-resize', se: 'nwse-resize', ne: 'nesw-resize', sw: 'nesw-resize', n: 'ns-resize', s: 'ns-resize', e: 'ew-resize', w: 'ew-resize',
};

function hoverCursor(hit: Hit | null): string {
  if (!hit) return 'default';
  if (hit.kind === 'handle') return HANDLE_CURSORS[hit.handle];
  if (hit.kind === 'vertex') return 'pointer';
  if (hit.kind === 'midpoint') return 'copy';
  return 'move';
}

export function useCanvasGestures(ctx: GestureContext): void {
  // The context object is new on every render; the listeners read the latest one through this ref.
  const latest = useRef(ctx);
  useEffect(() => {
    latest.current = ctx;
  });

  useEffect(() => {
    const el = latest.current.container.current;
    if (!el) return;
    let gesture: Gesture | null = null;
    let pointerOver = false;
    let spaceHeld = false;
    let spacePanned = false;
    let spaceDownAt = 0;
    /** Where the pointer was, and the view, when a Space pan without a button began. */
    let spaceAnchor: { screen: Point; view: View } | null = null;

    const c = () => latest.current;
    const screenPoint = (e: { clientX: number; clientY: number }): Point => {
      const box = el.getBoundingClientRect();
      return [e.clientX - box.left, e.clientY - box.top];
    };
    const imagePoint = (screen: Point): Point => toImage(c().view.current, screen);
    const tolerance = () => GRAB / c().view.current.scale;
    const imageSize = (): Size | null => c().scene.current.image;
    const setCursor = (cursor: string) => {
      if (el.style.cursor !== cursor) el.style.cursor = cursor;
    };
    const restCursor = () => {
      const { tool } = c().scene.current;
      setCursor(spaceHeld ? 'grab' : tool === 'select' ? 'default' : 'crosshair');
    };
    const showEdited = (region: Region | null) => {
      c().transient.current.edited = region;
      c().redrawOverlay();
    };

    const startPan = (screen: Point, deselect: boolean) => {
      gesture = { kind: 'pan', start: screen, view: c().view.current, moved: false, deselect };
      setCursor('grabbing');
    };

    const pressOnSelected = (p: Point): boolean => {
      const { selected, hidden } = c().scene.current;
      if (!selected || hidden) return false;
      const hit = hitHandle(selected.region, p, tolerance());
      if (!hit) return false;
      if (hit.kind === 'handle' && !isPolygon(selected.region)) {
        gesture = { kind: 'resize', region: selected.region, proposal: selected.proposal, handle: hit.handle };
      } else if (hit.kind === 'vertex' && isPolygon(selected.region)) {
        gesture = { kind: 'vertex', region: selected.region, proposal: selected.proposal, index: hit.index, inserted: false };
        c().actions.current.select({ id: selected.region.id, proposal: selected.proposal, vertex: hit.index });
      } else if (hit.kind === 'midpoint' && isPolygon(selected.region) && imageSize()) {
        // Pressing an edge's midpoint inserts a vertex there and drags it: one step either way.
        const points = insertVertex(selected.region.points, hit.edge, p, imageSize()!);
        const region = { ...selected.region, points };
        gesture = { kind: 'vertex', region, proposal: selected.proposal, index: hit.edge + 1, inserted: true };
        showEdited(region);
      }
      return gesture !== null;
    };

    const onPointerDown = (e: PointerEvent) => {
      const scene = c().scene.current;
      const image = imageSize();
      if (!image || gesture) return;
      const screen = screenPoint(e);
      const p = imagePoint(screen);
      el.setPointerCapture?.(e.pointerId);
      if (e.button === 1 || (e.button === 0 && spaceHeld)) {
        e.preventDefault(); // no middle-click autoscroll or paste
        spacePanned = spaceHeld;
        return startPan(screen, false);
      }
      if (e.button !== 0) return;
      if (scene.drawing === null && pressOnSelected(p)) return;
      if (scene.tool === 'box') {
        gesture = { kind: 'draw', start: p, startScreen: screen };
        return;
      }
      if (scene.tool === 'polygon') {
        const drawing = scene.drawing ?? [];
        if (closesPolygon(drawing, p, tolerance())) c().actions.current.closePolygon();
        else c().actions.current.addPolygonPoint(clampPoint(p, image)); // a click past the border puts the vertex on it
        return;
      }
      const hit = scene.hidden ? null : hitTest(p, tolerance(), scene.selected, scene.regions, scene.pendingRegions);
      if (hit?.kind !== 'region') return startPan(screen, true);
      const region = hit.proposal ? scene.pendingRegions.find((r) => r.id === hit.id) : scene.regions.find((r) => r.id === hit.id);
      if (!region) return;
      if (scene.selected?.region.id !== hit.id) c().actions.current.select({ id: hit.id, proposal: hit.proposal, vertex: null });
      gesture = { kind: 'move', region, proposal: hit.proposal, start: p, startScreen: screen, moving: false };
    };

    const onPointerMove = (e: PointerEvent) => {
      const screen = screenPoint(e);
      const image = imageSize();
      const g = gesture;
      if (!image) return;
      if (!g && spaceHeld) return spacePan(screen, image);
      if (!g) return hover(screen);
      const p = imagePoint(screen);
      switch (g.kind) {
        case 'pan': {
          const dx = screen[0] - g.start[0];
          const dy = screen[1] - g.start[1];
          if (!g.moved && Math.hypot(dx, dy) < CLICK_SLOP) return;
          g.moved = true;
          c().setView(panBy(g.view, dx, dy, image, c().size.current));
          return;
        }
        case 'draw':
          c().transient.current.draftBox = distance(screen, g.startScreen) < CLICK_SLOP ? null : boxFromDrag(g.start, p, image);
          c().redrawOverlay();
          return;
        case 'move':
          if (!g.moving && distance(screen, g.startScreen) < CLICK_SLOP) return;
          g.moving = true;
          showEdited(moveRegion(g.region, p[0] - g.start[0], p[1] - g.start[1], image));
          return;
        case 'resize':
          showEdited({ ...g.region, ...resizeBox(g.region, g.handle, p, image) });
          return;
        case 'vertex':
          showEdited({ ...g.region, points: moveVertex(g.region.points, g.index, p, image) });
          return;
      }
    };

    const spacePan = (screen: Point, image: Size) => {
      if (!spaceAnchor) {
        spaceAnchor = { screen, view: c().view.current };
        return;
      }
      const dx = screen[0] - spaceAnchor.screen[0];
      const dy = screen[1] - spaceAnchor.screen[1];
      if (!spacePanned && Math.hypot(dx, dy) < CLICK_SLOP) return;
      spacePanned = true;
      setCursor('grabbing');
      c().setView(panBy(spaceAnchor.view, dx, dy, image, c().size.current));
    };

    const hover = (screen: Point) => {
      const scene = c().scene.current;
      if (scene.drawing) {
        c().transient.current.cursor = imagePoint(screen);
        c().redrawOverlay();
      }
      if (spaceHeld || scene.tool === 'polygon') return restCursor();
      if (scene.tool === 'box') {
        const onHandle = scene.selected && !scene.hidden ? hitHandle(scene.selected.region, imagePoint(screen), tolerance()) : null;
        return setCursor(onHandle ? hoverCursor(onHandle) : 'crosshair');
      }
      if (scene.hidden) return setCursor('default');
      setCursor(hoverCursor(hitTest(imagePoint(screen), tolerance(), scene.selected, scene.regions, scene.pendingRegions)));
    };

    const finish = (e: PointerEvent, cancelled: boolean) => {
      const g = gesture;
      gesture = null;
      if (el.hasPointerCapture?.(e.pointerId)) el.releasePointerCapture(e.pointerId);
      const transient = c().transient.current;
      const actions = c().actions.current;
      if (g?.kind === 'draw') {
        const draft = transient.draftBox;
        transient.draftBox = null;
        c().redrawOverlay();
        if (draft && !cancelled && draft.width > 0 && draft.height > 0) actions.addBox(draft);
      } else if (g?.kind === 'pan') {
        if (!g.moved && g.deselect && !cancelled) actions.select(null);
      } else if (g) {
        const edited = transient.edited;
        const changed = edited !== null && !cancelled && (!sameGeometry(edited, g.region) || (g.kind === 'vertex' && g.inserted));
        if (changed) {
          // The overlay keeps showing `edited` until the new answer arrives (the canvas clears it then).
          actions.commitRegion(edited, g.proposal, g.kind === 'vertex' ? g.index : null);
        } else {
          showEdited(null);
        }
      }
      restCursor();
    };
    const onPointerUp = (e: PointerEvent) => finish(e, false);
    const onPointerCancel = (e: PointerEvent) => finish(e, true);

    const onWheel = (e: WheelEvent) => {
      const image = imageSize();
      if (!image) return;
      e.preventDefault();
      const { view, size } = c();
      c().setView(zoomAt(view.current, screenPoint(e), wheelFactor(e.deltaY, e.deltaMode), image, size.current));
    };

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || !pointerOver || e.ctrlKey || e.metaKey || e.altKey || shouldIgnoreKeyEvent(e)) return;
      e.preventDefault(); // the keymap skips prevented keys: Space is ours while the pointer is here
      if (e.repeat || spaceHeld) return;
      spaceHeld = true;
      spacePanned = false;
      spaceDownAt = performance.now();
      spaceAnchor = null;
      if (!gesture) restCursor();
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || !spaceHeld) return;
      spaceHeld = false;
      spaceAnchor = null;
      const panned = spacePanned || gesture?.kind === 'pan';
      if (gesture?.kind !== 'pan') restCursor();
      if (!panned && performance.now() - spaceDownAt < SPACE_TAP_MS) c().actions.current.spaceTap();
    };
    const onEnter = () => {
      pointerOver = true;
    };
    const onLeave = () => {
      pointerOver = false;
      if (c().scene.current.drawing) {
        c().transient.current.cursor = null;
        c().redrawOverlay();
      }
    };
    const onMouseDown = (e: MouseEvent) => {
      if (e.button === 1) e.preventDefault(); // Linux pastes and Windows autoscrolls on a middle click
    };

    el.addEventListener('pointerdown', onPointerDown);
    el.addEventListener('pointermove', onPointerMove);
    el.addEventListener('pointerup', onPointerUp);
    el.addEventListener('pointercancel', onPointerCancel);
    el.addEventListener('pointerenter', onEnter);
    el.addEventListener('pointerleave', onLeave);
    el.addEventListener('mousedown', onMouseDown);
    el.addEventListener('wheel', onWheel, { passive: false });
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      el.removeEventListener('pointerdown', onPointerDown);
      el.removeEventListener('pointermove', onPointerMove);
      el.removeEventListener('pointerup', onPointerUp);
      el.removeEventListener('pointercancel', onPointerCancel);
      el.removeEventListener('pointerenter', onEnter);
      el.removeEventListener('pointerleave', onLeave);
      el.removeEventListener('mousedown', onMouseDown);
      el.removeEventListener('wheel', onWheel);
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, []);
}
