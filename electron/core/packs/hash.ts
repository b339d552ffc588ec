/**
 * Hashes that identify pack content: SHA-256 of bytes, and the task hash (SHA-256 of a task's
 * canonical JSON) that results rows carry so a lead can tell which version of a task was answered.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../shared/canonicalJson';
import type { Task } from '../../../shared/pack/task';

/** Lower-case hex SHA-256 of bytes (strings are hashed as UTF-8). */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Hash of a task as parsed by taskSchema (defaults filled in). Readers and writers both hash the
 * parsed value, so the hash does not depend on key order or whitespace in tasks.jsonl.
 */
export function taskHash(task: Task): string {
  return sha256Hex(canonicalJson(task));
}
