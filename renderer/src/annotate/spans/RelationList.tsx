/**
 * Relations as readable lines under the text — “Maria Okafor → works for → Lumen Labs” — each
 * selectable (↑/↓ past the last span, or a click) and deletable (Backspace); and the small picker
 * that asks for a relation's label by key once both ends are chosen. The picker is not a modal
 * dialog on purpose: the keymap stays live, so its keys work and Esc cancels through the editor.
 */
import { Group, Kbd, Paper, Text } from '@mantine/core';
import type { Label } from '../../../../shared/pack/labelConfig';
import { displayKey } from '../../../../shared/keymap';
import { isMac } from '../../platform';
import type { Selected } from './editorState';
import type { Relation, Span } from './model';
import type { TextIndex } from './textIndex';

function excerpt(index: TextIndex, span: Span | undefined): string {
  if (!span) return '?';
  const text = index.slice(span.start, Math.min(span.end, span.start + 30));
  return span.end - span.start > 30 ? `${text}…` : text;
}

interface RelationListProps {
  relations: readonly Relation[];
  spans: readonly Span[];
  relationLabels: readonly Label[];
  index: TextIndex;
  selected: Selected;
  onPick(selected: Selected): void;
}

export function RelationList({ relations, spans, relationLabels, index, selected, onPick }: RelationListProps) {
  if (relationLabels.length === 0) return null;
  const byId = new Map(spans.map((s) => [s.id, s]));
  return (
    // A listbox must hold options: with no relation yet, the hint stands alone.
    <div data-testid="relation-list" role={relations.length > 0 ? 'listbox' : undefined} aria-label={relations.length > 0 ? 'Relations' : undefined} style={{ maxHeight: 132, overflowY: 'auto', padding: '4px 0' }}>
      {relations.length === 0 && (
        <Text size="xs" c="dimmed" px="sm">No relations. Select a span, press Alt+R, select another, press Alt+R again.</Text>
      )}
      {relations.map((r, i) => {
        const label = relationLabels.find((l) => l.id === r.label);
        const isSelected = selected?.kind === 'relation' && selected.index === i;
        return (
          <div
            key={`${r.from}-${r.to}-${r.label}`}
            data-testid={`relation-item-${i}`}
            data-selected={isSelected}
            role="option"
            aria-selected={isSelected}
            onClick={() => onPick({ kind: 'relation', index: i })}
            style={{
              display: 'flex', gap: 6, alignItems: 'center', padding: '2px 12px', fontSize: 13, cursor: 'pointer',
              background: isSelected ? 'var(--mantine-color-default-hover)' : undefined,
              boxShadow: isSelected ? `inset 3px 0 0 ${label?.color ?? '#868e96'}` : undefined,
            }}
          >
            <span>{excerpt(index, byId.get(r.from))}</span>
            {/* The label colour underlines the name: text in any colour a lead picks may not read. */}
            <span style={{ fontWeight: 600, borderBottom: `2px solid ${label?.color ?? '#868e96'}` }}>→ {label?.name ?? r.label} →</span>
            <span>{excerpt(index, byId.get(r.to))}</span>
          </div>
        );
      })}
    </div>
  );
}

/** The key that picks each relation label: its hotkey, else its position (1–9). */
export function relationKeys(labels: readonly Label[], normalize: (key: string) => string | null): Map<string, string> {
  const keys = new Map<string, string>();
  labels.forEach((label, i) => {
    const key = label.hotkey ? normalize(label.hotkey) : i < 9 ? String(i + 1) : null;
    if (key && !keys.has(key)) keys.set(key, label.id);
  });
  return keys;
}

interface RelationPickerProps {
  labels: readonly Label[];
  keys: ReadonlyMap<string, string>;
  from: string;
  to: string;
  onPick(labelId: string): void;
}

export function RelationPicker({ labels, keys, from, to, onPick }: RelationPickerProps) {
  const keyOf = new Map([...keys].map(([key, id]) => [id, key]));
  return (
    <Paper withBorder shadow="sm" p="xs" m="xs" data-testid="relation-picker" role="group" aria-label="Relation label">
      <Text size="sm" mb={6}>
        Relation from <b>{from}</b> to <b>{to}</b> — press a key (Esc cancels):
      </Text>
      <Group gap="xs">
        {labels.map((l) => {
          const key = keyOf.get(l.id);
          return (
            <button
              key={l.id}
              type="button"
              data-testid={`relation-label-${l.id}`}
              onClick={() => onPick(l.id)}
              style={{ display: 'flex', gap: 6, alignItems: 'center', border: `1px solid ${l.color}`, borderRadius: 4, padding: '2px 8px', background: 'transparent', color: 'inherit', cursor: 'pointer' }}
            >
              {key && <Kbd size="xs">{displayKey(key, isMac())}</Kbd>}
              <span style={{ fontWeight: 600, borderBottom: `2px solid ${l.color}` }}>{l.name}</span>
            </button>
          );
        })}
      </Group>
    </Paper>
  );
}
