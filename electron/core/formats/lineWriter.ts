/**
 * Writing an export file all-or-nothing: text goes to a temporary sibling that is renamed into
 * place only once complete, so a failed or refused export never leaves a half-written file behind
 * (nor clobbers an earlier good one). Writes wait for the stream to drain, so a large export holds
 * one chunk in memory at a time rather than queueing the whole file.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/** Appends text to the file being written; resolves once the stream can take more. */
export type WriteChunk = (chunk: string) => Promise<void>;

export async function writeFileAtomically<T>(outPath: string, fill: (write: WriteChunk) => Promise<T>): Promise<T> {
  const temp = `${outPath}.partial-${process.pid}`;
  const out = createWriteStream(temp, { encoding: 'utf8' });
  // A stream error (say, the folder does not exist) is read from `out.errored` at the next write or
  // at the end; without a listener it would crash the process instead.
  out.on('error', () => {});
  const write: WriteChunk = async (chunk) => {
    if (out.errored) throw out.errored;
    if (chunk && !out.write(chunk)) await once(out, 'drain');
  };
  try {
    const result = await fill(write);
    out.end();
    await finished(out);
    await rename(temp, outPath);
    return result;
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  }
}
