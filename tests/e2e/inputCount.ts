/**
 * Proof that a flow used the keyboard alone: counts trusted mouse and pointer input. A click that
 * Enter or Space synthesizes on a focused button has detail 0 and is not mouse input.
 */
import type { LoupeUi } from './pages';

export async function countMouseInput(loupe: LoupeUi): Promise<void> {
  await loupe.page.evaluate(() => {
    const w = window as unknown as { __mouseInput: number; __keyInput: number };
    w.__mouseInput = 0;
    w.__keyInput = 0;
    const count = (e: Event) => {
      if (e.isTrusted && !(e.type === 'click' && (e as MouseEvent).detail === 0)) w.__mouseInput += 1;
    };
    for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown', 'wheel']) window.addEventListener(type, count, true);
    window.addEventListener('keydown', (e) => e.isTrusted && (w.__keyInput += 1), true);
  });
}

export const mouseInput = (loupe: LoupeUi): Promise<number> => loupe.page.evaluate(() => (window as unknown as { __mouseInput: number }).__mouseInput);
export const keyInput = (loupe: LoupeUi): Promise<number> => loupe.page.evaluate(() => (window as unknown as { __keyInput: number }).__keyInput);

/** Activate a control by focusing it and pressing Enter, as a keyboard user would after tabbing. */
export async function activate(loupe: LoupeUi, testId: string): Promise<void> {
  await loupe.page.getByTestId(testId).focus();
  await loupe.page.keyboard.press('Enter');
}
