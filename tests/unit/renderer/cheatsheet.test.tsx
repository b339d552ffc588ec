// @vitest-environment happy-dom
/** The cheat sheet is generated from the COMMANDS table: every command and every key appears. */
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS, contextChain, displayKey, normalizeKey } from '../../../shared/keymap';
import { editorLabelKeyHelp, labelKeyHelp } from '../../../renderer/src/annotate/labelKeys';
import { CheatSheet } from '../../../renderer/src/keys/CheatSheet';
import { renderWithApp, sentimentConfig } from './harness';

afterEach(cleanup);

describe('cheat sheet', () => {
  it.each(['labeling', 'spans', 'regions'] as const)('lists every command live in the %s context with its title and every key', (context) => {
    renderWithApp(<CheatSheet opened onClose={() => {}} context={context} />);
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
