/**
 * Helpers for the image-format tests: real (tiny, valid) PNG files of a chosen size, since the
 * converters read sizes from image headers, and an ExportInput built from a read SourceSet.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import type { Answer } from '../../../shared/pack/task';
import type { ExportInput, FinalRow, SourceSet } from '../../../electron/core/formats/interop/types';

/** ../shared/fixtures/interop from the repo root: real files other tools wrote (see its README). */
export const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/interop', import.meta.url));
export const HAVE_FIXTURES = existsSync(FIXTURES);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A black 1-bit grayscale PNG: small to store even at 2800×2800, and a valid file throughout. */
export function writePng(path: string, width: number, height: number): string {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // grayscale
  const raw = Buffer.alloc((Math.ceil(width / 8) + 1) * height); // each row: filter byte + pixels
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  writeFileSync(path, Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
  return path;
}

/**
 * An export of a read set: each task's first person's annotation as the final answer (null when
 * it has none), in one batch, images where the set found them (or as `images` overrides).
 */
export function exportOf(set: Pick<SourceSet, 'labelConfig' | 'tasks' | 'images'>, images: Map<string, string> = set.images): ExportInput {
  const rows: FinalRow[] = set.tasks.map(({ task, annotations }) => {
    const first = annotations.find((a) => a.kind === 'annotation');
    return { task, answer: first ? (first.answer as Answer) : null, annotator: first?.annotator ?? null };
  });
  return {
    labelConfig: set.labelConfig,
    rows: async function* () {
      yield rows;
    },
    imagePath: (asset) => images.get(asset) ?? null,
    total: rows.length,
  };
}
