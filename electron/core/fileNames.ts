/**
 * File names made from pack, project and person names (export and split defaults): letters and
 * digits of any script kept, every other run of characters one hyphen, never empty.
 */
export function safeFileName(name: string, fallback: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || fallback;
}
