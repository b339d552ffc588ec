/**
 * What kind of work a pack asks for, in the words a person uses ("Text classification", "Image
 * boxes", "Rubric rating"), derived from its label config. Home shows it on each sample so a new
 * person can pick the kind of task they came to try, and the quick filter matches it.
 *
 * A config may ask several questions of one task; each question's kind is named once, in order.
 * Free text (`textarea`) is left out when the pack asks anything else: a note beside a rubric does
 * not change what the work is.
 */
import type { Control, LabelConfig } from './labelConfig';

function kindName(control: Control, data: LabelConfig['data']): string {
  switch (control.kind) {
    case 'choices': {
      const what = data === 'image' ? 'Image' : data === 'conversation' ? 'Response' : 'Text';
      return `${what} classification${control.multiple ? ' (multi-label)' : ''}`;
    }
    case 'spans':
      return control.relations.length > 0 ? 'Text spans and relations' : 'Text spans';
    case 'boxes':
      return 'Image boxes';
    case 'polygons':
      return 'Image polygons';
    case 'rubric':
      return 'Rubric rating';
    case 'pairwise':
      return 'Pairwise preference';
    case 'ranking':
      return 'Ranking responses';
    case 'safety':
      return 'Safety review';
    case 'rewrite':
      return 'Rewriting a response';
    case 'checklist':
      return 'Instruction checklist';
    case 'textarea':
      return 'Free text';
  }
}

export function taskKindOf(config: LabelConfig): string {
  const asked = config.controls.filter((c) => c.kind !== 'textarea');
  const names = (asked.length > 0 ? asked : config.controls).map((c) => kindName(c, config.data));
  return [...new Set(names)].join(' + ');
}
