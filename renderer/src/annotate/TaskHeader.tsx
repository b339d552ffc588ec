/**
 * The annotator's top bar: which pack, where in it, how far along, the task's status, and buttons
 * for the actions that also have keys (each shows its key, so the mouse teaches the keyboard).
 */
import { Badge, Box, Button, Group, Menu, Text, Title, type MantineBreakpoint } from '@mantine/core';
import type { Progress, TaskStatus } from '../../../shared/contract';
import { displayKey, normalizeKey, type CommandId } from '../../../shared/keymap';
import { isMac } from '../platform';
import { ProgressSummary } from '../components/ProgressSummary';
import { KeyChord } from '../keys/CheatSheet';
import { useResolvedKeymap } from '../keys/resolvedKeymap';
import { ThemeSwitch } from '../settings/ThemeSwitch';

const STATUS_COLOR: Record<Exclude<TaskStatus, 'pending'>, string> = { draft: 'blue', submitted: 'teal', skipped: 'yellow' };

export function StatusBadges({ status, flagged }: { status: TaskStatus; flagged: boolean }) {
  return (
    <Group gap={4} wrap="nowrap" data-testid="task-status" data-status={status} data-flagged={flagged} style={{ flexShrink: 0 }}>
      {status !== 'pending' && <Badge color={STATUS_COLOR[status]}>{status}</Badge>}
      {flagged && <Badge color="red">flagged</Badge>}
    </Group>
  );
}

/**
 * A button for a keymap command, labelled with its title and first key from the resolved table (the
 * profile's keys). `keyFrom` shows the key chip only from that window width up (a crowded header);
 * the key is then in the button's tooltip and in the cheat sheet.
 */
export function CommandButton({ id, onClick, label, keyFrom, keyOnly = false }: {
  id: CommandId;
  onClick: () => void;
  label?: string;
  /** Show the key chip from this window width up; 'never' leaves the key to the tooltip. */
  keyFrom?: MantineBreakpoint | 'never';
  /** The key chip is the whole button (its name is still the label, for screen readers). */
  keyOnly?: boolean;
}) {
  const command = useResolvedKeymap().commands.find((c) => c.id === id);
  const key = command?.keys[0];
  const name = label ?? command?.title;
  const chip = key ? <KeyChord keyName={key} /> : undefined;
  const section = !chip || keyOnly || keyFrom === 'never' ? undefined : keyFrom ? <Box visibleFrom={keyFrom} display="flex" ml={8}>{chip}</Box> : chip;
  return (
    <Button
      variant="default"
      size="xs"
      onClick={onClick}
      title={key ? `${command?.title ?? label} (${displayKey(normalizeKey(key) ?? key, isMac())})` : undefined}
      aria-label={keyOnly ? name : undefined}
      rightSection={section}
      styles={{ root: { flexShrink: 0 }, section: keyFrom ? { marginInlineStart: 0 } : undefined }}
    >
      {keyOnly && chip ? chip : name}
    </Button>
  );
}

/** Both exports under one button: the header stays readable on a laptop screen. */
function ExportMenu({ onCommand }: { onCommand: (id: CommandId) => void }) {
  const commands = useResolvedKeymap().commands;
  const item = (id: CommandId, label: string) => {
    const key = commands.find((c) => c.id === id)?.keys[0];
    return (
      <Menu.Item data-testid={`menu-${id}`} onClick={() => onCommand(id)} rightSection={key ? <KeyChord keyName={key} /> : undefined}>
        {label}
      </Menu.Item>
    );
  };
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" size="xs" data-testid="export-menu">Export ▾</Button>
      </Menu.Target>
      <Menu.Dropdown>
        {item('file:export', 'Results pack for the lead…')}
        {item('file:exportDataset', 'Dataset…')}
      </Menu.Dropdown>
    </Menu>
  );
}

export interface TaskHeaderProps {
  packName: string;
  position: string;
  progress: Progress | null;
  status: TaskStatus | null;
  flagged: boolean;
  onCommand: (id: CommandId) => void;
}

export function TaskHeader({ packName, position, progress, status, flagged, onCommand }: TaskHeaderProps) {
  return (
    <Group justify="space-between" px="md" py="xs" wrap="nowrap" data-testid="task-header" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group gap="md" wrap="nowrap" miw={0}>
        <Title order={1} size="h4" lineClamp={1} title={packName}>{packName}</Title>
        <Text size="sm" data-testid="task-position" style={{ whiteSpace: 'nowrap', flexShrink: 0 }}>{position}</Text>
        {status && <StatusBadges status={status} flagged={flagged} />}
      </Group>
      <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0 }}>
        {progress && <ProgressSummary progress={progress} testId="progress" compact />}
        <CommandButton id="view:guidelines" label="Guidelines" keyFrom="lg" onClick={() => onCommand('view:guidelines')} />
        <CommandButton id="help:cheatsheet" label="Keys" keyFrom="lg" onClick={() => onCommand('help:cheatsheet')} />
        <ExportMenu onCommand={onCommand} />
        <ThemeSwitch />
        <CommandButton id="file:close" label="Close" keyFrom="lg" onClick={() => onCommand('file:close')} />
      </Group>
    </Group>
  );
}
