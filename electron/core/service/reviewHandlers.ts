/**
 * QA review channels (shared/reviewContract.ts) on the core: the lead's sample, verdicts,
 * acceptance and feedback; the reviewer's queue; the annotator's dashboard. Thin: dialogs for
 * where files go, then the review/ modules, which the CLI calls too.
 */
import type { Profile } from '../../../shared/contract';
import { LoupeError } from '../../../shared/errors';
import { annotatorDashboard } from '../review/feedback';
import { acceptance, applyFixes, exportFeedback, importProjectVerdicts } from '../review/leadVerdicts';
import { exportVerdicts, loadReview, recordVerdict, reviewItem, undoVerdict } from '../review/reviewer';
import { planReviewSample, writeReviewPack } from '../review/samplePack';
import type { Store } from '../store';
import type { Handlers, ServiceContext } from './handlers';

type ReviewHandlers = Pick<Handlers, Extract<keyof Handlers, `review:${string}` | `me:${string}`>>;

async function me(store: Store): Promise<Profile> {
  const profile = await store.currentProfile();
  if (!profile) throw new LoupeError('invalid-input', 'Create your local profile (name and role) on the home screen first.');
  return profile;
}

const safe = (s: string) => s.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-+|-+$/g, '') || 'x';

export function createReviewHandlers(ctx: ServiceContext): ReviewHandlers {
  const { store, options } = ctx;
  return {
    'review:planSample': async ({ projectId, settings }) => planReviewSample(store, projectId, settings),
    'review:writePack': async ({ projectId, settings, reasons }) => {
      const lead = await me(store);
      const project = await store.project(projectId);
      const path = await options.dialogs.chooseSaveFile(`${safe(project.name)}.review.loupe`, { title: 'Save the review pack', filterName: 'Loupe pack', extension: 'loupe' });
      if (!path) return null;
      return writeReviewPack(store, projectId, settings, reasons, path, lead, ctx.clock());
    },
    'review:importVerdicts': async ({ projectId, paths }) => {
      const chosen = paths ?? (await options.dialogs.chooseOpenPaths({ title: 'Choose verdicts packs', filters: [{ name: 'Loupe pack', extensions: ['loupe'] }], multiple: true, folder: false }));
      if (!chosen) return null;
      const out = [];
      for (const path of chosen) {
        try {
          const done = await importProjectVerdicts(store, projectId, path);
          out.push({ path, ok: true, added: done.added, message: done.imported ? null : 'already imported' });
        } catch (error) {
          out.push({ path, ok: false, added: 0, message: error instanceof Error ? error.message : String(error) });
        }
      }
      return out;
    },
    'review:acceptance': async ({ projectId }) => acceptance(store, projectId),
    'review:applyFixes': async ({ projectId }) => applyFixes(store, projectId, await me(store)),
    'review:exportFeedback': async ({ projectId }) => {
      const lead = await me(store);
      const folder = await options.dialogs.chooseFolder('Choose a folder for the feedback packs');
      if (!folder) return null;
      return exportFeedback(store, projectId, folder, lead, ctx.clock());
    },
    'review:load': async ({ packId }) => loadReview(store, packId, await me(store)),
    'review:item': async ({ packId, index }) => reviewItem(store, packId, index, await me(store)),
    'review:verdict': async ({ packId, ...input }) => recordVerdict(store, packId, await me(store), input),
    'review:undo': async ({ packId }) => undoVerdict(store, packId, await me(store)),
    'review:export': async ({ packId }) => {
      const profile = await me(store);
      const pack = await store.pack(packId);
      const path = await options.dialogs.chooseSaveFile(`${safe(pack.name)}.verdicts.${safe(profile.name)}.loupe`, { title: 'Export verdicts pack', filterName: 'Loupe pack', extension: 'loupe' });
      if (!path) return null;
      return exportVerdicts(store, packId, profile, path, ctx.clock());
    },
    'me:dashboard': async () => annotatorDashboard(store, await me(store), ctx.clock()),
  };
}
