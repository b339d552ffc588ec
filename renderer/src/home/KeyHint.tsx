/** Where Home mentions a command's key, it shows the profile's current one (or nothing, when unbound). */
import type { CommandId } from '../../../shared/keymap';
import { KeyChord } from '../keys/CheatSheet';
import { useCommandKeys } from '../keys/resolvedKeymap';

export function KeyHint({ command }: { command: CommandId }) {
  const key = useCommandKeys(command)[0];
  return key ? <KeyChord keyName={key} /> : null;
}
