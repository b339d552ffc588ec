/**
 * A child process that labels as fast as it can and reports each task on stdout only after the
 * store call returned. The durability test kills it mid-flight with SIGKILL.
 */
import { Store } from '../../../electron/core/store';

const [dbPath, profileId, packId] = process.argv.slice(2) as [string, string, string];
const store = await Store.open(dbPath);
const total = await store.taskCount(packId);
for (let i = 0; i < total; i += 1) {
  const taskId = `t${i + 1}`;
  const ref = { packId, taskId, profileId };
  const answer = [{ kind: 'choices' as const, controlId: 'sentiment', labels: [i % 2 ? 'pos' : 'neg'] }];
  await store.saveDraft(ref, answer, false, i);
  process.stdout.write(`draft ${taskId}\n`);
  if (i % 3 === 2) continue; // every third task is left as a draft only
  await store.addRevision(ref, { status: 'submitted', answer, provenance: 'manual', modelVersion: null, activeMs: i, skipReason: null, taskHash: 'h'.repeat(64) });
  process.stdout.write(`submitted ${taskId}\n`);
}
process.stdout.write('finished\n');
