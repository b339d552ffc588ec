/**
 * Canonical JSON: object keys sorted, no whitespace. Used for task hashes and deterministic packs,
 * where the same value must always produce the same bytes.
 *
 * Keys are sorted by UTF-16 code units (as Array.prototype.sort and RFC 8785 do) and the text is
 * built directly rather than through a re-keyed object: a JS object always lists integer-like keys
 * ("2", "10") first in numeric order, which would not be sorted order and would differ from other
 * languages' sort_keys. Otherwise it follows JSON.stringify (toJSON, undefined skipped in objects
 * and null in arrays, non-finite numbers as null).
 */
export function canonicalJson(value: unknown): string {
  return serialize(value) ?? 'null';
}

function serialize(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (Array.isArray(value)) return `[${value.map((v) => serialize(v) ?? 'null').join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const v = serialize(record[key]);
      if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) as string | undefined;
}
