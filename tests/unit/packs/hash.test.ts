import { describe, expect, it } from 'vitest';
import { sha256Hex, taskHash } from '../../../electron/core/packs';
import { canonicalJson } from '../../../shared/canonicalJson';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('sorts integer-like keys as strings, like other languages do', () => {
    // A JS object would list "2" before "10"; sorted strings put "10" first.
    expect(canonicalJson({ 2: 'b', 10: 'a', x: 0 })).toBe('{"10":"a","2":"b","x":0}');
  });

  it('follows JSON.stringify for undefined, non-finite numbers and toJSON', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, NaN], c: new Date(0) })).toBe('{"b":[null,null],"c":"1970-01-01T00:00:00.000Z"}');
  });
});

describe('hashes', () => {
  it('sha256Hex hashes bytes and UTF-8 text alike', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex(Buffer.from('é'))).toBe(sha256Hex('é'));
  });

  it('taskHash ignores key order', () => {
    const a = taskHash({ id: 't1', data: { text: 'hi' }, meta: { x: 1, y: 2 } });
    const b = taskHash({ meta: { y: 2, x: 1 }, data: { text: 'hi' }, id: 't1' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
