/**
 * Loads a task's image for the canvas: reads its size first and refuses one past the pixel cap
 * with a message a person understands (before anything is decoded), then decodes it off the main
 * thread (createImageBitmap) into a bitmap that stays decoded, and makes halved copies of it so a
 * zoomed-out frame draws a screen-sized bitmap instead of resampling 24 megapixels every frame.
 */
import { useEffect, useState } from 'react';
import type { ImageSource } from './paint';

/** The pack reader's default cap (electron/core/packs/limits.ts): 100 MP, 400 MB once decoded. */
export const MAX_IMAGE_PIXELS = 100_000_000;
/** Smaller copies stop here: below this width the full-size level is cheap enough to scale. */
const MIN_LEVEL_WIDTH = 512;

export type ImageState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; source: ImageSource; loadMs: number };

export function tooLargeMessage(width: number, height: number): string | null {
  const pixels = width * height;
  if (pixels <= MAX_IMAGE_PIXELS) return null;
  const mp = (n: number) => `${(n / 1_000_000).toFixed(1)} megapixels`;
  return `This image is ${width} × ${height} (${mp(pixels)}), more than the ${mp(MAX_IMAGE_PIXELS)} Loupe can show. Ask the pack’s author for a smaller image.`;
}

async function halvedLevels(full: ImageBitmap): Promise<ImageSource['levels']> {
  const levels: Array<{ source: CanvasImageSource; width: number }> = [{ source: full, width: full.width }];
  let previous = full;
  while (previous.width / 2 >= MIN_LEVEL_WIDTH) {
    // Each level from the one before: cheap, and 'medium' filtering keeps thin lines visible.
    const next = await createImageBitmap(previous, {
      resizeWidth: Math.round(previous.width / 2),
      resizeHeight: Math.max(1, Math.round(previous.height / 2)),
      resizeQuality: 'medium',
    });
    levels.push({ source: next, width: next.width });
    previous = next;
  }
  return levels;
}

export function useImageSource(url: string | null): ImageState {
  // Keyed by URL, so a new task's image reads as loading at once, without a reset in the effect.
  const [loaded, setLoaded] = useState<{ url: string; state: ImageState } | null>(null);
  useEffect(() => {
    if (!url) return;
    let cancelled = false;
    const bitmaps: ImageBitmap[] = [];
    const started = performance.now();
    const settle = (state: ImageState | ((s: ImageState) => ImageState)) => {
      if (cancelled) return;
      setLoaded((previous) => {
        const before = previous?.url === url ? previous.state : ({ status: 'loading' } as const);
        return { url, state: typeof state === 'function' ? state(before) : state };
      });
    };
    const element = new Image();
    element.decoding = 'async';
    element.onerror = () => settle({ status: 'error', message: 'The image could not be loaded (missing or not a picture).' });
    element.onload = async () => {
      // The element knows its size once loaded; the pixels are decoded only below, after the check.
      const refusal = tooLargeMessage(element.naturalWidth, element.naturalHeight);
      if (refusal) return settle({ status: 'error', message: refusal });
      try {
        const full = await createImageBitmap(element);
        bitmaps.push(full);
        const base = { width: full.width, height: full.height };
        settle({ status: 'ready', source: { ...base, levels: [{ source: full, width: full.width }] }, loadMs: performance.now() - started });
        // The bitmap holds the pixels now: let the element's copy go (an empty src fires 'error': unhook it first).
        element.onerror = null;
        element.src = '';
        const levels = await halvedLevels(full);
        bitmaps.push(...levels.slice(1).map((l) => l.source as ImageBitmap));
        if (cancelled) levels.slice(1).forEach((l) => (l.source as ImageBitmap).close());
        settle((s) => (s.status === 'ready' ? { ...s, source: { ...base, levels } } : s));
      } catch {
        settle({ status: 'error', message: 'The image could not be decoded.' });
      }
    };
    element.src = url;
    return () => {
      cancelled = true;
      element.onload = null;
      element.onerror = null;
      for (const bitmap of bitmaps) bitmap.close();
    };
  }, [url]);
  if (!url) return { status: 'error', message: 'This task has no image to show.' };
  return loaded?.url === url ? loaded.state : { status: 'loading' };
}
