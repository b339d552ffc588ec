/**
 * One way to open a pack, whatever started it (button, Mod+O, a sample, a dropped file, the OS):
 * run the request, report its error with the file/line/field it names, and go to the annotator
 * if it is a task pack. A cancelled dialog (null) does nothing.
 */
import { useCallback, useRef } from 'react';
import type { PackSummary } from '../../../shared/contract';
import { emitAppEvent } from '../appEvents';
import { notifyError, notifyInfo } from '../notify';

export type OpenPack = (request: () => Promise<PackSummary | null>) => Promise<void>;

/** Where an opened pack goes: task packs to the annotator, review packs to the reviewer's queue, feedback to the dashboard. */
export function useOpenPack(onTaskPack: (packId: string) => void, onReviewPack: (packId: string) => void = onTaskPack, onFeedback: () => void = () => {}): OpenPack {
  const opening = useRef(false);
  return useCallback(
    async (request) => {
      if (opening.current) return; // a second Mod+O while the dialog is up must not stack dialogs
      opening.current = true;
      try {
        const pack = await request();
        if (!pack) return;
        if (pack.kind === 'tasks') onTaskPack(pack.packId);
        else if (pack.kind === 'review') onReviewPack(pack.packId);
        else if (pack.kind === 'verdicts') {
          notifyInfo('Feedback received', `“${pack.name}” is in your dashboard on the home screen.`);
          emitAppEvent('feedback-opened', { packId: pack.packId });
          onFeedback();
        } else notifyInfo(`Opened “${pack.name}”`, `This is a ${pack.kind} pack: its answers are in this workstation now.`);
      } catch (error) {
        notifyError(error, 'The pack could not be opened');
      } finally {
        opening.current = false;
      }
    },
    [onTaskPack, onReviewPack, onFeedback],
  );
}
