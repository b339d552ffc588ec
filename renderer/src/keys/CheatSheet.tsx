/**
 * The keyboard cheat sheet (`?`), generated from the resolved keymap (the COMMANDS table with the
 * profile's rebound keys) and the open pack's label keys, so it can never disagree with what the
 * keys do. No hand-written list. A label key that a rebound app key now also uses is flagged: the
 * pack was checked against the defaults, and in the annotator the label wins.
 *
 * It lists the keys of the contexts live where it was opened (the reviewer's queue shows review
 * keys, Home only global ones) and, of those, only commands the screen does something with now.
 */
import { Alert, Badge, Group, Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { appKeyOwner, contextChain, displayKey, normalizeKey, type CommandId, type CommandSpec, type KeyContext } from '../../../shared/keymap';
import type { LabelKeyHelp, LabelKeyMode } from '../annotate/labelKeys';
import { isMac } from '../platform';
import { useLayoutEffect, useReducer } from 'react';
import { useKeymapRegistry } from './commands';
import { useResolvedKeymap } from './resolvedKeymap';

const MODE_HELP: Record<LabelKeyMode, string> = {
  submit: 'Press a label key to pick that label and submit: one keystroke per task, then the next task opens.',
  select: 'Press a label key to pick that label; Enter submits once every question is answered.',
  toggle: 'Label keys switch their label on or off (several labels allowed); Enter submits.',
  apply: 'Label keys label the selected text or region (or the next region you draw); Enter submits.',
};

export function KeyChord({ keyName }: { keyName: string }) {
  return <Kbd size="sm">{displayKey(normalizeKey(keyName) ?? keyName, isMac())}</Kbd>;
}

export function KeyList({ keys }: { keys: readonly string[] }) {
  if (keys.length === 0) return <Text size="xs" c="dimmed">no key</Text>;
  return (
    <Group gap={4} wrap="nowrap">
      {keys.map((key, i) => (
        <Group key={key} gap={4} wrap="nowrap">
          {i > 0 && <Text size="xs" c="dimmed">or</Text>}
          <KeyChord keyName={key} />
        </Group>
      ))}
    </Group>
  );
}

function groupsOf(commands: readonly CommandSpec[]): [string, CommandSpec[]][] {
  const groups = new Map<string, CommandSpec[]>();
  for (const command of commands) groups.set(command.group, [...(groups.get(command.group) ?? []), command]);
  return [...groups];
}

/**
 * Label keys the profile has since given to an app command (packs are checked against the
 * defaults, so only a rebinding makes these). Listed under the labels rather than in their table,
 * which stays narrow enough for the label names.
 */
function LabelKeyClashes({ labels, commands }: { labels: LabelKeyHelp; commands: readonly CommandSpec[] }) {
  const clashes = labels.bindings.flatMap(({ key, label }) => {
    const owner = appKeyOwner(key, commands);
    return owner ? [{ key, label, owner }] : [];
  });
  if (clashes.length === 0) return null;
  return (
    <Alert color="orange" variant="light" p="xs" mt="xs" title="Your keys and this pack’s labels overlap">
      {clashes.map(({ key, label, owner }) => (
        <Text key={label.id} size="sm" data-testid="label-key-clash">
          <KeyChord keyName={key} /> labels “{label.name}” here, so it does not run your “{owner}” while this pack is open.
        </Text>
      ))}
      <Text size="xs" c="dimmed" mt={4}>Change your key in Customize keyboard shortcuts to use both.</Text>
    </Alert>
  );
}

export interface CheatSheetProps {
  opened: boolean;
  onClose: () => void;
  /** The open pack's label keys; absent outside the annotator. */
  labels?: LabelKeyHelp | null;
  /** Where the keys are asked about: lists the commands live there (default: the context the keymap is in). */
  context?: KeyContext;
}

export function CheatSheet({ opened, onClose, labels, context }: CheatSheetProps) {
  const registry = useKeymapRegistry();
  // Screens register their key layers in layout effects, which run after this render when the
  // sheet mounts open: read the registry once more after them.
  const [, reread] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => {
    if (opened) reread();
  }, [opened]);
  const live = contextChain(context ?? registry.context());
  const resolved = useResolvedKeymap().commands;
  const commands = resolved.filter((c) => live.includes(c.when) && registry.handles(c.id as CommandId));
  const scrolls = commands.some((c) => c.id === 'view:scrollDown');
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg">
      <Stack gap="md" data-testid="cheatsheet">
        {labels && (
          <section>
            <Title order={4}>Labels — {labels.controlTitle}</Title>
            <Text size="sm" mb="xs" data-testid="cheatsheet-label-mode">{MODE_HELP[labels.mode]}</Text>
            {labels.bindings.length === 0 ? (
              <Text size="sm" c="dimmed">This pack gives its labels no keys.</Text>
            ) : (
              <Table verticalSpacing={4}>
                <Table.Tbody>
                  {labels.bindings.map(({ key, label }) => (
                    <Table.Tr key={label.id}>
                      <Table.Td><Badge color={label.color} autoContrast variant="filled">{label.name}</Badge></Table.Td>
                      <Table.Td><KeyChord keyName={key} /></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <LabelKeyClashes labels={labels} commands={resolved} />
          </section>
        )}
        {groupsOf(commands).map(([group, commands]) => (
          <section key={group}>
            <Title order={4}>{group}</Title>
            {group === 'Questions' && (
              <Text size="sm" mb="xs" data-testid="cheatsheet-number-keys">
                Number keys answer the focused row: a rubric score, a preference’s strength, a flag’s severity, a response’s place
                in a ranking, or a label (each button shows its key). Answer keys act on the focused question only.
              </Text>
            )}
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {commands.map((command) => (
                  <Table.Tr key={command.id} data-command={command.id}>
                    <Table.Td>
                      {command.title}
                      {command.when === 'labeling' && <Text span size="xs" c="dimmed"> (while labeling)</Text>}
                    </Table.Td>
                    <Table.Td><KeyList keys={command.keys} /></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ))}
        <Text size="xs" c="dimmed">
          Keys do nothing while you type in a text field (except {displayKey('Mod+Enter', isMac())}, which submits) or while a dialog is open.
          Escape leaves a text field; Tab moves on to the next question.
          {scrolls && ' A focused text or response pane (Tab or click to it) also scrolls with ↑ ↓, Page Up, Page Down, Home and End.'}
        </Text>
      </Stack>
    </Modal>
  );
}
