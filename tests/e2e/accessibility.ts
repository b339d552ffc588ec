/**
 * WCAG 2.2 AA, checked by axe-core on every screen the suite photographs, in both themes: the page
 * object's screenshot() calls auditScreen() in the theme the app is in and again in the other.
 * The theme is flipped through Mantine's own attribute on <html>, which every colour in the app
 * follows (no component picks colours in script), so the app's state — an open modal, a half-typed
 * reason — is left exactly as the test made it.
 *
 * Each screen also has exactly one h1. A serious or critical violation fails the test (softly, so
 * one run lists every screen's); each screen's full result is written to tests/output/axe/.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './launchers';

export const AXE_DIR = join(ROOT, 'tests/output/axe');
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

export type Scheme = 'light' | 'dark';

export async function currentScheme(page: Page): Promise<Scheme> {
  return (await page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))) === 'dark' ? 'dark' : 'light';
}

export async function setScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.evaluate((s) => document.documentElement.setAttribute('data-mantine-color-scheme', s), scheme);
}

/** One line per failing node: rule, impact, where, and axe's own summary of what is wrong. */
function describe(violations: Awaited<ReturnType<AxeBuilder['analyze']>>['violations']): string[] {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}) at ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? v.help}`));
}

/**
 * Transitions are stopped while axe reads the page: a notification that begins to fade out (its
 * auto-close timer) halfway through a run would be measured at half opacity, a contrast failure of
 * a frame that nobody reads. With transitions off, every element is in its final state.
 */
const NO_TRANSITIONS = '*, *::before, *::after { transition: none !important; animation: none !important; }';

/** Run axe on the page as it is; softly fail on serious or critical violations; save the result. */
export async function auditScreen(page: Page, name: string): Promise<void> {
  const style = await page.addStyleTag({ content: NO_TRANSITIONS });
  const result = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze().finally(() => style.evaluate((node) => (node as unknown as { remove(): void }).remove()));
  mkdirSync(AXE_DIR, { recursive: true });
  writeFileSync(join(AXE_DIR, `${name}.json`), JSON.stringify({ url: result.url, violations: result.violations }, null, 1));
  const blocking = result.violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  expect.soft(describe(blocking), `axe: serious or critical WCAG 2.2 AA violations on "${name}"`).toEqual([]);
  // One h1 per screen, naming it (axe counts this a best practice, outside the WCAG tags).
  const headings = await page.locator('h1').allInnerTexts();
  expect.soft(headings, `one h1 on "${name}"`).toHaveLength(1);
}
