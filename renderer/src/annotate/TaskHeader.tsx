/**
 * The annotator's top bar: which pack, where in it, how far along, the task's status, and buttons
 * for the actions that also have keys (each shows its key, so the mouse teaches the keyboard).
 */
import { Badge, Button, Group, Menu, Text, Title } from '@mantine/core';
import type { Progress, TaskStatus } from '../../../shared/contract';
import type { CommandId } from '../../../shared/keymap';
import { ProgressSummary } from '../components/ProgressSummary';
import { KeyChord } from '../keys/CheatSheet';
import { useResolvedKeymap } from '../keys/resolvedKeymap';
import { ThemeSwitch } from '../settings/ThemeSwitch';

const STATUS_COLOR: Record<Exclude<TaskStatus, 'pending'>, string> = { draft: 'blue', submitted: 'teal', skipped: 'yellow' };

export function StatusBadges({ status, flagged }: { status: TaskStatus; flagged: boolean }) {
  return (
    <Group gap={4} data-testid="task-status" data-status={status} data-flagged={flagged}>
      {status !== 'pending' && <Badge color={STATUS_COLOR[status]}>{status}</Badge>}
      {flagged && <Badge color="red">flagged</Badge>}
    </Group>
  );
}

/** A button for a keymap command, labelled with its title and first key from the resolved table (the profile's keys). */
export function CommandButton({ id, onClick, label }: { id: CommandId; onClick: () => void; label?: string }) {
  const command = useResolvedKeymap().commands.find((c) => c.id === id);
  const key = command?.keys[0];
  return (
    <Button variant="default" size="xs" onClick={onClick} rightSection={key ? <KeyChord keyName={key} /> : undefined}>
      {label ?? command?.title}
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
    <Group justify="space-between" px="md" py="xs" wrap="nowrap" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group gap="md" wrap="nowrap" miw={0}>
        <Title order={4} lineClamp={1} title={packName}>{packName}</Title>
        <Text size="sm" data-testid="task-position" style={{ whiteSpace: 'nowrap' }}>{position}</Text>
        {status && <StatusBadges status={status} flagged={flagged} />}
      </Group>
      <Group gap="md" wrap="nowrap">
        {progress && <ProgressSummary progress={progress} testId="progress" />}
        <CommandButton id="view:guidelines" label="Guidelines" onClick={() => onCommand('view:guidelines')} />
        <CommandButton id="help:cheatsheet" label="Keys" onClick={() => onCommand('help:cheatsheet')} />
        <ExportMenu onCommand={onCommand} />
        <ThemeSwitch />
        <CommandButton id="file:close" label="Close" onClick={() => onCommand('file:close')} />
      </Group>
    </Group>
  );
}
