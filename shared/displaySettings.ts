/**
 * How a person wants Loupe to look: the colour scheme and the size of task content (the text,
 * prompt and responses they read all day). Saved per profile like their keys (one profile
 * setting, electron/core/service/displaySettings.ts), so two people sharing a workstation each
 * get theirs. Pure: the schema, the defaults and the lenient read shared by both sides.
 */
import { z } from 'zod';

export const TEXT_SIZES = ['small', 'medium', 'large', 'x-large'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

/** How much task content is scaled from its designed size (medium = as designed). */
export const TEXT_SCALE: Record<TextSize, number> = { small: 0.875, medium: 1, large: 1.2, 'x-large': 1.45 };

export const TEXT_SIZE_NAMES: Record<TextSize, string> = { small: 'Small', medium: 'Medium', large: 'Large', 'x-large': 'Extra large' };

/** `auto` follows the operating system until the person picks one. */
export const colorSchemeSettingSchema = z.enum(['auto', 'light', 'dark']);

export const displaySettingsSchema = z.strictObject({
  colorScheme: colorSchemeSettingSchema,
  textSize: z.enum(TEXT_SIZES),
});
export type DisplaySettings = z.infer<typeof displaySettingsSchema>;

export const DEFAULT_DISPLAY: DisplaySettings = { colorScheme: 'auto', textSize: 'medium' };

/**
 * A saved value read back leniently: a field another Loupe version wrote in a form this one does
 * not know falls back to its default and is named in `problems`, so it never keeps the app from
 * starting; fields this version does not know are ignored.
 */
export function readDisplaySettings(raw: unknown): { settings: DisplaySettings; problems: string[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings: DEFAULT_DISPLAY, problems: ['The saved display settings are not in a form this version understands; using the defaults.'] };
  }
  const record = raw as Record<string, unknown>;
  const problems: string[] = [];
  const field = <K extends keyof DisplaySettings>(key: K): DisplaySettings[K] => {
    if (!(key in record)) return DEFAULT_DISPLAY[key];
    const parsed = displaySettingsSchema.shape[key].safeParse(record[key]);
    if (parsed.success) return parsed.data as DisplaySettings[K];
    problems.push(`display setting ${key}: ${JSON.stringify(record[key])} is not one this version knows; using ${JSON.stringify(DEFAULT_DISPLAY[key])}.`);
    return DEFAULT_DISPLAY[key];
  };
  return { settings: { colorScheme: field('colorScheme'), textSize: field('textSize') }, problems };
}
