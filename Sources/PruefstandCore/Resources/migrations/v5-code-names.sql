-- Migration v5-code-names (shipped: never edited; add a new file).
-- Code lists (issue 14): the names of a scheme's codes (a Kapitel, a Produktbereich, an account),
-- one row per code of an imported list, with its dimension and level. Reports show a name next to a
-- code; a later list of the same dimension names a code anew (`Store.codeNames`).
CREATE TABLE codeName (
    id INTEGER PRIMARY KEY,
    importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
    sourceLine INTEGER NOT NULL,
    scheme TEXT,
    dimension TEXT NOT NULL,
    level TEXT,
    code TEXT NOT NULL,
    name TEXT NOT NULL
);
CREATE INDEX codeName_dimension ON codeName(dimension, code);
CREATE VIEW v_code_names AS
SELECT c.importId AS import_id, r.sourcePath AS source_file, c.sourceLine AS source_line, c.scheme, c.dimension,
       c.level, c.code, c.name
FROM codeName c JOIN importRun r ON r.id = c.importId;
