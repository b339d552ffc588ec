/**
 * Errors that cross the main/renderer boundary (and the CLI's output) as plain values.
 * `where` names the file, entry, line and field at fault so a person can fix the input.
 */
import { z } from 'zod';

export const errorCodeSchema = z.enum([
  'invalid-input', // a payload or file failed validation
  'pack-refused', // a pack broke a safety rule (paths, sizes, images)
  'not-found',
  'conflict', // e.g. a pack answering another project
  'db-too-new',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorWhereSchema = z.strictObject({
  /** The pack (file or folder name) a `file` inside it belongs to. */
  pack: z.string().optional(),
  file: z.string().optional(),
  entry: z.string().optional(),
  line: z.number().int().optional(),
  field: z.string().optional(),
});
export type ErrorWhere = z.infer<typeof errorWhereSchema>;

export const appErrorSchema = z.strictObject({
  code: errorCodeSchema,
  message: z.string(),
  where: errorWhereSchema.optional(),
});
export type AppErrorValue = z.infer<typeof appErrorSchema>;

export class LoupeError extends Error {
  readonly code: ErrorCode;
  readonly where?: ErrorWhere;
  /** The message without its location prefix. */
  readonly detail: string;
  constructor(code: ErrorCode, message: string, where?: ErrorWhere) {
    super(where ? `${formatWhere(where)}: ${message}` : message);
    this.name = 'LoupeError';
    this.code = code;
    this.where = where;
    this.detail = message;
  }

  /** The same error, saying which pack the file at fault is in (unless it already names the pack). */
  inPack(pack: string): LoupeError {
    if (!this.where || this.where.pack || this.where.file === pack) return this;
    return new LoupeError(this.code, this.detail, { pack, ...this.where });
  }
  toValue(): AppErrorValue {
    return { code: this.code, message: this.message, ...(this.where ? { where: this.where } : {}) };
  }
}

/** `tasks.jsonl, line 3, field data.text` style location. */
export function formatWhere(where: ErrorWhere): string {
  const parts: string[] = [];
  if (where.pack) parts.push(`pack ${where.pack}`);
  if (where.file) parts.push(where.file);
  if (where.entry && where.entry !== where.file) parts.push(`entry ${where.entry}`);
  if (where.line !== undefined) parts.push(`line ${where.line}`);
  if (where.field) parts.push(`field ${where.field}`);
  return parts.join(', ');
}

/** Turn a zod error into a LoupeError naming the first failing field. */
export function fromZodError(error: z.ZodError, where: Omit<ErrorWhere, 'field'> = {}): LoupeError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
  const extra = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return new LoupeError('invalid-input', `${issue?.message ?? 'invalid value'}${extra}`, { ...where, ...(field ? { field } : {}) });
}

/** Parse with a schema, throwing a located LoupeError instead of a raw zod error. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, where: Omit<ErrorWhere, 'field'> = {}): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, where);
  return result.data;
}
