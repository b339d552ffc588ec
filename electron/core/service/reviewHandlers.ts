/**
 * QA review channels (shared/reviewContract.ts) on the core: the lead's sample, verdicts,
 * acceptance and feedback; the reviewer's queue; the annotator's dashboard. Thin: dialogs for
 * where files go, then the review/ modules, which the CLI calls too.
 */
import { annotatorDashboard } from '../review/feedback';
import { acceptance, applyFixes, exportFeedback, importProjectVerdicts } from '../review/leadVerdicts';
import { exportVerdicts, loadReview, recordVerdict, reviewItem, undoVerdict } from '../review/reviewer';
import { planReviewSample, writeReviewPack } from '../review/samplePack';
import type { Handlers, ServiceContext } from './handlers';
import { safeFileName } from '../fileNames';
import { requireProfile } from './requireProfile';

type ReviewHandlers = Pick<Handlers, Extract<keyof Handlers, `review:${string}` | `me:${string}`>>;

const safe = (s: string) => safeFileName(s, 'x');

export function createReviewHandlers(ctx: ServiceContext): ReviewHandlers {
  const { store, options } = ctx;
  return {
    'review:planSample': async ({ projectId, settings }) => planReviewSample(store, projectId, settings),
    'review:writePack': async ({ projectId, settings, reasons }) => {
      const lead = await requireProfile(store);
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
    'review:applyFixes': async ({ projectId }) => applyFixes(store, projectId, await requireProfile(store)),
    'review:exportFeedback': async ({ projectId }) => {
      const lead = await requireProfile(store);
      const folder = await options.dialogs.chooseFolder('Choose a folder for the feedback packs');
      if (!folder) return null;
      return exportFeedback(store, projectId, folder, lead, ctx.clock());
    },
    'review:load': async ({ packId }) => loadReview(store, packId, await requireProfile(store)),
    'review:item': async ({ packId, index }) => reviewItem(store, packId, index, await requireProfile(store)),
    'review:verdict': async ({ packId, ...input }) => recordVerdict(store, packId, await requireProfile(store), input),
    'review:undo': async ({ packId }) => undoVerdict(store, packId, await requireProfile(store)),
    'review:export': async ({ packId }) => {
      const profile = await requireProfile(store);
      const pack = await store.pack(packId);
      const path = await options.dialogs.chooseSaveFile(`${safe(pack.name)}.verdicts.${safe(profile.name)}.loupe`, { title: 'Export verdicts pack', filterName: 'Loupe pack', extension: 'loupe' });
      if (!path) return null;
      return exportVerdicts(store, packId, profile, path, ctx.clock());
    },
    'me:dashboard': async () => annotatorDashboard(store, await requireProfile(store), ctx.clock()),
  };
}
