/**
 * The lead's command line from end to end (in process, through runCli): a project from a doccano
 * file with gold, split for two annotators with full overlap and gold mixed in, results brought
 * back (and refused for another project), agreement, gold accuracy, status, and dataset exports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../electron/core/cli/main';
import { exportVerdicts, recordVerdict, reviewItem } from '../../../electron/core/review/reviewer';
import { exportResultsPack } from '../../../electron/core/service/resultsExport';
import { importPackFile } from '../../../electron/core/service/packOpening';
import { Store } from '../../../electron/core/store';
import { tempDir } from '../helpers/fixtures';

async function loupe(...args: string[]): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await runCli(['--json', ...args]);
    return { code, json: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : {}, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

/** An annotator answers their pack in their own database: `pick` says which label for which text. */
async function annotate(packPath: string, name: string, pick: (text: string) => string): Promise<string> {
  const dir = tempDir();
  const store = await Store.open(join(dir, 'mine.db'));
  try {
    const me = await store.saveProfile({ name, role: 'annotator' });
    const { packId } = await importPackFile(store, packPath);
    for (let i = 0; i < (await store.taskCount(packId)); i += 1) {
      const { task, hash } = await store.taskAt(packId, i);
      await store.addRevision({ packId, taskId: task.id, profileId: me.id }, {
        status: 'submitted', answer: [{ kind: 'choices', controlId: 'category', labels: [pick(task.data.text!)] }], provenance: 'manual', modelVersion: null, activeMs: 2000, skipReason: null, taskHash: hash,
      });
    }
    return (await exportResultsPack(store, packId, me, join(dir, `${name}.results.loupe`), new Date())).path;
  } finally {
    await store.close();
  }
}

describe('loupe project, split, import --project, agreement, gold, export --project', () => {
  it('runs a lead project end to end', async () => {
    const dir = tempDir();
    const db = join(dir, 'lead.db');
    const lines = Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: i + 1, text: `${i % 2 ? 'bad' : 'good'} thing ${i}`, label: i < 3 ? [i % 2 ? 'neg' : 'pos'] : [] }));
    writeFileSync(join(dir, 'reviews.jsonl'), `${lines.join('\n')}\n`);

    const created = await loupe('project', 'create', '--db', db, '--name', 'Reviews', '--from', join(dir, 'reviews.jsonl'), '--format', 'doccano', '--annotations', 'gold', '--lead', 'Lea');
    expect(created.code).toBe(0);
    expect(created.json).toMatchObject({ ok: true, tasks: 12, gold: 3 });
    const project = String(created.json.projectId);

    const plan = await loupe('split', '--db', db, '--project', project, '--annotators', 'ann,bob', '--overlap', '1', '--k', '2', '--gold-rate', '0.25', '--dry-run');
    expect(plan.code).toBe(0);
    const split = await loupe('split', '--db', db, '--project', project, '--annotators', 'ann,bob', '--overlap', '1', '--k', '2', '--gold-rate', '0.25', '--out', join(dir, 'packs'));
    expect(split.json).toMatchObject({ ok: true, split: 1 });
    expect(split.json.report).toEqual(plan.json.report); // the same seed, the same packs
    const packs = split.json.packs as Array<{ path: string; annotator: string; tasks: number; gold: number }>;
    expect(packs.map((p) => [p.annotator, p.gold])).toEqual([['ann', 3], ['bob', 3]]);

    // Ann labels by the word; Bob calls everything positive.
    const results = [await annotate(packs[0]!.path, 'ann', (t) => (t.startsWith('bad') ? 'neg' : 'pos')), await annotate(packs[1]!.path, 'bob', () => 'pos')];
    const imported = await loupe('import', ...results, '--db', db, '--project', project);
    expect(imported.code).toBe(0);
    expect((imported.json.imported as Array<{ added: number }>).map((r) => r.added)).toEqual([12, 12]);

    const gold = await loupe('gold', '--db', db, '--project', project);
    const byAnnotator = (gold.json.gold as { byAnnotator: Array<{ annotator: string; correct: number; items: number }> }).byAnnotator;
    expect(byAnnotator).toEqual([
      expect.objectContaining({ annotator: 'ann', correct: 3, items: 3 }),
      expect.objectContaining({ annotator: 'bob', correct: 2, items: 3 }),
    ]);

    const agreement = await loupe('agreement', '--db', db, '--project', project);
    const [label] = agreement.json.agreement as Array<{ measure: string; items: number; pairs: Array<{ kappa: number }> }>;
    expect(label).toMatchObject({ measure: 'label', items: 9 });
    // Bob never varies: his labels carry no information, so kappa is 0 against anyone.
    expect(label!.pairs[0]!.kappa).toBeCloseTo(0, 10);

    const status = await loupe('project', 'status', '--db', db, '--project', project);
    expect(status.json).toMatchObject({ answeredTasks: 12, overlappedAnswered: 12 });

    const out = join(dir, 'final.jsonl');
    const exported = await loupe('export', '--db', db, '--project', project, '--format', 'doccano', '--final', 'annotator:ann', '--out', out);
    expect(exported.code).toBe(0);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string[] });
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.label[0] === (r.text.startsWith('bad') ? 'neg' : 'pos'))).toBe(true);

    const csv = await loupe('export', '--db', db, '--project', project, '--format', 'csv', '--final', 'majority', '--out', join(dir, 'final.csv'));
    expect(csv.code).toBe(0);
    expect(await loupe('export', '--db', db, '--project', project, '--format', 'nope', '--out', join(dir, 'x'))).toMatchObject({ code: 2 });

    // QA review from the CLI: the makeup first, then the pack; a reviewer judges two items; verdicts back twice; acceptance; feedback.
    const plan2 = await loupe('review', 'sample', '--db', db, '--project', project, '--percent', '0.25', '--stratify', 'annotator', '--disagreements', '--dry-run');
    expect(plan2.code).toBe(0);
    const makeup = plan2.json.makeup as { items: number; byPick: Record<string, number> };
    expect(makeup.byPick['low-agreement']).toBe(12); // Ann and Bob disagree on the 6 "bad" texts (gold ones included)
    const reviewPack = join(dir, 'review.loupe');
    const sampled = await loupe('review', 'sample', '--db', db, '--project', project, '--percent', '0.25', '--disagreements', '--reasons', 'wrong=Wrong label,sloppy=Sloppy', '--out', reviewPack);
    expect(sampled.json).toMatchObject({ ok: true, items: makeup.items });
    const reviewerDb = await Store.open(join(tempDir(), 'rae.db'));
    const rae = await reviewerDb.saveProfile({ name: 'Rae', role: 'reviewer' });
    const { packId: reviewId } = await importPackFile(reviewerDb, reviewPack);
    const first = await reviewItem(reviewerDb, reviewId, 0, rae);
    const second = await reviewItem(reviewerDb, reviewId, 1, rae);
    await recordVerdict(reviewerDb, reviewId, rae, { itemId: first.itemId, verdict: 'reject', reason: 'wrong', reviewMs: 1000 });
    await recordVerdict(reviewerDb, reviewId, rae, { itemId: second.itemId, verdict: 'accept', reviewMs: 1000 });
    const verdictsPath = (await exportVerdicts(reviewerDb, reviewId, rae, join(dir, 'verdicts.loupe'), new Date())).path;
    await reviewerDb.close();
    expect((await loupe('review', 'import', verdictsPath, '--db', db, '--project', project)).json).toMatchObject({ imported: [{ imported: true, added: 2 }] });
    expect((await loupe('review', 'import', verdictsPath, '--db', db, '--project', project)).json).toMatchObject({ imported: [{ imported: false, added: 0 }] });
    const rates = await loupe('review', 'acceptance', '--db', db, '--project', project);
    expect(rates.json).toMatchObject({ reviewed: 2, byReason: [{ reason: 'Wrong label', count: 1 }] });
    const fb = await loupe('review', 'feedback', '--db', db, '--project', project, '--out', join(dir, 'feedback'));
    expect(fb.code).toBe(0);
    expect((fb.json.packs as unknown[]).length).toBeGreaterThanOrEqual(1);

    // A results pack for another project is refused by name, and nothing is added.
    const other = await loupe('project', 'create', '--db', db, '--name', 'Other', '--from', join(dir, 'reviews.jsonl'), '--format', 'doccano', '--annotations', 'ignore');
    const refused = await loupe('import', results[0]!, '--db', db, '--project', String(other.json.projectId));
    expect(refused.code).toBe(1);
    expect(JSON.stringify(refused.json)).toMatch(/belongs to project \\"Reviews\\", not to project \\"Other\\"/);
  });

  it('reads CoNLL per document and writes it back in 2 columns with label names', async () => {
    const dir = tempDir();
    const db = join(dir, 'lead.db');
    writeFileSync(join(dir, 'ner.conll'), ['-DOCSTART- -X- -X- O', '', 'Ada NNP B-NP B-PER', 'visited VBD B-VP O', 'Paris NNP B-NP B-LOC', '. . O O', '', 'She PRP B-NP O', 'stayed VBD B-VP O', '. . O O', ''].join('\n'));
    const created = await loupe('project', 'create', '--db', db, '--name', 'NER', '--from', join(dir, 'ner.conll'), '--format', 'conll', '--per', 'document', '--annotations', 'gold');
    expect(created.json).toMatchObject({ ok: true, tasks: 1, gold: 1 }); // one document, its tags as gold (tasks count gold too, as `project list` does)
    const out = join(dir, 'back.conll');
    const exported = await loupe('export', '--db', db, '--project', String(created.json.projectId), '--format', 'conll', '--final', 'majority', '--columns', '2', '--label-as', 'name', '--out', out);
    expect(exported.code).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines.slice(0, 4)).toEqual(['Ada B-PER', 'visited O', 'Paris B-LOC', '. O']);
    expect((await loupe('export', '--db', db, '--project', String(created.json.projectId), '--format', 'conll', '--columns', '3', '--out', out)).code).toBe(2);
  });
});
