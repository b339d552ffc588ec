/**
 * The Konva stage of the region editor, sized to its container. Two layers, neither listening
 * (hit testing is done on the model, see hitTest.ts), each holding one shape whose scene function
 * paints from refs (paint.ts):
 *  - static: the image and every region except the selected one; redrawn when the answer, the
 *    selection or the view changes, never during a drag;
 *  - overlay: the selected region with its handles and whatever is being drawn; the only layer a
 *    drag or a resize redraws.
 * Zoom and pan are the stage's scale and position, set imperatively (never React state), so they
 * neither rewrite geometry nor re-render React.
 */
import type Konva from 'konva';
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { Layer, Shape, Stage } from 'react-konva';
import { emitAppEvent } from '../../appEvents';
import { paintImage, paintOverlay, paintRegions, type Scene, type Transient } from './paint';
import { useCanvasGestures, type CanvasActions } from './useCanvasGestures';
import { actualSize, fitView, reveal, zoomCentre, type Rect, type Size, type View } from './view';

export interface CanvasHandle {
  zoomBy(factor: number): void;
  fit(): void;
  actual(): void;
  /** Pan so this image rectangle is on screen (a region selected by key or from the list). */
  reveal(rect: Rect): void;
}

interface Props {
  scene: Scene;
  /** Changes with the image (its URL): a new image is fitted to the viewport. */
  imageKey: string;
  actions: CanvasActions;
  handle: RefObject<CanvasHandle | null>;
  onViewChange(view: View): void;
}

export function RegionCanvas({ scene, imageKey, actions, handle, onViewChange }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const stage = useRef<Konva.Stage>(null);
  const staticLayer = useRef<Konva.Layer>(null);
  const overlayLayer = useRef<Konva.Layer>(null);
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const sizeRef = useRef(size);
  const sceneRef = useRef(scene);
  const viewRef = useRef<View>({ scale: 1, x: 0, y: 0 });
  const transient = useRef<Transient>({ edited: null, draftBox: null, cursor: null });
  const actionsRef = useRef(actions);
  const onViewChangeRef = useRef(onViewChange);
  /** The image the view was last fitted to, and whether the view is still "fit" (then a resize refits). */
  const fitted = useRef<{ key: string; fit: boolean } | null>(null);

  useLayoutEffect(() => {
    actionsRef.current = actions;
    onViewChangeRef.current = onViewChange;
  });

  // Scene functions read refs when Konva draws, so they are made once and never change identity.
  const [painters] = useState(() => ({
    static: (context: Konva.Context) => {
      const ctx = context._context;
      const pixelRatio = context.getCanvas().getPixelRatio();
      paintImage(ctx, sceneRef.current, viewRef.current, sizeRef.current, pixelRatio);
      paintRegions(ctx, sceneRef.current, viewRef.current, sizeRef.current);
    },
    overlay: (context: Konva.Context) => paintOverlay(context._context, sceneRef.current, transient.current, viewRef.current),
  }));

  const [api] = useState(() => {
    const apply = (view: View, fit = false, draw = true) => {
      viewRef.current = view;
      if (fitted.current) fitted.current.fit = fit;
      // Exposed for end-to-end tests, which place the mouse in image pixels (one write per frame at most).
      const el = container.current;
      if (el) Object.assign(el.dataset, { scale: String(view.scale), x: String(view.x), y: String(view.y) });
      const node = stage.current;
      if (node) {
        node.scale({ x: view.scale, y: view.scale });
        node.position({ x: view.x, y: view.y });
        if (draw) node.batchDraw();
      }
      onViewChangeRef.current(view);
    };
    const image = () => sceneRef.current.image;
    const ready = () => image() !== null && sizeRef.current.width > 0 && sizeRef.current.height > 0;
    const handleApi: CanvasHandle & { apply: typeof apply } = {
      apply,
      zoomBy: (factor) => ready() && apply(zoomCentre(viewRef.current, factor, image()!, sizeRef.current)),
      fit: () => ready() && apply(fitView(image()!, sizeRef.current), true),
      actual: () => ready() && apply(actualSize(viewRef.current, image()!, sizeRef.current)),
      reveal: (rect) => ready() && apply(reveal(viewRef.current, rect, image()!, sizeRef.current)),
    };
    return handleApi;
  });
  useImperativeHandle(handle, () => api, [api]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((s) => (s.width === Math.floor(width) && s.height === Math.floor(height) ? s : { width: Math.floor(width), height: Math.floor(height) }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // One effect for everything React changes (answer, selection, tool, image, canvas size): fit a
  // new image (or refit after a resize while the view is still "fit"), then repaint both layers
  // now rather than on the next frame, so 'regions-rendered' reports what showing a change costs.
  const shownImage = useRef<string | null>(null);
  // When this image was first asked for: its first paint reports how long the picture took to appear.
  const requestedAt = useRef<{ key: string; at: number } | null>(null);
  useLayoutEffect(() => {
    if (requestedAt.current?.key !== imageKey) requestedAt.current = { key: imageKey, at: performance.now() };
  }, [imageKey]);
  useLayoutEffect(() => {
    const previous = sceneRef.current;
    sceneRef.current = scene;
    sizeRef.current = size;
    transient.current.edited = null; // a committed drag is part of the scene now
    if (!stage.current || !scene.image || size.width === 0 || size.height === 0) return;
    if (fitted.current?.key !== imageKey) fitted.current = { key: imageKey, fit: true };
    if (fitted.current.fit) api.apply(fitView(scene.image, size), true, false);
    const first = shownImage.current !== imageKey;
    shownImage.current = imageKey;
    const started = performance.now();
    staticLayer.current?.draw();
    overlayLayer.current?.draw();
    if (first || previous.regions !== scene.regions || previous.pending !== scene.pending) {
      const now = performance.now();
      const detail = { count: scene.regions.length, proposals: scene.pending.length, ms: now - started };
      emitAppEvent('regions-rendered', first ? { ...detail, first, sinceShownMs: now - (requestedAt.current?.at ?? now) } : detail);
    }
  }, [api, imageKey, scene, size]);

  useCanvasGestures({
    container,
    scene: sceneRef,
    view: viewRef,
    size: sizeRef,
    transient,
    actions: actionsRef,
    setView: (view) => api.apply(view),
    redrawOverlay: () => overlayLayer.current?.batchDraw(),
  });

  return (
    <div
      ref={container}
      data-testid="region-canvas"
      style={{ position: 'absolute', inset: 0, overflow: 'hidden', touchAction: 'none', cursor: scene.tool === 'select' ? 'default' : 'crosshair' }}
    >
      {size.width > 0 && size.height > 0 && (
        <Stage ref={stage} width={size.width} height={size.height} listening={false}>
          <Layer ref={staticLayer} listening={false}>
            <Shape sceneFunc={painters.static} listening={false} perfectDrawEnabled={false} shadowForStrokeEnabled={false} strokeScaleEnabled={false} />
          </Layer>
          <Layer ref={overlayLayer} listening={false}>
            <Shape sceneFunc={painters.overlay} listening={false} perfectDrawEnabled={false} shadowForStrokeEnabled={false} strokeScaleEnabled={false} />
          </Layer>
        </Stage>
      )}
    </div>
  );
}
