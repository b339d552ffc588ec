/**
 * The command palette (Mod+K, Mod+Shift+P): every command of the resolved keymap with its current
 * key, filtered as you type (paletteSearch.ts). Arrows move through the commands the current view
 * can run, Enter runs one through the registry exactly as its menu item would, Escape closes. The
 * rest are listed greyed out with their keys, so the palette also teaches where things work.
 *
 * The field is a text field inside a modal, so the app's keys stay silent while typing here (see
 * keyGuard.ts); the palette handles its own arrows and Enter on the field.
 */
import { Group, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CommandId } from '../../../shared/keymap';
import { KeyList } from './CheatSheet';
import { useKeymapRegistry } from './commands';
import { paletteItems, type PaletteItem } from './paletteSearch';
import { useResolvedKeymap } from './resolvedKeymap';

export interface CommandPaletteProps {
  opened: boolean;
  onClose: () => void;
}

function PaletteRow({ item, active, id, onRun }: { item: PaletteItem; active: boolean; id: string; onRun: () => void }) {
  const { command, enabled } = item;
  return (
    <UnstyledButton
      id={id}
      role="option"
      aria-selected={active}
      aria-disabled={!enabled}
      disabled={!enabled}
      tabIndex={-1}
      data-testid={`palette-item-${command.id}`}
      data-active={active || undefined}
      onClick={onRun}
      px="sm"
      py={6}
      style={{
        display: 'block',
        width: '100%',
        borderRadius: 'var(--mantine-radius-sm)',
        background: active ? 'var(--mantine-primary-color-light)' : undefined,
        opacity: enabled ? 1 : 0.55,
        cursor: enabled ? 'pointer' : 'default',
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="md">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" truncate>{command.title}</Text>
          <Text size="xs" c="dimmed">
            {command.group}
            {!enabled && ' · not available here'}
          </Text>
        </div>
        <KeyList keys={command.keys} />
      </Group>
    </UnstyledButton>
  );
}

/** The palette's content, mounted on each open so the query and the selection start fresh. */
function PaletteBody({ onRun }: { onRun: (id: CommandId) => void }) {
  const registry = useKeymapRegistry();
  const { commands } = useResolvedKeymap();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  // Which commands the view under the palette handles right now (its layers do not change while
  // the palette is open, so asking on each render is enough).
  const items = paletteItems(commands, query, (id) => registry.handler(id) !== null);
  const runnable = items.filter((item) => item.enabled);
  const current = runnable[Math.min(active, runnable.length - 1)];
  const optionId = (id: CommandId) => `${listId}-${id.replace(':', '-')}`;

  useLayoutEffect(() => {
    if (!current) return;
    listRef.current?.querySelector(`[data-testid="palette-item-${current.command.id}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8 }[event.key];
    if (step !== undefined && runnable.length > 0) {
      event.preventDefault();
      const at = Math.min(active, runnable.length - 1) + step;
      setActive(Math.abs(step) === 1 ? (at + runnable.length) % runnable.length : Math.max(0, Math.min(runnable.length - 1, at)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (current) onRun(current.command.id);
    }
  };

  return (
    <Stack gap="xs">
      <TextInput
        data-autofocus
        data-testid="palette-query"
        placeholder="Type a command…"
        aria-label="Search commands"
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={current ? optionId(current.command.id) : undefined}
        value={query}
        onChange={(event) => {
          setQuery(event.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      {/* Focusable, as a scrolling region must be (WCAG 2.1.1); the input keeps ↑/↓ for choosing. */}
      <ScrollArea.Autosize mah="60vh" type="auto" viewportProps={{ tabIndex: 0 }}>
        <div role="listbox" id={listId} ref={listRef} aria-label="Commands" data-testid="palette-list">
          {items.length === 0 && <Text size="sm" c="dimmed" p="sm">No command matches “{query}”.</Text>}
          {items.map((item) => (
            <PaletteRow
              key={item.command.id}
              item={item}
              id={optionId(item.command.id)}
              active={item === current}
              onRun={() => item.enabled && onRun(item.command.id)}
            />
          ))}
        </div>
      </ScrollArea.Autosize>
      <Text size="xs" c="dimmed">↑↓ to choose · Enter to run · Esc to close</Text>
    </Stack>
  );
}

export function CommandPalette({ opened, onClose }: CommandPaletteProps) {
  const registry = useKeymapRegistry();
  // Focus goes back where it was when the palette is dismissed, but not after running a command:
  // that command may have opened a dialog of its own, whose field must keep the focus.
  const [returnFocus, setReturnFocus] = useState(true);
  const dismiss = () => {
    setReturnFocus(true);
    onClose();
  };
  const run = (id: CommandId) => {
    setReturnFocus(false);
    onClose();
    registry.run(id, 'menu');
  };
  return (
    <Modal opened={opened} onClose={dismiss} title="Commands" size="lg" returnFocus={returnFocus}>
      {opened && <PaletteBody onRun={run} />}
    </Modal>
  );
}
