/**
 * CoNLL entity tags: parsing one tag, finding which tagging scheme a file uses, decoding a
 * sentence's tags into entities and encoding entities back into tags of a given scheme.
 *
 * The schemes a file may use, all read by one lenient decoder so no scheme has to be named:
 * - IOB1 (CoNLL-2003 as published): `I-X` starts an entity; `B-X` appears only where an entity
 *   directly follows another of the same type.
 * - IOB2: every entity starts with `B-X`.
 * - BIOES / IOBES (`E-X` ends, `S-X` is a one-token entity), BILOU (`L-`, `U-` in those roles) and
 *   BMES (`M-` in the middle, Chinese NER's spelling of BIOES).
 * An `I-X` that cannot continue the entity before it (after `O`, after an entity of another type,
 * or after an `E-`/`S-` closed one) starts a new entity, as seqeval does outside its strict mode:
 * that reads IOB1 correctly and repairs IOB2 a tagger left inconsistent, rather than refusing a
 * corpus over one token. The reader re-encodes each sentence in the detected scheme and warns
 * about every sentence that would not come back as it was.
 *
 * Writing back in the scheme the file came in is what makes a round trip byte-exact: the file's
 * scheme is detected once (SchemeDetector) and kept in each task's `meta.conll.scheme`.
 */
import { LoupeError } from '../../../../shared/errors';

/** The role a tag plays, whatever letter the scheme spells it with. */
export type Role = 'B' | 'I' | 'E' | 'S' | 'O';

export type Scheme = 'IOB1' | 'IOB2' | 'BIOES' | 'BILOU' | 'BMES';
export const SCHEMES: readonly Scheme[] = ['IOB1', 'IOB2', 'BIOES', 'BILOU', 'BMES'];

export interface Tag {
  role: Role;
  /** The letter as the file wrote it (`L` plays `E` in BILOU), for scheme detection. */
  letter: string;
  type: string;
}

/** An entity over token positions `first`…`last` (inclusive) of one sentence. */
export interface Entity {
  type: string;
  first: number;
  last: number;
}

const TAG = /^([BIESLUM])-(\S+)$/;
const ROLE: Record<string, Role> = { B: 'B', I: 'I', M: 'I', E: 'E', S: 'S', L: 'E', U: 'S' };
export const O_TAG: Tag = { role: 'O', letter: 'O', type: '' };

export const isTag = (value: string): boolean => value === 'O' || TAG.test(value);

/** A value as a tag, O when it is not one (for statistics; parseTag refuses instead). */
export const tagOrO = (value: string): Tag => {
  const match = TAG.exec(value);
  return match ? { role: ROLE[match[1]!]!, letter: match[1]!, type: match[2]! } : O_TAG;
};

export function parseTag(tag: string, file: string, line: number, field = 'tag'): Tag {
  if (tag === 'O') return O_TAG;
  const match = TAG.exec(tag);
  if (!match) {
    throw new LoupeError('invalid-input', `tag "${tag}" is not O or an entity tag like B-PER, I-PER, E-PER, S-PER (or L-, U-, M-)`, { file, line, field });
  }
  return { role: ROLE[match[1]!]!, letter: match[1]!, type: match[2]! };
}

/** Entities from one sentence's tags (see the module comment for the lenient reading). */
export function decodeTags(tags: readonly Tag[]): Entity[] {
  const entities: Entity[] = [];
  let open: Entity | null = null;
  const close = () => {
    if (open) entities.push(open);
    open = null;
  };
  tags.forEach(({ role, type }, i) => {
    const continues = open !== null && open.type === type;
    if (role === 'O') return close();
    if (role === 'B' || role === 'S' || !continues) {
      close();
      open = { type, first: i, last: i };
    } else open!.last = i;
    if (role === 'E' || role === 'S') close();
  });
  close();
  return entities;
}

/** Tags for `count` tokens from non-overlapping entities, spelled in `scheme`. */
export function encodeTags(count: number, entities: readonly Entity[], scheme: Scheme): string[] {
  const tags: string[] = new Array<string>(count).fill('O');
  const [begin, inside, end, single] = scheme === 'BILOU' ? ['B', 'I', 'L', 'U'] : scheme === 'BMES' ? ['B', 'M', 'E', 'S'] : ['B', 'I', 'E', 'S'];
  let previous: Entity | null = null;
  for (const e of [...entities].sort((a, b) => a.first - b.first)) {
    for (let i = e.first; i <= e.last; i += 1) {
      let letter = inside;
      if (scheme === 'IOB1') {
        // IOB1 spells a start B- only where it directly follows an entity of the same type.
        if (i === e.first && previous && previous.last === e.first - 1 && previous.type === e.type) letter = begin;
      } else if (scheme === 'IOB2') {
        if (i === e.first) letter = begin;
      } else if (e.first === e.last) letter = single;
      else if (i === e.first) letter = begin;
      else if (i === e.last) letter = end;
      tags[i] = `${letter}-${e.type}`;
    }
    previous = e;
  }
  return tags;
}

/**
 * Which scheme a file's tags are in, from every sentence's tags. E-/S- mean BIOES (L-/U- BILOU,
 * M- BMES). Otherwise IOB1 when entities start with I- more often than a B- starts one that does
 * not directly follow an entity of its type (a pure IOB1 file has no such B-), else IOB2.
 */
export class SchemeDetector {
  private readonly letters = new Set<string>();
  private insideStarts = 0;
  private freshBegins = 0;
  private previous: Tag = O_TAG;

  /** The next token's tag (a value that is not a tag counts as O); tags stream in file order. */
  token(tag: Tag): void {
    const before = this.previous;
    this.previous = tag;
    if (tag.role === 'O') return;
    this.letters.add(tag.letter);
    const afterSameType = before.role !== 'O' && before.type === tag.type;
    if (tag.letter === 'I' && (!afterSameType || before.role === 'E' || before.role === 'S')) this.insideStarts += 1;
    if (tag.letter === 'B' && !afterSameType) this.freshBegins += 1;
  }

  /** A sentence ended: the next tag follows nothing. */
  boundary(): void {
    this.previous = O_TAG;
  }

  scheme(): Scheme {
    if (this.letters.has('L') || this.letters.has('U')) return 'BILOU';
    if (this.letters.has('M')) return 'BMES';
    if (this.letters.has('E') || this.letters.has('S')) return 'BIOES';
    return this.insideStarts > this.freshBegins ? 'IOB1' : 'IOB2';
  }
}

/**
 * The entities a sentence's spans give its tokens. A token belongs to a span when they share a
 * character, so a boundary inside a token snaps outwards to the whole token (tags can only name
 * whole tokens). A span sharing a token with an earlier one (overlap, nesting) is left out, the
 * earlier and then longer kept, since each token has one tag per column. Counts what changed.
 */
export function spanEntities(
  tokens: readonly { start: number; end: number }[],
  spans: readonly { start: number; end: number; label: string }[],
  typeOf: (label: string) => string,
): { entities: Entity[]; widened: number; overlapping: number; blank: number } {
  const taken: boolean[] = new Array<boolean>(tokens.length).fill(false);
  const entities: Entity[] = [];
  let widened = 0;
  let overlapping = 0;
  let blank = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    // The first token ending after the span starts; tokens are in text order.
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end <= span.start) lo = mid + 1;
      else hi = mid;
    }
    let last = lo;
    while (last < tokens.length && tokens[last]!.start < span.end) last += 1;
    // [lo, last) share a character with the span; none means it covers only space.
    if (last === lo) {
      blank += 1;
      continue;
    }
    if (taken.slice(lo, last).some(Boolean)) {
      overlapping += 1;
      continue;
    }
    if (tokens[lo]!.start !== span.start || tokens[last - 1]!.end !== span.end) widened += 1;
    for (let i = lo; i < last; i += 1) taken[i] = true;
    entities.push({ type: typeOf(span.label), first: lo, last: last - 1 });
  }
  return { entities, widened, overlapping, blank };
}
