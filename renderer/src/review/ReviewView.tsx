/**
 * The QA reviewer's queue: one sampled answer at a time, drawn read-only beside the gold or a
 * second annotator's answer with the differences marked, and a verdict by one key — A accept,
 * R reject with a reason, F fix with the annotator's tools. → skips (come back later), Ctrl+Z
 * takes the last verdict back, Ctrl+E exports the verdicts for the lead.
 */
import { Badge, Box, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract';
import type { Answer } from '../../../shared/pack/task';
import { call } from '../api';
import { emitAppEvent } from '../appEvents';
import { useCommandHandlers } from '../keys/commands';
import { notifyError, notifyInfo } from '../notify';
import { CommandButton } from '../annotate/TaskHeader';
import { FixPanel } from './FixPanel';
import { RejectModal } from './RejectModal';
import { ReviewDiff } from './ReviewDiff';

type Loaded = ChannelOutput<'review:load'>;
type Item = ChannelOutput<'review:item'>;
type Progress = Loaded['progress'];

const PICK_NAMES: Record<string, string> = { random: 'random', 'gold-failure': 'failed gold', 'low-agreement': 'annotators disagree', fast: 'unusually fast', flagged: 'flagged' };
const VERDICT_COLOR = { accept: 'teal', reject: 'red', fix: 'orange' } as const;

export function ReviewView({ packId, onClose }: { packId: string; onClose: () => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [index, setIndex] = useState(0);
  const [item, setItem] = useState<Item | null>(null);
  const [mode, setMode] = useState<'view' | 'reject' | 'fix'>('view');
  const shownAt = useRef(0);

  // While the next item is on its way, verdict keys wait: an A pressed just after a verdict or an
  // undo must not judge (or fix) the item still on screen.
  const loadingItem = useRef(false);
  const show = useCallback((i: number, total = loaded?.total ?? 0): Promise<void> => {
    if (i >= total) {
      setItem(null);
      setIndex(total);
      emitAppEvent('review-done', {});
      return Promise.resolve();
    }
    loadingItem.current = true;
    return call('review:item', { packId, index: i }).then((it) => {
      setItem(it);
      setIndex(i);
      setMode('view');
      shownAt.current = performance.now();
      emitAppEvent('review-item-shown', { index: i, itemId: it.itemId });
    }, (error) => notifyError(error, 'Could not read the item')).finally(() => {
      loadingItem.current = false;
    });
  }, [loaded, packId]);

  useEffect(() => {
    call('review:load', { packId }).then((l) => {
      setLoaded(l);
      setProgress(l.progress);
      emitAppEvent('review-ready', { total: l.total });
      // The first item without a verdict (where the reviewer left off).
      show(l.position, l.total);
    }, (error) => notifyError(error, 'Could not open the review'));
    // Loading once per pack; `show` changes when `loaded` arrives and must not reload it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [packId]);

  const verdict = async (input: { verdict: 'accept' | 'reject' | 'fix'; reason?: string; comment?: string; fixedAnswer?: Answer }) => {
    if (!item || loadingItem.current) return;
    try {
      const reviewMs = Math.min(Math.round(performance.now() - shownAt.current), 3_600_000);
      const p = await call('review:verdict', { packId, itemId: item.itemId, reviewMs, ...input, ...(input.comment ? {} : { comment: undefined }) });
      setProgress(p);
      await show(index + 1);
      emitAppEvent('verdict-saved', { itemId: item.itemId, verdict: input.verdict });
    } catch (error) {
      notifyError(error, 'The verdict was not saved');
    }
  };
  const undo = async () => {
    try {
      const out = await call('review:undo', { packId });
      setProgress(out.progress);
      if (out.index !== null) await show(out.index);
      emitAppEvent('verdict-undone', { itemId: out.itemId });
    } catch (error) {
      notifyError(error, 'Nothing was undone');
    }
  };
  const exportVerdicts = async () => {
    try {
      const out = await call('review:export', { packId });
      if (!out) return;
      notifyInfo('Verdicts exported', `${out.rows} verdicts written to ${out.path}`);
      emitAppEvent('verdicts-exported', out);
    } catch (error) {
      notifyError(error, 'The verdicts were not exported');
    }
  };

  const viewing = mode === 'view' && item !== null;
  /** Read when the key arrives, not when the handlers were made: an item may be loading since. */
  const canJudge = () => viewing && !loadingItem.current;
  useCommandHandlers(
    mode === 'fix'
      ? {}
      : {
          'review:accept': () => canJudge() && void verdict({ verdict: 'accept' }),
          'review:reject': () => canJudge() && setMode('reject'),
          'review:fix': () => canJudge() && setMode('fix'),
          'review:next': () => loaded && show(Math.min(index + 1, loaded.total)),
          'review:previous': () => index > 0 && show(index - 1),
          'review:undo': () => void undo(),
          'review:export': () => void exportVerdicts(),
          'review:close': onClose,
        },
    { context: mode === 'fix' ? undefined : 'review' },
  );

  if (!loaded || !progress) return <Center h="100vh"><Loader aria-label="Opening the review" /></Center>;
  const reviewed = item?.item;
  return (
    <Box p="md" data-testid="review-view">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <div>
          <Title order={1} size="h4">{loaded.name}</Title>
          <Text size="sm" data-testid="review-position">{item ? `Item ${index + 1} of ${loaded.total}` : `All ${loaded.total} items seen`}</Text>
        </div>
        <Text size="sm" data-testid="review-progress">
          {progress.judged}/{progress.total} judged · {progress.accepted} accepted · {progress.rejected} rejected · {progress.fixed} fixed · median {(progress.medianMs / 1000).toFixed(1)} s per review
        </Text>
        <Group gap="xs" wrap="nowrap">
          <CommandButton id="review:export" label="Export verdicts" onClick={() => void exportVerdicts()} />
          <CommandButton id="review:close" label="Close" onClick={onClose} />
        </Group>
      </Group>
      {item && reviewed ? (
        <Stack gap="sm">
          <Group gap="xs">
            <Text size="sm">Answer by <b>{reviewed.annotator.name}</b> · {(reviewed.activeMs / 1000).toFixed(1)} s on task</Text>
            {reviewed.picked.map((p) => <Badge key={p} variant="light" color={p === 'random' ? 'gray' : 'orange'}>{PICK_NAMES[p] ?? p}</Badge>)}
            {reviewed.flag !== undefined && <Badge color="red" variant="light">flag: {reviewed.flag || 'no comment'}</Badge>}
            {item.verdict && <Badge color={VERDICT_COLOR[item.verdict.verdict]} data-testid="current-verdict">{item.verdict.verdict}{item.verdict.reason ? `: ${item.verdict.reason}` : ''}</Badge>}
          </Group>
          {mode === 'fix' ? (
            <FixPanel packId={packId} task={item.task} config={loaded.labelConfig} initial={reviewed.answer}
              onSave={(fixed) => void verdict({ verdict: 'fix', fixedAnswer: fixed })} onCancel={() => setMode('view')} />
          ) : (
            <ReviewDiff packId={packId} task={item.task} config={loaded.labelConfig} reviewed={reviewed.answer} compare={reviewed.compare?.answer ?? null}
              reviewedName={reviewed.annotator.name} compareName={reviewed.compare?.name ?? 'comparison'} />
          )}
          {mode !== 'fix' && (
            <Group gap="xs">
              <CommandButton id="review:accept" label="Accept" onClick={() => void verdict({ verdict: 'accept' })} />
              <CommandButton id="review:reject" label="Reject…" onClick={() => setMode('reject')} />
              <CommandButton id="review:fix" label="Fix" onClick={() => setMode('fix')} />
              <CommandButton id="review:next" label="Skip" onClick={() => show(index + 1)} />
              <CommandButton id="review:undo" label="Undo last verdict" onClick={() => void undo()} />
            </Group>
          )}
        </Stack>
      ) : (
        <Center mt="xl">
          <Stack align="center" data-testid="review-done">
            <Text>{progress.judged === progress.total ? 'Every item has a verdict.' : `${progress.total - progress.judged} items still without a verdict: go back with ←.`}</Text>
            <Button onClick={() => void exportVerdicts()}>Export verdicts pack</Button>
          </Stack>
        </Center>
      )}
      <RejectModal opened={mode === 'reject'} reasons={loaded.reasons} onClose={() => setMode('view')} onConfirm={(reason, comment) => void verdict({ verdict: 'reject', reason, ...(comment ? { comment } : {}) })} />
    </Box>
  );
}
