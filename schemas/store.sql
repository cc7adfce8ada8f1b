-- rabta store, schema version 6 (PRAGMA user_version). An older database is
-- migrated forward by schemas/migrations/<version>.sql when it is opened.
-- SQLite is the source of truth; exports and queries are derived from it.
-- Persisted codes (entity types, relation names, modes) never change meaning.

PRAGMA foreign_keys = ON;

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE articles (
    id           TEXT PRIMARY KEY,
    origin       TEXT NOT NULL,      -- file path, or path:line for JSON Lines
    title        TEXT NOT NULL,
    published    TEXT,               -- ISO date, NULL when the input gives none
    dateline     TEXT,
    outlet       TEXT,
    agency       TEXT,               -- news agency or desk named by the dateline
    url          TEXT,
    content_hash TEXT NOT NULL,      -- of the raw record: a change means read it again
    story_hash   TEXT NOT NULL DEFAULT '',  -- of title and text: the same story read twice
    text         TEXT NOT NULL       -- original text; every span below indexes into it (bytes)
);

CREATE TABLE entities (
    id         TEXT PRIMARY KEY,
    type       TEXT NOT NULL CHECK (type IN ('person', 'organization', 'country', 'forum', 'place')),
    subtype    TEXT,
    label_ur   TEXT NOT NULL,
    label_en   TEXT,
    country    TEXT,
    discovered INTEGER NOT NULL DEFAULT 0   -- 1: found by a pattern, not in the lexicon
);

CREATE TABLE aliases (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    alias     TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('name', 'latin', 'demonym')),
    PRIMARY KEY (entity_id, alias, kind)
);

CREATE TABLE roles (
    entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    org_id    TEXT NOT NULL REFERENCES entities(id),
    date_from TEXT,
    date_to   TEXT,
    source    TEXT NOT NULL          -- 'lexicon' or an article id
);

CREATE TABLE mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    kind       TEXT NOT NULL CHECK (kind IN ('name', 'demonym', 'anaphor')),
    sentence   INTEGER NOT NULL,
    span_begin INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    surface    TEXT NOT NULL
);
CREATE INDEX mentions_by_entity ON mentions(entity_id);
CREATE INDEX mentions_by_article ON mentions(article_id);

CREATE TABLE relations (
    id          INTEGER PRIMARY KEY,
    source_id   TEXT NOT NULL REFERENCES entities(id),
    target_id   TEXT NOT NULL REFERENCES entities(id),
    relation    TEXT NOT NULL,
    directed    INTEGER NOT NULL CHECK (directed IN (0, 1)),
    mode        TEXT NOT NULL CHECK (mode IN ('done', 'intent')),
    context     TEXT,
    rule_id     TEXT NOT NULL,
    confidence  REAL NOT NULL,
    article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence    INTEGER NOT NULL,
    span_begin  INTEGER NOT NULL,    -- the evidence sentence in articles.text
    span_end    INTEGER NOT NULL,
    evidence    TEXT NOT NULL,       -- the sentence as written in the article
    evidence_key TEXT NOT NULL,      -- the sentence folded and space-free: reprints share it
    context_source TEXT,             -- where context came from: clause, sentence, article (inherited)
    -- 'affirmed', or how the sentence denies the tie (negated, withdrawn, declined,
    -- missed): a denied mention keeps its evidence but is never a tie, an edge or a count
    polarity    TEXT NOT NULL DEFAULT 'affirmed'
                CHECK (polarity IN ('affirmed', 'negated', 'withdrawn', 'declined', 'missed'))
);
CREATE INDEX relations_by_source ON relations(source_id, relation);
CREATE INDEX relations_by_target ON relations(target_id, relation);
CREATE INDEX relations_by_article ON relations(article_id);
CREATE INDEX relations_by_tie ON relations(source_id, target_id, relation);

-- What each article's extraction said about the actors it discovered. The
-- entities row of a discovered actor is derived from these (the label most
-- articles use, then the smallest), so that it does not depend on the order in
-- which articles were read, and it goes when its last article goes.
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

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL,
    articles    INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    tool        TEXT NOT NULL,
    lexicon_version TEXT,            -- content hashes of the data the run used
    rules_version   TEXT,
    mode        TEXT,                -- 'full' or 'incremental' (NULL before schema 4)
    full_reason TEXT,                -- why a build read everything again
    added       INTEGER NOT NULL DEFAULT 0,  -- articles new to the store
    changed     INTEGER NOT NULL DEFAULT 0,  -- articles whose input changed
    removed     INTEGER NOT NULL DEFAULT 0,  -- articles no longer in the corpus
    unchanged   INTEGER NOT NULL DEFAULT 0,  -- articles kept without reading them again
    kept        INTEGER NOT NULL DEFAULT 0   -- not seen, kept because their file could not be read
);

-- Why a run skipped or repaired input: file, line (0: the whole file) and reason.
CREATE TABLE run_problems (
    run_id   INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    origin   TEXT NOT NULL,
    line     INTEGER NOT NULL,
    reason   TEXT NOT NULL,
    repaired INTEGER NOT NULL CHECK (repaired IN (0, 1)),
    PRIMARY KEY (run_id, seq)
);

-- Input records that gave no article (bad, or no story text), by a hash of
-- their bytes and the limits that judged them, with the problems reported: an
-- incremental build reports them again without parsing them. (A store made
-- before this table gets it at its first note.)
CREATE TABLE record_notes (
    record_key TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    PRIMARY KEY (record_key, seq)
);

-- What each run's graph held, so that `rabta diff` can say what changed since
-- any run. A build carries the history of the database it replaces.
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

-- For analysts in sqlite3 or Datasette: one row per evidence of a tie, with names
-- (not_ties_readable: the mentions the text denies, with their polarity).
CREATE VIEW ties_readable AS
SELECT r.relation,
       s.label_ur AS source_ur, s.label_en AS source_en,
       t.label_ur AS target_ur, t.label_en AS target_en,
       r.mode, r.context, a.published AS date, a.outlet, a.id AS article_id,
       r.evidence, r.rule_id, r.confidence
FROM relations r
JOIN entities s ON s.id = r.source_id
JOIN entities t ON t.id = r.target_id
JOIN articles a ON a.id = r.article_id
WHERE r.polarity = 'affirmed';
CREATE VIEW not_ties_readable AS
SELECT r.polarity, r.relation,
       s.label_ur AS source_ur, s.label_en AS source_en,
       t.label_ur AS target_ur, t.label_en AS target_en,
       r.mode, r.context, a.published AS date, a.outlet, a.id AS article_id,
       r.evidence, r.rule_id, r.confidence
FROM relations r
JOIN entities s ON s.id = r.source_id
JOIN entities t ON t.id = r.target_id
JOIN articles a ON a.id = r.article_id
WHERE r.polarity <> 'affirmed';

-- What each article is about: its context cue scores per tag (seeds/rules/contexts.json);
-- main = 1 on the main topic its ties without a context of their own inherit.
CREATE TABLE article_topics (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    score      REAL NOT NULL,
    main       INTEGER NOT NULL CHECK (main IN (0, 1)),
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX article_topics_main ON article_topics(main, tag);

PRAGMA user_version = 6;
