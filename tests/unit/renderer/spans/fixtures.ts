/**
 * Shared fixtures of the span editor tests: the entities control (as the sample pack has it) and a
 * task text with a bit of everything. Not a test file itself.
 */
import type { LabelConfig } from '../../../../shared/pack/labelConfig';
import type { SpansControl } from '../../../../renderer/src/annotate/spans/SpanEditor';

export const ENTITIES: SpansControl = {
  id: 'entities',
  kind: 'spans',
  title: 'Named entities',
  required: false,
  allowOverlap: true,
  snapToTokens: true,
  labels: [
    { id: 'PER', name: 'Person', color: '#e8590c', hotkey: '1' },
    { id: 'ORG', name: 'Organisation', color: '#1c7ed6', hotkey: '2' },
    { id: 'LOC', name: 'Place', color: '#2f9e44', hotkey: '3' },
    { id: 'DATE', name: 'Date', color: '#ae3ec9', hotkey: '4' },
  ],
  relations: [
    { id: 'works_for', name: 'works for', color: '#495057', hotkey: '1' },
    { id: 'located_in', name: 'located in', color: '#0c8599', hotkey: '2' },
    { id: 'founded', name: 'founded', color: '#c2255c', hotkey: '3' },
  ],
};

export const ENTITY_RULES = { labels: ENTITIES.labels, allowOverlap: ENTITIES.allowOverlap, relations: ENTITIES.relations, snapToTokens: ENTITIES.snapToTokens };

export const ENTITIES_CONFIG: LabelConfig = { version: 1, data: 'text', controls: [ENTITIES] };

/** Offsets: Maria 0–5, Okafor 6–12, works 13–18, for 19–22, Lumen 23–28, Labs 29–33, in 34–36, Lagos 37–42, 👍🏽 43–45, since 46–51. */
export const TEXT = 'Maria Okafor works for Lumen Labs in Lagos 👍🏽 since March 2021.';
