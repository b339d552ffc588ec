/**
 * Offsets, caret stops and tokens of a task text: code points are the stored truth, so emoji,
 * surrogate pairs and combining marks never shift a span, and the caret never stops inside a
 * grapheme cluster.
 */
import { describe, expect, it } from 'vitest';
import { TextIndex } from '../../../../renderer/src/annotate/spans/textIndex';

const THUMB = '👍🏽'; // 2 code points, 4 UTF-16 units, 1 grapheme
const E_ACUTE = 'e\u0301'; // 2 code points, 1 grapheme

/** Code-point offset of `needle` in `text`, as a pack stores it. */
const cpOf = (text: string, needle: string) => [...text.slice(0, text.indexOf(needle))].length;

describe('code points and UTF-16', () => {
  it('maps both ways around emoji and surrogate pairs', () => {
    const text = `A ${THUMB} Zoë`;
    const index = new TextIndex(text);
    expect(index.length).toBe([...text].length);
    const z = cpOf(text, 'Zoë');
    expect(index.toUtf16(z)).toBe(text.indexOf('Zoë'));
    expect(index.toCodePoint(text.indexOf('Zoë'))).toBe(z);
    expect(index.slice(z, z + 3)).toBe('Zoë');
    expect(index.slice(2, 4)).toBe(THUMB);
  });

  it('rounds an index inside a surrogate pair down to the pair, and clamps out of range', () => {
    const index = new TextIndex(`x${THUMB}`);
    expect(index.toCodePoint(2)).toBe(1); // the low half of 👍
    expect(index.toUtf16(99)).toBe(5);
    expect(index.toUtf16(-3)).toBe(0);
  });

  it('is the identity for BMP-only text, combining marks and CJK included', () => {
    const text = `caf${E_ACUTE} 東京都`;
    const index = new TextIndex(text);
    expect(index.length).toBe(text.length);
    expect(index.toUtf16(5)).toBe(5);
  });
});

describe('caret stops', () => {
  it('steps over a whole grapheme: e + combining acute, emoji with skin tone, ZWJ sequence', () => {
    const text = `${E_ACUTE}${THUMB}👩🏽‍💻!`;
    const index = new TextIndex(text);
    const stops = [0];
    while (stops.at(-1)! < index.length) stops.push(index.nextStop(stops.at(-1)!));
    expect(stops).toEqual([0, 2, 4, 4 + [...'👩🏽‍💻'].length, index.length]);
    const back = [index.length];
    while (back.at(-1)! > 0) back.push(index.previousStop(back.at(-1)!));
    expect(back.reverse()).toEqual(stops);
  });

  it('stays put at the ends', () => {
    const index = new TextIndex('ab');
    expect(index.previousStop(0)).toBe(0);
    expect(index.nextStop(2)).toBe(2);
  });

  it('widens a range that splits a cluster to whole clusters', () => {
    const text = `Jose${'\u0301'} ${THUMB}`;
    const index = new TextIndex(text);
    expect(index.snapToStops({ start: 0, end: 4 })).toEqual({ start: 0, end: 5 }); // keeps the accent
    expect(index.snapToStops({ start: 7, end: 7 })).toEqual({ start: 6, end: 8 }); // inside 👍🏽
  });
});

describe('tokens', () => {
  const text = `Maria Okafor works for Lumen Labs, in Lagos ${THUMB} 東京都に住む.`;
  const index = new TextIndex(text);

  it('moves right to the end of the next word and left to the start of the previous one', () => {
    const ends: number[] = [];
    for (let c = 0; c < index.length; ) ends.push((c = index.tokenRight(c)));
    const words = ends.map((end, i) => index.slice(i === 0 ? 0 : ends[i - 1]!, end).trim());
    expect(words).toEqual(['Maria', 'Okafor', 'works', 'for', 'Lumen', 'Labs', ',', 'in', 'Lagos', THUMB, '東京', '都', 'に', '住む', '.']);
    expect(index.tokenLeft(cpOf(text, 'Labs') + 2)).toBe(cpOf(text, 'Labs'));
    expect(index.tokenLeft(cpOf(text, 'Labs'))).toBe(cpOf(text, 'Lumen'));
    expect(index.tokenLeft(3)).toBe(0);
  });

  it('finds the word at the caret: the one just before it first, else the one around it', () => {
    const lagos = cpOf(text, 'Lagos');
    expect(index.tokenAt(lagos + 5)).toEqual({ start: lagos, end: lagos + 5 });
    expect(index.tokenAt(lagos)).toEqual({ start: lagos, end: lagos + 5 });
    expect(index.tokenAt(lagos + 2)).toEqual({ start: lagos, end: lagos + 5 });
    expect(new TextIndex('a  b').tokenAt(2)).toBeNull();
  });

  it('snaps a selection to whole words and trims white space', () => {
    const labs = cpOf(text, 'Lumen');
    expect(index.snapToTokens({ start: labs + 2, end: labs + 7 })).toEqual({ start: labs, end: labs + 'Lumen Labs'.length });
    expect(index.snapToTokens({ start: labs - 1, end: labs + 'Lumen Labs, '.length })).toEqual({ start: labs, end: labs + 'Lumen Labs,'.length });
    expect(index.snapToTokens({ start: 5, end: 6 })).toBeNull(); // one space
  });

  it('keeps offsets after emoji and combining marks in code points', () => {
    const t = `Zoë ${THUMB} met Jose${'\u0301'} in Montréal`;
    const i = new TextIndex(t);
    const jose = cpOf(t, 'Jose');
    expect(i.tokenAt(jose + 1)).toEqual({ start: jose, end: jose + 5 }); // the combining mark is part of the word
    expect(i.slice(jose, jose + 5)).toBe(`Jose${'\u0301'}`);
  });

  it('handles words longer than a segmentation window and long texts cheaply', () => {
    const long = `${'x'.repeat(3000)} end`;
    const i = new TextIndex(long);
    expect(i.tokenRight(1500)).toBe(3000);
    expect(i.tokenLeft(1500)).toBe(0);
    const big = new TextIndex('word '.repeat(20_000));
    const started = performance.now();
    let c = 0;
    for (let k = 0; k < 200; k += 1) c = big.tokenRight(c);
    expect(c).toBe(200 * 5 - 1);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
