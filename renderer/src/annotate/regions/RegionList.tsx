/**
 * The list of regions beside the canvas: the answer's regions (label colour, label, size, origin),
 * then the proposals still waiting for a decision (model score; dimmed below the control's
 * threshold). Clicking a row selects it. Past 200 rows only the rows in view are rendered (fixed
 * row height, so the window is arithmetic), which keeps 2,000 regions from freezing the sidebar
 * as CVAT's does at 3,000. The row elements are plain divs for the same reason.
 */
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { describeSize, isDimmed, type Proposal, type Region } from './model';

export interface ListSelection {
  id: string;
  proposal: boolean;
}

interface Props {
  regions: readonly Region[];
  pending: readonly Proposal[];
  selected: ListSelection | null;
  colors: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
  minScore: number;
  onSelect(target: ListSelection): void;
}

const ROW_HEIGHT = 28;
/** Lists up to this long are rendered whole (simpler for assistive technology); longer ones are windowed. */
const WINDOW_FROM = 200;
const OVERSCAN = 8;

const ORIGIN_TEXT: Record<string, string> = { prediction: 'model', 'prediction-changed': 'model, changed', manual: 'manual' };

type Row = { region: Region; proposal: Proposal | null };

function RowView({ row, selected, color, name, dimmed, onSelect, top }: {
  row: Row; selected: boolean; color: string; name: string; dimmed: boolean; top: number | null;
  onSelect(target: ListSelection): void;
}) {
  const { region, proposal } = row;
  const detail = proposal
    ? `proposal${proposal.score !== undefined ? ` · ${proposal.score.toFixed(2)}` : ''}`
    : ORIGIN_TEXT[region.origin ?? 'manual'];
  return (
    <div
      role="option"
      aria-selected={selected}
      data-testid={`region-item-${region.id}`}
      data-origin={proposal ? 'proposal' : (region.origin ?? 'manual')}
      data-dimmed={dimmed || undefined}
      onClick={() => onSelect({ id: region.id, proposal: proposal !== null })}
      style={{
        position: top === null ? 'relative' : 'absolute',
        top: top ?? undefined,
        left: 0,
        right: 0,
        height: ROW_HEIGHT,
        display: 'flex',
        alignItems: 'center',
        gap: 8,
        padding: '0 8px',
        cursor: 'pointer',
        fontSize: 13,
        // Dimmed (below the score filter) in colour, not opacity: the text must still read at 4.5:1.
        color: dimmed ? 'var(--mantine-color-dimmed)' : undefined,
        fontStyle: proposal ? 'italic' : undefined,
        background: selected ? 'var(--mantine-primary-color-light)' : undefined,
        borderLeft: selected ? '3px solid var(--mantine-primary-color-filled)' : '3px solid transparent',
      }}
    >
      <span style={{ width: 10, height: 10, borderRadius: 2, flex: 'none', background: color, opacity: dimmed ? 0.45 : 1, outline: proposal ? `1px dashed ${color}` : undefined, outlineOffset: 2 }} />
      <span style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{name}</span>
      <span style={{ color: 'var(--mantine-color-dimmed)', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{describeSize(region)}</span>
      <span style={{ color: 'var(--mantine-color-dimmed)', fontSize: 11, width: 84, textAlign: 'right', whiteSpace: 'nowrap' }}>{detail}</span>
    </div>
  );
}

export const RegionList = memo(function RegionList({ regions, pending, selected, colors, names, minScore, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const rows: Row[] = [...regions.map((region) => ({ region, proposal: null })), ...pending.map((p) => ({ region: p.region, proposal: p }))];
  const windowed = rows.length > WINDOW_FROM;
  const selectedIndex = selected ? rows.findIndex((r) => r.region.id === selected.id && (r.proposal !== null) === selected.proposal) : -1;

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport({ top: el.scrollTop, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the selected row in view when the selection moves by key or from the canvas.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || selectedIndex < 0) return;
    const top = selectedIndex * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selectedIndex]);

  const first = windowed ? Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN) : 0;
  const last = windowed ? Math.min(rows.length, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN) : rows.length;

  return (
    <div
      ref={scroller}
      role="listbox"
      aria-label="Regions"
      data-testid="region-list"
      data-count={rows.length}
      onScroll={windowed ? (e) => setViewport({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight }) : undefined}
      style={{ flex: 1, minHeight: 0, overflowY: 'auto', position: 'relative' }}
    >
      {rows.length === 0 && (
        <div style={{ padding: 12, fontSize: 13, color: 'var(--mantine-color-dimmed)' }}>No regions yet. Draw one with the box or polygon tool.</div>
      )}
      <div style={{ position: 'relative', height: windowed ? rows.length * ROW_HEIGHT : undefined }}>
        {rows.slice(first, last).map((row, i) => (
          <RowView
            key={`${row.proposal ? 'p' : 'r'}:${row.region.id}`}
            row={row}
            top={windowed ? (first + i) * ROW_HEIGHT : null}
            selected={first + i === selectedIndex}
            color={colors.get(row.region.label) ?? '#868e96'}
            name={names.get(row.region.label) ?? row.region.label}
            dimmed={row.proposal !== null && isDimmed(row.proposal, minScore)}
            onSelect={onSelect}
          />
        ))}
      </div>
    </div>
  );
});
