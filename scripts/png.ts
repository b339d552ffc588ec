/**
 * Tiny helpers for the images the project draws itself (sample packs, benchmarks): a PNG encoder
 * for 8-bit RGB rows (zlib and CRC-32 from Node) and a seeded random generator, so generated
 * images are the same on every run.
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encode RGB rows, each already prefixed with its filter byte (0 = none), as a PNG. */
export function encodePng(width: number, height: number, filteredRows: Buffer, level = 9): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(filteredRows, { level })), chunk('IEND', Buffer.alloc(0))]);
}

/** Mulberry32 (shared/random.ts): small, seeded, good enough for layout and texture. */
export { mulberry32 as seededRandom } from '../shared/random';
