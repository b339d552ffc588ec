/**
 * How the CLI speaks: human text or `--json` on stdout, progress on stderr, and exit codes
 * 0 ok / 1 invalid input / 2 usage error.
 */
import { LoupeError } from '../../../shared/errors';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export interface Output {
  json: boolean;
  /** Print the result: `human` as text, or `value` as one JSON document with --json. */
  result(value: unknown, human: string): void;
  progress(message: string): void;
  /** A lossy step or a surprise the person must see: a whole line on stderr, never overwritten by progress. */
  warn(message: string): void;
}

export function makeOutput(json: boolean): Output {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
    },
    progress(message) {
      if (process.stderr.isTTY) process.stderr.write(`\r${message}\x1b[K`);
      else process.stderr.write(`${message}\n`);
    },
    warn(message) {
      process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}warning: ${message}\n`);
    },
  };
}

/** Progress every `every` items and at the end, so long runs show they are alive. */
export function throttledProgress(out: Output, label: string, every = 10_000): (done: number, total: number) => void {
  let last = -every;
  return (done, total) => {
    if (done - last < every && done !== total) return;
    last = done;
    out.progress(`${label}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')}`);
    if (done === total && process.stderr.isTTY) process.stderr.write('\n');
  };
}

/** Report a failure and return the exit code. */
export function reportFailure(error: unknown, json: boolean): number {
  if (error instanceof UsageError) {
    process.stderr.write(`loupe: ${error.message}\nRun "loupe --help" for usage.\n`);
    return EXIT_USAGE;
  }
  const failure =
    error instanceof LoupeError ? error : new LoupeError('internal', error instanceof Error ? error.message : String(error));
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok: false, error: failure.toValue() }, null, 2)}\n`);
  } else {
    process.stderr.write(`loupe: ${failure.message}\n`);
  }
  return EXIT_INVALID;
}
