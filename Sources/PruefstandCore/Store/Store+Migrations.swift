import GRDB

extension Store {
    /// Versioned migrations. A migration that has shipped is never edited: add a new one.
    ///
    /// Every table and view is documented in `docs/schema.md`; the `v_*` views are the public,
    /// stable interface for notebooks and other tools (money as integer cents and decimal euros).
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for (id, body) in migrations { m.registerMigration(id, migrate: body) }
        return m
    }

    /// The migrations in order, by the identifiers GRDB's `grdb_migrations` table records.
    static let migrations: [(id: String, body: @Sendable (Database) throws -> Void)] = [
        ("v1-core", Schema.v1Core),
        ("v2-review", Schema.v2Review),
        ("v3-load-modes", Schema.v3LoadModes),
        ("v4-code-schemes", Schema.v4CodeSchemes),
        ("v5-code-names", Schema.v5CodeNames),
        ("v6-tax-rates", Schema.v6TaxRates),
        ("v7-reject-reasons-de", Schema.v7RejectReasonsDE),
    ]

    /// Brings the schema up to date, safely when several processes open a new store at once.
    ///
    /// An up-to-date store is only read. Otherwise all missing migrations run in one `BEGIN IMMEDIATE`
    /// transaction: SQLite's write lock makes a second process wait (busy timeout) until the first has
    /// committed, and the second then checks again inside the lock and finds nothing left to do, instead
    /// of failing with "table importRun already exists". The migrations are recorded in `grdb_migrations`
    /// as GRDB's `DatabaseMigrator` records them.
    static func migrate(_ writer: any DatabaseWriter) throws {
        if try writer.read({ try migrator.hasCompletedMigrations($0) }) { return }
        try writer.barrierWriteWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                let applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
                for (id, body) in migrations where !applied.contains(id) {
                    try body(db)
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [id])
                }
                return .commit
            }
        }
    }
}

enum Schema {
    static func v1Core(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE importRun (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            sourcePath TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            byteCount INTEGER NOT NULL,
            mappingPath TEXT,
            mappingSha256 TEXT,
            startedAt TEXT NOT NULL,
            finishedAt TEXT NOT NULL,
            rowsRead INTEGER NOT NULL,
            rowsImported INTEGER NOT NULL,
            rowsRejected INTEGER NOT NULL,
            controlReadCents INTEGER,
            controlStoredCents INTEGER,
            controlFileTotalCents INTEGER,
            onError TEXT NOT NULL CHECK (onError IN ('abort', 'quarantine')),
            engineVersion TEXT NOT NULL,
            UNIQUE (kind, sha256)
        );
        CREATE TABLE posting (
            id INTEGER PRIMARY KEY,
            importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
            sourceLine INTEGER NOT NULL,
            fiscalYear INTEGER NOT NULL,
            postingDate TEXT NOT NULL,
            documentId TEXT NOT NULL,
            product TEXT NOT NULL,
            costCenter TEXT NOT NULL,
            account TEXT NOT NULL,
            description TEXT NOT NULL,
            vendor TEXT NOT NULL,
            amountCents INTEGER NOT NULL
        );
        CREATE TABLE postingTotal (
            importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
            fiscalYear INTEGER NOT NULL,
            month INTEGER NOT NULL,
            product TEXT NOT NULL,
            account TEXT NOT NULL,
            amountCents INTEGER NOT NULL,
            postingCount INTEGER NOT NULL,
            PRIMARY KEY (importId, fiscalYear, month, product, account)
        ) WITHOUT ROWID;
        CREATE TABLE budgetLine (
            id INTEGER PRIMARY KEY,
            importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
            sourceLine INTEGER NOT NULL,
            fiscalYear INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('plan', 'actual', 'forecast')),
            product TEXT NOT NULL,
            account TEXT NOT NULL,
            amountCents INTEGER NOT NULL
        );
        CREATE INDEX budgetLine_year ON budgetLine(fiscalYear, kind);
        CREATE TABLE orgUnit (
            orgUnitId TEXT PRIMARY KEY,
            importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
            sourceLine INTEGER NOT NULL,
            name TEXT NOT NULL,
            parentId TEXT,
            category TEXT NOT NULL CHECK (category IN ('line', 'hr', 'finance', 'it', 'administration', 'leadership'))
        );
        CREATE TABLE costCenter (
            costCenterId TEXT PRIMARY KEY,
            importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
            sourceLine INTEGER NOT NULL,
            name TEXT NOT NULL,
            orgUnitId TEXT NOT NULL
        );
        CREATE TABLE position (
            positionId TEXT PRIMARY KEY,
            importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
            sourceLine INTEGER NOT NULL,
            orgUnitId TEXT NOT NULL,
            supervisorId TEXT,
            title TEXT NOT NULL,
            function TEXT NOT NULL,
            payGrade TEXT NOT NULL,
            fteUnits INTEGER NOT NULL CHECK (fteUnits > 0),
            status TEXT NOT NULL CHECK (status IN ('occupied', 'vacant')),
            vacantSince TEXT,
            isLeadership INTEGER NOT NULL CHECK (isLeadership IN (0, 1)),
            kldb TEXT
        );
        CREATE INDEX position_supervisor ON position(supervisorId);
        CREATE TABLE vacancy (
            id INTEGER PRIMARY KEY,
            importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
            sourceLine INTEGER NOT NULL,
            positionId TEXT NOT NULL,
            expectedDate TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ('retirement', 'resignation', 'transfer', 'new', 'other')),
            refillRequested INTEGER NOT NULL CHECK (refillRequested IN (0, 1)),
            refillSource TEXT CHECK (refillSource IN ('internal', 'external', 'lateral')),
            filledDate TEXT
        );
        CREATE INDEX vacancy_position ON vacancy(positionId);
        CREATE TABLE payCost (
            id INTEGER PRIMARY KEY,
            importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
            sourceLine INTEGER NOT NULL,
            fiscalYear INTEGER NOT NULL,
            payGrade TEXT NOT NULL,
            annualSalaryCents INTEGER NOT NULL,
            employerOnCostCents INTEGER NOT NULL,
            source TEXT NOT NULL,
            UNIQUE (fiscalYear, payGrade)
        );
        CREATE TABLE rejectedRow (
            id INTEGER PRIMARY KEY,
            importId INTEGER NOT NULL REFERENCES importRun(id) ON DELETE CASCADE,
            line INTEGER NOT NULL,
            "column" INTEGER,
            field TEXT,
            value TEXT,
            reason TEXT NOT NULL,
            rawRecord TEXT NOT NULL
        );

        CREATE VIEW v_import AS
        SELECT id AS import_id, kind, sourcePath AS source_file, sha256, byteCount AS byte_count,
               mappingPath AS mapping_file, mappingSha256 AS mapping_sha256,
               startedAt AS started_at, finishedAt AS finished_at,
               rowsRead AS rows_read, rowsImported AS rows_imported, rowsRejected AS rows_rejected,
               controlReadCents AS control_read_cents, controlStoredCents AS control_stored_cents,
               controlFileTotalCents AS control_file_total_cents, onError AS on_error,
               engineVersion AS engine_version
        FROM importRun;

        CREATE VIEW v_ledger AS
        SELECT p.id AS posting_id, p.importId AS import_id, r.sourcePath AS source_file, p.sourceLine AS source_line,
               p.fiscalYear AS fiscal_year, p.postingDate AS posting_date,
               CAST(substr(p.postingDate, 6, 2) AS INTEGER) AS month,
               p.documentId AS document_id, p.product, substr(p.product, 1, 5) AS product_group,
               substr(p.product, 1, 2) AS product_area, p.costCenter AS cost_center, c.orgUnitId AS org_unit,
               p.account, substr(p.account, 1, 2) AS account_group,
               p.description, p.vendor, p.amountCents AS amount_cents,
               p.amountCents / 100.0 AS amount_eur
        FROM posting p JOIN importRun r ON r.id = p.importId
        LEFT JOIN costCenter c ON c.costCenterId = p.costCenter;

        CREATE VIEW v_plan AS
        SELECT b.id AS budget_line_id, b.importId AS import_id, r.sourcePath AS source_file, b.sourceLine AS source_line,
               b.fiscalYear AS fiscal_year, b.kind, b.product, substr(b.product, 1, 5) AS product_group,
               substr(b.product, 1, 2) AS product_area, b.account, substr(b.account, 1, 2) AS account_group,
               b.amountCents AS amount_cents, b.amountCents / 100.0 AS amount_eur
        FROM budgetLine b JOIN importRun r ON r.id = b.importId;

        CREATE VIEW v_positions AS
        SELECT p.positionId AS position_id, p.orgUnitId AS org_unit, o.name AS org_unit_name, o.category AS org_unit_category,
               p.supervisorId AS supervisor_id, p.title, p.function, p.payGrade AS pay_grade,
               p.fteUnits / 10000.0 AS fte, p.fteUnits AS fte_units, p.status, p.vacantSince AS vacant_since,
               p.isLeadership AS is_leadership, p.kldb,
               (SELECT c.annualSalaryCents + c.employerOnCostCents FROM payCost c WHERE c.payGrade = p.payGrade
                ORDER BY c.fiscalYear DESC LIMIT 1) * p.fteUnits / 10000 AS annual_cost_cents,
               (SELECT c.annualSalaryCents + c.employerOnCostCents FROM payCost c WHERE c.payGrade = p.payGrade
                ORDER BY c.fiscalYear DESC LIMIT 1) * p.fteUnits / 10000 / 100.0 AS annual_cost_eur,
               p.importId AS import_id, p.sourceLine AS source_line
        FROM position p LEFT JOIN orgUnit o ON o.orgUnitId = p.orgUnitId;

        CREATE VIEW v_vacancies AS
        SELECT v.id AS vacancy_id, v.positionId AS position_id, p.orgUnitId AS org_unit, p.title, p.payGrade AS pay_grade,
               p.fteUnits / 10000.0 AS fte, v.expectedDate AS expected_date, v.reason,
               v.refillRequested AS refill_requested, v.refillSource AS refill_source, v.filledDate AS filled_date,
               v.importId AS import_id, v.sourceLine AS source_line
        FROM vacancy v LEFT JOIN position p ON p.positionId = v.positionId;

        CREATE VIEW v_pay_costs AS
        SELECT fiscalYear AS fiscal_year, payGrade AS pay_grade, annualSalaryCents AS annual_salary_cents,
               employerOnCostCents AS employer_on_cost_cents,
               annualSalaryCents + employerOnCostCents AS annual_cost_cents,
               (annualSalaryCents + employerOnCostCents) / 100.0 AS annual_cost_eur, source
        FROM payCost;

        CREATE VIEW v_org_units AS
        SELECT orgUnitId AS org_unit, name, parentId AS parent_id, category FROM orgUnit;

        CREATE VIEW v_rejects AS
        SELECT j.importId AS import_id, r.kind, r.sourcePath AS source_file, j.line, j."column", j.field, j.value,
               j.reason, j.rawRecord AS raw_record
        FROM rejectedRow j JOIN importRun r ON r.id = j.importId;
        """)
    }

    /// Review decisions read back from filled-in workbooks (issue: position review).
    static func v2Review(_ db: Database) throws {
        try db.execute(sql: """
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
        """)
    }
}
