/**
 * What a task read from a CoNLL file keeps in `task.meta.conll` so the writer can give the file
 * back as it was: the layout (which column is which, the separator, the tag scheme), per sentence
 * the lines before it (blank lines, `-DOCSTART-`, `#` comments) and the values of every column
 * Loupe does not model (POS, chunk, an index, the `+`/`-` spacing, unknown columns), and for the
 * file's last task what follows it and whether the file ends with a line break.
 *
 * The writer reads it back through `shapeOf`, which checks it, since meta comes from the store
 * and could have been written by anything.
 */
import { z } from 'zod';
import { SCHEMES, type Scheme } from './conllTags';

const lines = z.array(z.string());

const sentenceShape = {
  /** Lines between the previous sentence and this one, as the file had them. */
  before: lines.optional(),
  /** Per column whose role is `keep` or `space`, in column order: its value for each token. */
  extra: z.array(z.array(z.string())).optional(),
  /** Each token's length in code points, where single spaces between tokens would not give them back. */
  lengths: z.array(z.number().int().min(1)).optional(),
};

export const conllShapeSchema = z.object({
  layout: z.enum(['columns', 'sentence-per-line']),
  sep: z.enum(['\t', ' ']),
  roles: z.array(z.enum(['token', 'tag', 'nested', 'space', 'keep'])).min(2),
  scheme: z.enum(SCHEMES as [string, ...string[]]),
  nestedScheme: z.enum(SCHEMES as [string, ...string[]]).optional(),
  /** Absent: blank lines separate sentences (or, sentence per line, line breaks do). */
  breaks: z.literal(false).optional(),
  eol: z.literal('\r\n').optional(),
  ...sentenceShape,
  /** A document task (read with per: 'document'): its sentences, one per line of its text. */
  sentences: z.array(z.object(sentenceShape)).optional(),
  /** The file's last task: the lines after it, and `end: false` when the file has no final line break. */
  after: lines.optional(),
  end: z.literal(false).optional(),
  /** The file's first task, whose `before` starts with blank lines that belong at the top. */
  top: z.literal(true).optional(),
});

export type ConllShape = Omit<z.infer<typeof conllShapeSchema>, 'scheme' | 'nestedScheme'> & { scheme: Scheme; nestedScheme?: Scheme };
export type SentenceShape = { before?: string[]; extra?: string[][]; lengths?: number[] };

/** The task's CoNLL shape, or null when it has none (a task not read from CoNLL) or it is not valid. */
export function shapeOf(meta: Record<string, unknown> | undefined): { shape: ConllShape | null; invalid: boolean } {
  const raw = meta?.conll;
  if (raw === undefined) return { shape: null, invalid: false };
  const parsed = conllShapeSchema.safeParse(raw);
  return parsed.success ? { shape: parsed.data as ConllShape, invalid: false } : { shape: null, invalid: true };
}
