/**
 * Warnings about what an import or export could not carry over (a missing image, a region type
 * Loupe has no question for). They are gathered by topic, so a file with ten thousand of the same
 * problem yields one line with a count and the first few places, not ten thousand lines.
 */

const EXAMPLES_KEPT = 3;

export class Notes {
  private readonly topics = new Map<string, { count: number; examples: string[] }>();

  /** Note one occurrence of `topic`; `where` (a task, a file) is kept for the first few. */
  add(topic: string, where?: string): void {
    const entry = this.topics.get(topic) ?? { count: 0, examples: [] };
    entry.count += 1;
    if (where !== undefined && entry.examples.length < EXAMPLES_KEPT) entry.examples.push(where);
    this.topics.set(topic, entry);
  }

  /** One line per topic: `topic (3 times: task 1, task 4, task 9)`. */
  list(): string[] {
    return [...this.topics].map(([topic, { count, examples }]) => {
      if (examples.length === 0) return count > 1 ? `${topic} (${count} times)` : topic;
      const more = count > examples.length ? ', …' : '';
      const times = count > 1 ? `${count} times: ` : '';
      return `${topic} (${times}${examples.join(', ')}${more})`;
    });
  }
}
