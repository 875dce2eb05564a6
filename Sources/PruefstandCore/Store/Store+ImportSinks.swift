import GRDB

/// The SQL of an import (issue 18): its `importRun` row and rejected rows, the ledger's postings, monthly
/// totals and duplicate check, and the small kinds' tables. The importer and its sinks (Import/) bind and
/// step these; rows come back as records, never read by position.
enum ImportRunSQL {
    /// An import's row while it runs: a unique placeholder for its SHA-256 until the file is read.
    static let begin = """
        INSERT INTO importRun (kind, sourcePath, sha256, byteCount, mappingPath, mappingSha256, startedAt, finishedAt,
            rowsRead, rowsImported, rowsRejected, onError, engineVersion, source, mode, period)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?, ?)
        """
    static let finish = """
        UPDATE importRun SET sha256 = ?, finishedAt = ?, rowsRead = ?, rowsImported = ?, rowsRejected = ?,
            controlReadCents = ?, controlStoredCents = ?, controlFileTotalCents = ?, contentSha256 = ?, period = ? WHERE id = ?
        """
    static let insertReject = """
        INSERT INTO rejectedRow (importId, line, "column", field, value, reason, rawRecord, reasonDE) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let delete = "DELETE FROM importRun WHERE id = ?"
    static let identity = """
        UPDATE importRun SET identityMin = ?, identityMax = ?, postingIdFrom = ?, postingIdTo = (SELECT max(id) FROM posting) WHERE id = ?
        """

    /// The imports of a kind.
    static func ids(_ db: Database, kind: ImportKind) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM importRun WHERE kind = ?", arguments: [kind.rawValue])
    }
    /// The imports of a kind with these bytes.
    static func ids(_ db: Database, kind: ImportKind, sha256: String) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM importRun WHERE kind = ? AND sha256 = ?", arguments: [kind.rawValue, sha256])
    }
    /// The other imports of a kind with these normalised rows.
    static func ids(_ db: Database, kind: ImportKind, contentSha256: String, except importId: Int64) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM importRun WHERE kind = ? AND contentSha256 = ? AND id <> ?",
                           arguments: [kind.rawValue, contentSha256, importId])
    }

    /// An earlier import of the same content: its id, and whether it had the same bytes (else the same rows).
    struct Earlier { var id: Int64; var sameBytes: Bool }
    static func earlier(_ db: Database, kind: ImportKind, sha256: String, contentSha256: String, except importId: Int64) throws -> Earlier? {
        try Row.fetchOne(db, sql: """
            SELECT id, sha256 = ?1 AS bytes FROM importRun WHERE kind = ?3 AND (sha256 = ?1 OR contentSha256 = ?2) AND id <> ?4 ORDER BY id LIMIT 1
            """, arguments: [sha256, contentSha256, kind.rawValue, importId]).map { Earlier(id: $0["id"], sameBytes: $0["bytes"]) }
    }
}

/// The ledger's postings and what the import keeps beside them.
enum PostingSQL {
    /// A multi-row insert of `rows` postings (12 parameters each).
    static func insert(rows: Int) -> String {
        "INSERT INTO posting (importId, sourceLine, fiscalYear, postingDate, documentId, product, costCenter, account, description, vendor, amountCents, documentLine) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }
    /// A multi-row insert of `rows` monthly totals (7 parameters each).
    static func insertTotals(rows: Int) -> String {
        "INSERT INTO postingTotal (importId, fiscalYear, month, product, account, amountCents, postingCount) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }

    /// The largest posting id (0 for none): every posting of an import that holds the write lock lies above it.
    static func maxId(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM posting") ?? 0
    }

    /// The sum of an import's stored amounts, taken by SQL (independent of the importer's own count).
    static func storedCents(_ db: Database, importId: Int64, idsAbove: Int64) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amountCents), 0) FROM posting WHERE id > ? AND importId = ?", arguments: [idsAbove, importId]) ?? 0
    }

    /// What one scan of an import's stored postings yields (`scan`).
    struct ImportScan {
        /// The candidates that occur more than once, with all their lines, in the order of their first line.
        var repeated: [DuplicateKey]
        /// The sum of the stored amounts, as `storedCents` takes it: the control total.
        var storedCents: Int64
    }

    /// One scan of the import's stored postings for both things the import's tail reads from them: the
    /// document ids among `candidates` that occur more than once (each document id tested against the
    /// candidates' hashes first and then by its exact bytes; a B-tree probe per posting, as a join with a
    /// table of candidates does, costs several times more), and the sum of the stored amounts. The sum is
    /// the same read of the store as `storedCents` (the amounts SQLite holds, not the importer's count of
    /// the rows it handed over); one pass over the ~150 MB of a million postings instead of two.
    static func scan(_ db: Database, candidates: Set<String>, importId: Int64, idsAbove: Int64) throws -> ImportScan {
        var exact: [[UInt8]: String] = [:]
        var hashes = Set<UInt64>(minimumCapacity: candidates.count)
        // A bitmap of the candidates' hashes (about 16 bits per candidate) turns most document ids away
        // before the set's own hashing.
        var bitmapWords = 64
        while bitmapWords * 4 < candidates.count { bitmapWords <<= 1 }
        var bitmap = [UInt64](repeating: 0, count: bitmapWords)
        let wordMask = UInt64(bitmapWords - 1)
        for c in candidates {
            let bytes = Array(c.utf8)
            exact[bytes] = c
            let h = bytes.withUnsafeBytes { ByteHash.bytes($0) }
            hashes.insert(h)
            bitmap[Int((h >> 6) & wordMask)] |= 1 << (h & 63)
        }
        var lines: [String: [Int]] = [:]
        var sum: Int64 = 0
        let scan = try RawStatement(db, sql: "SELECT amountCents, documentId, sourceLine FROM posting WHERE id > ? AND importId = ?")
        scan.bind(1, idsAbove); scan.bind(2, importId)
        while try scan.nextRow() {
            // SQL's sum() stops with "integer overflow" past the 64-bit range; so does this one.
            let (s, overflow) = sum.addingReportingOverflow(scan.int64(0))
            guard !overflow else { throw PruefstandError.other("SQLite error: integer overflow in the sum of import \(importId)'s stored amounts") }
            sum = s
            guard !hashes.isEmpty else { continue }
            let doc = scan.bytes(1)
            let h = ByteHash.bytes(doc)
            guard bitmap[Int((h >> 6) & wordMask)] & (1 << (h & 63)) != 0, hashes.contains(h), let c = exact[Array(doc)] else { continue }
            lines[c, default: []].append(Int(scan.int64(2)))
        }
        let repeated = lines.filter { $0.value.count > 1 }
            .map { DuplicateKey(field: "document_id", value: $0.key, count: $0.value.count, lines: $0.value.sorted()) }
            .sorted { $0.lines[0] < $1.lines[0] }
        return ImportScan(repeated: repeated, storedCents: sum)
    }
}

/// The small kinds' tables (positions, vacancies, org units, cost centres, pay costs), keyed by an id.
/// The statements run once per row are taken from the connection's statement cache (prepared once per import).
enum KeyedSQL {
    /// The import that holds `key` in `table` (nil: none).
    static func importHolding(_ db: Database, table: String, keyColumn: String, key: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT importId FROM \(table) WHERE \(keyColumn) = ?"), arguments: [key])
    }
    static func exists(_ db: Database, table: String, keyColumn: String, key: String) throws -> Bool {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM \(table) WHERE \(keyColumn) = ?"), arguments: [key]) != nil
    }
    static func delete(_ db: Database, table: String, keyColumn: String, key: String, importId: Int64) throws {
        try db.execute(sql: "DELETE FROM \(table) WHERE \(keyColumn) = ? AND importId = ?", arguments: [key, importId])
    }
    static let insertPosition = """
        INSERT INTO position (positionId, importId, sourceLine, orgUnitId, supervisorId, title, function, payGrade, fteUnits, status, vacantSince, isLeadership, kldb)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertVacancy = """
        INSERT INTO vacancy (importId, sourceLine, positionId, expectedDate, reason, refillRequested, refillSource, filledDate)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let insertOrgUnit = "INSERT INTO orgUnit (orgUnitId, importId, sourceLine, name, parentId, category) VALUES (?, ?, ?, ?, ?, ?)"
    static let insertCostCenter = "INSERT INTO costCenter (costCenterId, importId, sourceLine, name, orgUnitId) VALUES (?, ?, ?, ?, ?)"
    static let insertPayCost = """
        INSERT INTO payCost (importId, sourceLine, fiscalYear, payGrade, annualSalaryCents, employerOnCostCents, source) VALUES (?, ?, ?, ?, ?, ?, ?)
        """
    /// The import that holds a pay grade's costs for a year (nil: none).
    static func payCostImport(_ db: Database, year: Int64, grade: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT importId FROM payCost WHERE fiscalYear = ? AND payGrade = ?"), arguments: [year, grade])
    }
    static func payCostCents(_ db: Database, importId: Int64) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(sum(annualSalaryCents), 0) FROM payCost WHERE importId = ?", arguments: [importId]) ?? 0
    }
    /// Vacancies whose position is not in the position plan (a replacement plan left it out): how many, and the
    /// first `limit` of their positions in id order.
    static func vacanciesWithoutPosition(_ db: Database, limit: Int) throws -> (vacancies: Int, positions: [String]) {
        let orphan = "FROM vacancy WHERE positionId NOT IN (SELECT positionId FROM position)"
        let count = try Int.fetchOne(db, sql: "SELECT count(*) \(orphan)") ?? 0
        guard count > 0 else { return (0, []) }
        return (count, try String.fetchAll(db, sql: "SELECT DISTINCT positionId \(orphan) ORDER BY positionId LIMIT ?", arguments: [limit]))
    }
}
