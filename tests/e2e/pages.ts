/**
 * Page object for Loupe's screens. Every step that makes the app work waits for the event the app
 * emits when that work is done (window.__loupeEvents), never for a fixed time.
 */
import { expect, type Page } from '@playwright/test';
import { basename } from 'node:path';
import { auditScreen, currentScheme, setScheme } from './accessibility';

export interface AppEvent {
  type: string;
  [key: string]: unknown;
}

export class LoupeUi {
  constructor(
    private readonly currentPage: () => Page,
    private readonly screenshotPath: (name: string) => string,
  ) {}

  get page(): Page {
    return this.currentPage();
  }

  async eventCount(type: string): Promise<number> {
    return this.page.evaluate((t) => ((window as unknown as { __loupeEvents?: AppEvent[] }).__loupeEvents ?? []).filter((e) => e.type === t).length, type);
  }

  /** Run `action` and wait until the app emits one more `type` event than before; returns that event. */
  async after(type: string, action: () => Promise<unknown>): Promise<AppEvent> {
    const before = await this.eventCount(type);
    await action();
    return this.waitForEvent(type, before);
  }

  /** Wait until more than `already` events of `type` were emitted; returns the newest. */
  async waitForEvent(type: string, already = 0): Promise<AppEvent> {
    const handle = await this.page.waitForFunction(
      ([t, n]) => {
        const list = ((window as unknown as { __loupeEvents?: AppEvent[] }).__loupeEvents ?? []).filter((e) => e.type === t);
        return list.length > (n as number) ? list[list.length - 1] : null;
      },
      [type, already] as const,
    );
    return (await handle.jsonValue()) as AppEvent;
  }

  /**
   * Save a screenshot once running transitions (notifications sliding in, modals) have finished,
   * and check the screen with axe (accessibility.ts): in the theme the app is in, then in the
   * other one, photographed too as `<name>--<theme>`.
   */
  async screenshot(name: string): Promise<void> {
    const settle = () => this.page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
    await settle();
    await this.page.screenshot({ path: this.screenshotPath(name), fullPage: false });
    const scheme = await currentScheme(this.page);
    await auditScreen(this.page, `${this.screenName(name)}-${scheme}`);
    const other = scheme === 'dark' ? 'light' : 'dark';
    await setScheme(this.page, other);
    try {
      await settle();
      await this.page.screenshot({ path: this.screenshotPath(`${name}--${other}`), fullPage: false });
      await auditScreen(this.page, `${this.screenName(name)}-${other}`);
    } finally {
      await setScheme(this.page, scheme);
    }
  }

  private screenName(name: string): string {
    return basename(this.screenshotPath(name), '.png');
  }

  // Home

  async home(): Promise<void> {
    await this.waitForEvent('home-ready');
  }

  async createProfile(name: string): Promise<void> {
    await this.page.getByTestId('profile-name').fill(name);
    await this.page.getByTestId('profile-name').press('Enter');
    await expect(this.page.getByTestId('profile-name')).toHaveCount(0);
  }

  async openSample(sampleId: string): Promise<AppEvent> {
    await this.after('task-shown', () => this.page.getByTestId(`open-sample-${sampleId}`).click());
    return this.waitForEvent('session-ready');
  }

  // Annotator

  async key(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /** Press a label key on a single-label task: it submits and moves to the next task. */
  async labelAndAdvance(key: string): Promise<AppEvent> {
    const shown = await this.eventCount('task-shown');
    const submitted = await this.after('task-submitted', () => this.key(key));
    await this.waitForEvent('task-shown', shown);
    return submitted;
  }

  async position(): Promise<string> {
    return (await this.page.getByTestId('task-position').innerText()).trim();
  }

  async taskText(): Promise<string> {
    return this.page.getByTestId('task-text').innerText();
  }
}
