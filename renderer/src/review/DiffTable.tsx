/**
 * Every question of the task in one table, both answers in words side by side; rows where the
 * answers differ are tinted and marked "≠" (the mark, not only the tint, so the difference does
 * not rest on colour alone). Where two texts differ, the reviewed cell shows the word diff from
 * the comparison's text, since two long texts truncated alike would otherwise look the same.
 */
import { Table, Text } from '@mantine/core';
import type { QuestionDiff } from '../../../shared/answerDiff';
import type { DiffPart } from '../../../shared/pack/task';

function WordDiff({ parts }: { parts: readonly DiffPart[] }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="diff-words">
      {parts.map((part, i) =>
        part.op === 'insert' ? (
          <ins key={i} style={{ background: 'var(--mantine-color-green-light)', textDecoration: 'none' }}>{part.text}</ins>
        ) : part.op === 'delete' ? (
          <del key={i} style={{ background: 'var(--mantine-color-red-light)' }}>{part.text}</del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </Text>
  );
}

export function DiffTable({ rows, reviewedName, compareName }: { rows: readonly QuestionDiff[]; reviewedName: string; compareName: string }) {
  return (
    <Table withTableBorder withColumnBorders layout="fixed" data-testid="diff-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="22%">Question</Table.Th>
          <Table.Th>{reviewedName}</Table.Th>
          <Table.Th>{compareName}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr
            key={row.controlId}
            data-testid={`diff-row-${row.controlId}`}
            data-differs={String(!row.same)}
            style={row.same ? undefined : { background: 'var(--mantine-color-yellow-light)' }}
          >
            <Table.Td>
              <Text size="sm" fw={500}>
                {row.same ? null : <span aria-label="differs" title="The answers differ">≠ </span>}
                {row.title}
              </Text>
            </Table.Td>
            <Table.Td>{row.textDiff ? <WordDiff parts={row.textDiff} /> : <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{row.reviewed}</Text>}</Table.Td>
            <Table.Td>
              <Text size="sm" c={row.compare === null ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
                {row.compare ?? '—'}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
