/**
 * The image regions editor (boxes or polygons) behind the EditorProps contract: toolbar, the Konva
 * canvas and the list of regions beside it. The view owns the answer and its history; this
 * component turns canvas gestures, list clicks and keys into one `onChange` per committed edit.
 * Geometry is in image pixels throughout; the canvas only applies a camera transform to draw it.
 */
import { Alert, Box, Center, Group, Loader, Text } from '@mantine/core';
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { normalizeKey, type CommandId } from '../../../../shared/keymap';
import { assetUrl } from '../../api';
import { useKeymapRegistry } from '../../keys/commands';
import { LabelLegend } from '../spans/LabelLegend';
import type { Scene } from './paint';
import { RegionCanvas, type CanvasHandle } from './RegionCanvas';
import { RegionList } from './RegionList';
import { CanvasHint, RegionToolbar } from './RegionToolbar';
import { useImageSource } from './useImageSource';
import { useRegionKeys } from './useRegionKeys';
import { useRegionState, type RegionEditorProps } from './useRegionState';
import type { View } from './view';

const LIST_WIDTH = 300;

export function RegionEditor(props: RegionEditorProps) {
  const { packId, task, control } = props;
  const registry = useKeymapRegistry();
  const url = task.data.image ? assetUrl(packId, task.data.image) : null;
  const image = useImageSource(url);
  const source = image.status === 'ready' ? image.source : null;
  const canvas = useRef<CanvasHandle | null>(null);
  const zoomReadout = useRef<HTMLSpanElement>(null);

  const state = useRegionState(props, source, canvas, (id: CommandId) => registry.run(id, 'key'));
  useRegionKeys(state, control.labels, () => canvas.current);

  const colors = useMemo(() => new Map(control.labels.map((l) => [l.id, l.color])), [control.labels]);
  // The label palette: click or key, relabels the selection or picks the next region's label.
  const legend = useMemo(() => control.labels.map((label) => ({ label, key: label.hotkey ? normalizeKey(label.hotkey) : null })), [control.labels]);
  const names = useMemo(() => new Map(control.labels.map((l) => [l.id, l.name])), [control.labels]);
  const pendingRegions = useMemo(() => state.pending.map((p) => p.region), [state.pending]);
  const { regions, pending, selected, hidden, tool, drawing, nextLabel } = state;
  const vertex = state.selection?.vertex ?? null;
  const drawColor = colors.get(nextLabel) ?? '#868e96';
  const scene: Scene = useMemo(
    () => ({
      image: source, regions, pending, pendingRegions, selected, vertex, hidden, colors, names,
      minScore: control.minPredictionScore, tool, drawing: drawing?.points ?? null, drawColor,
    }),
    [source, regions, pending, pendingRegions, selected, vertex, hidden, colors, names, control.minPredictionScore, tool, drawing, drawColor],
  );

  const onViewChange = (view: View) => {
    if (zoomReadout.current) zoomReadout.current.textContent = `${Math.round(view.scale * 100)}%`;
  };
  const selectedId = state.selection?.id;
  const selectedProposal = state.selection?.proposal;
  const listSelection = useMemo(() => (selectedId === undefined ? null : { id: selectedId, proposal: selectedProposal === true }), [selectedId, selectedProposal]);
  // A stable callback keeps the (memoized) list from re-rendering on every editor render.
  const selectRef = useRef(state.select);
  useLayoutEffect(() => {
    selectRef.current = state.select;
  });
  const onListSelect = useCallback((target: { id: string; proposal: boolean }) => selectRef.current({ ...target, vertex: null }, true), []);

  return (
    <Box data-testid="region-editor" data-kind={control.kind} style={{ display: 'flex', flexDirection: 'column', flex: 1, height: '100%', minHeight: 360 }}>
      <RegionToolbar
        tools={['select', state.drawTool]}
        tool={tool}
        nextLabel={control.labels.find((l) => l.id === nextLabel)}
        hidden={hidden}
        pendingCount={pending.length}
        zoomReadout={zoomReadout}
        onTool={state.ops.setTool}
        onCommand={(id) => registry.run(id, 'key')}
      />
      <LabelLegend
        labels={legend}
        pending={0}
        acceptAllKey=""
        active={selected?.region.label ?? nextLabel}
        testIdPrefix="region-label"
        onLabel={state.ops.label}
      />
      <Box style={{ flex: 1, display: 'flex', minHeight: 0 }}>
        <Box style={{ flex: 1, position: 'relative', minWidth: 0, background: 'var(--mantine-color-dark-7)' }}>
          <RegionCanvas scene={scene} imageKey={url ?? ''} actions={state.canvasActions} handle={canvas} onViewChange={onViewChange} />
          <CanvasHint tool={tool} drawingPoints={drawing ? drawing.points.length : null} />
          {image.status === 'loading' && (
            <Center style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}><Loader aria-label="Loading the image" /></Center>
          )}
          {image.status === 'error' && (
            <Center style={{ position: 'absolute', inset: 0 }} p="xl">
              <Alert color="red" title="Cannot show this image" maw={520} data-testid="region-image-error">{image.message}</Alert>
            </Center>
          )}
        </Box>
        <Box w={LIST_WIDTH} style={{ display: 'flex', flexDirection: 'column', borderLeft: '1px solid var(--mantine-color-default-border)' }}>
          <Group justify="space-between" px="xs" py={6} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
            <Text size="sm" fw={600}>{control.title ?? (control.kind === 'boxes' ? 'Boxes' : 'Polygons')}</Text>
            <Text size="xs" c="dimmed" data-testid="region-count">
              {regions.length} {regions.length === 1 ? 'region' : 'regions'}{pending.length > 0 ? ` · ${pending.length} proposed` : ''}
            </Text>
          </Group>
          <RegionList
            regions={regions}
            pending={pending}
            selected={listSelection}
            colors={colors}
            names={names}
            minScore={control.minPredictionScore}
            onSelect={onListSelect}
          />
          {source && (
            <Text size="xs" c="dimmed" px="xs" py={4} style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
              {task.data.image?.replace(/^assets\//, '')} · {source.width} × {source.height}
            </Text>
          )}
        </Box>
      </Box>
    </Box>
  );
}
