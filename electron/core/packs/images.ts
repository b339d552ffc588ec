/**
 * Image checks for pack assets, done on the bytes' header before anything decodes the image:
 * only PNG, JPEG, GIF and WebP; never SVG (it can carry script and external references); the
 * extension must match the content; and width × height must stay under the pixel limit, so a
 * tiny file claiming 20000×20000 cannot make the renderer allocate gigabytes.
 */
import { extname } from 'node:path';
import { imageSize } from 'image-size';
import { LoupeError } from '../../../shared/errors';
import type { PackLimits } from './limits';

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export interface ImageInfo {
  width: number;
  height: number;
  mime: ImageMime;
}

/** Extensions an asset may have, and the content each must hold. */
export const IMAGE_EXTENSIONS: Readonly<Record<string, ImageMime>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** image-size's type names for the formats we accept. */
const SNIFFED: Readonly<Record<string, ImageMime>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
};

const SHORT_NAME: Readonly<Record<ImageMime, string>> = {
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
};

/**
 * Markup (SVG, XML, HTML) at the start of the bytes, after an optional BOM and whitespace. No
 * accepted format starts with "<", so this catches an SVG whatever extension it hides behind, even
 * one image-size would not recognize (a comment before the <svg> tag, say).
 */
function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '').trimStart();
  return head.startsWith('<');
}

/**
 * Check one asset. `entry` is its path in the pack (named in every error); `file` is the pack's
 * file name for the error location.
 */
export function checkImage(entry: string, bytes: Uint8Array, limits: Pick<PackLimits, 'maxImagePixels'>, file?: string): ImageInfo {
  const refuse = (message: string) => new LoupeError('pack-refused', message, { ...(file ? { file } : {}), entry });
  const ext = extname(entry).toLowerCase();
  if (ext === '.svg' || ext === '.svgz') throw refuse('is an SVG image; SVG is not allowed in packs (it can carry scripts)');
  const expected = IMAGE_EXTENSIONS[ext];
  if (!expected) {
    throw refuse(`has extension "${ext || '(none)'}"; assets must be PNG, JPEG, GIF or WebP (.png, .jpg, .jpeg, .gif, .webp)`);
  }
  if (looksLikeMarkup(bytes)) throw refuse('holds SVG or other markup; SVG is not allowed in packs (it can carry scripts)');

  let size: { width?: number; height?: number; type?: string };
  try {
    size = imageSize(bytes);
  } catch {
    throw refuse(`is not a readable ${SHORT_NAME[expected]} image (its header is not recognized)`);
  }
  if (size.type === 'svg') throw refuse('holds SVG content; SVG is not allowed in packs (it can carry scripts)');
  const sniffed = size.type ? SNIFFED[size.type] : undefined;
  if (!sniffed) throw refuse(`holds a ${size.type ?? 'unknown'} image; assets must be PNG, JPEG, GIF or WebP`);
  if (sniffed !== expected) {
    throw refuse(`has extension ${ext} but holds a ${SHORT_NAME[sniffed]} image; the extension must match the content`);
  }
  const width = size.width ?? 0;
  const height = size.height ?? 0;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width <= 0 || height <= 0) {
    throw refuse(`has an invalid size in its header (${width}x${height})`);
  }
  if (width * height > limits.maxImagePixels) {
    throw refuse(
      `is ${width}x${height} (${(width * height).toLocaleString('en-US')} pixels), more than the ${limits.maxImagePixels.toLocaleString('en-US')} pixel limit`,
    );
  }
  return { width, height, mime: sniffed };
}
