-- Version 1 → 2. Runs inside the transaction that opens the database; the
-- rabta_fold() SQL function is the same folding the extractor uses.
-- Reprints of one sentence share an evidence key, so a tie counts them once.
ALTER TABLE relations ADD COLUMN evidence_key TEXT NOT NULL DEFAULT '';
UPDATE relations SET evidence_key = rabta_fold(evidence);
CREATE INDEX relations_by_tie ON relations(source_id, target_id, relation);
-- Which lexicon and rules a run used.
ALTER TABLE runs ADD COLUMN lexicon_version TEXT;
ALTER TABLE runs ADD COLUMN rules_version TEXT;
PRAGMA user_version = 2;
