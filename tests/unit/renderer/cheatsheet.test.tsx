// @vitest-environment happy-dom
/**
 * The cheat sheet is generated from the COMMANDS table: every command live where it is opened, and
 * that the screen handles, appears with every key; nothing else does.
 */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, contextChain, displayKey, normalizeKey, type CommandId, type KeyContext } from '../../../shared/keymap';
import { editorLabelKeyHelp, labelKeyHelp } from '../../../renderer/src/annotate/labelKeys';
import { CheatSheet } from '../../../renderer/src/keys/CheatSheet';
import { useCommandHandlers } from '../../../renderer/src/keys/commands';
import type { CommandHandlers } from '../../../renderer/src/keys/registry';
import { renderWithApp, sentimentConfig } from './harness';

afterEach(cleanup);

/** A screen in `context` that handles `ids` (by default every command). */
function Screen({ context, ids = COMMANDS.map((c) => c.id) }: { context?: KeyContext; ids?: readonly CommandId[] }) {
  const handlers: CommandHandlers = Object.fromEntries(ids.map((id) => [id, () => {}]));
  useCommandHandlers(handlers, { context });
  return null;
}

describe('cheat sheet', () => {
  it.each(['labeling', 'spans', 'regions'] as const)('lists every command live in the %s context with its title and every key', (context) => {
    renderWithApp(<><Screen context={context} /><CheatSheet opened onClose={() => {}} context={context} /></>);
    const sheet = screen.getByTestId('cheatsheet');
    const isMac = /Mac/.test(navigator.platform);
    const live = COMMANDS.filter((c) => contextChain(context).includes(c.when));
    for (const command of live) {
      const row = sheet.querySelector(`[data-command="${command.id}"]`);
      expect(row, command.id).not.toBeNull();
      expect(row!.textContent).toContain(command.title);
      for (const key of command.keys) expect(row!.textContent).toContain(displayKey(normalizeKey(key)!, isMac));
    }
    expect(sheet.querySelectorAll('[data-command]')).toHaveLength(live.length);
    for (const group of new Set(live.map((c) => c.group))) expect(within(sheet).getByRole('heading', { name: group })).toBeTruthy();
  });

  it('opened without a context, lists the keys of the context the screen put the keymap in: the reviewer sees review keys', () => {
    renderWithApp(<><Screen context="review" /><CheatSheet opened onClose={() => {}} /></>);
    const sheet = screen.getByTestId('cheatsheet');
    for (const id of ['review:accept', 'review:reject', 'review:fix', 'review:next', 'review:previous', 'review:undo', 'review:export', 'help:cheatsheet']) {
      expect(sheet.querySelector(`[data-command="${id}"]`), id).not.toBeNull();
    }
    expect(sheet.querySelector('[data-command="task:skip"]')).toBeNull();
    expect(sheet.textContent).toContain('Reject with a reason');
  });

  it('leaves out commands the screen does nothing with', () => {
    renderWithApp(<><Screen context="labeling" ids={['file:close', 'help:cheatsheet']} /><CheatSheet opened onClose={() => {}} /></>);
    const listed = [...screen.getByTestId('cheatsheet').querySelectorAll('[data-command]')].map((row) => row.getAttribute('data-command'));
    expect(listed.sort()).toEqual(['file:close', 'help:cheatsheet']);
  });

  it('lists an editor control\'s label keys and says they label the selection', () => {
    const spans = { id: 'ner', kind: 'spans' as const, required: true, allowOverlap: false, snapToTokens: true, relations: [], labels: [{ id: 'per', name: 'Person', color: '#e03131', hotkey: 'p' }] };
    renderWithApp(<CheatSheet opened onClose={() => {}} labels={editorLabelKeyHelp(spans)} context="spans" />);
    expect(screen.getByTestId('cheatsheet-label-mode').textContent).toMatch(/label the selected text or region/);
    expect(screen.getByTestId('cheatsheet').textContent).toContain('Person');
  });

  it('adds the pack’s label keys and says a single-label key also submits', () => {
    renderWithApp(<CheatSheet opened onClose={() => {}} labels={labelKeyHelp(sentimentConfig)} />);
    const sheet = screen.getByTestId('cheatsheet');
    expect(sheet.textContent).toContain('Positive');
    expect(sheet.textContent).toContain('Negative');
    expect(screen.getByTestId('cheatsheet-label-mode').textContent).toMatch(/pick that label and submit/);
  });

  it('says label keys toggle in a multi-label pack', () => {
    const [control] = sentimentConfig.controls;
    const multi = { ...sentimentConfig, controls: [{ ...control!, multiple: true }] } as typeof sentimentConfig;
    renderWithApp(<CheatSheet opened onClose={() => {}} labels={labelKeyHelp(multi)} />);
    expect(screen.getByTestId('cheatsheet-label-mode').textContent).toMatch(/switch their label on or off/);
  });
});
