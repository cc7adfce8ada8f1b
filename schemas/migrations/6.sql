-- Version 5 → 6: polarity (issue 16). A relation mention the sentence denies
-- («ملاقات نہیں کی», «دستخط سے معذرت کر لی», «ملاقات منسوخ ہو گئی») is kept with
-- its evidence and how it is denied, but is never a tie: ties, exports and
-- counts read only 'affirmed' mentions. Every old row was an affirmed tie (denied
-- ones were dropped before this version), so it takes the default; the next
-- build re-reads every article anyway, because the rules changed.
ALTER TABLE relations ADD COLUMN polarity TEXT NOT NULL DEFAULT 'affirmed'
    CHECK (polarity IN ('affirmed', 'negated', 'withdrawn', 'declined', 'missed'));
DROP VIEW IF EXISTS ties_readable;
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
PRAGMA user_version = 6;
