/**
 * Schema 4: QA review. `review_verdicts` is a reviewer's own verdicts on the items of the review
 * packs they opened (append-only; undo deletes their latest). `verdicts` holds verdict packs
 * brought in: by a lead into a project, or by an annotator as feedback on their own pack — one row
 * per task, annotator, revision and verdicts pack, so the same pack twice adds nothing and a
 * later review adds to the history.
 */
import type { Migration } from '../migrate';

export const migration0004: Migration = {
  version: 4,
  name: 'review',
  up(db) {
    db.exec(`
      CREATE TABLE review_verdicts (
        id INTEGER PRIMARY KEY,
        pack_id TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
        item_id TEXT NOT NULL,
        profile_id TEXT NOT NULL REFERENCES profiles (id),
        verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'fix')),
        reason TEXT,
        comment TEXT,
        fixed_answer TEXT CHECK (fixed_answer IS NULL OR json_valid(fixed_answer)),
        review_ms INTEGER NOT NULL CHECK (review_ms >= 0),
        reviewed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX review_verdicts_by_item ON review_verdicts (pack_id, item_id, id);

      CREATE TABLE verdicts (
        source_pack_id TEXT NOT NULL,
        answers_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        annotator_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'fix')),
        reason TEXT,
        comment TEXT,
        fixed_answer TEXT CHECK (fixed_answer IS NULL OR json_valid(fixed_answer)),
        answer TEXT CHECK (answer IS NULL OR json_valid(answer)),
        gold_correct INTEGER CHECK (gold_correct IS NULL OR gold_correct IN (0, 1)),
        reviewer_id TEXT NOT NULL,
        reviewer_name TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        PRIMARY KEY (source_pack_id, task_id, annotator_id, revision)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX verdicts_by_answers ON verdicts (answers_id, task_id);
    `);
  },
};
