/**
 * Ranking the task's responses, best first. Keys: ↑/↓ pick a response, Alt+↑/Alt+↓ move it, a
 * number key puts it at that place, = ties it with the one above (where ties are allowed). The
 * mouse drags (dnd-kit). Until the annotator acts, the list shows the task's order unranked: an
 * untouched order is not an answer, so "submit without looking" is refused.
 */
import { closestCenter, DndContext, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Badge, Box, Group, Kbd, Stack, Text } from '@mantine/core';
import type { RankingControl } from '../../../../shared/pack/labelConfig';
import { responsesOf } from '../../../../shared/questions';
import { flatten, withMoved } from './edits';
import type { QuestionViewProps } from './types';

function RankedItem({ id, place, tied, focused, preview, name, ranked, onFocusRow }: { id: string; place: number; tied: boolean; focused: boolean; preview: string; name: string; ranked: boolean; onFocusRow: () => void }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <Box
      ref={setNodeRef}
      data-testid={`ranked-${id}`}
      data-focused={focused || undefined}
      onMouseDown={onFocusRow}
      {...attributes}
      {...listeners}
      tabIndex={-1}
      px={6}
      py={4}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        cursor: 'grab',
        opacity: isDragging ? 0.6 : 1,
        borderRadius: 'var(--mantine-radius-sm)',
        border: '1px solid var(--mantine-color-default-border)',
        background: focused ? 'var(--mantine-color-default-hover)' : 'var(--mantine-color-body)',
        boxShadow: focused ? 'inset 3px 0 0 var(--mantine-primary-color-filled)' : undefined,
      }}
    >
      <Group gap="xs" wrap="nowrap">
        <Badge variant={ranked ? 'filled' : 'default'} w={44} data-testid={`place-${id}`}>{ranked ? `#${place}` : '–'}</Badge>
        {tied && <Badge size="xs" color="gray" variant="light">tied</Badge>}
        <Badge variant="outline" radius="sm">{name}</Badge>
        <Text size="xs" c="dimmed" lineClamp={1} style={{ flex: 1 }}>{preview}</Text>
        {focused && <Kbd size="xs">Alt+↑↓</Kbd>}
      </Group>
    </Box>
  );
}

export function RankingQuestion({ control, task, result, focused, row, onResult, onFocusRow, responseName }: QuestionViewProps<RankingControl, 'ranking'>) {
  const responses = responsesOf(task);
  const order = result?.order ?? responses.map((r) => [r.id]);
  const flat = flatten(order);
  // Place numbers follow tie groups: two responses tied for first are both #1.
  const places: number[] = [];
  flat.ids.forEach((_, i) => places.push(i > 0 && flat.tiedWithAbove[i] ? places[i - 1]! : i + 1));
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) return;
    onResult(withMoved(control.id, order, String(active.id), flat.ids.indexOf(String(over.id))));
  };
  // A one-line preview: Markdown fences and emphasis marks would only be noise at this size.
  const content = (id: string) => responses.find((r) => r.id === id)?.content.replace(/```\w*|[*_#>]+/g, '').replace(/\s+/g, ' ').trim().slice(0, 140) ?? '';
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed">
        Best first.{control.allowTies ? ' Ties allowed.' : ''} {result ? '' : 'Not ranked yet: move a response, or press 1 to confirm the top one.'}
      </Text>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={flat.ids} strategy={verticalListSortingStrategy}>
          <Stack gap={4}>
            {flat.ids.map((id, i) => (
              <RankedItem
                key={id}
                id={id}
                place={places[i]!}
                tied={flat.tiedWithAbove[i]!}
                focused={focused && row === id}
                preview={content(id)}
                name={responseName(id)}
                ranked={result !== undefined}
                onFocusRow={() => onFocusRow(id)}
              />
            ))}
          </Stack>
        </SortableContext>
      </DndContext>
    </Stack>
  );
}
