/**
 * Schema 3: lead projects. A project holds its label config, guidelines and source tasks (with
 * gold answers, which live only here and never go into a pack), the packs its splits made (each
 * also a task pack in `packs`, so results import into it as before and keep their revision
 * history), the images it was made from (copied into the data folder), and the final answers a
 * lead decided by adjudication or majority.
 */
import type { Migration } from '../migrate';

export const migration0003: Migration = {
  version: 3,
  name: 'projects',
  up(db) {
    db.exec(`
      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        label_config TEXT NOT NULL CHECK (json_valid(label_config)),
        guidelines TEXT NOT NULL,
        source TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE project_tasks (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        position INTEGER NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        gold TEXT CHECK (gold IS NULL OR json_valid(gold)),
        PRIMARY KEY (project_id, id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX project_tasks_by_position ON project_tasks (project_id, position);

      CREATE TABLE project_images (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        file TEXT NOT NULL,
        PRIMARY KEY (project_id, path)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE project_packs (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        pack_id TEXT NOT NULL,
        annotator TEXT NOT NULL,
        split INTEGER NOT NULL,
        gold_tasks INTEGER NOT NULL,
        PRIMARY KEY (project_id, pack_id)
      ) STRICT, WITHOUT ROWID;
      CREATE UNIQUE INDEX project_packs_by_pack ON project_packs (pack_id);

      CREATE TABLE project_splits (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        report TEXT NOT NULL CHECK (json_valid(report)),
        created_at TEXT NOT NULL,
        PRIMARY KEY (project_id, number)
      ) STRICT;

      CREATE TABLE project_finals (
        project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        task_id TEXT NOT NULL,
        answer TEXT NOT NULL CHECK (json_valid(answer)),
        method TEXT NOT NULL CHECK (method IN ('adjudicated', 'majority')),
        from_annotator TEXT,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (project_id, task_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
