-- Migration v7-reject-reasons-de (shipped: never edited; add a new file).
-- Reject reasons in German beside the English ones (issue 16: one language per report): `rejectedRow.reasonDE`,
-- and `v_rejects.reason_de` after `raw_record` (the earlier columns keep their places). Rows of a store
-- made before this migration have no German reason (NULL); they show the English one.
ALTER TABLE rejectedRow ADD COLUMN reasonDE TEXT;
DROP VIEW v_rejects;
CREATE VIEW v_rejects AS
SELECT j.importId AS import_id, r.kind, r.sourcePath AS source_file, j.line, j."column", j.field, j.value,
       j.reason, j.rawRecord AS raw_record, j.reasonDE AS reason_de
FROM rejectedRow j JOIN importRun r ON r.id = j.importId;
