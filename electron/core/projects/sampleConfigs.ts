/**
 * The label configs (and guidelines) of the sample packs, for a new project to start from: a lead
 * who has data but no config yet picks the sample closest to the work and edits it. Read from the
 * shipped sample packs, so the list is what the app ships and never drifts from the samples.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestSchema } from '../../../shared/pack/manifest';
import { listSamples } from '../service/packOpening';

export interface SampleConfig {
  id: string;
  name: string;
  /** What the questions are, in words: `text: choices`, `image: boxes`. */
  kinds: string;
  /** The label config as the editor shows it (pretty JSON). */
  labelConfig: string;
  guidelines: string;
}

export async function sampleConfigs(samplesDir: string): Promise<SampleConfig[]> {
  const out: SampleConfig[] = [];
  for (const sample of await listSamples(samplesDir)) {
    const manifest = manifestSchema.safeParse(JSON.parse(await readFile(join(sample.path, 'manifest.json'), 'utf8')));
    const config = manifest.success ? manifest.data.labelConfig : undefined;
    if (!config) continue;
    const guidelines = await readFile(join(sample.path, 'guidelines.md'), 'utf8').catch(() => '');
    const kinds = [...new Set(config.controls.map((c) => c.kind))].join(', ');
    out.push({ id: sample.id, name: sample.name, kinds: `${config.data}: ${kinds}`, labelConfig: JSON.stringify(config, null, 2), guidelines });
  }
  return out;
}
