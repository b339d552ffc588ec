/**
 * The visible theme switch (also Mod+Shift+L, `view:theme`): one small button that says what it
 * switches to, in Home's header and the annotator's. The choice is saved for the profile.
 */
import { ActionIcon, Tooltip } from '@mantine/core';
import { displayKey } from '../../../shared/keymap';
import { useCommandKeys } from '../keys/resolvedKeymap';
import { isMac } from '../platform';
import { useThemeToggle } from './displaySettings';

export function ThemeSwitch() {
  const { scheme, toggle } = useThemeToggle();
  const key = useCommandKeys('view:theme')[0];
  const label = `Switch to ${scheme === 'dark' ? 'light' : 'dark'} theme${key ? ` (${displayKey(key, isMac())})` : ''}`;
  return (
    <Tooltip label={label} withinPortal>
      <ActionIcon variant="default" size="md" aria-label={label} onClick={toggle} data-testid="theme-switch" data-scheme={scheme}>
        <span aria-hidden style={{ fontSize: 15, lineHeight: 1 }}>{scheme === 'dark' ? '☀' : '☾'}</span>
      </ActionIcon>
    </Tooltip>
  );
}
