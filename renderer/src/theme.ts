/**
 * The Mantine theme: Mantine's defaults with Loupe's accent colour (the colour scheme itself is
 * MantineProvider's). Modals close with no exit animation: the keymap stays silent while a modal
 * is in the document, so a fading dialog would swallow the annotator's next key (Space, type a
 * reason, Enter, and the next label key must already work).
 */
import { Modal, createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Modal: Modal.extend({ defaultProps: { transitionProps: { duration: 120, exitDuration: 0 } } }),
  },
});
