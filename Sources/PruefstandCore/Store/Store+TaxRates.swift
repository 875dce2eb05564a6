import GRDB

/// One municipality's Hebesätze of one year (percent).
public struct TaxRateRow: Sendable, Equatable {
    /// Named by `name`: as written, by its AGS, or by the name before a comma (`Hagen` for `Hagen, Stadt`).
    public func isNamed(_ name: String) -> Bool {
        let n = name.lowercased(), m = municipality.lowercased()
        return m == n || ags == name || m.hasPrefix(n + ", ")
    }

    public var municipality: String
    public var ags: String?
    public var fiscalYear: Int
    public var grundsteuerA: Int
    public var grundsteuerB: Int
    public var gewerbesteuer: Int
    public var sourceFile: String
    public var sourceLine: Int
}

/// The store's Hebesatz tables: reads for the comparison and the scenario baseline.
public enum TaxRates {
    /// Every row of a year, by municipality (name order).
    public static func rows(_ store: Store, year: Int) throws -> [TaxRateRow] {
        try store.read { db in try fetch(db, "WHERE fiscal_year = ? ORDER BY municipality, ags", [year]) }
    }

    /// Every year of one municipality (by name or AGS, case-insensitive), oldest first.
    public static func rows(_ store: Store, municipality: String) throws -> [TaxRateRow] {
        try store.read { db in
            // The name as written, its AGS, or the name before a comma (IT.NRW writes "Hagen, Stadt").
            try fetch(db, "WHERE lower(municipality) = lower(?1) OR ags = ?1 OR lower(substr(municipality, 1, length(?1) + 2)) = lower(?1 || ', ') ORDER BY fiscal_year",
                      [municipality])
        }
    }

    /// The years in the store, newest last.
    public static func years(_ store: Store) throws -> [Int] {
        try store.read { try Int.fetchAll($0, sql: "SELECT DISTINCT fiscal_year FROM v_tax_rates ORDER BY 1") }
    }

    private static func fetch(_ db: Database, _ clause: String, _ args: StatementArguments) throws -> [TaxRateRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM v_tax_rates " + clause, arguments: args).map { r in
            TaxRateRow(municipality: r["municipality"], ags: r["ags"], fiscalYear: r["fiscal_year"], grundsteuerA: r["grundsteuer_a"],
                       grundsteuerB: r["grundsteuer_b"], gewerbesteuer: r["gewerbesteuer"], sourceFile: r["source_file"], sourceLine: r["source_line"])
        }
    }

    /// Whether the store holds a row of this key (AGS, else the name) and year from an earlier import.
    static func storedImport(_ db: Database, key: String, byAGS: Bool, year: Int64) throws -> Int64? {
        try Int64.fetchOne(db, sql: byAGS
            ? "SELECT importId FROM taxRate WHERE ags = ? AND fiscalYear = ? LIMIT 1"
            : "SELECT importId FROM taxRate WHERE ags IS NULL AND lower(municipality) = lower(?) AND fiscalYear = ? LIMIT 1",
            arguments: [key, year])
    }

    static func insert(_ db: Database, importId: Int64, line: Int, municipality: String, ags: String?, year: Int64,
                       a: Int64, b: Int64, gewerbesteuer: Int64) throws {
        try db.execute(sql: """
            INSERT INTO taxRate (importId, sourceLine, municipality, ags, fiscalYear, grundsteuerA, grundsteuerB, gewerbesteuer)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [importId, line, municipality, ags, year, a, b, gewerbesteuer])
    }
}
