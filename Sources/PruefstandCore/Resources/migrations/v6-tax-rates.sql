-- Migration v6-tax-rates (shipped: never edited; add a new file).
-- Tax-rate tables (issue 14): the Hebesätze of Grundsteuer A and B and Gewerbesteuer per municipality
-- and year, as a statistics office publishes them (IT.NRW's Realsteuerhebesätze), for comparing a city
-- with its neighbours and as a scenario baseline.
CREATE TABLE taxRate (
    id INTEGER PRIMARY KEY,
    importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
    sourceLine INTEGER NOT NULL,
    municipality TEXT NOT NULL,
    ags TEXT,
    fiscalYear INTEGER NOT NULL,
    grundsteuerA INTEGER NOT NULL CHECK (grundsteuerA BETWEEN 0 AND 9999),
    grundsteuerB INTEGER NOT NULL CHECK (grundsteuerB BETWEEN 0 AND 9999),
    gewerbesteuer INTEGER NOT NULL CHECK (gewerbesteuer BETWEEN 200 AND 9999)
);
CREATE INDEX taxRate_year ON taxRate(fiscalYear, municipality);
CREATE VIEW v_tax_rates AS
SELECT t.municipality, t.ags, t.fiscalYear AS fiscal_year, t.grundsteuerA AS grundsteuer_a,
       t.grundsteuerB AS grundsteuer_b, t.gewerbesteuer, t.importId AS import_id, r.sourcePath AS source_file,
       t.sourceLine AS source_line
FROM taxRate t JOIN importRun r ON r.id = t.importId;
