import GRDB

extension Store {
    /// Versioned migrations. A migration that has shipped is never edited: add a new one.
    ///
    /// Every table and view is documented in `docs/schema.md`; the `v_*` views are the public,
    /// stable interface for notebooks and other tools (money as integer cents and decimal euros).
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        for (id, _) in Schema.migrations { m.registerMigration(id) { try Schema.apply(id, $0) } }
        return m
    }

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
                for (id, _) in Schema.migrations where !applied.contains(id) {
                    try Schema.apply(id, db)
                    try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [id])
                }
                return .commit
            }
        }
    }
}

/// The schema's migrations: one SQL file each in `Sources/PruefstandCore/Resources/migrations/`, named by
/// its identifier, its comment saying what it adds and why. The files are SwiftPM resources embedded in the
/// code (`.embedInCode`, as `BundledDefaults`), so the binary carries them; a shipped file is never edited.
enum Schema {
    /// The migrations in order, by the identifiers GRDB's `grdb_migrations` table records, with their SQL.
    static let migrations: [(id: String, sql: [UInt8])] = [
        ("v1-core", PackageResources.v1_core_sql),
        ("v2-review", PackageResources.v2_review_sql),
        ("v3-load-modes", PackageResources.v3_load_modes_sql),
        ("v4-code-schemes", PackageResources.v4_code_schemes_sql),
        ("v5-code-names", PackageResources.v5_code_names_sql),
        ("v6-tax-rates", PackageResources.v6_tax_rates_sql),
        ("v7-reject-reasons-de", PackageResources.v7_reject_reasons_de_sql),
    ]

    /// The SQL text of migration `id`.
    static func sql(_ id: String) -> String? {
        migrations.first { $0.id == id }.map { String(decoding: $0.sql, as: UTF8.self) }
    }

    /// Runs migration `id` on `db` (inside the caller's transaction).
    static func apply(_ id: String, _ db: Database) throws {
        guard let text = sql(id) else { throw PruefstandError.other("no migration \(id) in this build (known: \(migrations.map(\.id).joined(separator: ", ")))") }
        try db.execute(sql: text)
    }
}
