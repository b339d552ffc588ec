/** What the navigator shows of a task and where its search looks (shared/taskText.ts). */
import { describe, expect, it } from 'vitest';
import { PREVIEW_LENGTH, matchPreview, oneLine, searchableFields, taskMatches, taskPreview } from '../../../shared/taskText';

describe('task text', () => {
  it('previews a task on one line, cut with an ellipsis', () => {
    expect(oneLine('  two\n\nlines\tand  spaces ')).toBe('two lines and spaces');
    const long = `${'word '.repeat(60)}end`;
    const cut = oneLine(long);
    expect([...cut]).toHaveLength(PREVIEW_LENGTH);
    expect(cut.endsWith('word…')).toBe(true);
    // Cut by code points: an emoji is never split into half a surrogate pair.
    expect(oneLine('😀'.repeat(200), 3)).toBe('😀😀😀…');
    // A text far longer than a preview is cut before it is collapsed, and still says it was cut.
    expect(oneLine(`short${' '.repeat(5000)}tail`, 10)).toBe('short…');
  });

  it('previews the text, else the first user turn, else the image name', () => {
    expect(taskPreview({ id: 't', data: { text: 'Hello', prompt: 'ignored' } })).toBe('Hello');
    expect(taskPreview({ id: 't', data: { prompt: [{ role: 'system', content: 'Be kind' }, { role: 'user', content: 'Hi there' }] } })).toBe('Hi there');
    expect(taskPreview({ id: 't', data: { image: 'assets/a/b/photo.jpg' } })).toBe('photo.jpg');
    expect(taskPreview({ id: 'only-id', data: {} })).toBe('only-id');
  });

  it('searches every field a person reads, and only those', () => {
    const task = {
      id: 'task-7',
      data: {
        prompt: [{ role: 'user' as const, content: 'Write a haiku' }],
        responses: [{ id: 'r1', content: 'Autumn moon' }],
        constraints: [{ id: 'c1', text: 'Exactly three lines' }],
      },
      meta: { secret: 'hidden word' },
    };
    expect(searchableFields(task)).toEqual(['task-7', 'Write a haiku', 'Autumn moon', 'Exactly three lines']);
    expect(taskMatches(task, 'autumn')).toBe(true);
    expect(taskMatches(task, 'three lines')).toBe(true);
    expect(taskMatches(task, 'hidden')).toBe(false);
    expect(taskMatches(task, 'role')).toBe(false);
  });
});

describe('search preview', () => {
  const long = { id: 't', data: { text: `${'Opening words of a long review. '.repeat(6)}Then the drawer jammed for good.` } };

  it('shows the field from the word a little before the match when the match is far into it', () => {
    const preview = matchPreview(long, 'drawer');
    expect(preview.startsWith('…')).toBe(true);
    expect(preview).toContain('Then the drawer jammed for good.');
    expect(preview.indexOf('drawer')).toBeLessThan(40);
    // Even within the first 120 characters: a row may show only the first 60.
    const short = { id: 't', data: { text: 'The instructions were wrong in three places, and one drawer still sticks.' } };
    expect(matchPreview(short, 'drawer')).toBe('…in three places, and one drawer still sticks.');
  });

  it('never cuts between the halves of a surrogate pair', () => {
    // 30 code units before "found" falls on the second half of an emoji.
    const emoji = { id: 't', data: { text: `a${'😀'.repeat(40)}bfound` } };
    expect(matchPreview(emoji, 'found')).toBe(`…${'😀'.repeat(15)}bfound`);
  });

  it('keeps the plain preview when the match is near the start, in the id, or nowhere', () => {
    expect(matchPreview(long, 'opening')).toBe(taskPreview(long));
    expect(matchPreview({ id: 'rev-7', data: { text: 'Fine' } }, 'rev-7')).toBe('Fine');
    expect(matchPreview(long, '')).toBe(taskPreview(long));
  });

  it('shows the response that matched when the prompt is the preview', () => {
    const task = { id: 't', data: { prompt: 'Compare these', responses: [{ id: 'a', content: 'Python lists are mutable' }] } };
    expect(matchPreview(task, 'mutable')).toBe('Python lists are mutable');
  });
});
