/**
 * The packs a project's splits wrote, as the store recorded them: for whom, the file and the
 * folder it went to, how many tasks (and gold), so the lead knows what to send to whom, and still
 * knows tomorrow.
 */
import { Stack, Table, Text, Title } from '@mantine/core';
import type { ChannelOutput } from '../../../shared/contract';
import { plural } from '../../../shared/wording';

export function WrittenPacks({ packs }: { packs: ChannelOutput<'project:packs'> }) {
  return (
    <Stack gap="xs" data-testid="written-packs">
      <Title order={4}>Packs written</Title>
      {packs.length === 0 ? (
        <Text size="sm" c="dimmed">None yet. Write the packs above, send each person their file, and import their results packs in Overview.</Text>
      ) : (
        <Table striped>
          <Table.Thead><Table.Tr><Table.Th>For</Table.Th><Table.Th>File</Table.Th><Table.Th>Folder</Table.Th><Table.Th>Tasks</Table.Th><Table.Th>Split</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {packs.map((p) => (
              <Table.Tr key={p.packId}>
                <Table.Td>{p.annotator}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{p.file ?? '—'}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}><Text size="sm" c="dimmed">{p.folder ?? 'not recorded'}</Text></Table.Td>
                <Table.Td>{plural(p.tasks, 'task')}{p.gold > 0 ? ` (${p.gold} gold)` : ''}</Table.Td>
                <Table.Td>{p.split} · {new Date(p.writtenAt).toLocaleString()}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
