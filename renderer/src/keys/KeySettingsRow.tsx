/**
 * One command in the keyboard settings: its title, its keys (each removable), and Change / Add /
 * Reset. A row whose key clashes names the commands it clashes with, right there, so the person
 * sees what to change; a plain letter or digit gets a note that packs use those for labels.
 */
import { Badge, Button, Group, Pill, Table, Text } from '@mantine/core';
import { displayKey, type CommandId } from '../../../shared/keymap';
import { MAX_KEYS_PER_COMMAND, type ResolvedCommand } from '../../../shared/keyOverrides';
import { isMac } from '../platform';

export interface RowClash {
  key: string;
  /** Titles of the other commands on that key. */
  others: string[];
}

export interface KeySettingsRowProps {
  command: ResolvedCommand;
  changed: boolean;
  clashes: RowClash[];
  /** Which recording this row is in, if any. */
  recording: 'replace' | 'add' | null;
  onRecord: (id: CommandId, mode: 'replace' | 'add') => void;
  onRemoveKey: (id: CommandId, key: string) => void;
  onReset: (id: CommandId) => void;
}

/** A key a pack's label may also use: letters and digits, alone or with Shift. */
function isLabelStyleKey(key: string): boolean {
  return /^(Shift\+)?[\p{L}\p{N}]$/u.test(key);
}

export function KeySettingsRow({ command, changed, clashes, recording, onRecord, onRemoveKey, onReset }: KeySettingsRowProps) {
  const mac = isMac();
  const { id, title, keys } = command;
  return (
    <Table.Tr data-command={id} data-conflict={clashes.length > 0 || undefined} bg={clashes.length > 0 ? 'var(--mantine-color-red-light)' : undefined}>
      <Table.Td>
        <Text size="sm">
          {title}
          {changed && <Badge ml="xs" size="xs" variant="light">changed</Badge>}
        </Text>
        {clashes.map(({ key, others }) => (
          <Text key={key} size="xs" c="red" data-testid="key-clash">
            {displayKey(key, mac)} is also the key of {others.map((o) => `“${o}”`).join(' and ')}
          </Text>
        ))}
        {keys.some(isLabelStyleKey) && (
          <Text size="xs" c="orange">Packs use plain letters and digits for labels; where a label uses this key, the label wins.</Text>
        )}
      </Table.Td>
      <Table.Td>
        {recording ? (
          <Text size="sm" fw={600} c="blue" data-testid="key-recording-here">Press a key…</Text>
        ) : keys.length === 0 ? (
          <Text size="xs" c="dimmed">no key</Text>
        ) : (
          <Group gap={4}>
            {keys.map((key) => (
              <Pill
                key={key}
                withRemoveButton
                onRemove={() => onRemoveKey(id, key)}
                // Reachable by keyboard too (Mantine hides it from both by default, for inputs that own Backspace).
                removeButtonProps={{ 'aria-label': `Remove ${displayKey(key, mac)} from ${title}`, 'aria-hidden': false, tabIndex: 0 }}
                data-testid={`key-${id}-${key}`}
              >
                {displayKey(key, mac)}
              </Pill>
            ))}
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <Button size="compact-xs" variant="default" onClick={() => onRecord(id, 'replace')} aria-label={`Change the keys of ${title}`} data-testid={`keys-change-${id}`}>
            Change
          </Button>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={keys.length >= MAX_KEYS_PER_COMMAND}
            onClick={() => onRecord(id, 'add')}
            aria-label={`Add a key to ${title}`}
            data-testid={`keys-add-${id}`}
          >
            Add
          </Button>
          <Button size="compact-xs" variant="subtle" disabled={!changed} onClick={() => onReset(id)} aria-label={`Reset the keys of ${title}`} data-testid={`keys-reset-${id}`}>
            Reset
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
