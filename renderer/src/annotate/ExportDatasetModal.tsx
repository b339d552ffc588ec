/**
 * "Export dataset…": the formats that fit this pack's questions (shared/exportFormats.ts), one
 * button each with its number key, so the keyboard picks one in a keystroke. The save dialog
 * follows (in the main process); the file is written there, never by the renderer.
 */
import { Button, Kbd, Modal, Stack, Text } from '@mantine/core';
import type { KeyboardEvent } from 'react';
import { DATASET_FORMAT_INFO, formatsFor, type DatasetFormat } from '../../../shared/exportFormats';
import type { LabelConfig } from '../../../shared/pack/labelConfig';

export function ExportDatasetModal({ opened, config, onPick, onClose }: { opened: boolean; config: LabelConfig; onPick: (format: DatasetFormat) => void; onClose: () => void }) {
  const formats = formatsFor(config);
  // The keymap is silent while a modal is open, so the number keys are this dialog's own.
  const onKeyDown = (event: KeyboardEvent) => {
    const format = /^[1-9]$/.test(event.key) ? formats[Number(event.key) - 1] : undefined;
    if (format && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      onPick(format);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Export dataset" size="lg">
      <Stack gap="xs" onKeyDown={onKeyDown} data-testid="export-dataset">
        <Text size="sm" c="dimmed">Every submitted answer in this workstation’s copy of the pack. Press a number or pick a format:</Text>
        {formats.map((format, i) => (
          <Button
            key={format}
            data-autofocus={i === 0 || undefined}
            data-testid={`export-format-${format}`}
            variant="default"
            justify="space-between"
            h="auto"
            py={6}
            leftSection={<Kbd size="xs">{i + 1}</Kbd>}
            onClick={() => onPick(format)}
            styles={{ label: { flexDirection: 'column', alignItems: 'flex-start', whiteSpace: 'normal' } }}
          >
            <Text size="sm" fw={600}>{DATASET_FORMAT_INFO[format].title}</Text>
            <Text size="xs" c="dimmed">{DATASET_FORMAT_INFO[format].description}</Text>
          </Button>
        ))}
      </Stack>
    </Modal>
  );
}
