/**
 * The Mantine theme: Mantine's defaults with Loupe's accent colour (the colour scheme itself is
 * MantineProvider's), tuned so text meets WCAG 2.2 AA contrast (4.5:1) in both schemes:
 *  - filled colours are shade 7 in both schemes (Mantine: 6 light, 8 dark): white on indigo 6 is
 *    4.3:1, on 7 5:1, and autoContrast picks the text colour once, for both schemes;
 *  - dimmed text (hints, captions, "nothing chosen") is gray 7 / dark 1, not gray 6 / dark 2, which
 *    read at 3.3:1 and 4:1 on the page;
 *  - `autoContrast`: a filled button or badge in a pack's own label colour (any colour a lead picks)
 *    gets black or white text, whichever reads.
 * Modals close with no exit animation: the keymap stays silent while a modal is in the document,
 * so a fading dialog would swallow the annotator's next key (Space, type a reason, Enter, and the
 * next label key must already work).
 */
import { Modal, Notification, createTheme, type CSSVariablesResolver, type MantineTheme } from '@mantine/core';
import { blend, readableOn } from './contrast';

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 7, dark: 7 },
  autoContrast: true,
  // Black text from the luminance where it reads better than white (WCAG: both reach 4.58:1 there).
  luminanceThreshold: 0.179,
  defaultRadius: 'sm',
  cursorType: 'pointer',
  components: {
    Modal: Modal.extend({ defaultProps: { transitionProps: { duration: 120, exitDuration: 0 }, closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } }),
  },
});

/** The page's lightest and darkest-but-one surfaces (body, Paper, table stripes) each scheme puts text on. */
const LIGHT_SURFACE = '#f1f3f5'; // gray 1
const DARK_SURFACE = '#2e2e2e'; // dark 6

/**
 * Coloured text (`c="red"`, anchors, light badges and buttons) in every palette colour, made to
 * read: Mantine's shades for it (filled shade 6–7 on white; shade 9 on shade 1 for light variants;
 * shade 4 and 0 in dark) fall under 4.5:1 for orange, yellow, green, cyan, teal and red.
 */
function paletteText(theme: MantineTheme): { light: Record<string, string>; dark: Record<string, string> } {
  const light: Record<string, string> = {};
  const dark: Record<string, string> = {};
  for (const [name, shades] of Object.entries(theme.colors)) {
    if (name === 'dark' || name === 'gray') continue;
    // Coloured text sits on the page and on its own light-variant tint (a highlighted row, a diff).
    const lightTint = shades[1]!;
    const darkTint = blend('#000000', 0.5, shades[9]!); // Mantine's dark light-variant: shade 9 darkened by half
    light[`--mantine-color-${name}-text`] = readableOn(readableOn(shades[7]!, LIGHT_SURFACE), lightTint);
    light[`--mantine-color-${name}-light-color`] = readableOn(shades[9]!, lightTint);
    dark[`--mantine-color-${name}-text`] = readableOn(readableOn(shades[4]!, DARK_SURFACE), darkTint);
    dark[`--mantine-color-${name}-light-color`] = readableOn(readableOn(shades[0]!, DARK_SURFACE), darkTint);
  }
  return { light, dark };
}

export const cssVariablesResolver: CSSVariablesResolver = (t) => {
  const text = paletteText(t);
  return {
    variables: {},
    light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', ...text.light },
    dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)', ...text.dark },
  };
};
