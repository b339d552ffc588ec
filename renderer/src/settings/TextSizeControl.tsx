/**
 * The size of task content (the text, prompt and responses being labeled), saved for the profile.
 * A native select: arrows change it, and it is labelled, so it reads out as what it is.
 */
import { NativeSelect } from '@mantine/core';
import { TEXT_SIZES, TEXT_SIZE_NAMES, type TextSize } from '../../../shared/displaySettings';
import { useDisplaySettings } from './displaySettings';

export function TextSizeControl() {
  const { settings, change } = useDisplaySettings();
  return (
    <NativeSelect
      size="xs"
      label="Task text size"
      data-testid="text-size"
      data={TEXT_SIZES.map((size) => ({ value: size, label: TEXT_SIZE_NAMES[size] }))}
      value={settings.textSize}
      onChange={(event) => change({ textSize: event.currentTarget.value as TextSize })}
    />
  );
}
