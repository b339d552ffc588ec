/**
 * The list of spans and pending proposals beside the text, in reading order: label, the text it
 * covers, and where it came from. Windowed (fixed-height rows, only those in view are rendered),
 * so 5,000 spans cost the same as 20 — doccano stops showing labels at 60–70 entities and CVAT's
 * sidebar freezes at 3,000; this one must not. The selected row is kept in view.
 */
import { Text } from '@mantine/core';
import { useLayoutEffect, useRef, useState } from 'react';
import type { Label } from '../../../../shared/pack/labelConfig';
import type { Item, Selected } from './editorState';
import { inkOn, rgba } from './highlights';
import type { Proposal } from './proposals';
import type { TextIndex } from './textIndex';

const ROW = 30;
/** Rows rendered above and below the visible ones, and at least this many before the list is measured. */
const OVERSCAN = 8;
const UNMEASURED_ROWS = 40;

interface SpanListProps {
  items: readonly Item[];
  labels: readonly Label[];
  index: TextIndex;
  selected: Selected;
  onPick(selected: Selected): void;
}

function originNote(item: Item): string {
  if (item.kind === 'proposal') {
    const score = (item.span as Proposal).score;
    return score === undefined ? 'proposed' : `proposed ${score.toFixed(2)}`;
  }
  if (item.span.origin === 'prediction') return 'model';
  if (item.span.origin === 'prediction-changed') return 'model, changed';
  return '';
}

export function SpanList({ items, labels, index, selected, onPick }: SpanListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 0 });
  const selectedAt = selected && selected.kind !== 'relation' ? items.findIndex((i) => i.kind === selected.kind && i.span.id === selected.id) : -1;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setView({ top: el.scrollTop, height: el.clientHeight });
  }, []);

  // Keep the selected row in view.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || selectedAt < 0) return;
    const top = selectedAt * ROW;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW - el.clientHeight;
  }, [selectedAt]);

  const shownRows = view.height > 0 ? Math.ceil(view.height / ROW) : UNMEASURED_ROWS;
  const first = Math.max(0, Math.floor(view.top / ROW) - OVERSCAN);
  const last = Math.min(items.length, Math.floor(view.top / ROW) + shownRows + OVERSCAN);
  const byId = new Map(labels.map((l) => [l.id, l]));

  return (
    <div
      ref={ref}
      data-testid="span-list"
      role="listbox"
      aria-label="Spans"
      style={{ flex: 1, minHeight: 0, overflowY: 'auto', position: 'relative' }}
      onScroll={(e) => setView({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
    >
      {items.length === 0 && <Text size="sm" c="dimmed" p="sm">No spans yet.</Text>}
      <div style={{ height: items.length * ROW, position: 'relative' }}>
        {items.slice(first, last).map((item, k) => {
          const i = first + k;
          const { span } = item;
          const label = byId.get(span.label);
          const color = label?.color ?? '#868e96';
          const isSelected = i === selectedAt;
          const proposal = item.kind === 'proposal';
          const excerpt = index.slice(span.start, Math.min(span.end, span.start + 60));
          return (
            <div
              key={`${item.kind}-${span.id}`}
              data-testid={`${proposal ? 'proposal' : 'span'}-item-${span.id}`}
              data-selected={isSelected}
              data-label={span.label}
              data-origin={proposal ? 'proposal' : (span.origin ?? 'manual')}
              role="option"
              aria-selected={isSelected}
              onClick={() => onPick({ kind: item.kind, id: span.id })}
              style={{
                position: 'absolute', top: i * ROW, left: 0, right: 0, height: ROW, display: 'flex', alignItems: 'center', gap: 6,
                padding: '0 8px', cursor: 'pointer', fontSize: 13, whiteSpace: 'nowrap', overflow: 'hidden',
                background: isSelected ? 'var(--mantine-color-default-hover)' : undefined,
                boxShadow: isSelected ? `inset 3px 0 0 ${color}` : undefined,
                // A low-score proposal reads dimmed by colour and a dotted border, not opacity (contrast).
                color: proposal && (span as Proposal).dim ? 'var(--mantine-color-dimmed)' : undefined,
              }}
            >
              <span
                style={{
                  flex: 'none', padding: '0 5px', borderRadius: 3, fontSize: 11, fontWeight: 600, lineHeight: '16px',
                  background: proposal ? rgba(color, 0.12) : color, color: proposal ? 'inherit' : inkOn(color),
                  border: `1px ${proposal ? ((span as Proposal).dim ? 'dotted' : 'dashed') : 'solid'} ${color}`,
                }}
              >
                {label?.name ?? span.label}
              </span>
              <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', flex: 1 }}>{excerpt}</span>
              <span style={{ flex: 'none', fontSize: 11, color: 'var(--mantine-color-dimmed)' }}>{originNote(item)}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
