/**
 * Which labels answer to keys. Only the first choices control of a label config is "active" for
 * label keys (the pack validator checks its keys against the app's); other controls are answered
 * with the mouse for now. The mode says what a label key does, and the cheat sheet explains it.
 */
import { normalizeKey } from '../../../shared/keymap';
import type { ChoicesControl, Control, Label, LabelConfig } from '../../../shared/pack/labelConfig';

/**
 * - `submit`: the only question is single-label — a key picks the label and submits (one keystroke per task).
 * - `select`: single-label, but other questions remain — a key picks, Enter submits.
 * - `toggle`: multi-label — a key toggles its label, Enter submits.
 * - `apply`: an editor (spans, regions) — a key labels the selection, or the next region drawn.
 */
export type LabelKeyMode = 'submit' | 'select' | 'toggle' | 'apply';

export interface LabelBinding {
  key: string;
  label: Label;
}

export interface LabelKeyHelp {
  controlTitle: string;
  mode: LabelKeyMode;
  bindings: LabelBinding[];
}

export function activeChoicesControl(config: LabelConfig): ChoicesControl | null {
  return config.controls.find((c): c is ChoicesControl => c.kind === 'choices') ?? null;
}

export function labelKeyMode(config: LabelConfig, control: ChoicesControl): LabelKeyMode {
  if (control.multiple) return 'toggle';
  return config.controls.length === 1 ? 'submit' : 'select';
}

export function labelBindings(control: { labels: readonly Label[] }): LabelBinding[] {
  return control.labels.flatMap((label) => {
    const key = label.hotkey ? normalizeKey(label.hotkey) : null;
    return key ? [{ key, label }] : [];
  });
}

/** The label keys of an editor's control (spans, boxes, polygons), for the cheat sheet. */
export function editorLabelKeyHelp(control: Control): LabelKeyHelp | null {
  if (!('labels' in control)) return null;
  return { controlTitle: control.title ?? control.id, mode: 'apply', bindings: labelBindings(control) };
}

export function labelKeyHelp(config: LabelConfig): LabelKeyHelp | null {
  const control = activeChoicesControl(config);
  if (!control) return null;
  return { controlTitle: control.title ?? control.id, mode: labelKeyMode(config, control), bindings: labelBindings(control) };
}
