/**
 * Keyboard settings (Mod+, or from Home and the palette): every command by group with its keys,
 * edited as a draft and saved for the current profile. "Change" records the next chord (Escape
 * cancels, Backspace leaves the command without a key), "Add" records an extra key, "Reset" and
 * "Reset all" go back to the defaults. Clashes are found live on the whole draft (findConflicts)
 * and shown on the rows involved; a draft with clashes cannot be saved, and the backend refuses
 * one anyway.
 */
import { Alert, Button, Group, Modal, ScrollArea, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { COMMANDS, displayKey, type CommandId } from '../../../shared/keymap';
import { compactOverrides, findConflicts, resolveCommands, type KeyOverrides, type ResolvedCommand } from '../../../shared/keyOverrides';
import { errorMessage, notifyInfo } from '../notify';
import { isMac } from '../platform';
import { KeySettingsRow, type RowClash } from './KeySettingsRow';
import { matchScore } from './paletteSearch';
import { useCommandKeys, useResolvedKeymap } from './resolvedKeymap';
import { useChordRecorder, type RecordedKey } from './useChordRecorder';

interface Recording {
  id: CommandId;
  mode: 'replace' | 'add';
}

export interface KeySettingsProps {
  opened: boolean;
  onClose: () => void;
}

function groupsOf(commands: readonly ResolvedCommand[]): [string, ResolvedCommand[]][] {
  const groups = new Map<string, ResolvedCommand[]>();
  for (const command of commands) groups.set(command.group, [...(groups.get(command.group) ?? []), command]);
  return [...groups];
}

/** For each command, the keys it shares with others where both are live, and whose they are. */
function clashesByCommand(commands: readonly ResolvedCommand[]): Map<CommandId, RowClash[]> {
  const title = (id: CommandId) => commands.find((c) => c.id === id)?.title ?? id;
  const out = new Map<CommandId, RowClash[]>();
  for (const conflict of findConflicts(commands)) {
    for (const id of conflict.commandIds) {
      const others = conflict.commandIds.filter((other) => other !== id).map(title);
      const list = out.get(id) ?? [];
      const same = list.find((clash) => clash.key === conflict.key);
      if (same) same.others = [...new Set([...same.others, ...others])];
      else list.push({ key: conflict.key, others });
      out.set(id, list);
    }
  }
  return out;
}

interface BodyProps {
  onClose: () => void;
  recording: Recording | null;
  setRecording: (recording: Recording | null) => void;
}

function KeySettingsBody({ onClose, recording, setRecording }: BodyProps) {
  const { overrides, save } = useResolvedKeymap();
  const paletteKey = useCommandKeys('app:palette')[0];
  // Until the first edit the draft is the profile's keymap itself, so a keymap that arrives after
  // the dialog opened (Mod+, right at startup) is what the person edits.
  const [edited, setEdited] = useState<KeyOverrides | null>(null);
  const draft = edited ?? overrides;
  const [refusal, setRefusal] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const commands = useMemo(() => resolveCommands(draft), [draft]);
  const clashes = useMemo(() => clashesByCommand(commands), [commands]);
  const shown = commands.filter((c) => matchScore(filter, c) !== null);
  const keysOf = (id: CommandId) => commands.find((c) => c.id === id)?.keys ?? [];
  const titleOf = (id: CommandId) => commands.find((c) => c.id === id)?.title ?? id;

  const setKeys = (id: CommandId, keys: string[]) => {
    setEdited((current) => compactOverrides({ ...(current ?? overrides), [id]: keys }));
    setSaveError(null);
  };

  useChordRecorder(recording !== null, (recorded: RecordedKey) => {
    if (!recording) return;
    if (recorded.kind === 'refused') {
      setRefusal(recorded.reason);
      return;
    }
    const { id, mode } = recording;
    if (recorded.kind === 'chord') setKeys(id, mode === 'replace' ? [recorded.key] : [...keysOf(id), recorded.key]);
    else if (recorded.kind === 'remove' && mode === 'replace') setKeys(id, []);
    setRecording(null);
    setRefusal(null);
  });

  const onSave = async () => {
    setSaving(true);
    try {
      await save(draft);
      notifyInfo('Keyboard shortcuts saved', 'They apply now, everywhere in Loupe, for this profile.');
      onClose();
    } catch (error) {
      setSaveError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const conflictCount = new Set([...clashes.values()].flat().map((c) => c.key)).size;
  const isDefault = Object.keys(draft).length === 0;

  return (
    <Stack gap="sm" data-testid="key-settings">
      <Group justify="space-between" wrap="nowrap">
        <TextInput size="xs" placeholder="Filter commands" aria-label="Filter commands" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} w={260} />
        <Button size="xs" variant="default" onClick={() => setEdited({})} disabled={isDefault} data-testid="keys-reset-all">
          Reset all
        </Button>
      </Group>
      {recording && (
        <Alert color="blue" p="xs" data-testid="key-recording">
          Press the new key for “{titleOf(recording.id)}”. Escape cancels
          {recording.mode === 'replace' ? '; Backspace leaves it without a key.' : '.'}
          {refusal && <Text size="xs" c="red" mt={4}>{refusal}</Text>}
        </Alert>
      )}
      {conflictCount > 0 && (
        <Alert color="red" p="xs" data-testid="key-conflicts">
          {conflictCount === 1 ? 'One key does' : `${conflictCount} keys do`} two things where both commands are live. Give one of them
          another key to save.
        </Alert>
      )}
      <ScrollArea.Autosize mah="55vh" type="auto" offsetScrollbars>
        {groupsOf(shown).map(([group, list]) => (
          <section key={group}>
            <Title order={5} mt="xs">{group}</Title>
            <Table verticalSpacing={4} layout="fixed">
              <Table.Tbody>
                {list.map((command) => (
                  <KeySettingsRow
                    key={command.id}
                    command={command}
                    changed={Object.hasOwn(draft, command.id)}
                    clashes={clashes.get(command.id) ?? []}
                    recording={recording?.id === command.id ? recording.mode : null}
                    onRecord={(id, mode) => {
                      setRecording({ id, mode });
                      setRefusal(null);
                    }}
                    onRemoveKey={(id, key) => setKeys(id, keysOf(id).filter((k) => k !== key))}
                    onReset={(id) => setKeys(id, [...(COMMANDS.find((c) => c.id === id)?.keys ?? [])])}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ))}
        {shown.length === 0 && <Text size="sm" c="dimmed">No command matches “{filter}”.</Text>}
      </ScrollArea.Autosize>
      {saveError && <Alert color="red" p="xs" data-testid="key-save-error">{saveError}</Alert>}
      <Group justify="space-between">
        <Text size="xs" c="dimmed">
          Saved for this profile.{paletteKey && ` ${displayKey(paletteKey, isMac())} lists every command with its key.`}
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={onClose}>Cancel</Button>
          <Button onClick={() => void onSave()} loading={saving} disabled={conflictCount > 0} data-testid="keys-save">
            Save
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

export function KeySettings({ opened, onClose }: KeySettingsProps) {
  // Held here, not in the body: while recording, Escape belongs to the recorder, and the dialog's
  // own Escape listener (on window, ahead of ours) must be switched off.
  const [recording, setRecording] = useState<Recording | null>(null);
  const close = () => {
    setRecording(null);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Customize keyboard shortcuts" size="xl" closeOnEscape={recording === null}>
      {opened && <KeySettingsBody onClose={close} recording={recording} setRecording={setRecording} />}
    </Modal>
  );
}
