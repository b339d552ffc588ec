/**
 * Schema 1: the whole product's model, not just the first flow. Packs and their tasks, label
 * configs, assets; per-annotator work (drafts, submitted revisions as append-only history, flags,
 * time on task, where each left off); people; and the tables the lead and QA features fill in
 * (gold answers, assignments, review verdicts).
 *
 * JSON columns hold values already validated against the zod schemas in shared/.
 */
import type { Migration } from '../migrate';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      -- People: the local user's profile(s) and annotators met in imported results packs.
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('annotator', 'lead', 'reviewer')),
        is_local INTEGER NOT NULL CHECK (is_local IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE label_configs (
        id INTEGER PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        config TEXT NOT NULL
      ) STRICT;

      -- Every pack ever imported, by content hash: importing the same bytes again is a no-op.
      CREATE TABLE packs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('tasks', 'results', 'review', 'verdicts')),
        name TEXT NOT NULL,
        pack_hash TEXT NOT NULL UNIQUE,
        manifest TEXT NOT NULL,
        label_config_id INTEGER REFERENCES label_configs (id),
        answers_pack_id TEXT,
        guidelines TEXT NOT NULL DEFAULT '',
        source_path TEXT,
        imported_at TEXT NOT NULL,
        opened_at TEXT
      ) STRICT;

      CREATE TABLE tasks (
        pack_id TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        task_hash TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (pack_id, id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX tasks_by_position ON tasks (pack_id, position);

      CREATE TABLE assets (
        pack_id TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        mime TEXT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        bytes BLOB NOT NULL,
        PRIMARY KEY (pack_id, path)
      ) STRICT;

      -- The answer being worked on, saved on every change; removed when submitted or skipped.
      CREATE TABLE drafts (
        pack_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        profile_id TEXT NOT NULL REFERENCES profiles (id),
        answer TEXT NOT NULL,
        from_prediction INTEGER NOT NULL CHECK (from_prediction IN (0, 1)),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (pack_id, task_id, profile_id),
        FOREIGN KEY (pack_id, task_id) REFERENCES tasks (pack_id, id) ON DELETE CASCADE
      ) STRICT;

      -- Submitted (or skipped) answers: append-only revision history, local or imported.
      CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        pack_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        profile_id TEXT NOT NULL REFERENCES profiles (id),
        revision INTEGER NOT NULL CHECK (revision >= 1),
        status TEXT NOT NULL CHECK (status IN ('submitted', 'skipped')),
        answer TEXT NOT NULL,
        provenance TEXT NOT NULL CHECK (provenance IN ('prediction', 'prediction-changed', 'manual')),
        model_version TEXT,
        active_ms INTEGER NOT NULL CHECK (active_ms >= 0),
        skip_reason TEXT,
        task_hash TEXT NOT NULL,
        source_pack_id TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (pack_id, profile_id, task_id, revision),
        FOREIGN KEY (pack_id, task_id) REFERENCES tasks (pack_id, id) ON DELETE CASCADE
      ) STRICT;

      CREATE TABLE flags (
        pack_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        profile_id TEXT NOT NULL REFERENCES profiles (id),
        comment TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (pack_id, task_id, profile_id),
        FOREIGN KEY (pack_id, task_id) REFERENCES tasks (pack_id, id) ON DELETE CASCADE
      ) STRICT;

      -- Cumulative active (non-idle) time per task and person.
      CREATE TABLE task_time (
        pack_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        profile_id TEXT NOT NULL REFERENCES profiles (id),
        active_ms INTEGER NOT NULL CHECK (active_ms >= 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (pack_id, task_id, profile_id),
        FOREIGN KEY (pack_id, task_id) REFERENCES tasks (pack_id, id) ON DELETE CASCADE
      ) STRICT;

      -- What happened when: submits, skips, flags (time-on-task timeline for dashboards).
      CREATE TABLE task_events (
        id INTEGER PRIMARY KEY,
        pack_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        profile_id TEXT NOT NULL REFERENCES profiles (id),
        kind TEXT NOT NULL CHECK (kind IN ('submit', 'skip', 'flag', 'unflag')),
        active_ms INTEGER NOT NULL DEFAULT 0,
        detail TEXT,
        at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX task_events_by_task ON task_events (pack_id, task_id);

      -- Where each person left off in each pack.
      CREATE TABLE sessions (
        pack_id TEXT NOT NULL REFERENCES packs (id) ON DELETE CASCADE,
        profile_id TEXT NOT NULL REFERENCES profiles (id),
        position INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (pack_id, profile_id)
      ) STRICT;

      -- Lead side: gold answers (never exported to annotators) and who was given which task.
      CREATE TABLE gold (
        pack_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (pack_id, task_id),
        FOREIGN KEY (pack_id, task_id) REFERENCES tasks (pack_id, id) ON DELETE CASCADE
      ) STRICT;

      CREATE TABLE assignments (
        pack_id TEXT NOT NULL,
        task_id TEXT NOT NULL,
        profile_id TEXT NOT NULL REFERENCES profiles (id),
        assigned_pack_id TEXT NOT NULL,
        is_gold INTEGER NOT NULL CHECK (is_gold IN (0, 1)),
        PRIMARY KEY (pack_id, task_id, profile_id),
        FOREIGN KEY (pack_id, task_id) REFERENCES tasks (pack_id, id) ON DELETE CASCADE
      ) STRICT;

      -- QA verdicts on submitted revisions.
      CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        annotation_id INTEGER NOT NULL REFERENCES annotations (id),
        reviewer_id TEXT NOT NULL REFERENCES profiles (id),
        verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'fix')),
        reason TEXT,
        fixed_answer TEXT,
        source_pack_id TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reviews_by_annotation ON reviews (annotation_id);
    `);
  },
};
