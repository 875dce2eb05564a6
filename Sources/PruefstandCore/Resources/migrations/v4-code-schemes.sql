-- Migration v4-code-schemes (shipped: never edited; add a new file).
-- Code schemes (issue 14): a budget line keeps its code as written with the scheme that read it,
-- its place in the scheme's hierarchy and its side; two more kinds, `commitment`
-- (Verpflichtungsermächtigung) and `amended` (a plan after amendments, Bremen's Haushaltssoll). Rows
-- imported before keep NKF NRW, the only scheme there was, with the side of their account class (4
-- revenue, 5 expense) and the NKF place. SQLite cannot widen a CHECK: the table is rebuilt (its views
-- dropped and created again, `v_plan` unchanged).
DROP VIEW v_plan;
CREATE TABLE budgetLineV3 (
    id INTEGER PRIMARY KEY,
    importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
    sourceLine INTEGER NOT NULL,
    fiscalYear INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('plan', 'actual', 'forecast', 'commitment', 'amended')),
    product TEXT NOT NULL,
    account TEXT NOT NULL,
    amountCents INTEGER NOT NULL,
    scheme TEXT NOT NULL DEFAULT 'nkf-nrw',
    side TEXT CHECK (side IN ('revenue', 'expense')),
    productLevel TEXT,
    productArea TEXT,
    productGroup TEXT,
    functionCode TEXT,
    description TEXT
);
INSERT INTO budgetLineV3 (id, importId, sourceLine, fiscalYear, kind, product, account, amountCents, scheme, side,
                          productLevel, productArea, productGroup)
SELECT id, importId, sourceLine, fiscalYear, kind, product, account, amountCents, 'nkf-nrw',
       CASE substr(account, 1, 1) WHEN '4' THEN 'revenue' WHEN '5' THEN 'expense' END,
       CASE WHEN length(product) - length(replace(product, '.', '')) >= 2 THEN 'produkt' ELSE 'produktgruppe' END,
       substr(product, 1, 2),
       CASE WHEN instr(substr(product, 4), '.') > 0 THEN substr(product, 1, 2 + instr(substr(product, 4), '.')) ELSE product END
FROM budgetLine;
DROP TABLE budgetLine;
ALTER TABLE budgetLineV3 RENAME TO budgetLine;
CREATE INDEX budgetLine_year ON budgetLine(fiscalYear, kind);
CREATE VIEW v_plan AS
SELECT b.id AS budget_line_id, b.importId AS import_id, r.sourcePath AS source_file, b.sourceLine AS source_line,
       b.fiscalYear AS fiscal_year, b.kind, b.product, substr(b.product, 1, 5) AS product_group,
       substr(b.product, 1, 2) AS product_area, b.account, substr(b.account, 1, 2) AS account_group,
       b.amountCents AS amount_cents, b.amountCents / 100.0 AS amount_eur
FROM budgetLine b JOIN importRun r ON r.id = b.importId;
CREATE VIEW v_plan_codes AS
SELECT b.id AS budget_line_id, b.importId AS import_id, b.fiscalYear AS fiscal_year, b.kind, b.scheme,
       b.product, b.productLevel AS product_level, b.productArea AS product_area, b.productGroup AS product_group,
       b.account, b.side, b.functionCode AS function_code, b.description,
       b.amountCents AS amount_cents, b.amountCents / 100.0 AS amount_eur
FROM budgetLine b;
