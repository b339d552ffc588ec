/**
 * What of a project's task leaves the lead's machine in a pack for someone else. A task's `meta`
 * holds what its source file said beyond the task itself: another tool's annotations and its
 * internals (`meta.labelStudio`, `meta.coco`, `meta.preference`'s chosen side, …) and the file's own
 * extra columns. Any of it may be the answer, so it stays in the project, where exports use it, and
 * packs carry only what a person needs to answer: the task's data and the predictions the lead
 * chose to show.
 */
import type { Task } from '../../../shared/pack/task';

export function outgoingTask(task: Task): Task {
  return { id: task.id, data: task.data, ...(task.predictions ? { predictions: task.predictions } : {}) };
}
