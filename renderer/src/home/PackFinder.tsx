/**
 * Home's packs and samples, with a find field so the keyboard gets to any of them without Tabbing
 * through the page: `/` (home:find, in the keymap table) puts you in the field, typing filters
 * both lists, ↑/↓ choose, Enter opens, Escape clears. On the cards themselves ↑/↓ move from one
 * Open button to the next. The keys are written beside the field.
 *
 * For a new person (nothing opened yet) the samples come first; once there is work, it comes first.
 */
import { Group, Kbd, Stack, Text, TextInput, Title } from '@mantine/core';
import { useId, useState, type KeyboardEvent, type RefObject } from 'react';
import type { PackSummary } from '../../../shared/contract';
import { KeyHint } from './KeyHint';
import { findEntries, moveBetweenCards, type FinderEntry } from './packFinder';
import { RecentPacks } from './RecentPacks';
import { SamplePacks, type Sample } from './SamplePacks';

export interface PackFinderProps {
  recent: readonly PackSummary[];
  samples: readonly Sample[];
  /** What "your packs" are called: a lead's are the packs they opened themselves. */
  recentTitle: string;
  opening: string | null;
  inputRef: RefObject<HTMLInputElement | null>;
  onResume: (pack: PackSummary) => void;
  onOpenSample: (sample: Sample) => void;
}

export function PackFinder({ recent, samples, recentTitle, opening, inputRef, onResume, onOpenSample }: PackFinderProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const hintId = useId();
  const entries = findEntries(query, recent, samples);
  const current: FinderEntry | undefined = entries[Math.min(active, entries.length - 1)];
  const highlighted = focused ? (current?.id ?? null) : null;
  const shownRecent = entries.flatMap((e) => (e.kind === 'recent' ? [e.pack] : []));
  const shownSamples = entries.flatMap((e) => (e.kind === 'sample' ? [e.sample] : []));

  const open = (entry: FinderEntry) => (entry.kind === 'recent' ? onResume(entry.pack) : onOpenSample(entry.sample));

  const onFieldKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step !== undefined && entries.length > 0) {
      event.preventDefault();
      setActive((Math.min(active, entries.length - 1) + step + entries.length) % entries.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (current) open(current);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (query) setQuery('');
      else event.currentTarget.blur();
      setActive(0);
    }
  };

  const onListKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0 && moveBetweenCards(event.currentTarget, event.target, step)) event.preventDefault();
  };

  const recentSection = shownRecent.length > 0 && (
    <section key="recent" aria-labelledby={`${hintId}-recent`}>
      <Title order={2} size="h4" mb="xs" id={`${hintId}-recent`}>{recentTitle}</Title>
      <RecentPacks packs={shownRecent} activeId={highlighted} onResume={onResume} />
    </section>
  );
  const sampleSection = shownSamples.length > 0 && (
    <section key="samples" aria-labelledby={`${hintId}-samples`}>
      <Title order={2} size="h4" mb="xs" id={`${hintId}-samples`}>{recent.length === 0 ? 'Try a sample pack' : 'Sample packs'}</Title>
      <SamplePacks samples={shownSamples} opening={opening} activeId={highlighted} onOpen={onOpenSample} />
    </section>
  );

  return (
    <Stack gap="lg" onKeyDown={onListKey} data-testid="pack-finder">
      <div>
        <TextInput
          ref={inputRef}
          label="Find a pack or sample"
          placeholder="Type a name or a kind of task (spans, boxes, rubric …)"
          data-testid="pack-find"
          type="search"
          aria-describedby={hintId}
          value={query}
          onChange={(event) => {
            setQuery(event.currentTarget.value);
            setActive(0);
          }}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
          onKeyDown={onFieldKey}
          maw={520}
          rightSection={<KeyHint command="home:find" />}
        />
        <Group gap="xs" mt={4} id={hintId} aria-live="polite" data-testid="pack-find-hint">
          <Text size="xs" c="dimmed">
            <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> choose · <Kbd size="xs">Enter</Kbd> opens
            {focused && current ? <> “{current.name}”</> : ''} · <Kbd size="xs">Esc</Kbd> clears
          </Text>
        </Group>
      </div>
      {entries.length === 0 && <Text size="sm" c="dimmed" data-testid="pack-find-none">No pack or sample matches “{query}”.</Text>}
      {recent.length === 0 ? [sampleSection, recentSection] : [recentSection, sampleSection]}
    </Stack>
  );
}
