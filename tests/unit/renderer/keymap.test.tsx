// @vitest-environment happy-dom
/**
 * The one keyboard binder: label keys and commands fire through it, nothing fires while typing or
 * while a modal is open, and a key means what its `when` context says.
 */
import { Modal } from '@mantine/core';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useCommandHandlers } from '../../../renderer/src/keys/commands';
import { KeymapRegistry, type KeyLayer } from '../../../renderer/src/keys/registry';
import { renderWithApp } from './harness';

afterEach(cleanup);

function Labeling({ onLabel, onSubmit, onUndo }: { onLabel: () => void; onSubmit: () => void; onUndo?: () => void }) {
  useCommandHandlers({ 'task:submit': onSubmit, ...(onUndo ? { 'edit:undo': onUndo } : {}) }, { context: 'labeling', labelKeys: new Map([['1', onLabel]]) });
  return (
    <div>
      <input data-testid="field" />
      <textarea data-testid="area" />
      <select data-testid="choice"><option>a</option></select>
      <div data-testid="editable" contentEditable suppressContentEditableWarning>text</div>
      <button data-testid="button">button</button>
    </div>
  );
}

function press(target: Element | Document, key: string, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

describe('keymap binder', () => {
  it('fires a label key and a labeling command, and prevents their default', () => {
    const onLabel = vi.fn();
    const onSubmit = vi.fn();
    renderWithApp(<Labeling onLabel={onLabel} onSubmit={onSubmit} />);
    expect(press(document.body, '1').defaultPrevented).toBe(true);
    expect(press(document.body, 'Enter').defaultPrevented).toBe(true);
    expect(onLabel).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('fires on a focused button too (the keymap wins over the button’s Enter)', () => {
    const onSubmit = vi.fn();
    renderWithApp(<Labeling onLabel={vi.fn()} onSubmit={onSubmit} />);
    const button = screen.getByTestId('button');
    button.focus();
    press(button, 'Enter');
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it.each(['field', 'area', 'choice', 'editable'])('does nothing while %s has focus', (testId) => {
    const onLabel = vi.fn();
    const onSubmit = vi.fn();
    renderWithApp(<Labeling onLabel={onLabel} onSubmit={onSubmit} />);
    const target = screen.getByTestId(testId);
    target.focus();
    const typed = press(target, '1');
    press(target, 'Enter');
    expect(onLabel).not.toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(typed.defaultPrevented).toBe(false);
  });

  it('does nothing while a modal dialog is open', () => {
    const onLabel = vi.fn();
    renderWithApp(
      <>
        <Labeling onLabel={onLabel} onSubmit={vi.fn()} />
        <Modal opened onClose={() => {}} title="Busy">
          content
        </Modal>
      </>,
    );
    press(document.body, '1');
    expect(onLabel).not.toHaveBeenCalled();
  });

  it('leaves keys with no handler alone', () => {
    renderWithApp(<Labeling onLabel={vi.fn()} onSubmit={vi.fn()} />);
    expect(press(document.body, 'ArrowRight').defaultPrevented).toBe(false); // task:next has no handler here
    expect(press(document.body, 'x').defaultPrevented).toBe(false);
  });

  it('ignores a held label key but repeats undo', () => {
    const onLabel = vi.fn();
    const onUndo = vi.fn();
    renderWithApp(<Labeling onLabel={onLabel} onSubmit={vi.fn()} onUndo={onUndo} />);
    press(document.body, '1');
    press(document.body, '1', { repeat: true });
    press(document.body, 'z', { ctrlKey: true });
    press(document.body, 'z', { ctrlKey: true, repeat: true });
    expect(onLabel).toHaveBeenCalledTimes(1);
    expect(onUndo).toHaveBeenCalledTimes(2);
  });

  it('fires when the event is dispatched on window while nothing has focus', () => {
    const onSubmit = vi.fn();
    renderWithApp(<Labeling onLabel={vi.fn()} onSubmit={onSubmit} />);
    fireEvent.keyDown(window, { key: 'Enter' });
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });
});

describe('command lookup by context', () => {
  const layer = (l: KeyLayer) => ({ current: l });

  it('labeling keys do nothing outside the labeling context', () => {
    const registry = new KeymapRegistry();
    const submit = vi.fn();
    const label = vi.fn();
    registry.add(layer({ scope: 'view', handlers: { 'task:submit': submit }, labelKeys: new Map([['1', label]]) }));
    expect(registry.context()).toBe('global');
    expect(registry.resolve('Enter')).toBeNull();
    expect(registry.resolve('1')).toBeNull();
  });

  it('a labeling view gets label keys first, its own commands, and global ones', () => {
    const registry = new KeymapRegistry();
    const submit = vi.fn();
    const theme = vi.fn();
    registry.add(layer({ scope: 'app', handlers: { 'view:theme': theme } }));
    registry.add(layer({ scope: 'view', context: 'labeling', handlers: { 'task:submit': submit }, labelKeys: new Map([['1', vi.fn()]]) }));
    expect(registry.context()).toBe('labeling');
    expect(registry.resolve('1')?.commandId).toBeNull();
    expect(registry.resolve('Enter')?.commandId).toBe('task:submit');
    registry.resolve('Mod+Shift+L')?.run();
    expect(theme).toHaveBeenCalledTimes(1);
  });

  it('an editor claims a key only while it handles it; otherwise the labeling view gets it', () => {
    const registry = new KeymapRegistry();
    const submit = vi.fn();
    const next = vi.fn();
    const labelInEditor = vi.fn();
    registry.add(layer({ scope: 'view', context: 'labeling', handlers: { 'task:submit': submit, 'task:next': next }, labelKeys: new Map([['1', vi.fn()]]) }));
    const editor = layer({ scope: 'view', context: 'regions', handlers: { 'region:nudgeRight': vi.fn() }, labelKeys: new Map([['1', labelInEditor]]) });
    // Registered before the view's layer, as React runs a child's effects before its parent's.
    registry.add(editor);
    registry.add(layer({ scope: 'view', context: 'labeling', handlers: {} }));
    expect(registry.context()).toBe('regions');
    expect(registry.resolve('ArrowRight')?.commandId).toBe('region:nudgeRight');
    expect(registry.resolve('PageDown')?.commandId).toBe('task:next');
    expect(registry.resolve('Enter')?.commandId).toBe('task:submit'); // no polygon being drawn
    editor.current = { ...editor.current, handlers: { ...editor.current.handlers, 'region:closePolygon': vi.fn() } };
    expect(registry.resolve('Enter')?.commandId).toBe('region:closePolygon');
    registry.resolve('1')?.run();
    expect(labelInEditor).toHaveBeenCalledTimes(1); // the editor's label keys win
  });

  it('a view layer overrides an app layer whatever the order they were added in', () => {
    const registry = new KeymapRegistry();
    const viewHelp = vi.fn();
    const appHelp = vi.fn();
    registry.add(layer({ scope: 'view', handlers: { 'help:cheatsheet': viewHelp } }));
    registry.add(layer({ scope: 'app', handlers: { 'help:cheatsheet': appHelp } }));
    registry.resolve('?')?.run();
    expect(viewHelp).toHaveBeenCalledTimes(1);
    expect(appHelp).not.toHaveBeenCalled();
  });

  it('a removed layer no longer answers', () => {
    const registry = new KeymapRegistry();
    const remove = registry.add(layer({ scope: 'view', context: 'labeling', handlers: { 'task:submit': vi.fn() } }));
    remove();
    expect(registry.context()).toBe('global');
    expect(registry.run('task:submit', 'menu')).toBe(false);
  });

  it('runs a menu command once when its accelerator also arrives as a key', () => {
    let now = 1000;
    const registry = new KeymapRegistry(() => now);
    const submit = vi.fn();
    registry.add(layer({ scope: 'view', context: 'labeling', handlers: { 'task:submit': submit } }));
    registry.resolve('Enter')?.run();
    now += 5;
    registry.run('task:submit', 'menu');
    expect(submit).toHaveBeenCalledTimes(1);
    now += 1000;
    registry.run('task:submit', 'menu');
    expect(submit).toHaveBeenCalledTimes(2);
  });
});
