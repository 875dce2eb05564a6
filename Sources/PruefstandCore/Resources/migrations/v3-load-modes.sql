-- Migration v3-load-modes (shipped: never edited; add a new file).
-- Load modes, posting identity, content identity and the import history (issue 20).
--
-- - `importRun` learns the import's source (which system and ledger a file comes from; earlier
--   imports get their kind, the default source), its load mode and period, and the SHA-256 of its
--   normalised rows (`contentSha256`), so a re-saved file is known as already imported.
-- - A posting's identity is its source, `coalesce(identityKey, documentId)` and `occurrence` (the
--   how-many-th posting of that key in its file); `identityKey` is set only when the mapping declares
--   a key or the file has a document line column. No index is kept on it (an index costs every insert
--   about a third of the import time): `importRun.identityMin/Max` (the smallest and largest key of an
--   import) tell which earlier imports can overlap at all, and `postingIdFrom/To` (the range of its
--   posting ids) let the check read just those imports' postings.
-- - `importHistory` keeps what each import did (added, skipped as already there, replaced), with cent
--   totals; it has no foreign key, so it outlives an import that a later one replaces.
ALTER TABLE importRun ADD COLUMN source TEXT;
UPDATE importRun SET source = kind;
ALTER TABLE importRun ADD COLUMN contentSha256 TEXT;
ALTER TABLE importRun ADD COLUMN mode TEXT NOT NULL DEFAULT 'append'
    CHECK (mode IN ('append', 'replace-period', 'replace'));
ALTER TABLE importRun ADD COLUMN period TEXT;
ALTER TABLE importRun ADD COLUMN identityMin TEXT;
ALTER TABLE importRun ADD COLUMN identityMax TEXT;
ALTER TABLE importRun ADD COLUMN postingIdFrom INTEGER;
ALTER TABLE importRun ADD COLUMN postingIdTo INTEGER;
CREATE INDEX importRun_content ON importRun(kind, contentSha256);
UPDATE importRun SET identityMin = t.lo, identityMax = t.hi, postingIdFrom = t.a, postingIdTo = t.b
FROM (SELECT importId, min(documentId) AS lo, max(documentId) AS hi, min(id) AS a, max(id) AS b FROM posting GROUP BY importId) t
WHERE importRun.id = t.importId;
ALTER TABLE posting ADD COLUMN documentLine TEXT;
ALTER TABLE posting ADD COLUMN identityKey TEXT;
ALTER TABLE posting ADD COLUMN occurrence INTEGER NOT NULL DEFAULT 1;
CREATE TABLE importHistory (
    id INTEGER PRIMARY KEY,
    importId INTEGER NOT NULL,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    sourcePath TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    contentSha256 TEXT NOT NULL,
    mode TEXT NOT NULL,
    period TEXT,
    recordedAt TEXT NOT NULL,
    rowsRead INTEGER NOT NULL,
    rowsRejected INTEGER NOT NULL,
    addedCount INTEGER NOT NULL,
    addedCents INTEGER NOT NULL,
    skippedCount INTEGER NOT NULL,
    skippedCents INTEGER NOT NULL,
    replacedCount INTEGER NOT NULL,
    replacedCents INTEGER NOT NULL,
    replacedImports TEXT NOT NULL DEFAULT ''
);
CREATE VIEW v_import_history AS
SELECT id AS history_id, importId AS import_id, kind, source, sourcePath AS source_file, sha256,
       contentSha256 AS content_sha256, mode, period, recordedAt AS recorded_at,
       rowsRead AS rows_read, rowsRejected AS rows_rejected,
       addedCount AS added, addedCents AS added_cents, addedCents / 100.0 AS added_eur,
       skippedCount AS skipped, skippedCents AS skipped_cents, skippedCents / 100.0 AS skipped_eur,
       replacedCount AS replaced, replacedCents AS replaced_cents, replacedCents / 100.0 AS replaced_eur,
       replacedImports AS replaced_imports
FROM importHistory;
