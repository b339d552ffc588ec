/** Shown while a file is dragged over the window, so the person knows a drop will open it. */
import { Center, Overlay, Text } from '@mantine/core';

export function DropOverlay() {
  return (
    <Overlay fixed zIndex={1000} backgroundOpacity={0.6} blur={2} data-testid="drop-overlay" style={{ pointerEvents: 'none' }}>
      <Center h="100%">
        <Text size="xl" fw={700} c="white">Drop the pack to open it</Text>
      </Center>
    </Overlay>
  );
}
