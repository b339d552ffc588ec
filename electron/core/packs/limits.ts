/**
 * Size limits for reading packs. A pack comes from someone else's disk, so every number that could
 * make the app read, inflate or decode without bound has a ceiling here. Callers may tighten or
 * loosen them per read (tests use tiny limits to exercise the refusals cheaply).
 */

export interface PackLimits {
  /** Sum of the real (decompressed) bytes of every entry read from one pack. */
  maxTotalBytes: number;
  /** Number of entries (files and folders) a pack may hold. */
  maxEntries: number;
  /** Real (decompressed) bytes of one entry. */
  maxEntryBytes: number;
  /** Decompressed/compressed ratio of one entry; only applied above RATIO_MIN_BYTES (see below). */
  maxCompressionRatio: number;
  /** width × height of one image, checked from its header before anything decodes it. */
  maxImagePixels: number;
  /** Bytes of one line of the rows file (JSONL). */
  maxLineBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<PackLimits> = Object.freeze({
  maxTotalBytes: 1024 * MiB,
  maxEntries: 200_000,
  maxEntryBytes: 512 * MiB,
  maxCompressionRatio: 200,
  maxImagePixels: 100_000_000,
  maxLineBytes: 8 * MiB,
});

/**
 * The ratio check only starts once an entry has inflated past this many bytes: small text files
 * (a JSONL of repeated rows, an empty-ish manifest) legitimately compress far better than 200:1,
 * and a small entry cannot hurt anyone whatever its ratio.
 */
export const RATIO_MIN_BYTES = 1 * MiB;

/** Defaults overridden by the given fields; refuses nonsense so a typo cannot switch a check off. */
export function resolveLimits(overrides: Partial<PackLimits> = {}): PackLimits {
  const limits: PackLimits = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides) as [keyof PackLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!(key in DEFAULT_LIMITS)) throw new TypeError(`unknown pack limit "${key}"`);
    if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) {
      throw new TypeError(`pack limit ${key} must be a positive number, got ${String(value)}`);
    }
    limits[key] = value;
  }
  return limits;
}

/** `512 MiB` style sizes for messages people read. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
