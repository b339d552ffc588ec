/**
 * A label config typed by a lead, checked as they type by the same schema the pack reader uses
 * (hotkey clashes, colours, unknown kinds, scales …), each problem with its path. Shared by the
 * new-project form and the project's Setup tab, so both say the same thing about the same text.
 */
import { labelConfigSchema, type LabelConfig } from '../../../shared/pack/labelConfig';

export function checkConfigText(text: string): { config: LabelConfig | null; problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { config: null, problems: [`not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = labelConfigSchema.safeParse(json);
  if (parsed.success) return { config: parsed.data, problems: [] };
  return { config: null, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(config)'}: ${i.message}`) };
}
