/**
 * The renderer's figures, measured in the same headless Chromium the end-to-end tests use, against
 * the real core over loopback: a 100k-character text with 5,000 spans, and 2,000 boxes on a
 * 24-megapixel image. Each big task is built as a pack, imported, and given its spans or boxes as a
 * saved draft through the contract, exactly as the app would have stored them; then the annotator
 * opens it and the editor's own bench measures rendering, frames and adding one more.
 *
 * Run by `npm run bench` after the Node figures (needs `npm run build` first and a Chromium).
 */
import { chromium, type Page } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openCore, type Core } from '../../electron/core';
import { startLoopbackServer } from '../../electron/core/http/loopbackServer';
import { writePack } from '../../electron/core/packs';
import type { LabelConfig } from '../../shared/pack/labelConfig';
import type { ControlResult, Task } from '../../shared/pack/task';
import { chromiumExecutable } from '../e2e/launchers';
import { benchRegions, bigRegionsTask } from './regionsBench';
import { benchSpans } from './spansBench';

const ROOT = resolve(import.meta.dirname, '../..');
const LABELS = ['person', 'org', 'place', 'date', 'misc'].map((id, i) => ({ id, name: id, color: ['#e03131', '#1971c2', '#2f9e44', '#f08c00', '#7048e8'][i]!, hotkey: String(i + 1) }));

function bigText(): { text: string; spans: ControlResult } {
  const words = ['Ada', 'met', 'the', 'Loupe', 'team', 'in', 'Lisbon', 'on', 'Monday', 'to', 'review', 'labels', 'and', 'spans'];
  let text = '';
  for (let i = 0; text.length < 100_000; i += 1) text += `${words[i % words.length]}${i % 17 === 16 ? '.\n' : ' '}`;
  text = text.slice(0, 100_000);
  const spans = Array.from({ length: 5_000 }, (_, i) => {
    const start = i * 20;
    return { id: `s${i + 1}`, start, end: start + 8, label: LABELS[i % LABELS.length]!.id };
  });
  return { text, spans: { kind: 'spans', controlId: 'entities', spans, relations: [] } };
}

async function importAndDraft(core: Core, dir: string, name: string, config: LabelConfig, task: Task, assets: Map<string, Uint8Array>, draft: ControlResult): Promise<string> {
  const path = join(dir, `${name}.loupe`);
  const packId = `bench-${name}`;
  await writePack(path, { manifest: { packId, kind: 'tasks', name, createdAt: '2026-01-01T00:00:00Z', author: { id: 'bench', name: 'Bench' }, labelConfig: config }, rows: [task], assets });
  const call = async (channel: string, input: unknown) => {
    const reply = await core.dispatch(channel, input);
    if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
    return reply.value;
  };
  await call('packs:openPath', { path });
  await call('task:saveDraft', { packId, taskId: task.id, answer: [draft], fromPrediction: false, activeMs: 0 });
  return packId;
}

async function openInAnnotator(page: Page, packId: string): Promise<void> {
  await page.getByTestId(`resume-${packId}`).click();
  await page.waitForFunction(() => ((window as unknown as { __loupeEvents?: Array<{ type: string }> }).__loupeEvents ?? []).some((e) => e.type === 'task-shown'));
}

export async function runBrowserBench(): Promise<void> {
  const executablePath = chromiumExecutable();
  if (!executablePath) {
    console.log('Browser figures skipped: no Chromium found (apt install chromium, or set CHROMIUM_PATH).');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-browser-'));
  const core = await openCore({ dataDir: join(dir, 'data'), samplesDir: join(ROOT, 'resources/samples'), appVersion: 'bench', dialogs: { chooseOpenPack: async () => null, chooseOpenPaths: async () => null, chooseFolder: async () => null, chooseSaveFile: async () => null } });
  const server = await startLoopbackServer(core, { rendererDir: join(ROOT, 'out/renderer') });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const reply = await core.dispatch('profile:save', { name: 'Bench', role: 'annotator' });
    if (!reply.ok) throw new Error(reply.error.message);

    const { text, spans } = bigText();
    const spansPack = await importAndDraft(core, dir, 'spans', { version: 1, data: 'text', controls: [{ id: 'entities', kind: 'spans', required: true, labels: LABELS, allowOverlap: true, snapToTokens: true, relations: [] }] }, { id: 'long', data: { text } }, new Map(), spans);

    const big = bigRegionsTask();
    const regionsPack = await importAndDraft(
      core, dir, 'regions',
      { version: 1, data: 'image', controls: [{ id: 'objects', kind: 'boxes', required: true, labels: LABELS, minPredictionScore: 0 }] },
      { id: 'big', data: { image: big.assetPath } }, new Map([[big.assetPath, big.image]]),
      { kind: 'boxes', controlId: 'objects', boxes: big.boxes },
    );

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.url);
    await openInAnnotator(page, spansPack);
    const s = await benchSpans(page);
    await page.goto(server.url);
    await openInAnnotator(page, regionsPack);
    const r = await benchRegions(page);

    const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;
    console.log('Renderer figures (headless Chromium, real core over loopback)');
    console.log(`  100k-char text, 5,000 spans: rendered ${ms(s.renderMs)} (target <= 300), first paint ${ms(s.firstPaintMs)}, span added ${ms(s.addSpanMs)} (target <= 50)`);
    console.log(`  24 MP image, 2,000 boxes:    rendered ${ms(r.renderMs)}, first paint ${ms(r.firstPaintMs)}, box added ${ms(r.addBoxMs)}`);
    console.log(`  frames during zoom and pan:  p50 ${ms(r.frameP50)}, p95 ${ms(r.frameP95)} (target p95 <= 16.7)`);
  } finally {
    await browser.close();
    await server.close();
    await core.close();
  }
}
