/**
 * The pure edits behind the AI-evaluation questions (renderer/src/annotate/questions/edits.ts):
 * each takes a question's current result and returns the next. No DOM needed.
 */
import { describe, expect, it } from 'vitest';
import {
  flatten,
  noConcerns,
  resultOf,
  tiers,
  withChoice,
  withDimension,
  withExcerpt,
  withFlagToggled,
  withJustification,
  withMoved,
  withNote,
  withRewrite,
  withScore,
  withSeverity,
  withStrength,
  withText,
  withTieToggled,
  withVerdict,
} from '../../../renderer/src/annotate/questions/edits';
import type { ResultOf } from '../../../renderer/src/annotate/editors/types';
import { pairwiseControlSchema, rubricControlSchema } from '../../../shared/pack/labelConfig';
import type { Answer } from '../../../shared/pack/task';
import { diffIsOf } from '../../../shared/rewriteDiff';

const scale = [1, 2, 3].map((value) => ({ value, label: String(value) }));
const rubric = rubricControlSchema.parse({
  id: 'quality',
  kind: 'rubric',
  rubricVersion: 'v3',
  dimensions: [
    { id: 'helpful', name: 'Helpfulness', scale },
    { id: 'honest', name: 'Honesty', scale },
  ],
});
const pairwise = pairwiseControlSchema.parse({
  id: 'pref',
  kind: 'pairwise',
  strength: scale,
  dimensions: [{ id: 'tone', name: 'Tone' }],
});

describe('rubric: withScore', () => {
  it('starts a result stamped with the rubric version', () => {
    expect(withScore(rubric, undefined, 'helpful', 2)).toEqual({ kind: 'rubric', controlId: 'quality', rubricVersion: 'v3', scores: { helpful: 2 } });
  });

  it('keeps the other scores, replaces this one, and restamps an old version', () => {
    const old: ResultOf<'rubric'> = { kind: 'rubric', controlId: 'quality', rubricVersion: 'v2', scores: { helpful: 1, honest: 3 } };
    const next = withScore(rubric, old, 'helpful', 2);
    expect(next).toEqual({ kind: 'rubric', controlId: 'quality', rubricVersion: 'v3', scores: { helpful: 2, honest: 3 } });
    expect(old.scores).toEqual({ helpful: 1, honest: 3 });
  });
});

describe('pairwise', () => {
  it('withChoice starts a result with an empty justification', () => {
    expect(withChoice(pairwise, undefined, 'A')).toEqual({ kind: 'pairwise', controlId: 'pref', justification: '', choice: 'A' });
  });

  it('withChoice keeps the strength when switching between A and B, and a tie drops it', () => {
    const a = withStrength(withChoice(pairwise, undefined, 'A'), 3)!;
    expect(a).toMatchObject({ choice: 'A', strength: 3 });
    const b = withChoice(pairwise, a, 'B');
    expect(b).toMatchObject({ choice: 'B', strength: 3 });
    const tie = withChoice(pairwise, b, 'tie');
    expect(tie.choice).toBe('tie');
    expect('strength' in tie).toBe(false);
    // Back to A after a tie: the strength is gone for good.
    expect('strength' in withChoice(pairwise, tie, 'A')).toBe(false);
  });

  it('withChoice keeps the dimensions and the justification', () => {
    const before = withJustification(pairwise, withDimension(pairwise, undefined, 'tone', 'B'), 'B is kinder');
    expect(withChoice(pairwise, before, 'A')).toEqual({
      kind: 'pairwise',
      controlId: 'pref',
      justification: 'B is kinder',
      dimensions: { tone: 'B' },
      choice: 'A',
    });
  });

  it('withStrength is ignored without a choice, or on a tie', () => {
    expect(withStrength(undefined, 2)).toBeUndefined();
    const draft = withDimension(pairwise, undefined, 'tone', 'A');
    expect(withStrength(draft, 2)).toBe(draft);
    const tie = withChoice(pairwise, undefined, 'tie');
    expect(withStrength(tie, 2)).toBe(tie);
    expect(withStrength(withChoice(pairwise, undefined, 'B'), 1)).toMatchObject({ choice: 'B', strength: 1 });
  });

  it('withDimension before any choice does not invent a choice', () => {
    const draft = withDimension(pairwise, undefined, 'tone', 'tie');
    expect(draft).toEqual({ kind: 'pairwise', controlId: 'pref', justification: '', dimensions: { tone: 'tie' } });
    expect('choice' in draft).toBe(false);
  });

  it('withDimension keeps other dimensions and the choice', () => {
    const start = withDimension(pairwise, withStrength(withChoice(pairwise, undefined, 'A'), 2), 'tone', 'A');
    const next = withDimension(pairwise, start, 'safety', 'B');
    expect(next).toMatchObject({ choice: 'A', strength: 2, dimensions: { tone: 'A', safety: 'B' } });
    expect(withDimension(pairwise, next, 'tone', 'tie').dimensions).toEqual({ tone: 'tie', safety: 'B' });
  });

  it('withJustification sets the text, with or without a choice', () => {
    expect(withJustification(pairwise, undefined, 'why')).toEqual({ kind: 'pairwise', controlId: 'pref', justification: 'why' });
    expect(withJustification(pairwise, withChoice(pairwise, undefined, 'B'), '')).toMatchObject({ choice: 'B', justification: '' });
  });
});

describe('ranking: flatten and tiers', () => {
  it('flatten marks each member of a tie group after the first as tied with the one above', () => {
    expect(flatten([['a'], ['b', 'c', 'd'], ['e']])).toEqual({
      ids: ['a', 'b', 'c', 'd', 'e'],
      tiedWithAbove: [false, false, true, true, false],
    });
    expect(flatten([])).toEqual({ ids: [], tiedWithAbove: [] });
  });

  it('round trips', () => {
    for (const order of [[], [['a']], [['a'], ['b'], ['c']], [['a', 'b', 'c']], [['a'], ['b', 'c'], ['d'], ['e', 'f']]]) {
      expect(tiers(flatten(order))).toEqual(order);
    }
  });

  it('tiers never ties the first item to anything', () => {
    expect(tiers({ ids: ['a', 'b'], tiedWithAbove: [true, true] })).toEqual([['a', 'b']]);
  });
});

describe('ranking: withMoved', () => {
  const moved = (order: string[][], id: string, to: number) => withMoved('rank', order, id, to).order;

  it('returns a ranking result for the question', () => {
    expect(withMoved('rank', [['a'], ['b']], 'b', 0)).toEqual({ kind: 'ranking', controlId: 'rank', order: [['b'], ['a']] });
  });

  it('moves a response up and down between single ranks', () => {
    expect(moved([['a'], ['b'], ['c']], 'c', 0)).toEqual([['c'], ['a'], ['b']]);
    expect(moved([['a'], ['b'], ['c']], 'a', 2)).toEqual([['b'], ['c'], ['a']]);
    expect(moved([['a'], ['b'], ['c']], 'b', 1)).toEqual([['a'], ['b'], ['c']]);
  });

  it('moving the head of a tie group promotes the next member to head it', () => {
    expect(moved([['a'], ['b', 'c', 'd']], 'b', 0)).toEqual([['b'], ['a'], ['c', 'd']]);
    expect(moved([['a', 'b'], ['c']], 'a', 2)).toEqual([['b'], ['c'], ['a']]);
  });

  it('moving a member out of a tie group leaves the rest of the group tied', () => {
    expect(moved([['a', 'b', 'c'], ['d']], 'b', 3)).toEqual([['a', 'c'], ['d'], ['b']]);
  });

  it('moving into a tie group breaks the tie below the inserted item', () => {
    expect(moved([['a'], ['b', 'c', 'd']], 'a', 1)).toEqual([['b'], ['a'], ['c', 'd']]);
    expect(moved([['x'], ['b', 'c', 'd']], 'x', 2)).toEqual([['b', 'c'], ['x'], ['d']]);
  });

  it('a moved response is tied with nothing, even where it was', () => {
    expect(moved([['a', 'b']], 'b', 1)).toEqual([['a'], ['b']]);
    expect(moved([['a', 'b']], 'a', 0)).toEqual([['a'], ['b']]);
  });

  it('clamps the target to the list', () => {
    expect(moved([['a'], ['b'], ['c']], 'b', -4)).toEqual([['b'], ['a'], ['c']]);
    expect(moved([['a'], ['b'], ['c']], 'b', 99)).toEqual([['a'], ['c'], ['b']]);
  });

  it('leaves the order alone for an unknown id', () => {
    const order = [['a'], ['b', 'c']];
    expect(moved(order, 'zz', 0)).toEqual([['a'], ['b', 'c']]);
    expect(order).toEqual([['a'], ['b', 'c']]);
  });

  it('does not change the order it was given', () => {
    const order = [['a'], ['b', 'c']];
    moved(order, 'c', 0);
    expect(order).toEqual([['a'], ['b', 'c']]);
  });

  it('keeps every response exactly once', () => {
    const order = [['a'], ['b', 'c'], ['d'], ['e', 'f']];
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) {
      for (let to = -1; to <= 7; to += 1) {
        const flat = moved(order, id, to).flat();
        expect(flat.slice().sort(), `${id} → ${to}`).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
        expect(flat.indexOf(id), `${id} → ${to}`).toBe(Math.max(0, Math.min(5, to)));
      }
    }
  });
});

describe('ranking: withTieToggled', () => {
  it('ties a response with the one above, and unties it', () => {
    expect(withTieToggled('rank', [['a'], ['b'], ['c']], 'b')).toEqual({ kind: 'ranking', controlId: 'rank', order: [['a', 'b'], ['c']] });
    expect(withTieToggled('rank', [['a', 'b'], ['c']], 'b').order).toEqual([['a'], ['b'], ['c']]);
    expect(withTieToggled('rank', [['a', 'b'], ['c']], 'c').order).toEqual([['a', 'b', 'c']]);
  });

  it('cannot tie the first response (nothing is above it)', () => {
    expect(withTieToggled('rank', [['a'], ['b']], 'a').order).toEqual([['a'], ['b']]);
    expect(withTieToggled('rank', [['a', 'b']], 'a').order).toEqual([['a', 'b']]);
  });

  it('restores the order when toggled twice', () => {
    const order = [['a'], ['b', 'c'], ['d']];
    for (const id of ['a', 'b', 'c', 'd']) {
      const once = withTieToggled('rank', order, id).order;
      expect(withTieToggled('rank', once, id).order, id).toEqual(order);
    }
  });

  it('leaves the order alone for an unknown id', () => {
    expect(withTieToggled('rank', [['a'], ['b']], 'zz').order).toEqual([['a'], ['b']]);
  });
});

describe('safety', () => {
  it('withFlagToggled flags and unflags a category, keeping the others', () => {
    const one = withFlagToggled('harm', undefined, 'pii');
    expect(one).toEqual({ kind: 'safety', controlId: 'harm', flags: [{ label: 'pii' }] });
    const two = withFlagToggled('harm', withSeverity('harm', one, 'pii', 2), 'violence');
    expect(two.flags).toEqual([{ label: 'pii', severity: 2 }, { label: 'violence' }]);
    expect(withFlagToggled('harm', two, 'pii').flags).toEqual([{ label: 'violence' }]);
    expect(withFlagToggled('harm', withFlagToggled('harm', two, 'violence'), 'violence').flags).toEqual([{ label: 'pii', severity: 2 }, { label: 'violence' }]);
  });

  it('withSeverity flags an unflagged category, and sets the severity of a flagged one', () => {
    expect(withSeverity('harm', undefined, 'violence', 1)).toEqual({ kind: 'safety', controlId: 'harm', flags: [{ label: 'violence', severity: 1 }] });
    const flagged = withExcerpt('harm', withFlagToggled('harm', undefined, 'pii'), 'pii', 'my address', 'r1');
    expect(withSeverity('harm', flagged, 'pii', 3).flags).toEqual([{ label: 'pii', excerpt: 'my address', responseId: 'r1', severity: 3 }]);
    expect(withSeverity('harm', flagged, 'violence', 2).flags).toEqual([{ label: 'pii', excerpt: 'my address', responseId: 'r1' }, { label: 'violence', severity: 2 }]);
  });

  it('withExcerpt sets an excerpt with the response it quotes, flagging the category if needed', () => {
    expect(withExcerpt('harm', undefined, 'pii', 'call me at', 'r2')).toEqual({
      kind: 'safety',
      controlId: 'harm',
      flags: [{ label: 'pii', excerpt: 'call me at', responseId: 'r2' }],
    });
    expect(withExcerpt('harm', undefined, 'pii', 'typed by hand').flags).toEqual([{ label: 'pii', excerpt: 'typed by hand' }]);
  });

  it('withExcerpt replaces an excerpt, dropping the old response when the new one names none', () => {
    const quoted = withExcerpt('harm', withSeverity('harm', undefined, 'pii', 1), 'pii', 'call me at', 'r2');
    expect(withExcerpt('harm', quoted, 'pii', 'other words', 'r1').flags).toEqual([{ label: 'pii', severity: 1, excerpt: 'other words', responseId: 'r1' }]);
    expect(withExcerpt('harm', quoted, 'pii', 'typed').flags).toEqual([{ label: 'pii', severity: 1, excerpt: 'typed' }]);
  });

  it('withExcerpt cleared removes the excerpt and its response, keeping the flag', () => {
    const quoted = withExcerpt('harm', withSeverity('harm', undefined, 'pii', 1), 'pii', 'call me at', 'r2');
    const cleared = withExcerpt('harm', quoted, 'pii', '', 'r2');
    expect(cleared.flags).toEqual([{ label: 'pii', severity: 1 }]);
    expect(Object.keys(cleared.flags[0]!).sort()).toEqual(['label', 'severity']);
  });

  it('noConcerns is an explicit answer with no flags', () => {
    expect(noConcerns('harm')).toEqual({ kind: 'safety', controlId: 'harm', flags: [] });
  });
});

describe('checklist', () => {
  it('withVerdict marks a constraint and keeps its note and the other items', () => {
    const one = withVerdict('follows', undefined, 'c1', 'pass');
    expect(one).toEqual({ kind: 'checklist', controlId: 'follows', items: { c1: { verdict: 'pass' } } });
    const noted = withNote('follows', withVerdict('follows', one, 'c2', 'fail'), 'c2', 'too long');
    expect(withVerdict('follows', noted, 'c2', 'na').items).toEqual({ c1: { verdict: 'pass' }, c2: { verdict: 'na', note: 'too long' } });
  });

  it('withNote before any verdict marks the constraint failed', () => {
    expect(withNote('follows', undefined, 'c1', 'no rhyme')).toEqual({ kind: 'checklist', controlId: 'follows', items: { c1: { verdict: 'fail', note: 'no rhyme' } } });
  });

  it('withNote keeps a verdict already given', () => {
    expect(withNote('follows', withVerdict('follows', undefined, 'c1', 'pass'), 'c1', 'barely').items).toEqual({ c1: { verdict: 'pass', note: 'barely' } });
  });

  it('an empty note removes the key', () => {
    const noted = withNote('follows', withVerdict('follows', undefined, 'c1', 'fail'), 'c1', 'why');
    const cleared = withNote('follows', noted, 'c1', '');
    expect(cleared.items).toEqual({ c1: { verdict: 'fail' } });
    expect('note' in cleared.items.c1!).toBe(false);
  });
});

describe('text and rewrite', () => {
  it('withText', () => {
    expect(withText('notes', 'hello')).toEqual({ kind: 'textarea', controlId: 'notes', text: 'hello' });
  });

  it('withRewrite stores a diff that turns the original into the text', () => {
    const original = 'The cat sat on the mat.';
    for (const text of ['The dog sat on the mat.', original, '', 'Le chat 🐈 était  assis.\n\nFin.']) {
      const result = withRewrite('fix', 'r1', original, text);
      expect(result).toMatchObject({ kind: 'rewrite', controlId: 'fix', responseId: 'r1', text });
      expect(diffIsOf(result.diff!, original, text), JSON.stringify(text)).toBe(true);
    }
  });
});

describe('resultOf', () => {
  const answer: Answer = [
    { kind: 'textarea', controlId: 'notes', text: 'x' },
    { kind: 'ranking', controlId: 'rank', order: [['a']] },
  ];
  it('finds a question\'s result of the expected kind', () => {
    expect(resultOf(answer, 'rank', 'ranking')).toEqual({ kind: 'ranking', controlId: 'rank', order: [['a']] });
    expect(resultOf(answer, 'rank', 'textarea')).toBeUndefined();
    expect(resultOf(answer, 'missing', 'ranking')).toBeUndefined();
  });
});
