/**
 * Hashes that identify pack content: SHA-256 of bytes, and the task hash (SHA-256 of a task's
 * canonical JSON) that results rows carry so a lead can tell which version of a task was answered.
 */
import { createHash, hash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonicalJson';
import type { Task } from '../../../shared/pack/task';

/** Lower-case hex SHA-256 of bytes (strings are hashed as UTF-8). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The task hash is the SHA-256 of the task's line in tasks.jsonl as shipped (without its line
 * break): annotator and lead import the same pack, so both derive the same hash from the same bytes,
 * and importing needs no second serialization of every task. Loupe writes every line as the
 * canonical JSON of the parsed task, so for packs it writes this is also taskHash(task).
 */
export function taskLineHash(line: string): string {
  return hash('sha256', line);
}

/** The hash of a task as Loupe writes it: its canonical JSON line. */
export function taskHash(task: Task): string {
  return taskLineHash(canonicalJson(task));
}
