-- Version 4 → 5: what ties and articles are about (issue 20). Each relation
-- mention keeps where its context came from, and each article its context
-- scores. Old rows have no source and no scores; the next build re-reads every
-- article anyway, because the rules (now with seeds/rules/contexts.json) changed.
ALTER TABLE relations ADD COLUMN context_source TEXT;
CREATE TABLE article_topics (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag        TEXT NOT NULL,
    score      REAL NOT NULL,
    main       INTEGER NOT NULL CHECK (main IN (0, 1)),
    PRIMARY KEY (article_id, tag)
);
CREATE INDEX article_topics_main ON article_topics(main, tag);
PRAGMA user_version = 5;
