/**
 * The dataset as CSV, one row per task, for a spreadsheet or a quick pandas look:
 *
 * `id`, what the task shows (`text`; `image` as the asset's file name; for a conversation the
 * `prompt` — a list of turns as JSON — and its `responses` as JSON, without which a preference's
 * "A" or "B" could not be read), one or more columns per question of the label config with the
 * final answer flattened, and `annotator` (a person as `name (id)`, or `majority`, `gold`):
 *
 * - choices: the label ids joined by `|`;
 * - spans: JSON `[[start, end, label], …]`, code-point offsets as everywhere in Loupe;
 * - boxes: JSON `[{label, x, y, width, height}, …]` in image pixels;
 * - rubric: one column per dimension, `<question>.<dimension>`, holding the score;
 * - pairwise: `<question>.choice` (A, B or tie), `<question>.strength`, `<question>.justification`
 *   and one column per preference dimension, `<question>.<dimension>`;
 * - free text: the text itself;
 * - every other kind: the answer as JSON (without its kind and question id, which the column says).
 *
 * A task without a final answer has empty answer cells. Quoting is csv-stringify's (RFC 4180), so
 * commas, quotes and line breaks inside a cell survive a round trip through any CSV reader.
 */
import { stringify } from 'csv-stringify/sync';
import { LoupeError } from '../../../../shared/errors';
import type { Control, LabelConfig } from '../../../../shared/pack/labelConfig';
import type { ControlResult } from '../../../../shared/pack/task';
import { writeRows } from './textShared';
import type { ExportInput, ExportOutcome, FinalRow } from './types';

interface Column {
  header: string;
  value: (row: FinalRow) => string | number | null;
}

const resultFor = (row: FinalRow, control: Control): ControlResult | null => row.answer?.find((r) => r.controlId === control.id && r.kind === control.kind) ?? null;

/** The answer without the fields its column already says, as JSON. */
function asJson(result: ControlResult): string {
  const { kind: _kind, controlId: _controlId, ...rest } = result;
  return JSON.stringify(rest);
}

function answerColumns(control: Control): Column[] {
  const of = <K extends ControlResult['kind']>(row: FinalRow) => resultFor(row, control) as Extract<ControlResult, { kind: K }> | null;
  switch (control.kind) {
    case 'choices':
      return [{ header: control.id, value: (row) => of<'choices'>(row)?.labels.join('|') ?? null }];
    case 'spans':
      return [
        {
          header: control.id,
          value: (row) => {
            const result = of<'spans'>(row);
            return result ? JSON.stringify(result.spans.map((s) => [s.start, s.end, s.label])) : null;
          },
        },
      ];
    case 'boxes':
      return [
        {
          header: control.id,
          value: (row) => {
            const result = of<'boxes'>(row);
            return result ? JSON.stringify(result.boxes.map((b) => ({ label: b.label, x: b.x, y: b.y, width: b.width, height: b.height }))) : null;
          },
        },
      ];
    case 'rubric':
      return control.dimensions.map((d) => ({ header: `${control.id}.${d.id}`, value: (row) => of<'rubric'>(row)?.scores[d.id] ?? null }));
    case 'pairwise':
      return [
        { header: `${control.id}.choice`, value: (row) => of<'pairwise'>(row)?.choice ?? null },
        { header: `${control.id}.strength`, value: (row) => of<'pairwise'>(row)?.strength ?? null },
        { header: `${control.id}.justification`, value: (row) => of<'pairwise'>(row)?.justification ?? null },
        ...control.dimensions.map((d) => ({ header: `${control.id}.${d.id}`, value: (row: FinalRow) => of<'pairwise'>(row)?.dimensions?.[d.id] ?? null })),
      ];
    case 'textarea':
      return [{ header: control.id, value: (row) => of<'textarea'>(row)?.text ?? null }];
    default: {
      return [
        {
          header: control.id,
          value: (row) => {
            const result = resultFor(row, control);
            return result ? asJson(result) : null;
          },
        },
      ];
    }
  }
}

function dataColumns(config: LabelConfig): Column[] {
  switch (config.data) {
    case 'text':
      return [{ header: 'text', value: (row) => row.task.data.text ?? null }];
    case 'image':
      return [{ header: 'image', value: (row) => row.task.data.image?.replace(/^assets\//, '') ?? null }];
    case 'conversation':
      return [
        { header: 'prompt', value: (row) => (typeof row.task.data.prompt === 'string' ? row.task.data.prompt : row.task.data.prompt ? JSON.stringify(row.task.data.prompt) : null) },
        { header: 'responses', value: (row) => (row.task.data.responses ? JSON.stringify(row.task.data.responses) : null) },
      ];
  }
}

/** Write the final rows as CSV (see the module comment for the columns). */
export async function writeCsvDataset(input: ExportInput, outPath: string): Promise<ExportOutcome> {
  const columns: Column[] = [
    { header: 'id', value: (row) => row.task.id },
    ...dataColumns(input.labelConfig),
    ...input.labelConfig.controls.flatMap(answerColumns),
    { header: 'annotator', value: (row) => (row.annotatorName && row.annotator && row.annotatorName !== row.annotator ? `${row.annotatorName} (${row.annotator})` : row.annotator) },
  ];
  // Two columns of one name would make the file ambiguous to every reader keyed by header.
  const seen = new Set<string>();
  for (const { header } of columns) {
    if (seen.has(header)) throw new LoupeError('invalid-input', `CSV export: two columns would both be called "${header}" (a question's id clashes with a fixed or derived column); use the Loupe JSONL export`);
    seen.add(header);
  }
  return writeRows(input, outPath, (row) => stringify([columns.map((c) => c.value(row))]), stringify([columns.map((c) => c.header)]));
}
