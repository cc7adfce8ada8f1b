-- Version 3 → 4: per-article discoveries (so a discovered actor's label does not
-- depend on reading order, and the actor goes with its last article), run
-- counts for incremental builds, and the reasons a run skipped input.
-- The per-article rows are rebuilt from the mentions; the next build re-reads
-- every article anyway, because the store has no boilerplate_version yet.
CREATE TABLE discoveries (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL,
    type       TEXT NOT NULL,
    subtype    TEXT,
    label_ur   TEXT NOT NULL,
    label_en   TEXT,
    country    TEXT,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX discoveries_by_entity ON discoveries(entity_id);
CREATE TABLE discovered_names (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (article_id, entity_id, name)
);
CREATE INDEX discovered_names_by_entity ON discovered_names(entity_id);
INSERT OR IGNORE INTO discoveries
SELECT DISTINCT m.article_id, e.id, e.type, e.subtype, e.label_ur, e.label_en, e.country
FROM entities e JOIN mentions m ON m.entity_id = e.id WHERE e.discovered = 1;
INSERT OR IGNORE INTO discovered_names
SELECT d.article_id, d.entity_id, a.alias FROM discoveries d
JOIN aliases a ON a.entity_id = d.entity_id AND a.kind = 'name';

ALTER TABLE articles ADD COLUMN story_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN mode TEXT;
ALTER TABLE runs ADD COLUMN full_reason TEXT;
ALTER TABLE runs ADD COLUMN added INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN changed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN unchanged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN kept INTEGER NOT NULL DEFAULT 0;
CREATE TABLE run_problems (
    run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    origin   TEXT NOT NULL,
    line     INTEGER NOT NULL,
    reason   TEXT NOT NULL,
    repaired INTEGER NOT NULL CHECK (repaired IN (0, 1)),
    PRIMARY KEY (run_id, seq)
);
PRAGMA user_version = 4;
