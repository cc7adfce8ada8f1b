-- Version 2 → 3: what each run's graph held, for `rabta diff`. Runs recorded
-- before this version have no snapshot; a diff since one of them says so.
CREATE TABLE run_entities (
    run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    type      TEXT NOT NULL,
    label_ur  TEXT NOT NULL,
    PRIMARY KEY (run_id, entity_id)
);
CREATE TABLE run_ties (
    run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    relation  TEXT NOT NULL,
    evidences INTEGER NOT NULL,
    PRIMARY KEY (run_id, source_id, target_id, relation)
);
CREATE TABLE run_roles (
    run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    title     TEXT NOT NULL,
    org_id    TEXT NOT NULL,
    PRIMARY KEY (run_id, entity_id, title, org_id)
);
PRAGMA user_version = 3;
