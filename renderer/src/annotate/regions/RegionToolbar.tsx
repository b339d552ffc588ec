/**
 * The bar above the canvas: the tools (each button shows its key, so the mouse teaches the
 * keyboard), the label the next drawn region gets, the zoom (its readout is written by the canvas
 * straight into the DOM, so zooming never re-renders React), and proposal and visibility status.
 * Its content does not depend on what is being drawn, so its height (and the canvas's) never
 * changes under the pointer; the one-line hint lives on the canvas instead (CanvasHint).
 */
import { Badge, Button, Group, Kbd, Text } from '@mantine/core';
import type { RefObject } from 'react';
import { displayKey, normalizeKey, type CommandId } from '../../../../shared/keymap';
import type { Label } from '../../../../shared/pack/labelConfig';
import { KeyChord } from '../../keys/CheatSheet';
import { useResolvedKeymap } from '../../keys/resolvedKeymap';
import { isMac } from '../../platform';
import type { Tool } from './paint';

interface Props {
  tools: readonly Tool[];
  tool: Tool;
  nextLabel: Label | undefined;
  hidden: boolean;
  pendingCount: number;
  zoomReadout: RefObject<HTMLSpanElement | null>;
  onTool(tool: Tool): void;
  onCommand(id: CommandId): void;
}

const TOOL_COMMAND: Record<Tool, CommandId> = { select: 'region:toolSelect', box: 'region:toolBox', polygon: 'region:toolPolygon' };
const TOOL_NAME: Record<Tool, string> = { select: 'Select', box: 'Box', polygon: 'Polygon' };

function useKey(id: CommandId): string | undefined {
  return useResolvedKeymap().commands.find((c) => c.id === id)?.keys[0];
}

/** A button for a keymap command; `compact` shows its key in the tooltip only (the zoom buttons, to keep one row). */
function KeyButton({ id, label, active, onClick, testId, compact }: { id: CommandId; label: string; active?: boolean; onClick(): void; testId?: string; compact?: boolean }) {
  const key = useKey(id);
  const title = useResolvedKeymap().commands.find((c) => c.id === id)?.title;
  return (
    <Button
      size="compact-sm"
      variant={active ? 'filled' : 'default'}
      onClick={onClick}
      aria-pressed={active}
      data-testid={testId}
      title={key ? `${title} (${displayKey(normalizeKey(key) ?? key, isMac())})` : title}
      rightSection={key && !compact ? <KeyChord keyName={key} /> : undefined}
    >
      {label}
    </Button>
  );
}

export function RegionToolbar({ tools, tool, nextLabel, hidden, pendingCount, zoomReadout, onTool, onCommand }: Props) {
  return (
    <Group justify="space-between" gap="xs" px="xs" py={6} wrap="wrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group gap={6} wrap="nowrap" data-testid="region-tool" data-tool={tool} role="toolbar" aria-label="Region tools">
        {tools.map((t) => (
          <KeyButton key={t} id={TOOL_COMMAND[t]} label={TOOL_NAME[t]} active={tool === t} onClick={() => onTool(t)} testId={`region-tool-${t}`} />
        ))}
        {nextLabel && (
          <Group gap={6} wrap="nowrap" ml="xs" data-testid="region-next-label" data-label={nextLabel.id}>
            <Text size="xs" c="dimmed">Next label</Text>
            <span style={{ width: 10, height: 10, borderRadius: 2, background: nextLabel.color }} />
            <Text size="sm" fw={600}>{nextLabel.name}</Text>
            {nextLabel.hotkey && <Kbd size="xs">{nextLabel.hotkey}</Kbd>}
          </Group>
        )}
      </Group>
      <Group gap={6} wrap="nowrap">
        {pendingCount > 0 && (
          <KeyButton id="prediction:acceptAll" label={`Accept ${pendingCount} proposal${pendingCount === 1 ? '' : 's'}`} onClick={() => onCommand('prediction:acceptAll')} />
        )}
        {hidden && <Badge color="gray" data-testid="regions-hidden">Regions hidden</Badge>}
        <KeyButton compact id="region:toggleHidden" label={hidden ? 'Show' : 'Hide'} onClick={() => onCommand('region:toggleHidden')} />
        <KeyButton compact id="view:zoomOut" label="−" onClick={() => onCommand('view:zoomOut')} />
        <Text size="sm" w={48} ta="center" style={{ fontVariantNumeric: 'tabular-nums' }}>
          <span ref={zoomReadout} data-testid="region-zoom">–</span>
        </Text>
        <KeyButton compact id="view:zoomIn" label="+" onClick={() => onCommand('view:zoomIn')} />
        <KeyButton compact id="view:zoomFit" label="Fit" onClick={() => onCommand('view:zoomFit')} />
        <KeyButton compact id="view:zoomActual" label="1:1" onClick={() => onCommand('view:zoomActual')} />
      </Group>
    </Group>
  );
}

/** What the annotator can do next, in one line over the canvas, so the keys are discoverable without the cheat sheet. */
export function CanvasHint({ tool, drawingPoints }: { tool: Tool; drawingPoints: number | null }) {
  return (
    <Text
      size="xs"
      data-testid="region-hint"
      style={{ position: 'absolute', left: 8, bottom: 8, right: 8, pointerEvents: 'none', color: '#f1f3f5', textShadow: '0 0 3px #000, 0 0 2px #000', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
    >
      {hint(tool, drawingPoints)}
    </Text>
  );
}

/** What the annotator can do next, in one line, so the keys are discoverable without the cheat sheet. */
function hint(tool: Tool, drawingPoints: number | null): string {
  if (drawingPoints !== null) {
    return drawingPoints >= 3 ? 'Click the first point or press Enter to close · Backspace removes the last point · Esc cancels' : 'Click to add points · Backspace removes the last point · Esc cancels';
  }
  if (tool === 'box') return 'Drag to draw a box · a label key sets its label';
  if (tool === 'polygon') return 'Click to add points';
  return 'Click a region to select it · ] and [ cycle · arrows nudge · drag empty space, or hold Space and move, to pan';
}

