/** What the navigator shows of a task and where its search looks (shared/taskText.ts). */
import { describe, expect, it } from 'vitest';
import { PREVIEW_LENGTH, oneLine, searchableFields, taskMatches, taskPreview } from '../../../shared/taskText';

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
