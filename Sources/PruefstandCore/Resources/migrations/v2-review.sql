-- Migration v2-review (shipped: never edited; add a new file).
-- Review decisions read back from filled-in workbooks (issue: position review).
CREATE TABLE reviewDecision (
    id INTEGER PRIMARY KEY,
    positionId TEXT NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('refill', 'no-refill', 'kw', 'automate-first', 'defer')),
    comment TEXT NOT NULL DEFAULT '',
    annualSavingCents INTEGER NOT NULL,
    effectiveYear INTEGER NOT NULL,
    decidedOn TEXT NOT NULL,
    sourceFile TEXT NOT NULL,
    sourceSha256 TEXT NOT NULL,
    sourceCell TEXT NOT NULL,
    recordedAt TEXT NOT NULL,
    supersedesId INTEGER REFERENCES reviewDecision(id)
);
CREATE INDEX reviewDecision_position ON reviewDecision(positionId);
CREATE VIEW v_review_decisions AS
SELECT d.positionId AS position_id, d.decision, d.comment, d.annualSavingCents AS annual_saving_cents,
       d.annualSavingCents / 100.0 AS annual_saving_eur, d.effectiveYear AS effective_year,
       d.decidedOn AS decided_on, d.sourceFile AS source_file, d.sourceSha256 AS source_sha256,
       d.sourceCell AS source_cell, d.recordedAt AS recorded_at, d.supersedesId AS supersedes_id
FROM reviewDecision d
WHERE NOT EXISTS (SELECT 1 FROM reviewDecision n WHERE n.supersedesId = d.id);
