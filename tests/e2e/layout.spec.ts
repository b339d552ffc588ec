/**
 * The annotator on the small windows people label on (1024×640, 1280×720) and a large one: the
 * header and the action bar fit (no button clipped, nothing past the window's edge), the action bar
 * is one row, and Submit is on screen without scrolling, for a text, a rubric and an image task.
 */
import { expect, test } from './fixtures';
import type { LoupeUi } from './pages';

const SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 720 },
  { width: 1440, height: 900 },
];
const SAMPLES = ['reviews', 'rate-answers', 'objects'];

interface Fit {
  clipped: string[];
  overlapping: string[];
  offscreen: string[];
  barRows: number;
  submitBottom: number;
  windowHeight: number;
}

/** What does not fit in the header and the action bar, measured in the page. */
function measure(loupe: LoupeUi): Promise<Fit> {
  return loupe.page.evaluate(() => {
    const buttons = [...document.querySelectorAll<HTMLElement>('[data-testid="task-header"] button, [data-testid="action-bar"] button')];
    const name = (b: HTMLElement) => b.textContent?.trim() ?? '?';
    const clipped = buttons.filter((b) => [...b.querySelectorAll<HTMLElement>('span')].some((s) => s.scrollWidth > s.clientWidth + 1)).map(name);
    // A key chip drawn over, or touching, its button's own label.
    const overlapping = buttons.filter((b) => {
      const label = b.querySelector('.mantine-Button-label')?.getBoundingClientRect();
      const chip = b.querySelector('.mantine-Button-section kbd')?.getBoundingClientRect();
      return label && chip && chip.width > 0 && label.right > chip.left - 4;
    }).map(name);
    const offscreen = buttons.filter((b) => { const r = b.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth + 0.5; }).map(name);
    const bar = [...document.querySelectorAll<HTMLElement>('[data-testid="action-bar"] button')];
    const barRows = new Set(bar.map((b) => Math.round(b.getBoundingClientRect().top))).size;
    const submit = bar[0]!.getBoundingClientRect();
    return { clipped, overlapping, offscreen, barRows, submitBottom: submit.bottom, windowHeight: window.innerHeight };
  });
}

test('header and action bar fit at 1024×640, 1280×720 and 1440×900 for text, rubric and image tasks', async ({ loupe }) => {
  await loupe.home();
  await loupe.createProfile('Lou Layout');
  for (const sample of SAMPLES) {
    await loupe.page.setViewportSize(SIZES[0]!);
    await loupe.page.getByTestId(`open-sample-${sample}`).focus();
    await loupe.after('session-ready', () => loupe.key('Enter'));
    await loupe.waitForEvent('task-shown');
    for (const size of SIZES) {
      await loupe.page.setViewportSize(size);
      await expect.poll(() => loupe.page.evaluate(() => window.innerWidth)).toBe(size.width);
      const fit = await measure(loupe);
      const where = `${sample} at ${size.width}×${size.height}`;
      expect(fit.clipped, `clipped buttons, ${where}`).toEqual([]);
      expect(fit.overlapping, `key chips over their labels, ${where}`).toEqual([]);
      expect(fit.offscreen, `buttons past the window's edge, ${where}`).toEqual([]);
      expect(fit.barRows, `action bar rows, ${where}`).toBe(1);
      expect(fit.submitBottom, `Submit below the fold, ${where}`).toBeLessThanOrEqual(fit.windowHeight);
      if (size.width !== 1280) await loupe.screenshot(`90-layout-${sample}-${size.width}`);
    }
    await loupe.after('home-ready', () => loupe.key('ControlOrMeta+W'));
  }
});
